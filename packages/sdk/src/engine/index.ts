/**
 * The pure tally engine: the tally of SPEC.md as a function of snapshot weights, snapshot
 * delegations and current ballots, with ballot validation and per-member explanations. No
 * dependencies; all arithmetic is bigint.
 *
 * @example
 * ```ts
 * import { tally } from "@plenum/sdk/engine";
 * const { tallies } = tally({
 *   mode: "quadratic",
 *   optionCount: 2,
 *   weights: new Map([["a", 4n], ["b", 16n]]),
 *   delegations: new Map([["a", "b"]]),
 *   ballots: new Map([["b", { type: "quadratic", votes: [4n, 0n] }]]),
 * });
 * tallies; // => [6_000_000_000n, 0n]
 * ```
 *
 * @module
 */
export { anonymousTally } from "./anonymous.ts";
export { type Explanation, explain } from "./explain.ts";
export { assertMaxDepth, maxChainLength } from "./graph.ts";
export { createIncrementalTally, type IncrementalTally } from "./incremental.ts";
export { isqrt, QUADRATIC_SCALE, quadraticCost, quadraticMass } from "./mass.ts";
export { type TallyOutcome, tallyOutcome, tallyWinner } from "./outcome.ts";
export { tally } from "./tally.ts";
export type {
  AnonymousTallyResult,
  EngineBallot,
  EngineMode,
  TallyInput,
  TallyResult,
} from "./types.ts";
export {
  cycleError,
  EngineInputError,
  type EngineInputErrorCode,
  MAX_OPTION_COUNT,
  MIN_OPTION_COUNT,
  validateBallot,
  validateOptionCount,
} from "./validate.ts";
