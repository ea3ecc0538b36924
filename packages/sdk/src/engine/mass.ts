/**
 * 10^9: quadratic masses and tallies are √weight and votes scaled by this factor.
 *
 * @example
 * ```ts
 * import { QUADRATIC_SCALE } from "@plenum/sdk/engine";
 * QUADRATIC_SCALE; // => 1_000_000_000n
 * ```
 */
export const QUADRATIC_SCALE = 1_000_000_000n;

/** 10^18 = QUADRATIC_SCALE²: the factor applied to a weight before its square root is taken. */
const WEIGHT_SCALE = QUADRATIC_SCALE * QUADRATIC_SCALE;

// Below 2^100 a double's square root is off by far less than one unit from the true root, so a
// couple of ±1 corrections make it exact; above it, Newton's method finishes the job.
const FLOAT_EXACT_LIMIT = 1n << 100n;

/**
 * Floor square root of a non-negative bigint, exact for any size.
 *
 * @example
 * ```ts
 * import { isqrt } from "@plenum/sdk/engine";
 * isqrt(48n); // => 6n
 * isqrt(10n ** 40n); // => 10n ** 20n
 * ```
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`isqrt of a negative number: ${n}`);
  if (n < 2n) return n;
  if (n < FLOAT_EXACT_LIMIT) {
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x -= 1n;
    while ((x + 1n) * (x + 1n) <= n) x += 1n;
    return x;
  }
  // Start above the root, then Newton's iteration decreases monotonically to floor(√n). The start
  // is √ of the top 52–53 bits, rounded up, shifted back: within a factor 1 + 2^-25 of the root.
  const shift = (n.toString(2).length - 52) & ~1;
  const top = Number(n >> BigInt(shift));
  let x = (BigInt(Math.ceil(Math.sqrt(top))) + 1n) << BigInt(shift / 2);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * Quadratic mass of a member: `isqrt(weight · 10^18)`, i.e. √weight scaled by 10^9.
 *
 * @example
 * ```ts
 * import { quadraticMass } from "@plenum/sdk/engine";
 * quadraticMass(4n); // => 2_000_000_000n
 * quadraticMass(2n); // => 1_414_213_562n
 * ```
 */
export function quadraticMass(weight: bigint): bigint {
  return isqrt(weight * WEIGHT_SCALE);
}

/**
 * Voice credits a quadratic ballot costs: Σ v².
 *
 * @example
 * ```ts
 * import { quadraticCost } from "@plenum/sdk/engine";
 * quadraticCost([3n, 0n, 4n]); // => 25n
 * ```
 */
export function quadraticCost(votes: readonly bigint[]): bigint {
  let cost = 0n;
  for (const v of votes) cost += v * v;
  return cost;
}

// Quadratic masses of weights below this are cached by array index.
const SMALL_WEIGHT = 1n << 16n;

/**
 * quadraticMass() memoised per weight: members often share a weight, and isqrt of a 70-bit number
 * costs more than a lookup. Small weights are cached by array index (bigint-keyed map lookups are
 * slower), the rest in a map.
 */
export function cachedQuadraticMass(): (weight: bigint) => bigint {
  const small: bigint[] = [];
  const large = new Map<bigint, bigint>();
  return (weight) => {
    if (weight >= SMALL_WEIGHT) {
      let m = large.get(weight);
      if (m === undefined) {
        m = quadraticMass(weight);
        large.set(weight, m);
      }
      return m;
    }
    const key = Number(weight);
    let m = small[key];
    if (m === undefined) {
      m = quadraticMass(weight);
      small[key] = m;
    }
    return m;
  };
}
