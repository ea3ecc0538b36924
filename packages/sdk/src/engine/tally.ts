import {
  addShare,
  ballotVoter,
  internMembers,
  parentsOf,
  resolveTargets,
  UNCOUNTED,
} from "./forest.ts";
import type { EngineBallot, TallyInput, TallyResult } from "./types.ts";
import { validateOptionCount } from "./validate.ts";

/**
 * Computes the tally of a proposal from its snapshot weights, snapshot delegation graph and current
 * ballots, exactly as SPEC.md defines it.
 *
 * Each member's target is the first voter on its delegation chain; voters carry the mass of the
 * members targeting them. Runs in O(members + delegations + ballots · optionCount) time: member ids
 * are interned to integers and chains are resolved once each, iteratively (no recursion), with every
 * member on a walked path memoised. Throws an {@link EngineInputError} for a ballot from a
 * non-member, an invalid ballot, a negative weight, a bad option count, or a delegation cycle among
 * members.
 *
 * @example
 * ```ts
 * import { tally } from "@plenum/sdk/engine";
 * const result = tally({
 *   mode: "single",
 *   optionCount: 2,
 *   weights: new Map([["alice", 1n], ["bob", 2n], ["carol", 4n]]),
 *   delegations: new Map([["alice", "bob"]]),
 *   ballots: new Map([["bob", { type: "option", option: 1 }]]),
 * });
 * result.tallies; // => [0n, 3n]
 * result.participation; // => 3n
 * result.totalMass; // => 7n
 * result.target.get("alice"); // => "bob"
 * result.target.get("carol"); // => null
 * ```
 */
export function tally<M extends string>(input: TallyInput<M>): TallyResult<M> {
  const { mode, optionCount, weights, delegations, ballots } = input;
  validateOptionCount(optionCount);
  // Intern members (weight >= 1) to 0..n-1. The map that holds member -> index is later
  // overwritten in place with member -> target and returned: at 100k members, hash-map inserts
  // dominate the run time, and updating existing keys is cheaper than filling a second map.
  const { index, ids, mass, n, totalMass } = internMembers(weights, mode);
  const parent = parentsOf(index, delegations, n);

  // Voters, in ballot order; slot[i] is member i's position among them, or -1.
  const slot = new Int32Array(n).fill(-1);
  const voters: number[] = [];
  const voterBallots: EngineBallot[] = [];
  ballots.forEach((ballot, voter) => {
    const i = ballotVoter(index, weights, mode, optionCount, voter, ballot);
    slot[i] = voters.length;
    voters.push(i);
    voterBallots.push(ballot);
  });

  const { target } = resolveTargets(parent, (k) => (slot[k] as number) >= 0, ids);

  // R(d) = Σ mass over members targeting d.
  const carriedBySlot: bigint[] = new Array<bigint>(voters.length).fill(0n);
  for (let i = 0; i < n; i++) {
    const t = target[i] as number;
    if (t !== UNCOUNTED) {
      const s = slot[t] as number;
      carriedBySlot[s] = (carriedBySlot[s] as bigint) + (mass[i] as bigint);
    }
  }

  const tallies: bigint[] = new Array<bigint>(optionCount).fill(0n);
  let abstain = 0n;
  let participation = 0n;
  const carried = new Map<M, bigint>();
  for (let s = 0; s < voters.length; s++) {
    const d = voters[s] as number;
    const r = carriedBySlot[s] as bigint;
    const ballot = voterBallots[s] as EngineBallot;
    participation += r;
    carried.set(ids[d] as M, r);
    abstain += addShare(tallies, ballot, r, mass[d] as bigint, false);
  }

  // Overwrite each member's index with their carrier; the map keeps the weights' member order.
  const targets = index as unknown as Map<M, M | null>;
  for (let i = 0; i < n; i++) {
    const t = target[i] as number;
    targets.set(ids[i] as M, t === UNCOUNTED ? null : (ids[t] as M));
  }

  return { tallies, abstain, participation, totalMass, carried, target: targets };
}
