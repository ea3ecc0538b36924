import { type GroupInconsistentLogsError, GroupRootMismatchError } from "../anonymous/errors.ts";
import { buildIdentityGroup } from "../anonymous/group.ts";
import type { EngineBallot } from "../engine/index.ts";
import type { BuildProposalStateOptions } from "./buildProposalState.ts";
import {
  type ProposalNotFoundInLogsError,
  type RecountBlockBeforeProposalError,
  RecountInconsistentLogsError,
  RecountModeMismatchError,
  RecountUnsupportedModeError,
} from "./errors.ts";
import { type CommunityLog, compareLogs } from "./fetchCommunityLogs.ts";
import {
  ABSTAIN,
  type CreatedLog,
  describeProposal,
  findCreation,
  inChainOrder,
  lifecycle,
  modeName,
  proposalSettings,
  type RecountedProposal,
} from "./proposalLogs.ts";

/**
 * What the anonymous tally depends on: the option count, the identities in the group the proposal
 * recorded, and the current ballot of each nullifier (`anonymousTally`'s arguments).
 *
 * @example
 * ```ts
 * import { anonymousTally } from "@plenum/sdk/engine";
 * const input: AnonymousRecountInput = {
 *   mode: "anonymous",
 *   optionCount: 2,
 *   identities: 5n,
 *   ballots: new Map([[123n, { type: "option", option: 1 }]]),
 * };
 * anonymousTally(input.ballots, input.identities, input.optionCount).tallies; // [0n, 1n]
 * ```
 */
export interface AnonymousRecountInput {
  mode: "anonymous";
  optionCount: number;
  /** Identities in the group at creation (`ProposalGroupRecorded.identities`): the total mass. */
  identities: bigint;
  /** Nullifier -> current ballot (`option` or `abstain`), after replacements and retractions. */
  ballots: ReadonlyMap<bigint, EngineBallot>;
}

/**
 * The identity group of an anonymous proposal: what the proposal recorded at creation, and the group
 * rebuilt from the `Identity*` events before it (`buildIdentityGroup`, which recomputes the LeanIMT
 * root and checks it against every root the events and the proposal logged).
 *
 * @example
 * ```ts
 * const { group } = buildAnonymousProposalState(logs, 3n);
 * if (group.mismatch) console.error(group.mismatch.shortMessage);
 * else console.log(group.rebuilt?.root === group.recorded.root); // true
 * ```
 */
export interface RecountedGroup {
  /** `ProposalGroupRecorded`: the Merkle root ballots are proven against, and the group's size. */
  recorded: { root: bigint; identities: bigint };
  /** The group rebuilt from the identity events, or undefined when it disagreed (see `mismatch`). */
  rebuilt: { root: bigint; identities: bigint } | undefined;
  /** Why the rebuilt group disagrees with a root the chain logged; undefined when they agree. */
  mismatch: GroupRootMismatchError | undefined;
}

/**
 * Options of `buildAnonymousProposalState`: `atBlock`, and the group an earlier call rebuilt for the
 * same proposal. The group depends only on the logs before the proposal's `ProposalGroupRecorded`,
 * which later revisions share, so a caller recounting one proposal at many blocks rebuilds the
 * LeanIMT (Poseidon hashes over every identity) once. Pass it only for the same proposal and the
 * same logs up to its creation (after a reorg below the creation, rebuild it).
 *
 * @example
 * ```ts
 * const first = buildAnonymousProposalState(logs, 3n, { atBlock: 120n });
 * const next = buildAnonymousProposalState(logs, 3n, { atBlock: 121n, group: first.group });
 * ```
 */
export interface BuildAnonymousProposalStateOptions
  extends Pick<BuildProposalStateOptions, "atBlock"> {
  /** `group` of an earlier result for this proposal (its `rebuilt` and `mismatch` are reused). */
  group?: Pick<RecountedGroup, "rebuilt" | "mismatch"> | undefined;
}

/**
 * What `buildAnonymousProposalState` rebuilt: the proposal, the tally's input, the group, and counts.
 *
 * @example
 * ```ts
 * const state: BuildAnonymousProposalStateReturnType = buildAnonymousProposalState(logs, 3n);
 * console.log(`${state.ballotsCount} ballots of ${state.input.identities} identities`);
 * ```
 */
export interface BuildAnonymousProposalStateReturnType {
  proposal: RecountedProposal<"anonymous">;
  input: AnonymousRecountInput;
  group: RecountedGroup;
  /** The last block whose ballots were counted (`atBlock`, or the last log's block). */
  atBlock: bigint;
  /** Current ballots (after replacements and retractions). */
  ballotsCount: number;
  /** Ballot events replayed: casts, replacements and retractions. */
  ballotEvents: number;
}

/**
 * Errors `buildAnonymousProposalState` throws.
 *
 * @example
 * ```ts
 * try { buildAnonymousProposalState(logs, 99n); }
 * catch (error) { console.error((error as BuildAnonymousProposalStateErrorType).shortMessage); }
 * ```
 */
export type BuildAnonymousProposalStateErrorType =
  | ProposalNotFoundInLogsError
  | RecountBlockBeforeProposalError
  | RecountUnsupportedModeError
  | RecountModeMismatchError
  | RecountInconsistentLogsError
  | GroupInconsistentLogsError;

