import { Redis } from "ioredis";
import type { Logger } from "../internal/logger.ts";
import {
  createMemoryLimiter,
  type LimitDecision,
  type RateLimit,
  type RateLimiter,
} from "./limiter.ts";

// One token bucket per key as a Redis hash { tokens, at }, updated atomically on Redis's own clock so
// replicas agree. The key expires once the bucket would be full again, so Redis holds only buckets
// that are in use.
const takeScript = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = capacity / tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1000)
return { allowed, retry }
`;

type TakeCommand = (key: string, capacity: number, periodMs: number) => Promise<[number, number]>;

/** Options of {@link createRedisLimiter}. */
export interface RedisLimiterOptions extends RateLimit {
  /** A connection made with {@link connectRedis} (shared by several limiters). */
  redis: Redis;
  /** Key prefix; each limiter needs its own (`plenum:relayer:client`, `plenum:relayer:subject`). */
  prefix: string;
  /** Used while Redis cannot be reached (so the relayer neither fails open nor closed). */
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
  redis.defineCommand("plenumTakeToken", { numberOfKeys: 1, lua: takeScript });
  return redis;
}

/**
 * Token buckets in Redis, shared by every relayer replica using the same Redis. While Redis fails,
 * the same limit is applied per process from memory.
 * @example
 * const redis = connectRedis("redis://127.0.0.1:6379", logger);
 * const limiter = createRedisLimiter({ redis, prefix: "plenum:relayer:subject", capacity: 3, periodMs: 60_000, logger, name: "subject" });
 */
export function createRedisLimiter(options: RedisLimiterOptions): RateLimiter {
  const { redis, prefix, capacity, periodMs, logger, name } = options;
  const fallback = createMemoryLimiter({
    capacity,
    periodMs,
    maxEntries: options.fallbackMaxEntries ?? 100_000,
  });
  const take = (redis as unknown as { plenumTakeToken: TakeCommand }).plenumTakeToken.bind(redis);
  let lastWarning = 0;
  return {
    async take(key): Promise<LimitDecision> {
      try {
        const [allowed, retryAfterMs] = await take(`${prefix}:${key}`, capacity, periodMs);
        return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs };
      } catch (error) {
        if (Date.now() - lastWarning > 10_000) {
          lastWarning = Date.now();
          // The error's name only: a message could quote the command, and so the key.
          logger.warn("rate limiter falls back to memory", {
            limiter: name,
            error: (error as Error).name,
          });
        }
        return fallback.take(key);
      }
    },
    size: () => fallback.size(),
    close: () => fallback.close(),
  };
}
