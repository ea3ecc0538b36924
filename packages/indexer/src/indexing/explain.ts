// On-demand explanations at a revision: where a member's mass goes (the SDK's `explain`), and whom a
// voter carries. Computed from the same logs and the same recount as the revision itself.
import {
  buildProposalState,
  type CommunityLog,
  type Explanation,
  explain,
  quadraticMass,
  tally,
} from "@plenum/sdk";
import { type Address, getAddress } from "viem";

/**
 * `explain` for `member` in `proposalId` after block `atBlock`: the path to the voter who carries
 * them, or why nobody does. Public proposals only (anonymous ballots carry no one).
 *
 * @example
 * ```ts
 * const logs = await loadCommunityLogs(store.db, community, revision.blockNumber);
 * const why = explainMember(logs, 1n, "0xf39F…", revision.blockNumber);
 * if (why.kind === "carried") console.log(why.path.join(" → "));
 * ```
 */
export function explainMember(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  member: Address,
  atBlock: bigint,
): Explanation<Address> {
  const { input } = buildProposalState(logs, proposalId, { atBlock });
  return explain(input, getAddress(member));
}

/**
 * Whom `voter` carries in `proposalId` after block `atBlock`: the members whose chain ends at them
 * (themselves included when they voted), and the mass they carry in all.
 *
 * @example
 * ```ts
 * const { members, carried } = carriedBy(logs, 1n, voter, revision.blockNumber);
 * console.log(`${members.length} members, ${carried}`);
 * ```
 */
export function carriedBy(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  voter: Address,
  atBlock: bigint,
): { voter: Address; carried: bigint; members: { member: Address; mass: bigint }[] } {
  const { input } = buildProposalState(logs, proposalId, { atBlock });
  const result = tally(input);
  const who = getAddress(voter);
  const members: { member: Address; mass: bigint }[] = [];
  for (const [member, carrier] of result.target) {
    if (carrier !== who) continue;
    const weight = input.weights.get(member) ?? 0n;
    members.push({ member, mass: input.mode === "quadratic" ? quadraticMass(weight) : weight });
  }
  return { voter: who, carried: result.carried.get(who) ?? 0n, members };
}
