import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * A rate limit: at most `capacity` requests per key in a window of `periodMs`, which opens at the
 * key's first request (rate-limiter-flexible's fixed window). `periodMs` is whole seconds, as the
 * Redis store counts in seconds.
 */
export interface RateLimit {
  capacity: number;
  periodMs: number;
}

/** The answer of a limiter: go ahead, or wait `retryAfterMs` (until the key's window closes). */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts one request against `key`'s limit. */
export interface RateLimiter {
  take(key: string): Promise<LimitDecision>;
  /** Keys held in memory (the fallback's, for a Redis limiter). */
  size(): number;
  /** Stops timers and forgets every key. */
  close(): Promise<void>;
}

/** Refuses a limit the library cannot hold exactly: no capacity, or a period not in whole seconds. */
export function checkRateLimit({ capacity, periodMs }: RateLimit): void {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new RangeError("a rate limit needs a whole capacity of at least 1");
  }
  if (!Number.isSafeInteger(periodMs) || periodMs < 1000 || periodMs % 1000 !== 0) {
    throw new RangeError("a rate limit's period is a whole number of seconds, at least 1");
  }
}

/** Options of {@link createMemoryLimiter}. */
export interface MemoryLimiterOptions extends RateLimit {
  /** Most keys kept; past it the least recently used is forgotten. 100,000 by default. */
  maxEntries?: number;
  /** Milliseconds between sweeps of closed windows from the key index; `periodMs` by default, 0 for none. */
  sweepIntervalMs?: number;
}

/**
 * A limiter in this process's memory: rate-limiter-flexible's `RateLimiterMemory` does the counting
 * and forgets a key when its window closes. The library sets no bound on the number of keys, so
 * this keeps them in recency order and, past `maxEntries`, deletes the least recently used one from
 * the library's store: a flood of distinct keys costs bounded memory, and at worst the oldest key
 * starts a fresh window.
 * @example
 * const limiter = createMemoryLimiter({ capacity: 3, periodMs: 60_000 });
 * const decision = await limiter.take("n:123");
 * if (!decision.allowed) console.log(decision.retryAfterMs);
 */
export function createMemoryLimiter(options: MemoryLimiterOptions): RateLimiter & {
  /** Forgets every key whose window has closed; returns how many. */
  sweep(): number;
} {
  checkRateLimit(options);
  const { capacity, periodMs } = options;
  const maxEntries = options.maxEntries ?? 100_000;
  if (!(maxEntries >= 1)) throw new RangeError("maxEntries must be at least 1");
  const store = new RateLimiterMemory({ points: capacity, duration: periodMs / 1000 });
  // Invariant: insertion order is recency order (a touched key is deleted and re-inserted), each
  // value is when the key's window closes, and keys.size <= maxEntries. The library's store holds
  // no key that is not here (evictions delete from both), though it may drop one sooner.
  const keys = new Map<string, number>();

  const take = async (key: string): Promise<LimitDecision> => {
    if (keys.has(key)) keys.delete(key);
    else if (keys.size >= maxEntries) {
      const oldest = keys.keys().next();
      if (!oldest.done) {
        keys.delete(oldest.value);
        // Synchronous in the library (it resolves a promise it already settled), so the two stay in step.
        void store.delete(oldest.value);
      }
    }
    const at = Date.now();
    keys.set(key, at + periodMs);
    try {
      const res = await store.consume(key);
      // A deleted key's entry is not put back by a take that was in flight.
      if (keys.has(key)) keys.set(key, at + res.msBeforeNext);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      if (keys.has(key)) keys.set(key, at + rejection.msBeforeNext);
      return { allowed: false, retryAfterMs: rejection.msBeforeNext };
    }
  };

  const sweep = () => {
    const at = Date.now();
    let removed = 0;
    for (const [key, closesAt] of keys) {
      if (closesAt <= at) {
        keys.delete(key);
        removed++;
      }
    }
    return removed;
  };

  const interval = options.sweepIntervalMs ?? periodMs;
  const timer = interval > 0 ? setInterval(sweep, interval) : undefined;
  timer?.unref();

  return {
    take,
    sweep,
    size: () => keys.size,
    close: async () => {
      if (timer) clearInterval(timer);
      // Deleting clears the library's expiry timer of each key.
      await Promise.all([...keys.keys()].map((key) => store.delete(key)));
      keys.clear();
    },
  };
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * Parses a rate limit written `<count>/<duration>`: `30/1m`, `3/60s`, `100/1h`, `5/10` (a bare
 * number is seconds). The duration is whole seconds (`2000ms` is fine, `500ms` is not).
 * @example
 * parseRateLimit("3/1m"); // { capacity: 3, periodMs: 60000 }
 */
export function parseRateLimit(text: string): RateLimit {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})?\s*(ms|s|min|m|h)?\s*$/.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) {
    throw new RangeError(`"${text}" is not a rate limit like 30/1m, 3/60s or 100/1h`);
  }
  const capacity = Number(match[1]);
  const periodMs = Number(match[2] ?? 1) * (units[match[3] ?? "s"] ?? 1000);
  if (capacity < 1 || periodMs < 1) {
    throw new RangeError(`"${text}" needs a count and a period of at least 1`);
  }
  if (periodMs % 1000 !== 0) {
    throw new RangeError(`"${text}" needs a period of whole seconds`);
  }
  return { capacity, periodMs };
}
