import { type Address, zeroAddress } from "viem";
import type { EngineBallot, EngineMode, TallyInput } from "../engine/index.ts";
import {
  type ProposalNotFoundInLogsError,
  type RecountBlockBeforeProposalError,
  RecountIncompleteLogsError,
  RecountInconsistentLogsError,
  RecountModeMismatchError,
  RecountUnsupportedModeError,
} from "./errors.ts";
import type { CommunityLog } from "./fetchCommunityLogs.ts";
import {
  ABSTAIN,
  describeProposal,
  findCreation,
  inChainOrder,
  lifecycle,
  modeName,
  type RecountedProposal,
} from "./proposalLogs.ts";

/**
 * Options of `buildProposalState`.
 *
 * @example
 * ```ts
 * const options: BuildProposalStateOptions = { atBlock: 1_234n };
 * ```
 */
export interface BuildProposalStateOptions {
  /** Count ballots up to and including this block (default: every log given). */
  atBlock?: bigint;
  /**
   * `snapshotState` of an earlier result for the same proposal and the same logs up to its
   * creation: the weights and delegations at the snapshot are reused instead of replaying every
   * membership and delegation event again. Only logs stamped at or before the snapshot shape them,
   * and the proposal's own block is stamped after it, so they cannot change while the proposal
   * exists (after a reorg below its creation, rebuild them).
   */
  snapshotState?: ProposalSnapshotState | undefined;
}

/**
 * A proposal's state at its snapshot, as `buildProposalState` replayed it: weights, the topic's
 * delegation graph, and whether the topic exists. Read-only: later calls share it.
 *
 * @example
 * ```ts
 * const first = buildProposalState(logs, 1n, { atBlock: 120n });
 * const next = buildProposalState(logs, 1n, { atBlock: 121n, snapshotState: first.snapshotState });
 * ```
 */
export interface ProposalSnapshotState {
  weights: ReadonlyMap<Address, bigint>;
  delegations: ReadonlyMap<Address, Address>;
  topicCreated: boolean;
}

/**
 * What `buildProposalState` rebuilt: the proposal, the engine's input, and counts for a report.
 *
 * @example
 * ```ts
 * const state: BuildProposalStateReturnType = buildProposalState(logs, 1n);
 * console.log(`${state.membersCount} members, ${state.delegationsCount} edges, ${state.ballotsCount} ballots`);
 * ```
 */
export interface BuildProposalStateReturnType {
  proposal: RecountedProposal<EngineMode>;
  /** Snapshot weights, the topic's snapshot delegation graph and the current ballots. */
  input: TallyInput<Address>;
  /** The last block whose ballots were counted (`atBlock`, or the last log's block). */
  atBlock: bigint;
  /** Members at the snapshot. */
  membersCount: number;
  /** Delegation edges in the proposal's topic at the snapshot. */
  delegationsCount: number;
  /** Current ballots (after changes and retractions). */
  ballotsCount: number;
  /** Ballot events replayed: casts, changes and retractions. */
  ballotEvents: number;
  /** The snapshot part, to pass to a later call for the same proposal (`options.snapshotState`). */
  snapshotState: ProposalSnapshotState;
}

/**
 * Errors `buildProposalState` throws.
 *
 * @example
 * ```ts
 * try { buildProposalState(logs, 99n); }
 * catch (error) { console.error((error as BuildProposalStateErrorType).shortMessage); }
 * ```
 */
export type BuildProposalStateErrorType =
  | ProposalNotFoundInLogsError
  | RecountBlockBeforeProposalError
  | RecountUnsupportedModeError
  | RecountModeMismatchError
  | RecountIncompleteLogsError
  | RecountInconsistentLogsError;

/**
 * Rebuilds a public (single-choice or quadratic) proposal's snapshot state and ballots from its
 * community's decoded logs alone (pure): membership and the topic's delegations replayed up to the
 * snapshot timestamp, ballots up to `atBlock`. Anonymous proposals have their own builder,
 * `buildAnonymousProposalState`; `recountProposal` picks the right one.
 *
 * @example
 * ```ts
 * import { tally } from "@plenum/sdk/engine";
 * import { buildProposalState, fetchCommunityLogs } from "@plenum/sdk";
 *
 * const { logs } = await fetchCommunityLogs(client, { community, fromBlock: deployBlock });
 * const { input } = buildProposalState(logs, 1n);
 * console.log(tally(input).tallies);
 * ```
 */
