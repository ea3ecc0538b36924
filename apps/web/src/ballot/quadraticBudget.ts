// The credits meter's numbers: what a quadratic allocation costs (the SDK's `quadraticCost`, Σ v²),
// what the member has (their weight at the snapshot) and, when it is too much, the SDK's own words.
import { errorMessages, quadraticCost } from "@plenum/sdk";
import type { Address } from "viem";

/** The meter's reading. */
export interface QuadraticBudget {
  cost: bigint;
  credits: bigint;
  left: bigint;
  over: boolean;
  /** Set when over budget: "quadratic ballot costs 49 credits, you have 25". */
  refusal: string | undefined;
}

/**
 * Reads the meter for `votes` against `credits`.
 * @example
 * quadraticBudget([3n, 4n], 25n, voter) // { cost: 25n, left: 0n, over: false, … }
 * quadraticBudget([7n, 0n], 25n, voter).refusal // "quadratic ballot costs 49 credits, you have 25"
 */
export function quadraticBudget(
  votes: readonly bigint[],
  credits: bigint,
  voter: Address,
): QuadraticBudget {
  const cost = quadraticCost(votes);
  const over = cost > credits;
  return {
    cost,
    credits,
    left: over ? 0n : credits - cost,
    over,
    refusal: over
      ? errorMessages.VotingQuadraticCreditsExceeded([voter, cost, credits], {})
      : undefined,
  };
}
