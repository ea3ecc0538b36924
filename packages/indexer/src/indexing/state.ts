// What the handlers remember between steps: per community, its logs in chain order (the input of the
// SDK's recount), its proposals' modes, and which ballots are current (to tell `cast` from `changed`).
// Everything here is a function of the logs alone, so it is rebuilt by replaying them.
import {
  BaseError,
  type CommunityLog,
  type IncrementalTally,
  type ProposalSnapshotState,
  type ProposalStateFollower,
  type RecountedGroup,
  type RecountMode,
} from "@plenum/sdk";
import type { Address } from "viem";
import { accountId } from "../store/values.ts";

/**
 * One community's replayed state.
 *
 * @example
 * ```ts
 * const community = state.communities.get(address.toLowerCase());
 * console.log(community?.logs.length);
 * ```
 */
export interface CommunityState {
  /** CAIP-10 id of the community. */
  id: string;
  address: Address;
  logs: CommunityLog[];
  proposals: Map<bigint, ProposalState>;
  /** `<proposalId>:<ballot key>` of every current ballot. */
  ballots: Set<string>;
}

/**
 * A proposal's part of the logs. The recount reads a proposal's snapshot state from the logs before
 * its creation (everything after it is stamped past the snapshot) and, after it, only the logs
 * that name the proposal (ballots, lifecycle). So its input is `logs[0, prefix)` followed by `own`,
 * and a revision costs the history up to the proposal plus its own events, not the whole community's.
 *
 * @example
 * ```ts
 * const input = [...community.logs.slice(0, proposal.prefix), ...proposal.own];
 * ```
 */
export interface ProposalState {
  id: string;
  mode: RecountMode;
  /** `community.logs.length` just after its `ProposalCreated`. */
  prefix: number;
  /** Later logs whose `args.proposalId` is this proposal's. */
  own: CommunityLog[];
  /**
   * Anonymous only: the identity group the first revision rebuilt (a LeanIMT of Poseidon hashes),
   * reused by the later ones. It depends on the logs up to the proposal's creation alone, which a
   * proposal's state never outlives: a reorg rebuilds every `ProposalState` from the stored logs.
   */
  group?: AnonymousGroup | undefined;
  /**
   * Public proposals: the weights and delegations at the snapshot the first revision replayed,
   * reused by the later ones (same reasoning as `group`).
   */
  snapshotState?: ProposalSnapshotState | undefined;
  /**
   * Public proposals, from their first revision on: the recount and the tally carried forward from
   * the last revision, so that the next one replays only `own[applied..]` (see `followTally`).
   * Invariant: `follower.state` is `buildProposalState` of `logs[0, prefix) + own[0, applied)` at
   * the last revision's block, and `tally` holds the same ballots on the same snapshot. Like
   * `group`, it never outlives a reorg or a failed commit: both rebuild every `ProposalState`.
   */
  live?: LiveTally | undefined;
}

/**
 * A public proposal's recount and incremental tally between revisions (`ProposalState.live`).
 *
 * @example
 * ```ts
 * const live: LiveTally = { follower, tally: createIncrementalTally(follower.state.input), applied: 0 };
 * ```
 */
export interface LiveTally {
  follower: ProposalStateFollower;
  tally: IncrementalTally<Address>;
  /** How many of the proposal's `own` logs the follower has replayed. */
  applied: number;
}

/**
 * The rebuilt identity group of an anonymous proposal, as `buildAnonymousProposalState` reports it.
 *
 * @example
 * ```ts
 * const group: AnonymousGroup = buildAnonymousProposalState(logs, 3n).group;
 * ```
 */
export type AnonymousGroup = Pick<RecountedGroup, "rebuilt" | "mismatch">;

/**
 * The logs `buildProposalState` needs for a proposal (see `ProposalState`).
 *
 * @example
 * ```ts
 * computeTally(proposalLogs(community, proposal), proposalId, proposal.mode, block);
 * ```
 */
export function proposalLogs(community: CommunityState, proposal: ProposalState): CommunityLog[] {
  return community.logs.slice(0, proposal.prefix).concat(proposal.own);
}

/**
 * The handlers' memory: the chain and its communities by lowercase address.
 *
 * @example
 * ```ts
 * const state = createIndexState(31337);
 * ```
 */
export interface IndexState {
  chainId: number;
  communities: Map<string, CommunityState>;
}

/**
 * An empty state for `chainId`.
 *
 * @example
 * ```ts
 * createIndexState(31337).communities.size; // 0
 * ```
 */
export function createIndexState(chainId: number): IndexState {
  return { chainId, communities: new Map() };
}

/**
 * The logs disagree with what the handlers indexed before (a log of an unknown community, a
 * proposal's companion event without its creation): a bug or a follower delivering out of order.
 * Fatal.
 *
 * @example
 * ```ts
 * throw new IndexingError("ProposalActions without its ProposalCreated in the same step.");
 * ```
 */
export class IndexingError extends BaseError {
  override name = "IndexingError";
}

/**
 * The stable ids the handlers write.
 *
 * @example
 * ```ts
 * ids.proposal(community.id, 3n); // "eip155:31337:0x…-3"
 * ```
 */
export const ids = {
  account: accountId,
  member: (community: string, account: Address | string) => `${community}-${account.toLowerCase()}`,
  proposal: (community: string, proposalId: bigint) => `${community}-${proposalId}`,
  event: (community: string, log: { blockNumber: bigint; logIndex: number }) =>
    `${community}-${log.blockNumber}-${log.logIndex}`,
  revision: (proposal: string, blockNumber: bigint) => `${proposal}-${blockNumber}`,
};
