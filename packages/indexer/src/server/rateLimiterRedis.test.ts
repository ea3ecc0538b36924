// Against the real Redis on 127.0.0.1:6379 (REDIS_URL to use another); skipped if none answers.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisReachable, redisUrl } from "../../test/redis.ts";
import { createLogger } from "../internal/logger.ts";
import { connectRedis, createRedisLimiter } from "./rateLimiterRedis.ts";

const url = redisUrl;
const available = await redisReachable();
const lines: string[] = [];
const logger = createLogger({ level: "debug", sink: (line) => lines.push(line) });
const prefix = `plenum:test:${randomBytes(6).toString("hex")}`;
let redis: ReturnType<typeof connectRedis>;

describe.skipIf(!available)("createRedisLimiter", () => {
  beforeAll(async () => {
    redis = connectRedis(url, logger);
    // Commands fail fast while disconnected (no offline queue), so wait for the connection.
    if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("take() allows `capacity` per key in a window, then answers with the time until it closes", async () => {
    const limiter = createRedisLimiter({
      redis,
      prefix: `${prefix}:subject`,
      capacity: 3,
      periodMs: 60_000,
      logger,
      name: "subject",
    });
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.take("n:abc"));
    expect(decisions.slice(0, 3)).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    const last = decisions[3] as { allowed: false; retryAfterMs: number };
    expect(last.allowed).toBe(false);
    expect(last.retryAfterMs).toBeGreaterThan(59_000);
    expect(last.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await limiter.take("n:def")).toEqual({ allowed: true });
    await limiter.close();
  });

  it("keeps each limiter under its own prefix, and lets keys expire when their window closes", async () => {
    const client = createRedisLimiter({
      redis,
      prefix: `${prefix}:client`,
      capacity: 1,
      periodMs: 2_000,
      logger,
      name: "client",
    });
    const subject = createRedisLimiter({
      redis,
      prefix: `${prefix}:subject2`,
      capacity: 1,
      periodMs: 2_000,
      logger,
      name: "subject",
    });
    expect(await client.take("same")).toEqual({ allowed: true });
    expect(await subject.take("same")).toEqual({ allowed: true });
    expect((await client.take("same")).allowed).toBe(false);
    // One counter per key and prefix, and nothing else: no timestamps, no shared key.
    expect(await redis.get(`${prefix}:client:same`)).toBe("2");
    expect(await redis.get(`${prefix}:subject2:same`)).toBe("1");
    expect((await redis.keys(`${prefix}:*same*`)).sort()).toEqual([
      `${prefix}:client:same`,
      `${prefix}:subject2:same`,
    ]);
    const ttl = await redis.pttl(`${prefix}:client:same`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2_000);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await client.take("same")).toEqual({ allowed: true });
  });

  it("shares counts between replicas (two connections, one limit)", async () => {
    const other = connectRedis(url, logger);
    await new Promise((resolve) => other.once("ready", resolve));
    try {
      const options = { prefix: `${prefix}:shared`, capacity: 2, periodMs: 60_000, logger };
      const a = createRedisLimiter({ ...options, redis, name: "subject" });
      const b = createRedisLimiter({ ...options, redis: other, name: "subject" });
      expect(await a.take("v:1")).toEqual({ allowed: true });
      expect(await b.take("v:1")).toEqual({ allowed: true });
      expect((await a.take("v:1")).allowed).toBe(false);
      expect((await b.take("v:1")).allowed).toBe(false);
    } finally {
      await other.quit();
    }
  });
});

describe("createRedisLimiter without Redis", () => {
  it("falls back to the same limit in memory and logs no key", async () => {
    const dead = connectRedis("redis://127.0.0.1:1", logger);
    const limiter = createRedisLimiter({
      redis: dead,
      prefix: "plenum:test:dead",
      capacity: 2,
      periodMs: 60_000,
      logger,
      name: "subject",
    });
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push((await limiter.take("n:secret-nullifier")).allowed);
    expect(decisions).toEqual([true, true, false]);
    expect(lines.join("\n")).toContain("rate limiter falls back to memory");
    expect(lines.join("\n")).not.toContain("secret-nullifier");
    await limiter.close();
    dead.disconnect();
  });
});
