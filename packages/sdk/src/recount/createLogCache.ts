import type { Address, Chain, Client, Hash, Transport } from "viem";
import { getBlock } from "viem/actions";
import { LogFetchError } from "./errors.ts";
import { type CommunityLog, type FetchProgress, fetchCommunityLogs } from "./fetchCommunityLogs.ts";
import { type RetryOptions, withRetry } from "./retry.ts";

/**
 * Parameters of `createLogCache`: the community, where its logs start, and how to fetch them.
 *
 * @example
 * ```ts
 * const parameters: CreateLogCacheParameters = { community, fromBlock: 0n, chunkSize: 10_000 };
 * ```
 */
export interface CreateLogCacheParameters {
  community: Address;
  /** The community's deployment block or earlier. */
  fromBlock: bigint;
  chunkSize?: number | bigint;
  retry?: RetryOptions;
  concurrency?: number;
}

/**
 * A community's logs fetched once and extended block by block: each `sync` asks only for blocks it has
 * not seen, and starts over if the block it stopped at was reorganised away.
 *
 * @example
 * ```ts
 * const cache = createLogCache(client, { community, fromBlock: 0n });
 * const logs = await cache.sync(); // everything up to the latest block
 * const later = await cache.sync(); // only the new blocks are fetched
 * ```
 */
export interface LogCache {
  readonly community: Address;
  readonly fromBlock: bigint;
  /** The last block synced (undefined before the first sync). */
  readonly syncedTo: bigint | undefined;
  /** Every log fetched so far, in chain order. */
  readonly logs: readonly CommunityLog[];
  /** RPC requests sent so far, failed ones included. */
  readonly requests: number;
  /** Fetches up to `toBlock` (default: latest) and returns the logs up to it. */
  sync(parameters?: {
    toBlock?: bigint;
    onProgress?: (progress: FetchProgress) => void;
  }): Promise<readonly CommunityLog[]>;
  /** Forgets everything fetched. */
  reset(): void;
}

/**
 * Creates an incremental cache of a community's logs (see `LogCache`).
 *
 * @example
 * ```ts
 * import { createLogCache, verifyProposal } from "@plenum/sdk";
 *
 * const cache = createLogCache(client, { community, fromBlock: deployBlock });
 * for (;;) {
 *   const { verdict } = await verifyProposal(client, { cache, proposalId: 1n });
 *   console.log(verdict);
 * }
 * ```
 */
export function createLogCache(
  client: Client<Transport, Chain | undefined>,
  parameters: CreateLogCacheParameters,
): LogCache {
  const { community, fromBlock, chunkSize, retry, concurrency } = parameters;
  let logs: CommunityLog[] = [];
  let syncedTo: bigint | undefined;
  let tipHash: Hash | undefined;
  let requests = 0;
  const timestampCache = new Map<Hash, bigint>();
  let queue: Promise<unknown> = Promise.resolve();

  const blockAt = (blockNumber: bigint | undefined) =>
    withRetry(
      () => {
        requests++;
        return blockNumber === undefined
          ? getBlock(client, { blockTag: "latest" })
          : getBlock(client, { blockNumber });
      },
      retry,
      {
        onGiveUp: (cause, attempts) =>
          new LogFetchError({
            fromBlock: blockNumber ?? 0n,
            toBlock: blockNumber ?? 0n,
            attempts,
            cause,
          }),
      },
    );

  const reset = () => {
    logs = [];
    syncedTo = undefined;
    tipHash = undefined;
    timestampCache.clear();
  };

  const upTo = (toBlock: bigint): readonly CommunityLog[] => {
    // Logs are in chain order: cut at the first one past `toBlock`.
    let low = 0;
    let high = logs.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((logs[mid] as CommunityLog).blockNumber <= toBlock) low = mid + 1;
      else high = mid;
    }
    return low === logs.length ? logs : logs.slice(0, low);
  };

  const run = async (
    toBlock: bigint | undefined,
    onProgress: ((progress: FetchProgress) => void) | undefined,
  ) => {
    if (syncedTo !== undefined) {
      // Hashes chain every block to its parent: if the last block we saw is unchanged, so is
      // everything before it. Otherwise start over rather than guess how deep the reorg went.
      const seen = await blockAt(syncedTo);
      if (seen.hash !== tipHash) reset();
      else if (toBlock !== undefined && toBlock <= syncedTo) return upTo(toBlock);
    }
    const target = await blockAt(toBlock);
    if (target.number === null || target.hash === null) throw new Error("pending block");
    const start = syncedTo === undefined ? fromBlock : syncedTo + 1n;
    if (target.number >= start) {
      const fetched = await fetchCommunityLogs(client, {
        community,
        fromBlock: start,
        toBlock: target.number,
        chunkSize,
        retry,
        concurrency,
        onProgress,
        timestampCache,
      });
      requests += fetched.stats.requests;
      logs = logs.concat(fetched.logs);
    }
    syncedTo = target.number;
    tipHash = target.hash;
    // `logs` is only ever replaced, never changed in place, so handing it out is safe.
    return logs;
  };

  return {
    community,
    fromBlock,
    get syncedTo() {
      return syncedTo;
    },
    get logs() {
      return logs;
    },
    get requests() {
      return requests;
    },
    sync(options = {}) {
      const result = queue.then(() => run(options.toBlock, options.onProgress));
      queue = result.catch(() => undefined);
      return result;
    },
    reset,
  };
}
