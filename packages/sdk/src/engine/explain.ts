import { quadraticMass } from "./mass.ts";
import type { TallyInput } from "./types.ts";
import { cycleError, EngineInputError } from "./validate.ts";

/**
 * Where one member's mass goes in the tally: their own vote, a voter up their delegation chain,
 * nowhere (and why), or nowhere because they are not a member. `mass` is always the member's own
 * mass (`w`, or `isqrt(w · 10^18)` in quadratic mode), not the carrier's total.
 *
 * `path` runs from the member up the chain: to the carrier inclusive when counted; when uncounted,
 * to the last member of the chain, followed by the non-member delegate it ends at, if any.
 *
 * @example
 * ```ts
 * const explanation = { kind: "carried", member: "alice", path: ["alice", "bob"], carrier: "bob", mass: 1n };
 * explanation.path.at(-1) === explanation.carrier; // => true
 * ```
 */
export type Explanation<M> =
  | { kind: "voted"; member: M; path: [M]; carrier: M; mass: bigint }
  | { kind: "carried"; member: M; path: M[]; carrier: M; mass: bigint }
  | {
      kind: "uncounted";
      member: M;
      path: M[];
      reason: "no-voter-on-chain" | "chain-ends-at-non-member";
      mass: bigint;
    }
  | { kind: "not-a-member"; member: M };

/**
 * Explains where `member`'s mass goes, agreeing with {@link tally}'s `target` for that member.
 *
 * Walks only the member's own chain (O(depth)), so it checks that chain for cycles but does not
 * validate the rest of the input the way `tally()` does.
 *
 * @example
 * ```ts
 * import { explain } from "@plenum/sdk/engine";
 * const input = {
 *   mode: "single",
 *   optionCount: 2,
 *   weights: new Map([["alice", 1n], ["bob", 1n], ["carol", 1n]]),
 *   delegations: new Map([["alice", "bob"], ["bob", "carol"]]),
 *   ballots: new Map([["carol", { type: "option", option: 0 }]]),
 * };
 * explain(input, "alice").kind; // => "carried"
 * explain(input, "alice").path; // => ["alice", "bob", "carol"]
 * explain(input, "dave").kind; // => "not-a-member"
 * ```
 */
export function explain<M extends string>(input: TallyInput<M>, member: M): Explanation<M> {
  const { mode, weights, delegations, ballots } = input;
  const weight = weights.get(member) ?? 0n;
  if (weight === 0n) return { kind: "not-a-member", member };
  if (weight < 0n) {
    throw new EngineInputError(
      "invalid-weight",
      `${member} has weight ${weight}; weights are 1 or more (0 means not a member)`,
      [member],
    );
  }
  const mass = mode === "quadratic" ? quadraticMass(weight) : weight;
  if (ballots.has(member)) return { kind: "voted", member, path: [member], carrier: member, mass };

  const path: M[] = [member];
  const seen = new Set<M>(path);
  for (let node = member; ; ) {
    const next = delegations.get(node);
    if (next === undefined)
      return { kind: "uncounted", member, path, reason: "no-voter-on-chain", mass };
    if ((weights.get(next) ?? 0n) <= 0n) {
      path.push(next);
      return { kind: "uncounted", member, path, reason: "chain-ends-at-non-member", mass };
    }
    if (seen.has(next)) throw cycleError(path.slice(path.indexOf(next)));
    path.push(next);
    seen.add(next);
    if (ballots.has(next)) return { kind: "carried", member, path, carrier: next, mass };
    node = next;
  }
}
