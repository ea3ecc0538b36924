// Handler for a community (the LiquidGovernor proxy and its facets): membership, topics, delegations,
// settings, proposals and their lifecycle, public and anonymous ballots, identities. Each event becomes
// one append-only row; tallies are computed afterwards (tallies.ts) for the proposals touched here.
import { ABSTAIN, type CommunityLog } from "@plenum/sdk";
import { type Address, zeroAddress } from "viem";
import type { StepRows } from "../store/rows.ts";
import type { CommunityEventLog } from "../sync/types.ts";
import { type CommunityState, IndexingError, type IndexState, ids } from "./state.ts";

/**
 * A proposal whose tally may have moved in a block: created there, or a ballot cast, changed or
 * retracted there.
 *
 * @example
 * ```ts
 * const touch: TallyTouch = { community, proposalId: 1n, blockNumber: 42n };
 * ```
 */
export interface TallyTouch {
  community: CommunityState;
  proposalId: bigint;
  blockNumber: bigint;
}

const MODES = ["single", "quadratic", "anonymous"] as const;

/**
 * Indexes one community log into `rows` and the state; returns the proposal whose tally it may move.
 *
 * @example
 * ```ts
 * const touch = handleCommunityLog(state, log, rows);
 * if (touch) touched.push(touch);
 * ```
 */
