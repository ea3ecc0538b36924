import type { AnonymousTallyResult, EngineBallot } from "./types.ts";
import { EngineInputError, validateOptionCount } from "./validate.ts";

/**
 * Computes the tally of an anonymous proposal (SPEC.md, "Anonymous ballots"): every current ballot
 * counts 1 for its option or for abstain, `participation` is the number of ballots, and
 * `totalMass` is the number of identities in the group the proposal recorded at creation.
 *
 * `ballots` holds the current ballot of each nullifier (a later ballot with the same nullifier has
 * already replaced the earlier one, and retracted ones are gone). Throws an
 * {@link EngineInputError} for a quadratic or out-of-range ballot, a bad option count, a negative
 * group size, or more ballots than identities (each identity has one nullifier per proposal).
 *
 * @example
 * ```ts
 * import { anonymousTally } from "@plenum/sdk/engine";
 * const result = anonymousTally(
 *   new Map([
 *     [11n, { type: "option", option: 1 }],
 *     [22n, { type: "option", option: 1 }],
 *     [33n, { type: "abstain" }],
 *   ]),
 *   5n,
 *   2,
 * );
 * result.tallies; // => [0n, 2n]
 * result.abstain; // => 1n
 * result.participation; // => 3n
 * result.totalMass; // => 5n
 * ```
 */
export function anonymousTally<N>(
  ballots: ReadonlyMap<N, EngineBallot>,
  identities: bigint,
  optionCount: number,
): AnonymousTallyResult {
  validateOptionCount(optionCount);
  if (identities < 0n) {
    throw new EngineInputError("invalid-weight", `a group cannot hold ${identities} identities`);
  }
  if (BigInt(ballots.size) > identities) {
    throw new EngineInputError(
      "too-many-ballots",
      `${ballots.size} anonymous ballots, but the group holds only ${identities} identities`,
    );
  }
  const tallies: bigint[] = new Array<bigint>(optionCount).fill(0n);
  let abstain = 0n;
  ballots.forEach((ballot, nullifier) => {
    if (ballot.type === "abstain") {
      abstain += 1n;
      return;
    }
    if (ballot.type !== "option") {
      throw new EngineInputError(
        "wrong-ballot-type",
        "an anonymous proposal takes one option or abstain, not a vector of votes",
        [String(nullifier)],
      );
    }
    const { option } = ballot;
    if (!Number.isInteger(option) || option < 0 || option >= optionCount) {
      throw new EngineInputError(
        "invalid-option",
        `option ${option} does not exist: options are numbered 0 to ${optionCount - 1}`,
        [String(nullifier)],
      );
    }
    tallies[option] = (tallies[option] as bigint) + 1n;
  });
  return {
    tallies,
    abstain,
    participation: BigInt(ballots.size),
    totalMass: identities,
  };
}
