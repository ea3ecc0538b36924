import { QUADRATIC_SCALE, quadraticMass } from "./mass.ts";
import type { EngineBallot, TallyInput, TallyResult } from "./types.ts";
import { cycleError, EngineInputError, validateBallot, validateOptionCount } from "./validate.ts";

// parent[i] when member i delegates to nobody, or to someone who is not a member. Both end the
// chain without a voter; explain() tells them apart, the tally does not need to.
const CHAIN_END = -1;
// target[i] when no voter carries member i.
const UNCOUNTED = -1;
// Walk states (a fresh Uint8Array starts every member at 0, unvisited): on the chain being walked
// now, or target resolved.
const ON_PATH = 1;
const RESOLVED = 2;
// Quadratic masses of weights below this are cached by array index.
const SMALL_WEIGHT = 1n << 16n;

/**
 * quadraticMass() memoised per weight: members often share a weight, and isqrt of a 70-bit number
 * costs more than a lookup. Small weights are cached by array index (bigint-keyed map lookups are
 * slower), the rest in a map.
 */
function cachedQuadraticMass(): (weight: bigint) => bigint {
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
  const quadratic = mode === "quadratic";

  // Intern members (weight >= 1) to 0..n-1. The map that holds member -> index is later
  // overwritten in place with member -> target and returned: at 100k members, hash-map inserts
  // dominate the run time, and updating existing keys is cheaper than filling a second map.
  const index = new Map<M, number | M | null>();
  const ids: M[] = new Array<M>(weights.size);
  const mass: bigint[] = new Array<bigint>(weights.size);
  const massOf = quadratic ? cachedQuadraticMass() : (weight: bigint) => weight;
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
  const indexOf = index as Map<M, number>;

  // Edges from members; a delegator that is not a member carries no weight and is ignored.
  const parent = new Int32Array(n).fill(CHAIN_END);
  delegations.forEach((to, from) => {
    const i = indexOf.get(from);
    if (i !== undefined) parent[i] = indexOf.get(to) ?? CHAIN_END;
  });

  // Voters, in ballot order; slot[i] is member i's position among them, or -1.
  const slot = new Int32Array(n).fill(-1);
  const voters: number[] = [];
  const voterBallots: EngineBallot[] = [];
  ballots.forEach((ballot, voter) => {
    const i = indexOf.get(voter);
    if (i === undefined) {
      throw new EngineInputError(
        "non-member-ballot",
        `${voter} has a ballot but is not a member at the snapshot`,
        [voter],
      );
    }
    validateBallot(mode, optionCount, weights.get(voter) as bigint, ballot);
    slot[i] = voters.length;
    voters.push(i);
    voterBallots.push(ballot);
  });

  // Resolve every member's target. Each walk climbs until it meets a resolved member or the end of
  // the chain, then assigns targets back down the path; so every member is visited once overall.
  // The walk does not stop at voters, so that every cycle among members is found, whoever voted.
  const target = new Int32Array(n);
  const state = new Uint8Array(n);
  const path = new Int32Array(n);
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
      if ((slot[k] as number) >= 0) above = k;
      target[k] = above;
      state[k] = RESOLVED;
    }
  }

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
    if (ballot.type === "option") {
      tallies[ballot.option] = (tallies[ballot.option] as bigint) + r;
    } else if (ballot.type === "abstain") {
      abstain += r;
    } else {
      // Floor per voter, as the contracts do: the voter's own share is exactly v · 10^9, and each
      // delegator follows the allocation scaled to their own budget. An all-zero vector abstains.
      const { votes } = ballot;
      const own = mass[d] as bigint;
      const scaled = r * QUADRATIC_SCALE;
      let abstained = true;
      for (let o = 0; o < optionCount; o++) {
        const v = votes[o] as bigint;
        if (v !== 0n) {
          abstained = false;
          tallies[o] = (tallies[o] as bigint) + (v * scaled) / own;
        }
      }
      if (abstained) abstain += r;
    }
  }

  // Overwrite each member's index with their carrier; the map keeps the weights' member order.
  const targets = index as Map<M, M | null>;
  for (let i = 0; i < n; i++) {
    const t = target[i] as number;
    targets.set(ids[i] as M, t === UNCOUNTED ? null : (ids[t] as M));
  }

  return { tallies, abstain, participation, totalMass, carried, target: targets };
}
