import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryLimiter, parseRateLimit } from "./rateLimiter.ts";

describe("createMemoryLimiter", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("take() allows `capacity` in a window, then refuses with the time until the window closes", async () => {
    const limiter = createMemoryLimiter({ capacity: 3, periodMs: 60_000 });
    const first = [];
    for (let i = 0; i < 3; i++) first.push((await limiter.take("a")).allowed);
    expect(first).toEqual([true, true, true]);
    expect(await limiter.take("a")).toEqual({ allowed: false, retryAfterMs: 60_000 });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(await limiter.take("a")).toEqual({ allowed: false, retryAfterMs: 1 });
    await vi.advanceTimersByTimeAsync(1);
    // A new window opens at the next request.
    expect((await limiter.take("a")).allowed).toBe(true);
    expect((await limiter.take("a")).allowed).toBe(true);
    expect((await limiter.take("a")).allowed).toBe(true);
    expect(await limiter.take("a")).toEqual({ allowed: false, retryAfterMs: 60_000 });
    await limiter.close();
  });

  it("take() keeps keys apart", async () => {
    const limiter = createMemoryLimiter({ capacity: 1, periodMs: 1000, sweepIntervalMs: 0 });
    expect((await limiter.take("a")).allowed).toBe(true);
    expect((await limiter.take("a")).allowed).toBe(false);
    expect((await limiter.take("b")).allowed).toBe(true);
    await limiter.close();
  });

  it("take() never allows more than capacity however long a key waited", async () => {
    const limiter = createMemoryLimiter({ capacity: 2, periodMs: 1000 });
    await limiter.take("a");
    await limiter.take("a");
    await vi.advanceTimersByTimeAsync(10_000);
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push((await limiter.take("a")).allowed);
    expect(decisions).toEqual([true, true, false]);
    await limiter.close();
  });

  it("sweep() forgets keys whose window closed; they start a fresh one", async () => {
    const limiter = createMemoryLimiter({ capacity: 2, periodMs: 1000, sweepIntervalMs: 0 });
    await limiter.take("a");
    await vi.advanceTimersByTimeAsync(500);
    await limiter.take("b");
    await limiter.take("b");
    await vi.advanceTimersByTimeAsync(500);
    expect(limiter.sweep()).toBe(1); // a's window closed, b's has 500 ms left
    expect(limiter.size()).toBe(1);
    expect((await limiter.take("b")).allowed).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(limiter.sweep()).toBe(1);
    expect(limiter.size()).toBe(0);
    expect((await limiter.take("b")).allowed).toBe(true);
    await limiter.close();
  });

  it("close() forgets every key", async () => {
    const limiter = createMemoryLimiter({ capacity: 1, periodMs: 60_000 });
    await limiter.take("a");
    await limiter.close();
    expect(limiter.size()).toBe(0);
    expect((await limiter.take("a")).allowed).toBe(true);
  });
});

describe("createMemoryLimiter under a flood", () => {
  it("take() holds at most maxEntries keys under a flood, dropping the least recent", async () => {
    const limiter = createMemoryLimiter({
      capacity: 1,
      periodMs: 3_600_000,
      maxEntries: 1000,
      sweepIntervalMs: 0,
    });
    await limiter.take("victim");
    for (let i = 0; i < 100_000; i++) await limiter.take(`flood-${i}`);
    expect(limiter.size()).toBe(1000);
    // The most recent keys are still limited; the oldest was forgotten and starts afresh.
    expect((await limiter.take("flood-99999")).allowed).toBe(false);
    expect((await limiter.take("victim")).allowed).toBe(true);
    expect(limiter.size()).toBe(1000);
    await limiter.close();
  });

  it("createMemoryLimiter() refuses a zero capacity, a zero period or one in fractions of a second", () => {
    expect(() => createMemoryLimiter({ capacity: 0, periodMs: 1000 })).toThrow(RangeError);
    expect(() => createMemoryLimiter({ capacity: 1, periodMs: 0 })).toThrow(RangeError);
    expect(() => createMemoryLimiter({ capacity: 1, periodMs: 1500 })).toThrow(RangeError);
    expect(() => createMemoryLimiter({ capacity: 1.5, periodMs: 1000 })).toThrow(RangeError);
  });
});

describe("parseRateLimit", () => {
  it("parseRateLimit() reads count/duration with units", () => {
    expect(parseRateLimit("3/1m")).toEqual({ capacity: 3, periodMs: 60_000 });
    expect(parseRateLimit("30/60s")).toEqual({ capacity: 30, periodMs: 60_000 });
    expect(parseRateLimit("100/1h")).toEqual({ capacity: 100, periodMs: 3_600_000 });
    expect(parseRateLimit("10/2000ms")).toEqual({ capacity: 10, periodMs: 2000 });
    expect(parseRateLimit("5/10")).toEqual({ capacity: 5, periodMs: 10_000 });
    expect(parseRateLimit("5/m")).toEqual({ capacity: 5, periodMs: 60_000 });
  });

  it("parseRateLimit() refuses anything else", () => {
    for (const bad of [
      "",
      "3",
      "3/",
      "/1m",
      "0/1m",
      "3/0s",
      "-1/1m",
      "3/1d",
      "3 per minute",
      "10/500ms",
      "10/1500ms",
    ]) {
      expect(() => parseRateLimit(bad), bad).toThrow(RangeError);
    }
  });
});
