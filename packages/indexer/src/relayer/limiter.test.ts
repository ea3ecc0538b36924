import { describe, expect, it } from "vitest";
import { createMemoryLimiter, parseRateLimit } from "./limiter.ts";

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("createMemoryLimiter", () => {
  it("take() allows a burst of `capacity`, then refuses with the time until the next token", () => {
    const time = clock();
    const limiter = createMemoryLimiter({ capacity: 3, periodMs: 60_000, now: time.now });
    expect([1, 2, 3].map(() => limiter.takeSync("a").allowed)).toEqual([true, true, true]);
    expect(limiter.takeSync("a")).toEqual({ allowed: false, retryAfterMs: 20_000 });
    time.advance(19_999);
    expect(limiter.takeSync("a").allowed).toBe(false);
    time.advance(1);
    expect(limiter.takeSync("a").allowed).toBe(true);
    expect(limiter.takeSync("a").allowed).toBe(false);
  });

  it("take() keeps keys apart", async () => {
    const limiter = createMemoryLimiter({ capacity: 1, periodMs: 1000, sweepIntervalMs: 0 });
    expect((await limiter.take("a")).allowed).toBe(true);
    expect((await limiter.take("a")).allowed).toBe(false);
    expect((await limiter.take("b")).allowed).toBe(true);
    await limiter.close();
  });

  it("take() refills continuously up to capacity, never beyond", () => {
    const time = clock();
    const limiter = createMemoryLimiter({ capacity: 2, periodMs: 1000, now: time.now });
    limiter.takeSync("a");
    limiter.takeSync("a");
    time.advance(10_000);
    expect([1, 2, 3].map(() => limiter.takeSync("a").allowed)).toEqual([true, true, false]);
  });

  it("sweep() drops refilled buckets, which behave like new ones", () => {
    const time = clock();
    const limiter = createMemoryLimiter({
      capacity: 2,
      periodMs: 1000,
      now: time.now,
      sweepIntervalMs: 0,
    });
    limiter.takeSync("a");
    limiter.takeSync("b");
    limiter.takeSync("b");
    time.advance(500);
    expect(limiter.sweep()).toBe(1); // a is full again, b is not
    expect(limiter.size()).toBe(1);
    time.advance(500);
    expect(limiter.sweep()).toBe(1);
    expect(limiter.size()).toBe(0);
  });

  it("take() holds at most maxEntries buckets under a flood of keys, dropping the least recent", () => {
    const limiter = createMemoryLimiter({
      capacity: 1,
      periodMs: 3_600_000,
      maxEntries: 1000,
      sweepIntervalMs: 0,
    });
    limiter.takeSync("victim");
    for (let i = 0; i < 100_000; i++) limiter.takeSync(`flood-${i}`);
    expect(limiter.size()).toBe(1000);
    // The most recent keys are still limited.
    expect(limiter.takeSync("flood-99999").allowed).toBe(false);
  });

  it("createMemoryLimiter() refuses a zero capacity or period", () => {
    expect(() => createMemoryLimiter({ capacity: 0, periodMs: 1000 })).toThrow(RangeError);
    expect(() => createMemoryLimiter({ capacity: 1, periodMs: 0 })).toThrow(RangeError);
  });
});

describe("parseRateLimit", () => {
  it("parseRateLimit() reads count/duration with units", () => {
    expect(parseRateLimit("3/1m")).toEqual({ capacity: 3, periodMs: 60_000 });
    expect(parseRateLimit("30/60s")).toEqual({ capacity: 30, periodMs: 60_000 });
    expect(parseRateLimit("100/1h")).toEqual({ capacity: 100, periodMs: 3_600_000 });
    expect(parseRateLimit("10/500ms")).toEqual({ capacity: 10, periodMs: 500 });
    expect(parseRateLimit("5/10")).toEqual({ capacity: 5, periodMs: 10_000 });
    expect(parseRateLimit("5/m")).toEqual({ capacity: 5, periodMs: 60_000 });
  });

  it("parseRateLimit() refuses anything else", () => {
    for (const bad of ["", "3", "3/", "/1m", "0/1m", "3/0s", "-1/1m", "3/1d", "3 per minute"]) {
      expect(() => parseRateLimit(bad), bad).toThrow(RangeError);
    }
  });
});
