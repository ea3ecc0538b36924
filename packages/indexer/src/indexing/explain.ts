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

/** Whom one voter carries: the mass in all (their own included) and each member's part. */
export interface CarriedMembers {
  voter: Address;
  carried: bigint;
  members: { member: Address; mass: bigint }[];
}

/** The tally at `atBlock` grouped by carrier: each voter who carries mass, with whom they carry. */
function groupByCarrier(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  atBlock: bigint,
): Map<Address, CarriedMembers> {
  const { input } = buildProposalState(logs, proposalId, { atBlock });
  const result = tally(input);
  const groups = new Map<Address, CarriedMembers>();
  for (const [voter, carried] of result.carried) groups.set(voter, { voter, carried, members: [] });
  for (const [member, carrier] of result.target) {
    if (carrier === null) continue;
    const weight = input.weights.get(member) ?? 0n;
    const group = groups.get(carrier) ?? { voter: carrier, carried: 0n, members: [] };
    group.members.push({
      member,
      mass: input.mode === "quadratic" ? quadraticMass(weight) : weight,
    });
    groups.set(carrier, group);
  }
  return groups;
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
): CarriedMembers {
  const who = getAddress(voter);
  return (
    groupByCarrier(logs, proposalId, atBlock).get(who) ?? { voter: who, carried: 0n, members: [] }
  );
}

/**
 * Every voter who carries mass in `proposalId` after block `atBlock`, with whom they carry, from one
 * recount: the most mass first (ties by address).
 *
 * @example
 * ```ts
 * for (const c of carriers(logs, 1n, revision.blockNumber)) console.log(c.voter, c.carried);
 * ```
 */
export function carriers(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  atBlock: bigint,
): CarriedMembers[] {
  return [...groupByCarrier(logs, proposalId, atBlock).values()].sort((a, b) =>
    a.carried === b.carried
      ? a.voter.toLowerCase().localeCompare(b.voter.toLowerCase())
      : a.carried > b.carried
        ? -1
        : 1,
  );
}
