import type { Address, Chain, Client, Transport } from "viem";
import { getBlock, getBlockNumber } from "viem/actions";
import { checkAddressParameters } from "../actions/internal/addresses.ts";
import {
  type AnonymousTallyResult,
  anonymousTally,
  type EngineMode,
  type TallyInput,
  type TallyOutcome,
  type TallyResult,
  tally,
  tallyOutcome,
} from "../engine/index.ts";
import {
  type AnonymousRecountInput,
  type BuildAnonymousProposalStateErrorType,
  buildAnonymousProposalState,
  type RecountedGroup,
} from "./buildAnonymousProposalState.ts";
import { type BuildProposalStateErrorType, buildProposalState } from "./buildProposalState.ts";
import type { LogCache } from "./createLogCache.ts";
import { LogFetchError, RecountUnsupportedModeError } from "./errors.ts";
import { type FetchProgress, fetchCommunityLogs } from "./fetchCommunityLogs.ts";
import { findCreation, inChainOrder, modeName, type RecountedProposal } from "./proposalLogs.ts";
import { type RetryOptions, withRetry } from "./retry.ts";

/**
 * Parameters of `recountProposal`: the proposal and block, and where the logs come from (a community
 * address and its first block, or a `LogCache`).
 *
 * @example
 * ```ts
 * const direct: RecountProposalParameters = { community, fromBlock: 0n, proposalId: 1n };
 * const cached: RecountProposalParameters = { cache, proposalId: 1n, blockNumber: 1_234n };
 * ```
 */
export type RecountProposalParameters = {
  proposalId: bigint;
  /** Block to recount at (default: the latest block). */
  blockNumber?: bigint;
  onProgress?: (progress: FetchProgress) => void;
  retry?: RetryOptions;
} & (
  | {
      /** The community (its governor proxy). */
      community: Address;
      /** The community's deployment block or earlier. */
      fromBlock: bigint;
      chunkSize?: number | bigint;
      concurrency?: number;
      cache?: undefined;
    }
  | { cache: LogCache; community?: undefined; fromBlock?: undefined }
);

/**
 * A proposal's state as the contract's `state()` names it (a recount never sees `pending` or `expired`).
 *
 * @example
 * ```ts
 * const state: RecountState = "succeeded";
 * ```
 */
export type RecountState = "active" | "canceled" | "defeated" | "succeeded" | "queued" | "executed";

/**
 * What the recounted tally means at the block: the quorum in effect at the snapshot, the engine's
 * `tallyOutcome`, and the state the contract must report (`active` until `voteEnd`, then `succeeded`
 * or `defeated`, unless canceled, queued or executed).
 *
 * @example
 * ```ts
 * const { outcome } = await recountProposal(client, { community, fromBlock: 0n, proposalId: 1n });
 * if (outcome) console.log(outcome.state, outcome.quorumReached, outcome.leading);
 * ```
 */
export interface RecountOutcome extends TallyOutcome {
  /** The quorum in basis points at the snapshot. */
  quorumBps: number;
  state: RecountState;
}

/**
 * What every recount reports, whatever the proposal's mode.
 *
 * @example
 * ```ts
 * const { blockNumber, ballotsCount, timings }: RecountBase = await recountProposal(client, { community, fromBlock: 0n, proposalId: 1n });
 * ```
 */
export interface RecountBase {
  community: Address;
  blockNumber: bigint;
  /** Current ballots (after changes and retractions). */
  ballotsCount: number;
  /** Ballot events replayed: casts, changes and retractions. */
  ballotEvents: number;
  /** Logs read (all of the community's, up to `blockNumber`). */
  logsCount: number;
  /** The outcome at `blockNumber`; undefined when the logs hold no `QuorumSet` (they start too late). */
  outcome: RecountOutcome | undefined;
  timings: { fetchMs: number; buildMs: number; tallyMs: number };
}

/**
 * The recount of a single-choice or quadratic proposal: the engine's tally on the snapshot weights,
 * delegation graph and ballots rebuilt from logs.
 *
 * @example
 * ```ts
 * const recount = await recountProposal(client, { community, fromBlock: 0n, proposalId: 1n });
 * if (recount.mode !== "anonymous") console.log(recount.result.carried);
 * ```
 */
export interface PublicRecount extends RecountBase {
  mode: EngineMode;
  proposal: RecountedProposal<EngineMode>;
  /** What the engine was given. */
  input: TallyInput<Address>;
  /** What the engine computed. */
  result: TallyResult<Address>;
  membersCount: number;
  delegationsCount: number;
}

/**
 * The recount of an anonymous proposal: one per current ballot, over the group recorded at creation,
 * and that group rebuilt from the `Identity*` events (its Merkle root recomputed).
 *
 * @example
 * ```ts
 * const recount = await recountProposal(client, { community, fromBlock: 0n, proposalId: 3n });
 * if (recount.mode === "anonymous") console.log(recount.group.mismatch === undefined);
 * ```
 */
export interface AnonymousRecount extends RecountBase {
  mode: "anonymous";
  proposal: RecountedProposal<"anonymous">;
  /** What `anonymousTally` was given. */
  input: AnonymousRecountInput;
  /** What `anonymousTally` computed. */
  result: AnonymousTallyResult;
  /** The group the proposal recorded, and the same group rebuilt from the identity events. */
  group: RecountedGroup;
}