export function buildProposalState(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  options: BuildProposalStateOptions = {},
): BuildProposalStateReturnType {
  const ordered = inChainOrder(logs);
  const { atBlock } = options;
  const created = findCreation(ordered, proposalId, atBlock);
  const { args } = created;
  const name = modeName(args.mode);
  if (name === undefined) throw new RecountUnsupportedModeError({ proposalId, mode: args.mode });
  if (name === "anonymous") {
    throw new RecountModeMismatchError({ proposalId, mode: name, builder: "buildProposalState" });
  }
  const mode: EngineMode = name;
  const snapshot = BigInt(args.snapshot);
  const voteEnd = BigInt(args.voteEnd);
  const { topic, optionCount } = args;

  const reused = options.snapshotState;
  // Reused maps are only read below: every write sits in the snapshot branch, skipped when reusing.
  const weights = (reused?.weights ?? new Map()) as Map<Address, bigint>;
  const delegations = (reused?.delegations ?? new Map()) as Map<Address, Address>;
  const ballots = new Map<Address, EngineBallot>();
  let topicCreated = reused?.topicCreated ?? false;
  let ballotEvents = 0;
  const { status, see } = lifecycle(proposalId);

  const fail = (reason: string, account: Address, log: CommunityLog): never => {
    throw new RecountInconsistentLogsError({
      reason,
      account,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
    });
  };
  const checkBallot = (voter: Address, log: CommunityLog) => {
    ballotEvents++;
    if (!weights.has(voter)) fail("ballot from a non-member at the snapshot", voter, log);
    if (log.blockTimestamp > voteEnd) fail("ballot after voteEnd", voter, log);
    if (log.blockNumber < created.blockNumber) {
      fail("ballot before the proposal was created", voter, log);
    }
  };

  for (const log of ordered) {
    if (atBlock !== undefined && log.blockNumber > atBlock) break;
    // Checkpoints are keyed by the block timestamp and read with "last value at or before the
    // snapshot", so exactly the events of blocks stamped <= snapshot shape the snapshot state. The
    // proposal's own block is stamped snapshot + 1: nothing in it counts, even before the creation.
    if (log.blockTimestamp <= snapshot) {
      if (reused) continue;
      switch (log.eventName) {
        case "MemberAdded": {
          const { account, weight } = log.args;
          if (weights.has(account)) fail("MemberAdded for a member", account, log);
          weights.set(account, weight);
          break;
        }
        case "MemberRemoved": {
          const { account, previousWeight } = log.args;
          if (weights.get(account) !== previousWeight) {
            fail(
              `MemberRemoved with previous weight ${previousWeight}, replay has ${weights.get(account) ?? 0}`,
              account,
              log,
            );
          }
          // The contract clears every outgoing edge (emitting DelegateChanged) before this event.
          if (delegations.has(account)) fail("MemberRemoved while still delegating", account, log);
          weights.delete(account);
          break;
        }
        case "MemberWeightChanged": {
          const { account, previousWeight, newWeight } = log.args;
          if (weights.get(account) !== previousWeight) {
            fail(
              `MemberWeightChanged from ${previousWeight}, replay has ${weights.get(account) ?? 0}`,
              account,
              log,
            );
          }
          weights.set(account, newWeight);
          break;
        }
        case "TopicCreated":
          if (log.args.topic === topic) topicCreated = true;
          break;
        case "DelegateChanged": {
          if (log.args.topic !== topic) break;
          const { delegator, toDelegate, fromDelegate } = log.args;
          if ((delegations.get(delegator) ?? zeroAddress) !== fromDelegate) {
            fail(
              `DelegateChanged from ${fromDelegate}, replay has ${delegations.get(delegator) ?? zeroAddress}`,
              delegator,
              log,
            );
          }
          if (!weights.has(delegator)) fail("DelegateChanged by a non-member", delegator, log);
          if (toDelegate === zeroAddress) {
            delegations.delete(delegator);
          } else {
            if (!weights.has(toDelegate)) fail("DelegateChanged to a non-member", toDelegate, log);
            delegations.set(delegator, toDelegate);
          }
          break;
        }
      }
      continue;
    }
    switch (log.eventName) {
      case "VoteCast": {
        if (log.args.proposalId !== proposalId) break;
        const { voter, option } = log.args;
        checkBallot(voter, log);
        if (mode !== "single") fail("VoteCast on a quadratic proposal", voter, log);
        if (option !== ABSTAIN && option >= optionCount)
          fail(`VoteCast for option ${option}`, voter, log);
        ballots.set(voter, option === ABSTAIN ? { type: "abstain" } : { type: "option", option });
        break;
      }
      case "QuadraticVoteCast": {
        if (log.args.proposalId !== proposalId) break;
        const { voter } = log.args;
        checkBallot(voter, log);
        if (mode !== "quadratic") fail("QuadraticVoteCast on a single-choice proposal", voter, log);
        const votes = log.args.votes.map(BigInt);
        if (votes.length !== optionCount)
          fail(`QuadraticVoteCast with ${votes.length} entries`, voter, log);
        const cost = votes.reduce((sum, v) => sum + v * v, 0n);
        if (cost > (weights.get(voter) ?? 0n))
          fail(`QuadraticVoteCast costing ${cost} credits`, voter, log);
        ballots.set(voter, { type: "quadratic", votes });
        break;
      }
      case "VoteRetracted": {
        if (log.args.proposalId !== proposalId) break;
        const { voter } = log.args;
        checkBallot(voter, log);
        if (!ballots.delete(voter)) fail("VoteRetracted without a ballot", voter, log);
        break;
      }
      default:
        see(log);
    }
  }

  if (!topicCreated) {
    throw new RecountIncompleteLogsError(
      `Topic ${topic} of proposal ${proposalId} is never created in these logs.`,
    );
  }
  const last = ordered[ordered.length - 1] as CommunityLog;
  return {
    proposal: describeProposal(ordered, created, mode, status),
    input: { mode, optionCount, weights, delegations, ballots },
    atBlock: atBlock ?? last.blockNumber,
    membersCount: weights.size,
    delegationsCount: delegations.size,
    ballotsCount: ballots.size,
    ballotEvents,
    snapshotState: { weights, delegations, topicCreated },
  };
}
