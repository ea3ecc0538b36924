// The same limits on both stores: in memory, and in the real Redis on 127.0.0.1:6379 (REDIS_URL to
// use another; the Redis cases are skipped if none answers).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisReachable, redisUrl } from "../../test/redis.ts";
import { createLogger } from "../internal/logger.ts";
import { createMemoryLimiter, type RateLimit, type RateLimiter } from "./rateLimiter.ts";
import { connectRedis, createRedisLimiter } from "./rateLimiterRedis.ts";

const url = redisUrl;
const available = await redisReachable();
const lines: string[] = [];
const logger = createLogger({ level: "debug", sink: (line) => lines.push(line) });
const prefix = `plenum:test:${randomBytes(6).toString("hex")}`;
let redis: ReturnType<typeof connectRedis> | undefined;
let limiters = 0;

const stores: [string, boolean, (limit: RateLimit) => RateLimiter][] = [
  ["memory", true, (limit) => createMemoryLimiter({ ...limit, sweepIntervalMs: 0 })],
  [
    "redis",
    available,
    (limit) =>
      createRedisLimiter({
        redis: redis as NonNullable<typeof redis>,
        prefix: `${prefix}:${limiters++}`,
        ...limit,
        logger,
        name: "subject",
      }),
  ],
];

beforeAll(async () => {
  if (!available) return;
  redis = connectRedis(url, logger);
  if (redis.status !== "ready") await new Promise((resolve) => redis?.once("ready", resolve));
});

afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe.each(stores)("the %s store", (_name, enabled, create) => {
  it.skipIf(!enabled)(
    "take() allows 5 of 8 requests in a 60 s window, and asks for at most 60 s",
    async () => {
      const limiter = create({ capacity: 5, periodMs: 60_000 });
      const decisions: boolean[] = [];
      let retryAfterMs = 0;
      for (let i = 0; i < 8; i++) {
        const decision = await limiter.take("c:client");
        decisions.push(decision.allowed);
        if (!decision.allowed) retryAfterMs = decision.retryAfterMs;
      }
      expect(decisions).toEqual([true, true, true, true, true, false, false, false]);
      expect(retryAfterMs).toBeGreaterThan(0);
      expect(retryAfterMs).toBeLessThanOrEqual(60_000);
      // Another key has its own window.
      expect(await limiter.take("c:other")).toEqual({ allowed: true });
      await limiter.close();
    },
  );

  it.skipIf(!enabled)("take() allows exactly `capacity` of 50 requests at once", async () => {
    const limiter = create({ capacity: 10, periodMs: 60_000 });
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.take("n:burst")));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    await limiter.close();
  });

  it.skipIf(!enabled)("take() opens a new window once the last one closed", async () => {
    const limiter = create({ capacity: 1, periodMs: 1000 });
    expect((await limiter.take("v:voter")).allowed).toBe(true);
    expect((await limiter.take("v:voter")).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiter.take("v:voter")).allowed).toBe(true);
    await limiter.close();
  });
});

describe("createRedisLimiter's fallback", () => {
  it("keeps at most fallbackMaxEntries keys in memory while Redis is unreachable", async () => {
    const dead = connectRedis("redis://127.0.0.1:1", logger);
    const limiter = createRedisLimiter({
      redis: dead,
      prefix: "plenum:test:dead",
      capacity: 1,
      periodMs: 60_000,
      fallbackMaxEntries: 100,
      logger,
      name: "client",
    });
    for (let i = 0; i < 300; i++) await limiter.take(`c:${i}`);
    expect(limiter.size()).toBe(100);
    expect((await limiter.take("c:299")).allowed).toBe(false);
    await limiter.close();
    dead.disconnect();
  });
});