export function handleCommunityLog(
  state: IndexState,
  log: CommunityEventLog,
  rows: StepRows,
): TallyTouch | undefined {
  const community = state.communities.get(log.address.toLowerCase());
  if (!community) {
    throw new IndexingError(
      `Log ${log.eventName} at block ${log.blockNumber} comes from ${log.address}, which no CommunityCreated announced.`,
    );
  }
  const { source: _source, address: _address, ...rest } = log;
  const communityLog = rest as CommunityLog;
  community.logs.push(communityLog);
  const named = (communityLog.args as { proposalId?: unknown }).proposalId;
  if (typeof named === "bigint" && communityLog.eventName !== "ProposalCreated") {
    community.proposals.get(named)?.own.push(communityLog);
  }

  const c = community.id;
  const account = (address: Address) => ids.account(state.chainId, address);
  const at = {
    blockNumber: log.blockNumber,
    blockTimestamp: log.blockTimestamp,
    logIndex: log.logIndex,
    transactionHash: log.transactionHash,
  };
  const id = ids.event(c, log);
  const proposalOf = (proposalId: bigint) => {
    const proposal = community.proposals.get(proposalId);
    if (!proposal) {
      throw new IndexingError(
        `${log.eventName} for proposal ${proposalId} of ${community.address}, which was never created.`,
      );
    }
    return proposal;
  };
  /** The proposal's row written in this step (its companion events share the creation's transaction). */
  const createdHere = (proposalId: bigint) => {
    const row = rows.proposals.find((p) => p.id === ids.proposal(c, proposalId));
    if (!row) {
      throw new IndexingError(
        `${log.eventName} for proposal ${proposalId} without its ProposalCreated in the same step.`,
      );
    }
    return row;
  };
  const ballot = (
    proposalId: bigint,
    key: { voter: Address } | { nullifier: bigint },
    choice: { option?: number; votes?: bigint[]; retract?: boolean },
  ): TallyTouch => {
    const proposal = proposalOf(proposalId);
    const ballotKey = "voter" in key ? account(key.voter) : key.nullifier.toString();
    const current = `${proposalId}:${ballotKey}`;
    const had = community.ballots.has(current);
    if (choice.retract) community.ballots.delete(current);
    else community.ballots.add(current);
    const abstain = choice.option === ABSTAIN || choice.votes?.every((v) => v === 0n) === true;
    rows.ballotEvents.push({
      id,
      proposal: proposal.id,
      community: c,
      ballotKey,
      voter: "voter" in key ? account(key.voter) : null,
      nullifier: "nullifier" in key ? key.nullifier : null,
      kind: choice.retract ? "retracted" : had ? "changed" : "cast",
      option: choice.option === undefined || choice.option === ABSTAIN ? null : choice.option,
      abstain,
      votes: choice.votes ?? null,
      ...at,
    });
    return { community, proposalId, blockNumber: log.blockNumber };
  };
  const member = (
    address: Address,
    kind: "added" | "changed" | "removed",
    weight: bigint,
    previousWeight: bigint,
  ) => {
    rows.memberEvents.push({
      id,
      community: c,
      member: ids.member(c, address),
      account: account(address),
      kind,
      weight,
      previousWeight,
      ...at,
    });
  };
  const identity = (
    kind: "registered" | "removed" | "replaced",
    args: { member: Address; commitment: bigint; index: bigint; groupRoot: bigint },
    oldCommitment: bigint | null = null,
  ) => {
    rows.identityEvents.push({
      id,
      community: c,
      account: account(args.member),
      kind,
      commitment: args.commitment,
      oldCommitment,
      leafIndex: args.index,
      groupRoot: args.groupRoot,
      ...at,
    });
  };
  const lifecycle = (proposalId: bigint, kind: string, eta: bigint | null = null) => {
    rows.proposalEvents.push({
      id,
      proposal: proposalOf(proposalId).id,
      community: c,
      kind,
      eta,
      ...at,
    });
  };

  switch (log.eventName) {
    case "MemberAdded":
      member(log.args.account, "added", log.args.weight, 0n);
      return;
    case "MemberWeightChanged":
      member(log.args.account, "changed", log.args.newWeight, log.args.previousWeight);
      return;
    case "MemberRemoved":
      member(log.args.account, "removed", 0n, log.args.previousWeight);
      return;
    case "TopicCreated":
      rows.topics.push({
        id: `${c}-${log.args.topic}`,
        community: c,
        topic: log.args.topic,
        name: log.args.name,
        ...at,
      });
      return;
    case "DelegateChanged": {
      const { delegator, topic, toDelegate, fromDelegate } = log.args;
      rows.delegationEvents.push({
        id,
        community: c,
        topic,
        delegator: account(delegator),
        delegate: toDelegate === zeroAddress ? null : account(toDelegate),
        previousDelegate: fromDelegate === zeroAddress ? null : account(fromDelegate),
        ...at,
      });
      return;
    }
    case "QuorumSet":
      rows.communitySettings.push({ id, community: c, quorumBps: log.args.quorumBps, ...at });
      return;
    case "VotingPeriodSet":
      rows.communitySettings.push({
        id,
        community: c,
        votingPeriod: BigInt(log.args.votingPeriod),
        minVotingPeriod: BigInt(log.args.minVotingPeriod),
        ...at,
      });
      return;
    case "ProposalThresholdSet":
      rows.communitySettings.push({
        id,
        community: c,
        proposalThreshold: log.args.proposalThreshold,
        ...at,
      });
      return;
    case "ProposalCreated": {
      const { args } = log;
      const mode = MODES[args.mode];
      if (!mode)
        throw new IndexingError(`Proposal ${args.proposalId} has unknown mode ${args.mode}.`);
      const proposal = ids.proposal(c, args.proposalId);
      community.proposals.set(args.proposalId, {
        id: proposal,
        mode,
        prefix: community.logs.length,
        own: [],
      });
      rows.proposals.push({
        id: proposal,
        community: c,
        proposalId: args.proposalId,
        proposer: account(args.proposer),
        topic: args.topic,
        mode,
        optionCount: args.optionCount,
        snapshot: BigInt(args.snapshot),
        voteEnd: BigInt(args.voteEnd),
        metadataHash: args.metadataHash,
        metadataUri: args.metadataURI,
        executable: false,
        actions: null,
        groupRoot: null,
        groupIdentities: null,
        ...at,
      });
      return { community, proposalId: args.proposalId, blockNumber: log.blockNumber };
    }
    case "ProposalActions": {
      const row = createdHere(log.args.proposalId);
      row.executable = true;
      row.actions = {
        targets: log.args.targets.map((t) => t.toLowerCase()),
        values: log.args.values.map(String),
        calldatas: log.args.calldatas,
      };
      return;
    }
    case "ProposalGroupRecorded": {
      const row = createdHere(log.args.proposalId);
      row.groupRoot = log.args.groupRoot;
      row.groupIdentities = log.args.identities;
      return;
    }
    case "ProposalQueued":
      lifecycle(log.args.proposalId, "queued", log.args.etaSeconds);
      return;
    case "ProposalExecuted":
      lifecycle(log.args.proposalId, "executed");
      return;
    case "ProposalCanceled":
      lifecycle(log.args.proposalId, "canceled");
      return;
    case "VoteCast":
      return ballot(log.args.proposalId, { voter: log.args.voter }, { option: log.args.option });
    case "QuadraticVoteCast":
      return ballot(
        log.args.proposalId,
        { voter: log.args.voter },
        { votes: log.args.votes.map(BigInt) },
      );
    case "VoteRetracted":
      return ballot(log.args.proposalId, { voter: log.args.voter }, { retract: true });
    case "AnonymousVoteCast":
      return ballot(
        log.args.proposalId,
        { nullifier: log.args.nullifier },
        { option: log.args.option },
      );
    case "AnonymousVoteRetracted":
      return ballot(log.args.proposalId, { nullifier: log.args.nullifier }, { retract: true });
    case "IdentityRegistered":
      identity("registered", log.args);
      return;
    case "IdentityRemoved":
      identity("removed", log.args);
      return;
    case "IdentityReplaced":
      identity(
        "replaced",
        { ...log.args, commitment: log.args.newCommitment },
        log.args.oldCommitment,
      );
      return;
    default:
      // Roles, upgrades, initialisation, EIP-712 domain: kept in raw_events only.
      return;
  }
}
