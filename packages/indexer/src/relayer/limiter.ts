/** A token bucket: `capacity` requests at once, refilled evenly over `periodMs`. */
export interface RateLimit {
  capacity: number;
  periodMs: number;
}

/** The answer of a limiter: go ahead, or wait `retryAfterMs`. */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Takes one token from the bucket of `key`. */
export interface RateLimiter {
  take(key: string): Promise<LimitDecision>;
  /** Buckets held in memory (0 for a limiter that keeps none). */
  size(): number;
  /** Stops timers and closes connections. */
  close(): Promise<void>;
}

/** Options of {@link createMemoryLimiter}. */
export interface MemoryLimiterOptions extends RateLimit {
  /** Most buckets kept; past it the least recently used is dropped. 100,000 by default. */
  maxEntries?: number;
  /** Milliseconds between sweeps of full buckets; `periodMs` by default, 0 for none. */
  sweepIntervalMs?: number;
  /** The clock (milliseconds); `Date.now` by default. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets in a bounded map. A bucket that has refilled is the same as no bucket, so sweeps
 * drop those; when the map is full the least recently used bucket goes, which bounds memory under
 * a flood of distinct keys at the price of giving the oldest key a fresh bucket.
 * @example
 * const limiter = createMemoryLimiter({ capacity: 3, periodMs: 60_000 });
 * const decision = await limiter.take("n:123");
 * if (!decision.allowed) console.log(decision.retryAfterMs);
 */
export function createMemoryLimiter(options: MemoryLimiterOptions): RateLimiter & {
  /** Drops every bucket that has refilled; returns how many. */
  sweep(): number;
  /** The decision without a promise (what {@link RateLimiter.take} wraps). */
  takeSync(key: string): LimitDecision;
} {
  const { capacity, periodMs } = options;
  if (!(capacity >= 1) || !(periodMs > 0)) {
    throw new RangeError("a rate limit needs a capacity of at least 1 and a positive period");
  }
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const rate = capacity / periodMs; // tokens per millisecond
  // Invariant: insertion order is recency order (a touched key is deleted and re-inserted), and
  // buckets.size <= maxEntries.
  const buckets = new Map<string, Bucket>();

  const refilled = (bucket: Bucket, at: number) =>
    Math.min(capacity, bucket.tokens + Math.max(0, at - bucket.updatedAt) * rate);

  const takeSync = (key: string): LimitDecision => {
    const at = now();
    const existing = buckets.get(key);
    const tokens = existing ? refilled(existing, at) : capacity;
    if (existing) buckets.delete(key);
    else if (buckets.size >= maxEntries) {
      const oldest = buckets.keys().next();
      if (!oldest.done) buckets.delete(oldest.value);
    }
    if (tokens >= 1) {
      buckets.set(key, { tokens: tokens - 1, updatedAt: at });
      return { allowed: true };
    }
    buckets.set(key, { tokens, updatedAt: at });
    return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / rate) };
  };

  const sweep = () => {
    const at = now();
    let removed = 0;
    for (const [key, bucket] of buckets) {
      if (refilled(bucket, at) >= capacity) {
        buckets.delete(key);
        removed++;
      }
    }
    return removed;
  };

  const interval = options.sweepIntervalMs ?? periodMs;
  const timer = interval > 0 ? setInterval(sweep, interval) : undefined;
  timer?.unref();

  return {
    take: async (key) => takeSync(key),
    takeSync,
    sweep,
    size: () => buckets.size,
    close: async () => {
      if (timer) clearInterval(timer);
      buckets.clear();
    },
  };
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * Parses a rate limit written `<count>/<duration>`: `30/1m`, `3/60s`, `100/1h`, `10/500ms` (a bare
 * number is seconds).
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
  return { capacity, periodMs };
}
