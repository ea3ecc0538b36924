import {
  addShare,
  ballotVoter,
  CHAIN_END,
  internMembers,
  parentsOf,
  resolveTargets,
  UNCOUNTED,
} from "./forest.ts";
import type { EngineBallot, TallyInput, TallyResult } from "./types.ts";
import { validateOptionCount } from "./validate.ts";

/** The totals of a tally: what `tally` returns without the per-member maps. */
type Totals = Pick<TallyResult, "tallies" | "abstain" | "participation" | "totalMass">;

/**
 * A tally kept up to date ballot by ballot on a fixed snapshot (see {@link createIncrementalTally}).
 *
 * @example
 * ```ts
 * import { createIncrementalTally } from "@plenum/sdk/engine";
 * const live = createIncrementalTally({
 *   mode: "single",
 *   optionCount: 2,
 *   weights: new Map([["alice", 1n], ["bob", 2n]]),
 *   delegations: new Map([["alice", "bob"]]),
 *   ballots: new Map(),
 * });
 * live.set("bob", { type: "option", option: 0 });
 * live.totals().tallies; // => [3n, 0n]
 * ```
 */
export interface IncrementalTally<M extends string = string> {
  /** The current ballots, in the order a `Map` given the same `set`s and `delete`s keeps them. */
  readonly ballots: ReadonlyMap<M, EngineBallot>;
  /**
   * Casts or replaces `voter`'s ballot, checked as {@link tally} checks it (nothing changes when it
   * throws). O(chain depth + optionCount).
   */
  set(voter: M, ballot: EngineBallot): void;
  /** Retracts `voter`'s ballot; false (and nothing changes) if they had none. O(depth + optionCount). */
  delete(voter: M): boolean;
  /** Per-option totals, abstain, participation and total mass now. O(optionCount). */
  totals(): Totals;
  /** Everything {@link tally} returns for the current ballots, equal to it. O(members). */
  result(): TallyResult<M>;
}

/**
 * A tally that follows ballots one at a time, equal after every step to {@link tally} of the same
 * snapshot and the current ballots (the engine's tests check it on the shared vectors and on random
 * ballot sequences), at a cost per ballot bounded by the chain depth instead of the member count.
 *
 * It keeps, on the fixed snapshot forest, every member's subtree mass and `absorbed` mass (carried
 * by voters below them), as SPEC.md's guidance for the contracts describes: a new voter `d` carries
 * `R(d) = subtree(d) − absorbed(d)`; walking up to the first voter above (adding `R(d)` to
 * `absorbed` on the way) moves `R(d)` out of that voter's share. A retraction walks the same way
 * back; a changed ballot only moves `d`'s own share. The input's weights and delegations are read
 * once (validated like {@link tally}: same errors); its ballots are copied.
 *
 * @example
 * ```ts
 * import { createIncrementalTally, tally } from "@plenum/sdk/engine";
 * const input = {
 *   mode: "quadratic",
 *   optionCount: 2,
 *   weights: new Map([["a", 4n], ["b", 16n], ["c", 9n]]),
 *   delegations: new Map([["a", "b"], ["b", "c"]]),
 *   ballots: new Map([["c", { type: "quadratic", votes: [0n, 3n] }]]),
 * };
 * const live = createIncrementalTally(input);
 * live.set("b", { type: "quadratic", votes: [4n, 0n] });
 * live.totals().tallies; // => [6_000_000_000n, 3_000_000_000n]
 * live.delete("b"); // => true
 * live.totals().tallies; // => tally(input).tallies
 * ```
 */
