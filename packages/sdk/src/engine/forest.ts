// What both tallies share (tally.ts from scratch, incremental.ts step by step): members interned to
// 0..n-1 with their masses, each member's parent, the checks on ballots, the walk that resolves every
// member's carrier (and finds cycles), and what a voter's ballot adds to the totals. One copy of
// these rules, two users.
import { cachedQuadraticMass, QUADRATIC_SCALE } from "./mass.ts";
import type { EngineBallot, EngineMode } from "./types.ts";
import { cycleError, EngineInputError, validateBallot } from "./validate.ts";

/**
 * parent[i] when member i delegates to nobody, or to someone who is not a member. Both end the
 * chain without a voter; explain() tells them apart, the tallies do not need to.
 */
export const CHAIN_END = -1;
/** target[i] when no voter carries member i. */
export const UNCOUNTED = -1;
// Walk states (a fresh Uint8Array starts every member at 0, unvisited): on the chain being walked
// now, or target resolved.
const ON_PATH = 1;
const RESOLVED = 2;

/** Members (weight >= 1) interned to 0..n-1 in the weights' order, with their masses. */
export interface InternedMembers<M> {
  /** member -> index. tally() overwrites the entries with carriers in place (see there). */
  index: Map<M, number>;
  ids: M[];
  mass: bigint[];
  n: number;
  totalMass: bigint;
}

/** Interns the members; throws `invalid-weight` for a negative weight (0 means not a member). */
export function internMembers<M extends string>(
  weights: ReadonlyMap<M, bigint>,
  mode: EngineMode,
): InternedMembers<M> {
  const index = new Map<M, number>();
  const ids: M[] = new Array<M>(weights.size);
  const mass: bigint[] = new Array<bigint>(weights.size);
  const massOf = mode === "quadratic" ? cachedQuadraticMass() : (weight: bigint) => weight;
  let n = 0;
  let totalMass = 0n;
  weights.forEach((weight, member) => {
    if (weight <= 0n) {
      if (weight === 0n) return;
      throw new EngineInputError(
        "invalid-weight",
        `${member} has weight ${weight}; weights are 1 or more (0 means not a member)`,
        [member],
      );
    }
    const m = massOf(weight);
    index.set(member, n);
    ids[n] = member;
    mass[n] = m;
    n++;
    totalMass += m;
  });
  return { index, ids, mass, n, totalMass };
}

/** parent[i] for every member; a delegator that is not a member carries no weight and is ignored. */
export function parentsOf<M extends string>(
  index: ReadonlyMap<M, number>,
  delegations: ReadonlyMap<M, M>,
  n: number,
): Int32Array {
  const parent = new Int32Array(n).fill(CHAIN_END);
  delegations.forEach((to, from) => {
    const i = index.get(from);
    if (i !== undefined) parent[i] = index.get(to) ?? CHAIN_END;
  });
  return parent;
}

/**
 * The member index of a ballot's voter, after checking the ballot: `non-member-ballot` for a voter
 * without weight at the snapshot, else whatever `validateBallot` finds.
 */
export function ballotVoter<M extends string>(
  index: ReadonlyMap<M, number>,
  weights: ReadonlyMap<M, bigint>,
  mode: EngineMode,
  optionCount: number,
  voter: M,
  ballot: EngineBallot,
): number {
  const i = index.get(voter);
  if (i === undefined) {
    throw new EngineInputError(
      "non-member-ballot",
      `${voter} has a ballot but is not a member at the snapshot`,
      [voter],
    );
  }
  validateBallot(mode, optionCount, weights.get(voter) as bigint, ballot);
  return i;
}

/**
 * Resolves every member's target: the first member up its chain (itself included) for which
 * `voted` holds, or UNCOUNTED. Each walk climbs until it meets a resolved member or the end of the
 * chain, then assigns targets back down the path; so every member is visited once overall. The
 * walk does not stop at voters, so that every cycle among members is found (a `cycle` error),
 * whoever voted. `order` lists the members as resolved: every member after its parent.
 */
export function resolveTargets<M extends string>(
  parent: Int32Array,
  voted: (i: number) => boolean,
  ids: readonly M[],
): { target: Int32Array; order: Int32Array } {
  const n = parent.length;
  const target = new Int32Array(n);
  const order = new Int32Array(n);
  const state = new Uint8Array(n);
  const path = new Int32Array(n);
  let resolved = 0;
  for (let start = 0; start < n; start++) {
    if (state[start] === RESOLVED) continue;
    let length = 0;
    let node = start;
    let above: number;
    for (;;) {
      if (node === CHAIN_END) {
        above = UNCOUNTED;
        break;
      }
      const s = state[node];
      if (s === RESOLVED) {
        above = target[node] as number;
        break;
      }
      if (s === ON_PATH) {
        const cycle = Array.from(path.subarray(path.indexOf(node), length), (k) => ids[k] as M);
        throw cycleError(cycle);
      }
      state[node] = ON_PATH;
      path[length++] = node;
      node = parent[node] as number;
    }
    while (length > 0) {
      const k = path[--length] as number;
      if (voted(k)) above = k;
      target[k] = above;
      state[k] = RESOLVED;
      order[resolved++] = k;
    }
  }
  return { target, order };
}

/**
 * Adds (or with `remove`, takes back) the share of a voter carrying `r`, whose own mass is `own`, to
 * `tallies` in place; returns what it adds to (or takes from) abstain. Single: `r` to the option, or
 * to abstain. Quadratic: `floor(v_i · r · 10^9 / own)` to each option, floored per voter as the
 * contracts do (the voter's own share is exactly v · 10^9, and each delegator follows the allocation
 * scaled to their own budget); an all-zero vector abstains.
 */
export function addShare(
  tallies: bigint[],
  ballot: EngineBallot,
  r: bigint,
  own: bigint,
  remove: boolean,
): bigint {
  if (ballot.type === "abstain") return remove ? -r : r;
  if (ballot.type === "option") {
    const o = ballot.option;
    tallies[o] = (tallies[o] as bigint) + (remove ? -r : r);
    return 0n;
  }
  const { votes } = ballot;
  const scaled = r * QUADRATIC_SCALE;
  let abstained = true;
  for (let o = 0; o < votes.length; o++) {
    const v = votes[o] as bigint;
    if (v !== 0n) {
      abstained = false;
      const share = (v * scaled) / own;
      tallies[o] = (tallies[o] as bigint) + (remove ? -share : share);
    }
  }
  return abstained ? (remove ? -r : r) : 0n;
}
