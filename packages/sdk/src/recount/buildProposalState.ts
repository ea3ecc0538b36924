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
import { type CommunityLog, compareLogs } from "./fetchCommunityLogs.ts";
import {
  ABSTAIN,
  describeProposal,
  findCreation,
  inChainOrder,
  lifecycle,
  modeName,
  proposalSettings,
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
  return followProposalState(logs, proposalId, options).state;
}

/**
 * Called for each ballot a replay sets (`ballot`) or retracts (`undefined`), after its checks.
 *
 * @example
 * ```ts
 * const onBallot: BallotListener = (voter, ballot) => console.log(voter, ballot?.type ?? "retracted");
 * ```
 */
export type BallotListener = (voter: Address, ballot: EngineBallot | undefined) => void;

/**
 * A public proposal's state kept up to date as its logs arrive (see `followProposalState`).
 *
 * @example
 * ```ts
 * const follower: ProposalStateFollower = followProposalState(logs, 1n, { atBlock: 120n });
 * follower.advance(logsOfBlock121, { atBlock: 121n });
 * ```
 */
export interface ProposalStateFollower {
  /**
   * What `buildProposalState` returns for the logs replayed so far. Each `advance` replaces it; its
   * `input.ballots` map is the same one, updated in place.
   */
  state: BuildProposalStateReturnType;
  /**
   * Replays `logs`, which come after every log replayed so far (chain order) and, with `atBlock`,
   * not after it, by the same rules as `buildProposalState`; then `state` is the state at `atBlock`
   * (default: the last log's block). `onBallot` hears each ballot set or retracted. Throws what
   * `buildProposalState` throws, and a `RecountInconsistentLogsError` for a log out of order; after
   * a throw, build the state again.
   */
  advance(
    logs: readonly CommunityLog[],
    options?: { atBlock?: bigint; onBallot?: BallotListener },
  ): BuildProposalStateReturnType;
}

/**
 * `buildProposalState` that keeps going: the state at `options.atBlock` (or after every log
 * given), then `advance(laterLogs)` replays only the new logs, so following a proposal block by
 * block costs each log once rather than the whole history per block. `advance(logs)` leaves
 * `state` equal to `buildProposalState(allLogs, proposalId, { atBlock })`.
 *
 * @example
 * ```ts
 * import { createIncrementalTally, followProposalState } from "@plenum/sdk";
 *
 * const follower = followProposalState(logsUpToBlock120, 1n, { atBlock: 120n });
 * const live = createIncrementalTally(follower.state.input);
 * follower.advance(logsOfBlock121, {
 *   atBlock: 121n,
 *   onBallot: (voter, ballot) => (ballot ? live.set(voter, ballot) : live.delete(voter)),
 * });
 * console.log(live.totals().tallies);
 * ```
 */
export function followProposalState(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  options: BuildProposalStateOptions = {},
): ProposalStateFollower {
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
  const settings = proposalSettings(created);
  let onBallot: BallotListener | undefined;

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

  /** Replays one log (the next in chain order). */
  const apply = (log: CommunityLog) => {
    // Checkpoints are keyed by the block timestamp and read with "last value at or before the
    // snapshot", so exactly the events of blocks stamped <= snapshot shape the snapshot state. The
    // proposal's own block is stamped snapshot + 1: nothing in it counts, even before the creation.
    if (log.blockTimestamp <= snapshot) {
      if (reused) return;
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
      return;
    }
    switch (log.eventName) {
      case "VoteCast": {
        if (log.args.proposalId !== proposalId) break;
        const { voter, option } = log.args;
        checkBallot(voter, log);
        if (mode !== "single") fail("VoteCast on a quadratic proposal", voter, log);
        if (option !== ABSTAIN && option >= optionCount)
          fail(`VoteCast for option ${option}`, voter, log);
        const ballot: EngineBallot =
          option === ABSTAIN ? { type: "abstain" } : { type: "option", option };
        ballots.set(voter, ballot);
        onBallot?.(voter, ballot);
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
        const ballot: EngineBallot = { type: "quadratic", votes };
        ballots.set(voter, ballot);
        onBallot?.(voter, ballot);
        break;
      }
      case "VoteRetracted": {
        if (log.args.proposalId !== proposalId) break;
        const { voter } = log.args;
        checkBallot(voter, log);
        if (!ballots.delete(voter)) fail("VoteRetracted without a ballot", voter, log);
        onBallot?.(voter, undefined);
        break;
      }
      default:
        see(log);
    }
  };
  let last: CommunityLog | undefined;
  for (const log of ordered) {
    if (atBlock !== undefined && log.blockNumber > atBlock) break;
    apply(log);
    last = log;
  }
  // The settings read the whole log set (the actions are logged with the creation, the quorum
  // before it); the logs replayed above are read again only for lifecycle events, which they skip.
  for (const log of ordered) settings.see(log);

  if (!topicCreated) {
    throw new RecountIncompleteLogsError(
      `Topic ${topic} of proposal ${proposalId} is never created in these logs.`,
    );
  }
  const finalLog = ordered[ordered.length - 1] as CommunityLog;
  const input: TallyInput<Address> = { mode, optionCount, weights, delegations, ballots };
  const snapshotState: ProposalSnapshotState = { weights, delegations, topicCreated };
  const stateAt = (block: bigint): BuildProposalStateReturnType => ({
    proposal: describeProposal(created, mode, status, settings.settings),
    input,
    atBlock: block,
    membersCount: weights.size,
    delegationsCount: delegations.size,
    ballotsCount: ballots.size,
    ballotEvents,
    snapshotState,
  });
  const follower: ProposalStateFollower = {
    state: stateAt(atBlock ?? finalLog.blockNumber),
    advance(more, advanceOptions = {}) {
      const next = inChainOrder(more);
      const until = advanceOptions.atBlock;
      onBallot = advanceOptions.onBallot;
      try {
        for (const log of next) {
          if (last !== undefined && compareLogs(last, log) >= 0) {
            throw new RecountInconsistentLogsError({
              reason: "a log given to advance() is not after the last one replayed",
              blockNumber: log.blockNumber,
              logIndex: log.logIndex,
            });
          }
          if (until !== undefined && log.blockNumber > until) {
            throw new RecountInconsistentLogsError({
              reason: `a log given to advance() is after block ${until}`,
              blockNumber: log.blockNumber,
              logIndex: log.logIndex,
            });
          }
          apply(log);
          settings.see(log);
          last = log;
        }
      } finally {
        onBallot = undefined;
      }
      follower.state = stateAt(until ?? next.at(-1)?.blockNumber ?? follower.state.atBlock);
      return follower.state;
    },
  };
  return follower;
}