/**
 * Result of `recountProposal`: the tally on the state rebuilt from logs, and how it was built;
 * `mode` tells a public recount from an anonymous one.
 *
 * @example
 * ```ts
 * const recount: RecountProposalReturnType = await recountProposal(client, { community, fromBlock: 0n, proposalId: 1n });
 * console.log(recount.mode, recount.result.tallies, recount.timings.fetchMs);
 * ```
 */
export type RecountProposalReturnType = PublicRecount | AnonymousRecount;

/**
 * Errors `recountProposal` throws.
 *
 * @example
 * ```ts
 * try { await recountProposal(client, { community, fromBlock: 0n, proposalId: 1n }); }
 * catch (error) { console.error((error as RecountProposalErrorType).message); }
 * ```
 */
export type RecountProposalErrorType =
  | LogFetchError
  | BuildProposalStateErrorType
  | BuildAnonymousProposalStateErrorType;

/**
 * Recounts a proposal from the chain's event logs alone: fetches them, rebuilds the snapshot weights,
 * the topic's delegation graph and the ballots, and runs the pure tally engine. An anonymous proposal
 * is counted one per current ballot over its recorded group, whose root is rebuilt from the
 * `Identity*` events.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from "viem";
 * import { recountProposal } from "@plenum/sdk";
 *
 * const client = createPublicClient({ transport: http("https://rpc.example.org") });
 * const { result } = await recountProposal(client, {
 *   community: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
 *   fromBlock: 1_234_567n,
 *   proposalId: 4n,
 * });
 * console.log(result.tallies, result.participation, result.totalMass);
 * ```
 */
export async function recountProposal(
  client: Client<Transport, Chain | undefined>,
  parameters: RecountProposalParameters,
): Promise<RecountProposalReturnType> {
  checkAddressParameters(parameters);
  const { proposalId, onProgress, retry } = parameters;
  const community = parameters.cache ? parameters.cache.community : parameters.community;
  const started = performance.now();
  const blockNumber =
    parameters.blockNumber ??
    (await withRetry(() => getBlockNumber(client, { cacheTime: 0 }), retry, {
      onGiveUp: (cause, attempts) =>
        new LogFetchError({ fromBlock: 0n, toBlock: 0n, attempts, cause }),
    }));
  const giveUp = (cause: unknown, attempts: number) =>
    new LogFetchError({ fromBlock: blockNumber, toBlock: blockNumber, attempts, cause });
  const [logs, block] = await Promise.all([
    parameters.cache
      ? parameters.cache.sync({ toBlock: blockNumber, onProgress })
      : fetchCommunityLogs(client, {
          community,
          fromBlock: parameters.fromBlock,
          toBlock: blockNumber,
          chunkSize: parameters.chunkSize,
          concurrency: parameters.concurrency,
          retry,
          onProgress,
        }).then((fetched) => fetched.logs),
    // The contract's clock at the block: it decides whether voting is still open.
    withRetry(() => getBlock(client, { blockNumber }), retry, { onGiveUp: giveUp }),
  ]);
  const fetched = performance.now();
  const common = { community, blockNumber, logsCount: logs.length };
  const outcomeOf = (
    proposal: RecountedProposal,
    totals: { tallies: readonly bigint[]; participation: bigint; totalMass: bigint },
  ): RecountOutcome | undefined => {
    const { quorumBps, executable } = proposal;
    if (quorumBps === undefined) return undefined;
    const outcome = tallyOutcome(totals, { quorumBps, executable });
    const state: RecountState = proposal.canceled
      ? "canceled"
      : proposal.executed
        ? "executed"
        : proposal.queued
          ? "queued"
          : block.timestamp <= proposal.voteEnd
            ? "active"
            : outcome.passing
              ? "succeeded"
              : "defeated";
    return { quorumBps, ...outcome, state };
  };
  const ordered = inChainOrder(logs);
  const { mode } = findCreation(ordered, proposalId, blockNumber).args;
  const name = modeName(mode);
  if (name === undefined) throw new RecountUnsupportedModeError({ proposalId, mode });
  if (name === "anonymous") {
    const state = buildAnonymousProposalState(ordered, proposalId, { atBlock: blockNumber });
    const built = performance.now();
    const { ballots, identities, optionCount } = state.input;
    const result = anonymousTally(ballots, identities, optionCount);
    const counted = performance.now();
    return {
      ...common,
      mode: name,
      proposal: state.proposal,
      input: state.input,
      result,
      outcome: outcomeOf(state.proposal, result),
      group: state.group,
      ballotsCount: state.ballotsCount,
      ballotEvents: state.ballotEvents,
      timings: { fetchMs: fetched - started, buildMs: built - fetched, tallyMs: counted - built },
    };
  }
  const state = buildProposalState(ordered, proposalId, { atBlock: blockNumber });
  const built = performance.now();
  const result = tally(state.input);
  const counted = performance.now();
  return {
    ...common,
    mode: state.proposal.mode,
    proposal: state.proposal,
    input: state.input,
    result,
    outcome: outcomeOf(state.proposal, result),
    membersCount: state.membersCount,
    delegationsCount: state.delegationsCount,
    ballotsCount: state.ballotsCount,
    ballotEvents: state.ballotEvents,
    timings: { fetchMs: fetched - started, buildMs: built - fetched, tallyMs: counted - built },
  };
}
