import { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../internal/logger.ts";
import {
  checkRateLimit,
  createMemoryLimiter,
  type LimitDecision,
  type RateLimit,
  type RateLimiter,
} from "./rateLimiter.ts";

/** Options of {@link createRedisLimiter}. */
export interface RedisLimiterOptions extends RateLimit {
  /** A connection made with {@link connectRedis} (shared by several limiters). */
  redis: Redis;
  /** Key prefix; each limiter needs its own (`plenum:relayer:client`, `plenum:relayer:subject`). */
  prefix: string;
  /** Most keys the in-memory fallback keeps. */
  fallbackMaxEntries?: number;
  logger: Logger;
  /** Which limiter this is, for the log line when Redis fails ("client" or "subject"; never a key). */
  name: string;
}

/** Opens the Redis connection the limiters share: fails fast instead of queueing while disconnected. */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let lastWarning = 0;
  redis.on("error", (error: Error) => {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    logger.warn("redis error", { error: error.message });
  });
  return redis;
}

/**
 * Waits until `redis` is ready for commands, at most `timeoutMs`; resolves whether it is. Limiters
 * used before that take from their in-memory fallback, so a service waits for this before it listens.
 * @example
 * if (!(await redisReady(redis, 3_000))) logger.warn("redis is not ready");
 */
export async function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(redis.status === "ready"), timeoutMs);
    redis.on("ready", onReady);
  });
}

/**
 * A limiter in Redis, shared by every replica using the same Redis: rate-limiter-flexible's
 * `RateLimiterRedis` counts each key's window atomically in one Lua script, under
 * `<prefix>:<key>`, and Redis expires the key when its window closes. While Redis fails (or is not
 * connected yet), the same limit is applied per process from memory, so the limiter neither fails
 * open nor closed, and a warning names the limiter but never the key. (The library's own
 * `insuranceLimiter` does the same silently and without a bound on its keys.)
 * @example
 * const redis = connectRedis("redis://127.0.0.1:6379", logger);
 * const limiter = createRedisLimiter({ redis, prefix: "plenum:relayer:subject", capacity: 3, periodMs: 60_000, logger, name: "subject" });
 */
export function createRedisLimiter(options: RedisLimiterOptions): RateLimiter {
  checkRateLimit(options);
  const { redis, prefix, capacity, periodMs, logger, name } = options;
  const store = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: prefix,
    points: capacity,
    duration: periodMs / 1000,
    rejectIfRedisNotReady: true,
  });
  const fallback = createMemoryLimiter({
    capacity,
    periodMs,
    maxEntries: options.fallbackMaxEntries ?? 100_000,
  });
  let lastWarning = 0;
  return {
    async take(key): Promise<LimitDecision> {
      try {
        await store.consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterMs: rejection.msBeforeNext };
        }
        if (Date.now() - lastWarning > 10_000) {
          lastWarning = Date.now();
          // The error's name only: a message could quote the command, and so the key.
          logger.warn("rate limiter falls back to memory", {
            limiter: name,
            error: (rejection as Error).name,
          });
        }
        return fallback.take(key);
      }
    },
    size: () => fallback.size(),
    close: () => fallback.close(),
  };
}
