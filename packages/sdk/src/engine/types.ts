/**
 * How ballots turn into tallies: one option per voter (`single`) or a vector of votes priced
 * quadratically (`quadratic`).
 *
 * @example
 * ```ts
 * const mode = "quadratic";
 * mode; // => "quadratic"
 * ```
 */
export type EngineMode = "single" | "quadratic";

/**
 * One voter's current ballot: an option index, an explicit abstention, or a quadratic vector
 * (all zeros abstains).
 *
 * @example
 * ```ts
 * const ballots = [
 *   { type: "option", option: 1 },
 *   { type: "abstain" },
 *   { type: "quadratic", votes: [3n, 0n, 4n] },
 * ];
 * ballots.length; // => 3
 * ```
 */
export type EngineBallot =
  | { type: "option"; option: number }
  | { type: "abstain" }
  | { type: "quadratic"; votes: readonly bigint[] };

/**
 * Everything the tally depends on: the proposal's mode and option count, and the snapshot weights,
 * the snapshot delegation graph of the proposal's topic, and the current ballots.
 *
 * @example
 * ```ts
 * const input = {
 *   mode: "single",
 *   optionCount: 2,
 *   weights: new Map([["alice", 1n], ["bob", 1n]]),
 *   delegations: new Map([["alice", "bob"]]),
 *   ballots: new Map([["bob", { type: "option", option: 1 }]]),
 * };
 * input.weights.size; // => 2
 * ```
 */
export interface TallyInput<M extends string = string> {
  /** `single` or `quadratic`. */
  mode: EngineMode;
  /** Number of options, 2 to 32. */
  optionCount: number;
  /** Members at the snapshot and their weights (`>= 1`); an absent or zero weight is not a member. */
  weights: ReadonlyMap<M, bigint>;
  /**
   * Delegator -> delegate in the proposal's topic at the snapshot. A delegate that is not a member
   * stops the weight there (uncounted); entries whose delegator is not a member are ignored.
   */
  delegations: ReadonlyMap<M, M>;
  /** Current ballots, voter -> ballot. Every voter must be a member. */
  ballots: ReadonlyMap<M, EngineBallot>;
}

/**
 * The tally at one moment: per-option totals, abstentions, participation, total mass, and who
 * carries whom.
 *
 * @example
 * ```ts
 * const result = {
 *   tallies: [0n, 2n],
 *   abstain: 0n,
 *   participation: 2n,
 *   totalMass: 2n,
 *   carried: new Map([["bob", 2n]]),
 *   target: new Map([["alice", "bob"], ["bob", "bob"]]),
 * };
 * result.participation <= result.totalMass; // => true
 * ```
 */
export interface TallyResult<M extends string = string> {
  /** Per option: carried mass (single) or votes scaled by 10^9 (quadratic). */
  tallies: bigint[];
  /** Carried mass of abstaining voters. */
  abstain: bigint;
  /** Σ carried mass over all voters. */
  participation: bigint;
  /** Σ mass over all members at the snapshot. */
  totalMass: bigint;
  /** Voter -> carried mass `R` (their own mass plus everyone they carry). */
  carried: Map<M, bigint>;
  /** Every member -> the voter that carries them (themselves if they voted), or `null`. */
  target: Map<M, M | null>;
}

/**
 * The tally of an anonymous proposal: one per current ballot, for its option or for abstain.
 *
 * @example
 * ```ts
 * const result = { tallies: [1n, 2n], abstain: 1n, participation: 4n, totalMass: 10n };
 * result.participation === result.tallies[0] + result.tallies[1] + result.abstain; // => true
 * ```
 */
export interface AnonymousTallyResult {
  /** Per option: the number of current ballots for it. */
  tallies: bigint[];
  /** The number of current abstentions. */
  abstain: bigint;
  /** The number of current ballots (Σ tallies + abstain). */
  participation: bigint;
  /** The identities in the group the proposal recorded at creation. */
  totalMass: bigint;
}
