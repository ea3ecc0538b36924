import type { Address, Chain, Client, Transport } from "viem";
import { getBlockNumber } from "viem/actions";
import { type TallyInput, type TallyResult, tally } from "../engine/index.ts";
import {
  type BuildProposalStateErrorType,
  buildProposalState,
  type RecountedProposal,
} from "./buildProposalState.ts";
import type { LogCache } from "./createLogCache.ts";
import { LogFetchError } from "./errors.ts";
import { type FetchProgress, fetchCommunityLogs } from "./fetchCommunityLogs.ts";
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
 * Result of `recountProposal`: the engine's tally on the state rebuilt from logs, and how it was built.
 *
 * @example
 * ```ts
 * const recount: RecountProposalReturnType = await recountProposal(client, { community, fromBlock: 0n, proposalId: 1n });
 * console.log(recount.result.tallies, recount.timings.fetchMs);
 * ```
 */
export interface RecountProposalReturnType {
  community: Address;
  blockNumber: bigint;
  proposal: RecountedProposal;
  /** What the engine was given. */
  input: TallyInput<Address>;
  /** What the engine computed. */
  result: TallyResult<Address>;
  membersCount: number;
  delegationsCount: number;
  ballotsCount: number;
  ballotEvents: number;
  /** Logs read (all of the community's, up to `blockNumber`). */
  logsCount: number;
  timings: { fetchMs: number; buildMs: number; tallyMs: number };
}

/**
 * Errors `recountProposal` throws.
 *
 * @example
 * ```ts
 * try { await recountProposal(client, { community, fromBlock: 0n, proposalId: 1n }); }
 * catch (error) { console.error((error as RecountProposalErrorType).message); }
 * ```
 */
export type RecountProposalErrorType = LogFetchError | BuildProposalStateErrorType;

/**
 * Recounts a proposal from the chain's event logs alone: fetches them, rebuilds the snapshot weights,
 * the topic's delegation graph and the ballots, and runs the pure tally engine.
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
  const { proposalId, onProgress, retry } = parameters;
  const community = parameters.cache ? parameters.cache.community : parameters.community;
  const started = performance.now();
  const blockNumber =
    parameters.blockNumber ??
    (await withRetry(() => getBlockNumber(client, { cacheTime: 0 }), retry, {
      onGiveUp: (cause, attempts) =>
        new LogFetchError({ fromBlock: 0n, toBlock: 0n, attempts, cause }),
    }));
  const logs = parameters.cache
    ? await parameters.cache.sync({ toBlock: blockNumber, onProgress })
    : (
        await fetchCommunityLogs(client, {
          community,
          fromBlock: parameters.fromBlock,
          toBlock: blockNumber,
          chunkSize: parameters.chunkSize,
          concurrency: parameters.concurrency,
          retry,
          onProgress,
        })
      ).logs;
  const fetched = performance.now();
  const state = buildProposalState(logs, proposalId, { atBlock: blockNumber });
  const built = performance.now();
  const result = tally(state.input);
  const counted = performance.now();
  return {
    community,
    blockNumber,
    proposal: state.proposal,
    input: state.input,
    result,
    membersCount: state.membersCount,
    delegationsCount: state.delegationsCount,
    ballotsCount: state.ballotsCount,
    ballotEvents: state.ballotEvents,
    logsCount: logs.length,
    timings: { fetchMs: fetched - started, buildMs: built - fetched, tallyMs: counted - built },
  };
}
