// What both state builders share: chain order, finding a proposal's creation, and the lifecycle.
import type { Address, Hash } from "viem";
import type { EngineMode } from "../engine/index.ts";
import { ProposalNotFoundInLogsError, RecountBlockBeforeProposalError } from "./errors.ts";
import { type CommunityLog, compareLogs } from "./fetchCommunityLogs.ts";

// ABSTAIN in `VoteCast.option` and `AnonymousVoteCast.option` (IVoting): the SDK's one constant.
export { ABSTAIN } from "../actions/internal/ballot.ts";

/** `VoteMode` as a name: the engine's two public modes, and anonymous ballots. */
export type RecountMode = EngineMode | "anonymous";

/**
 * A proposal as its events describe it, with what happened to it up to the block recounted.
 *
 * @example
 * ```ts
 * const { proposal } = buildProposalState(logs, 1n);
 * console.log(`${proposal.mode}, ${proposal.optionCount} options, snapshot ${proposal.snapshot}`);
 * ```
 */
export interface RecountedProposal<M extends RecountMode = RecountMode> {
  id: bigint;
  proposer: Address;
  topic: number;
  mode: M;
  optionCount: number;
  /** Clock timepoint (a timestamp) at which weights and delegations are read: creation time − 1. */
  snapshot: bigint;
  /** Last timepoint at which ballots are accepted. */
  voteEnd: bigint;
  metadataHash: Hash;
  metadataURI: string;
  /** Whether it has actions (`ProposalActions`): options are [Against, For] and For must win. */
  executable: boolean;
  /**
   * The quorum in basis points at the snapshot (the last `QuorumSet` stamped at or before it), or
   * undefined when the logs hold none (they start after the community was created).
   */
  quorumBps: number | undefined;
  createdAt: { blockNumber: bigint; blockTimestamp: bigint; transactionHash: Hash };
  /** Lifecycle events seen up to the block recounted. */
  canceled: boolean;
  queued: boolean;
  executed: boolean;
}

export type CreatedLog = Extract<CommunityLog, { eventName: "ProposalCreated" }>;

/** The logs in chain order (the same array when they already are). */
export function inChainOrder(logs: readonly CommunityLog[]): readonly CommunityLog[] {
  for (let i = 1; i < logs.length; i++) {
    if (compareLogs(logs[i - 1] as CommunityLog, logs[i] as CommunityLog) > 0) {
      return [...logs].sort(compareLogs);
    }
  }
  return logs;
}

/** The proposal's `ProposalCreated`; throws if it is missing or `atBlock` comes before it. */
export function findCreation(
  ordered: readonly CommunityLog[],
  proposalId: bigint,
  atBlock: bigint | undefined,
): CreatedLog {
  const created = ordered.find(
    (log) => log.eventName === "ProposalCreated" && log.args.proposalId === proposalId,
  );
  if (created?.eventName !== "ProposalCreated") {
    throw new ProposalNotFoundInLogsError({ proposalId });
  }
  if (atBlock !== undefined && atBlock < created.blockNumber) {
    throw new RecountBlockBeforeProposalError({
      proposalId,
      blockNumber: atBlock,
      createdAt: created.blockNumber,
    });
  }
  return created;
}

/** `VoteMode` of `ProposalCreated.mode` by name, or undefined for a mode this SDK does not know. */
export function modeName(mode: number): RecountMode | undefined {
  return (["single", "quadratic", "anonymous"] as const)[mode];
}

/** Tracks `ProposalCanceled` / `Queued` / `Executed` of one proposal; `see` returns whether it was one. */
export function lifecycle(proposalId: bigint) {
  const status = { canceled: false, queued: false, executed: false };
  return {
    status,
    see(log: CommunityLog): boolean {
      switch (log.eventName) {
        case "ProposalCanceled":
          if (log.args.proposalId === proposalId) status.canceled = true;
          return true;
        case "ProposalQueued":
          if (log.args.proposalId === proposalId) status.queued = true;
          return true;
        case "ProposalExecuted":
          if (log.args.proposalId === proposalId) status.executed = true;
          return true;
        default:
          return false;
      }
    },
  };
}

/**
 * What a proposal's settings are, read from logs seen one at a time in chain order: the quorum at
 * the snapshot (checkpointed by timestamp and read at the snapshot, like weights) and whether it has
 * actions (logged by the transaction that creates the proposal).
 */
export function proposalSettings(created: CreatedLog) {
  const snapshot = BigInt(created.args.snapshot);
  const settings: { quorumBps: number | undefined; executable: boolean } = {
    quorumBps: undefined,
    executable: false,
  };
  return {
    settings,
    see(log: CommunityLog): void {
      if (log.eventName === "QuorumSet" && log.blockTimestamp <= snapshot) {
        settings.quorumBps = log.args.quorumBps;
      } else if (
        log.eventName === "ProposalActions" &&
        log.args.proposalId === created.args.proposalId
      ) {
        settings.executable = true;
      }
    },
  };
}

/** The proposal's description from its creation log, its settings and the lifecycle seen. */
export function describeProposal<M extends RecountMode>(
  created: CreatedLog,
  mode: M,
  status: { canceled: boolean; queued: boolean; executed: boolean },
  settings: { quorumBps: number | undefined; executable: boolean },
): RecountedProposal<M> {
  const { args } = created;
  return {
    id: args.proposalId,
    proposer: args.proposer,
    topic: args.topic,
    mode,
    optionCount: args.optionCount,
    snapshot: BigInt(args.snapshot),
    voteEnd: BigInt(args.voteEnd),
    metadataHash: args.metadataHash,
    metadataURI: args.metadataURI,
    executable: settings.executable,
    quorumBps: settings.quorumBps,
    createdAt: {
      blockNumber: created.blockNumber,
      blockTimestamp: created.blockTimestamp,
      transactionHash: created.transactionHash,
    },
    ...status,
  };
}