/**
 * Rebuilds an anonymous proposal's ballots and identity group from its community's decoded logs alone
 * (pure): `AnonymousVoteCast` / `AnonymousVoteRetracted` replayed in chain order up to `atBlock` (a
 * later ballot with the same nullifier replaces the earlier one), the group size from
 * `ProposalGroupRecorded`, and the group itself rebuilt from the `Identity*` events before the
 * creation. A rebuilt root that disagrees is reported in `group.mismatch`, not thrown, so that
 * `verifyProposal` can show it next to the tally.
 *
 * @example
 * ```ts
 * import { anonymousTally } from "@plenum/sdk/engine";
 * import { buildAnonymousProposalState, fetchCommunityLogs } from "@plenum/sdk";
 *
 * const { logs } = await fetchCommunityLogs(client, { community, fromBlock: deployBlock });
 * const { input } = buildAnonymousProposalState(logs, 3n);
 * console.log(anonymousTally(input.ballots, input.identities, input.optionCount).tallies);
 * ```
 */
export function buildAnonymousProposalState(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  options: BuildAnonymousProposalStateOptions = {},
): BuildAnonymousProposalStateReturnType {
  const ordered = inChainOrder(logs);
  const { atBlock } = options;
  const created = findCreation(ordered, proposalId, atBlock);
  const { args } = created;
  const name = modeName(args.mode);
  if (name === undefined) throw new RecountUnsupportedModeError({ proposalId, mode: args.mode });
  if (name !== "anonymous") {
    throw new RecountModeMismatchError({
      proposalId,
      mode: name,
      builder: "buildAnonymousProposalState",
    });
  }
  const voteEnd = BigInt(args.voteEnd);
  const { optionCount } = args;

  const fail = (reason: string, log: CommunityLog, nullifier?: bigint): never => {
    throw new RecountInconsistentLogsError({
      reason,
      nullifier,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
    });
  };

  let recorded: { root: bigint; identities: bigint } | undefined;
  const ballots = new Map<bigint, EngineBallot>();
  let ballotEvents = 0;
  const { status, see } = lifecycle(proposalId);

  const checkBallot = (nullifier: bigint, log: CommunityLog) => {
    ballotEvents++;
    if (log.blockTimestamp > voteEnd) fail("anonymous ballot after voteEnd", log, nullifier);
  };

  for (const log of ordered) {
    if (atBlock !== undefined && log.blockNumber > atBlock) break;
    if (compareLogs(log, created) < 0) {
      switch (log.eventName) {
        case "AnonymousVoteCast":
        case "AnonymousVoteRetracted":
          if (log.args.proposalId === proposalId) {
            fail("anonymous ballot before the proposal was created", log, log.args.nullifier);
          }
          break;
      }
      continue;
    }
    switch (log.eventName) {
      case "ProposalGroupRecorded":
        if (log.args.proposalId !== proposalId) break;
        if (recorded) fail("a second ProposalGroupRecorded", log);
        recorded = { root: log.args.groupRoot, identities: log.args.identities };
        break;
      case "AnonymousVoteCast": {
        if (log.args.proposalId !== proposalId) break;
        const { nullifier, option } = log.args;
        checkBallot(nullifier, log);
        if (option !== ABSTAIN && option >= optionCount) {
          fail(`AnonymousVoteCast for option ${option}`, log, nullifier);
        }
        ballots.set(
          nullifier,
          option === ABSTAIN ? { type: "abstain" } : { type: "option", option },
        );
        // Each identity has one nullifier per proposal, so a sound proof system never gets here.
        if (recorded && BigInt(ballots.size) > recorded.identities) {
          fail(`${ballots.size} ballots in a group of ${recorded.identities}`, log, nullifier);
        }
        break;
      }
      case "AnonymousVoteRetracted": {
        if (log.args.proposalId !== proposalId) break;
        const { nullifier } = log.args;
        checkBallot(nullifier, log);
        if (!ballots.delete(nullifier)) {
          fail("AnonymousVoteRetracted without a ballot", log, nullifier);
        }
        break;
      }
      default:
        see(log);
    }
  }

  // `propose` emits ProposalGroupRecorded right after ProposalCreated, in the same transaction.
  if (!recorded) fail("no ProposalGroupRecorded for an anonymous proposal", created);
  const group = recorded as { root: bigint; identities: bigint };
  let rebuilt: RecountedGroup["rebuilt"];
  let mismatch: GroupRootMismatchError | undefined;
  if (options.group) ({ rebuilt, mismatch } = options.group);
  else
    try {
      // Replays the identity events before the proposal's ProposalGroupRecorded, checks each event's
      // root and the recorded one against the recomputed LeanIMT.
      const snapshot = buildIdentityGroup(ordered, { proposalId });
      rebuilt = { root: snapshot.root, identities: BigInt(snapshot.identities) };
    } catch (error) {
      if (!(error instanceof GroupRootMismatchError)) throw error;
      mismatch = error;
    }
  const last = ordered[ordered.length - 1] as CommunityLog;
  return {
    proposal: describeProposal(created, "anonymous", status, settingsOf(ordered, created)),
    input: { mode: "anonymous", optionCount, identities: group.identities, ballots },
    group: { recorded: group, rebuilt, mismatch },
    atBlock: atBlock ?? last.blockNumber,
    ballotsCount: ballots.size,
    ballotEvents,
  };
}

/** The proposal's settings read from every log. */
function settingsOf(ordered: readonly CommunityLog[], created: CreatedLog) {
  const settings = proposalSettings(created);
  for (const log of ordered) settings.see(log);
  return settings.settings;
}