export function createIncrementalTally<M extends string>(
  input: TallyInput<M>,
): IncrementalTally<M> {
  const { mode, optionCount, weights, delegations } = input;
  validateOptionCount(optionCount);
  const { index, ids, mass, n, totalMass } = internMembers(weights, mode);
  const parent = parentsOf(index, delegations, n);
  const ballots = new Map<M, EngineBallot>();
  // ballot[i]: member i's current ballot, or undefined. Invariant: i is a key of `ballots` exactly
  // when ballot[i] is defined, with the same ballot.
  const ballot: (EngineBallot | undefined)[] = new Array(n).fill(undefined);
  input.ballots.forEach((b, voter) => {
    const i = ballotVoter(index, weights, mode, optionCount, voter, b);
    ballot[i] = b;
    ballots.set(voter, b);
  });
  const voted = (i: number) => ballot[i] !== undefined;
  // Also checks the forest for cycles, as tally() does, with the same walk.
  const { order } = resolveTargets(parent, voted, ids);

  // Invariants: subtree[i] = Σ mass over the members whose chain passes through i (i included);
  // absorbed[i] = Σ carried[v] over the voters v strictly below i; for a voter d,
  // carried[d] = subtree[d] − absorbed[d] (R(d): the mass of the members whose target is d).
  const subtree = mass.slice();
  const absorbed: bigint[] = new Array<bigint>(n).fill(0n);
  const carried: bigint[] = new Array<bigint>(n).fill(0n);
  // `order` has every member after its parent: backwards, children come first, so a member's
  // subtree and absorbed masses are complete when it is reached.
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k] as number;
    const sub = subtree[i] as bigint;
    let held = absorbed[i] as bigint;
    if (voted(i)) {
      carried[i] = sub - held;
      held = sub;
    }
    const p = parent[i] as number;
    if (p !== CHAIN_END) {
      subtree[p] = (subtree[p] as bigint) + sub;
      absorbed[p] = (absorbed[p] as bigint) + held;
    }
  }

  const tallies: bigint[] = new Array<bigint>(optionCount).fill(0n);
  let abstain = 0n;
  let participation = 0n;
  /** Adds voter i's share at its current carried mass to the totals, or takes it back. */
  const share = (i: number, remove: boolean) => {
    const r = carried[i] as bigint;
    participation += remove ? -r : r;
    abstain += addShare(tallies, ballot[i] as EngineBallot, r, mass[i] as bigint, remove);
  };
  /** Moves `delta` of carried mass into the first voter strictly above i (if any), `absorbed` on the way. */
  const climb = (i: number, delta: bigint) => {
    for (let p = parent[i] as number; p !== CHAIN_END; p = parent[p] as number) {
      absorbed[p] = (absorbed[p] as bigint) + delta;
      if (ballot[p] !== undefined) {
        share(p, true);
        carried[p] = (carried[p] as bigint) - delta;
        share(p, false);
        return;
      }
    }
  };
  for (let i = 0; i < n; i++) if (voted(i)) share(i, false);
  const totals = (): Totals => ({
    tallies: tallies.slice(),
    abstain,
    participation,
    totalMass,
  });

  return {
    ballots,
    set(voter, b) {
      const i = ballotVoter(index, weights, mode, optionCount, voter, b);
      if (ballot[i] !== undefined) {
        share(i, true);
        ballot[i] = b;
        share(i, false);
      } else {
        const r = (subtree[i] as bigint) - (absorbed[i] as bigint);
        climb(i, r);
        ballot[i] = b;
        carried[i] = r;
        share(i, false);
      }
      ballots.set(voter, b);
    },
    delete(voter) {
      const i = index.get(voter);
      if (i === undefined || ballot[i] === undefined) return false;
      share(i, true);
      climb(i, -(carried[i] as bigint));
      ballot[i] = undefined;
      carried[i] = 0n;
      ballots.delete(voter);
      return true;
    },
    totals,
    result() {
      const byVoter = new Map<M, bigint>();
      ballots.forEach((_, voter) => {
        byVoter.set(voter, carried[index.get(voter) as number] as bigint);
      });
      // Parents come first in `order`, so a member's parent has its target when it is reached.
      const target = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const i = order[k] as number;
        const p = parent[i] as number;
        target[i] = voted(i) ? i : p === CHAIN_END ? UNCOUNTED : (target[p] as number);
      }
      const targets = new Map<M, M | null>();
      for (let i = 0; i < n; i++) {
        const t = target[i] as number;
        targets.set(ids[i] as M, t === UNCOUNTED ? null : (ids[t] as M));
      }
      return { ...totals(), carried: byVoter, target: targets };
    },
  };
}
