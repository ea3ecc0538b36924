import { quadraticCost } from "./mass.ts";
import type { EngineBallot, EngineMode } from "./types.ts";

/**
 * Why engine input was rejected.
 *
 * @example
 * ```ts
 * const code = "over-budget";
 * code; // => "over-budget"
 * ```
 */
export type EngineInputErrorCode =
  | "invalid-option"
  | "wrong-ballot-type"
  | "vote-count"
  | "negative-vote"
  | "over-budget"
  | "non-member-ballot"
  | "invalid-weight"
  | "cycle"
  | "too-deep"
  | "option-count"
  | "too-many-ballots";

/**
 * Fewest options a proposal can have.
 *
 * @example
 * ```ts
 * import { MIN_OPTION_COUNT } from "@plenum/sdk/engine";
 * MIN_OPTION_COUNT; // => 2
 * ```
 */
export const MIN_OPTION_COUNT = 2;

/**
 * Most options a proposal can have.
 *
 * @example
 * ```ts
 * import { MAX_OPTION_COUNT } from "@plenum/sdk/engine";
 * MAX_OPTION_COUNT; // => 32
 * ```
 */
export const MAX_OPTION_COUNT = 32;

/**
 * Thrown when a ballot or a tally input breaks the rules; `code` says which rule, `message` says it
 * in plain words, `members` lists the members involved (the voter, or the members on a cycle).
 *
 * @example
 * ```ts
 * import { EngineInputError, validateBallot } from "@plenum/sdk/engine";
 * try {
 *   validateBallot("quadratic", 2, 25n, { type: "quadratic", votes: [7n, 0n] });
 * } catch (error) {
 *   error instanceof EngineInputError; // => true
 *   error.code; // => "over-budget"
 *   error.message; // => "quadratic ballot costs 49 credits, you have 25"
 * }
 * ```
 */
export class EngineInputError extends Error {
  override readonly name = "EngineInputError";
  /** Which rule the input broke. */
  readonly code: EngineInputErrorCode;
  /** The members involved, in order (for a cycle, the members along it). */
  readonly members: readonly string[];

  constructor(code: EngineInputErrorCode, message: string, members: readonly string[] = []) {
    super(message);
    this.code = code;
    this.members = members;
  }
}

/**
 * Throws an `option-count` {@link EngineInputError} unless `optionCount` is an integer from 2 to 32.
 *
 * @example
 * ```ts
 * import { validateOptionCount } from "@plenum/sdk/engine";
 * validateOptionCount(3); // => undefined
 * ```
 */
export function validateOptionCount(optionCount: number): void {
  if (
    !Number.isInteger(optionCount) ||
    optionCount < MIN_OPTION_COUNT ||
    optionCount > MAX_OPTION_COUNT
  ) {
    throw new EngineInputError(
      "option-count",
      `a proposal has ${MIN_OPTION_COUNT} to ${MAX_OPTION_COUNT} options, not ${optionCount}`,
    );
  }
}

/**
 * Checks a ballot against the proposal's mode and options and the voter's weight, throwing an
 * {@link EngineInputError} that explains the first problem found.
 *
 * In quadratic mode `{ type: "abstain" }` is accepted and counts like an all-zero vector.
 *
 * @example
 * ```ts
 * import { validateBallot } from "@plenum/sdk/engine";
 * validateBallot("single", 2, 1n, { type: "option", option: 1 }); // => undefined
 * validateBallot("quadratic", 3, 25n, { type: "quadratic", votes: [3n, 4n, 0n] }); // => undefined
 * ```
 */
export function validateBallot(
  mode: EngineMode,
  optionCount: number,
  weight: bigint,
  ballot: EngineBallot,
): void {
  validateOptionCount(optionCount);
  switch (ballot.type) {
    case "abstain":
      return;
    case "option": {
      if (mode !== "single") {
        throw new EngineInputError(
          "wrong-ballot-type",
          "a quadratic proposal takes a vector of votes, one entry per option, not a single option",
        );
      }
      const { option } = ballot;
      if (!Number.isInteger(option) || option < 0 || option >= optionCount) {
        throw new EngineInputError(
          "invalid-option",
          `option ${option} does not exist: options are numbered 0 to ${optionCount - 1}`,
        );
      }
      return;
    }
    case "quadratic": {
      if (mode !== "quadratic") {
        throw new EngineInputError(
          "wrong-ballot-type",
          "a single-choice proposal takes one option or abstain, not a vector of votes",
        );
      }
      const { votes } = ballot;
      if (votes.length !== optionCount) {
        throw new EngineInputError(
          "vote-count",
          `quadratic ballot has ${votes.length} entries, the proposal has ${optionCount} options`,
        );
      }
      for (let i = 0; i < votes.length; i++) {
        const v = votes[i] as bigint;
        if (v < 0n) {
          throw new EngineInputError(
            "negative-vote",
            `quadratic ballot gives ${v} votes to option ${i}; votes cannot be negative`,
          );
        }
      }
      const cost = quadraticCost(votes);
      if (cost > weight) {
        throw new EngineInputError(
          "over-budget",
          `quadratic ballot costs ${cost} credits, you have ${weight}`,
        );
      }
      return;
    }
    default:
      throw new EngineInputError(
        "wrong-ballot-type",
        `unknown ballot type ${JSON.stringify((ballot as { type: unknown }).type)}`,
      );
  }
}

/**
 * Builds the `cycle` error for the members along a delegation cycle, in delegation order.
 *
 * @example
 * ```ts
 * import { cycleError } from "@plenum/sdk/engine";
 * cycleError(["a", "b"]).message; // => "delegations form a cycle (a -> b -> a); the graph must be a forest"
 * ```
 */
export function cycleError(cycle: readonly string[]): EngineInputError {
  const loop = [...cycle, cycle[0]].join(" -> ");
  return new EngineInputError(
    "cycle",
    `delegations form a cycle (${loop}); the graph must be a forest`,
    cycle,
  );
}
