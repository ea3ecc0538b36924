import { describe, expect, it } from "vitest";
import { isqrt, QUADRATIC_SCALE, quadraticCost, quadraticMass } from "./mass.ts";

/** Floor square root by bisection: slow, obviously right. */
function referenceIsqrt(n: bigint): bigint {
  let lo = 0n;
  let hi = n + 1n;
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (mid * mid <= n) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Deterministic 32-bit PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBigInt(random: () => number, bits: number): bigint {
  let n = 0n;
  for (let i = 0; i < bits; i += 32) n = (n << 32n) | BigInt(Math.floor(random() * 2 ** 32));
  return n >> BigInt((32 - (bits % 32)) % 32);
}

describe("isqrt()", () => {
  it("isqrt() returns known roots", () => {
    const known: [bigint, bigint][] = [
      [0n, 0n],
      [1n, 1n],
      [2n, 1n],
      [3n, 1n],
      [4n, 2n],
      [8n, 2n],
      [9n, 3n],
      [99n, 9n],
      [100n, 10n],
      [2n * 10n ** 18n, 1_414_213_562n],
      [3n * 10n ** 18n, 1_732_050_807n],
      [10n ** 21n, 31_622_776_601n],
      [2n ** 64n - 1n, 2n ** 32n - 1n],
      [2n ** 64n, 2n ** 32n],
      [2n ** 256n - 1n, 2n ** 128n - 1n],
      [10n ** 100n, 10n ** 50n],
      [2n * 10n ** 100n, 141421356237309504880168872420969807856967187537694n],
    ];
    for (const [n, root] of known) expect(isqrt(n), `isqrt(${n})`).toBe(root);
  });

  it("isqrt() is exact around perfect squares of every size", () => {
    const roots: bigint[] = [];
    for (let k = 1n; k < 5000n; k++) roots.push(k);
    for (let bits = 20; bits <= 2100; bits += 7) {
      roots.push((1n << BigInt(bits)) - 1n, 1n << BigInt(bits), (1n << BigInt(bits)) + 1n);
      roots.push(
        10n ** BigInt(Math.floor(bits / 3.33)) - 1n,
        10n ** BigInt(Math.floor(bits / 3.33)),
      );
    }
    // Roots near 2^26 and 2^50, where float square roots start and stop being exact.
    for (let d = -3n; d <= 3n; d++) roots.push((1n << 26n) + d, (1n << 50n) + d, 94906265n + d);
    const wrong: string[] = [];
    for (const k of roots) {
      const square = k * k;
      if (isqrt(square) !== k) wrong.push(`isqrt(${k}²)`);
      if (isqrt(square - 1n) !== k - 1n) wrong.push(`isqrt(${k}² - 1)`);
      if (isqrt(square + 1n) !== k) wrong.push(`isqrt(${k}² + 1)`);
      if (isqrt(square + 2n * k) !== k) wrong.push(`isqrt((${k} + 1)² - 1)`);
    }
    expect(wrong).toEqual([]);
  });

  it("isqrt() agrees with bisection on random numbers up to 256 bits", () => {
    const random = prng(7);
    for (let i = 0; i < 1000; i++) {
      const n = randomBigInt(random, 1 + Math.floor(random() * 256));
      expect(isqrt(n), `isqrt(${n})`).toBe(referenceIsqrt(n));
    }
  });

  it("isqrt() satisfies r² <= n < (r + 1)² on random numbers up to 8192 bits", () => {
    const random = prng(11);
    for (let i = 0; i < 1000; i++) {
      const n = randomBigInt(random, 1 + Math.floor(random() * 8192));
      const r = isqrt(n);
      expect(r * r <= n && n < (r + 1n) * (r + 1n), `isqrt(${n}) = ${r}`).toBe(true);
    }
  });

  it("isqrt() rejects a negative number", () => {
    expect(() => isqrt(-1n)).toThrow(RangeError);
  });
});

describe("quadraticMass()", () => {
  it("quadraticMass() is √weight scaled by 10^9, floored", () => {
    expect(quadraticMass(1n)).toBe(QUADRATIC_SCALE);
    expect(quadraticMass(2n)).toBe(1_414_213_562n);
    expect(quadraticMass(7n)).toBe(2_645_751_311n);
    expect(quadraticMass(100n)).toBe(10n * QUADRATIC_SCALE);
    expect(quadraticMass(1000n)).toBe(31_622_776_601n);
    expect(quadraticMass(2n ** 64n - 1n)).toBe(4_294_967_295_999_999_999n);
  });
});

describe("quadraticCost()", () => {
  it("quadraticCost() sums the squares", () => {
    expect(quadraticCost([])).toBe(0n);
    expect(quadraticCost([0n, 0n])).toBe(0n);
    expect(quadraticCost([7n, 0n])).toBe(49n);
    expect(quadraticCost([1n, 2n, 3n])).toBe(14n);
    expect(quadraticCost([2n ** 32n - 1n])).toBe((2n ** 32n - 1n) ** 2n);
  });
});
