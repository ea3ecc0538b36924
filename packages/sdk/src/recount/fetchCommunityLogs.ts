import type { Address, Chain, Client, DecodeEventLogReturnType, Hash, Log, Transport } from "viem";
import { getBlock, getBlockNumber } from "viem/actions";
import { checkAddressParameters } from "../actions/internal/addresses.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { createEventDecoder } from "./createEventDecoder.ts";
import { LogFetchError } from "./errors.ts";
import { getLogsChunked } from "./getLogsChunked.ts";
import { type RetryOptions, withRetry } from "./retry.ts";

/**
 * Where a log sits on the chain: block, its timestamp (the contracts' clock), and position in it.
 *
 * @example
 * ```ts
 * const position: LogPosition = {
 *   blockNumber: 12n,
 *   blockHash: `0x${"ab".repeat(32)}`,
 *   blockTimestamp: 1_700_000_000n,
 *   logIndex: 0,
 *   transactionHash: `0x${"cd".repeat(32)}`,
 *   transactionIndex: 0,
 * };
 * position.blockNumber; // => 12n
 * ```
 */
export interface LogPosition {
  blockNumber: bigint;
  blockHash: Hash;
  /** The block's timestamp: proposals read weights and delegations by it (ERC-6372 timestamp clock). */
  blockTimestamp: bigint;
  logIndex: number;
  transactionHash: Hash;
  transactionIndex: number;
}

/**
 * A community event decoded with `liquidGovernorAbi` (`eventName` + typed `args`), with its position.
 *
 * @example
 * ```ts
 * const { logs } = await fetchCommunityLogs(client, { community, fromBlock: 0n });
 * for (const log of logs) if (log.eventName === "VoteCast") console.log(log.args.voter, log.args.option);
 * ```
 */
export type CommunityLog = DecodeEventLogReturnType<typeof liquidGovernorAbi> & LogPosition;

/**
 * What `fetchCommunityLogs` reports after each chunk of blocks (`phase: "logs"`) and while it fetches
 * the block timestamps the node did not include in the logs (`phase: "timestamps"`).
 *
 * @example
 * ```ts
 * const onProgress = (p: FetchProgress) => console.error(`${p.phase} ${p.done}/${p.total}, ${p.logs} logs`);
 * onProgress({ phase: "logs", fromBlock: 0n, toBlock: 99n, done: 100, total: 1000, logs: 12 });
 * ```
 */
export interface FetchProgress {
  phase: "logs" | "timestamps";
  /** The chunk just fetched (`phase: "logs"`), or the whole range (`phase: "timestamps"`). */
  fromBlock: bigint;
  toBlock: bigint;
  /** Blocks scanned so far (logs), or block timestamps fetched so far (timestamps). */
  done: number;
  /** Blocks in the range (logs), or timestamps to fetch (timestamps). */
  total: number;
  /** Logs found so far. */
  logs: number;
}

/**
 * Parameters of `fetchCommunityLogs`.
 *
 * @example
 * ```ts
 * const parameters: FetchCommunityLogsParameters = {
 *   community: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
 *   fromBlock: 0n,
 *   chunkSize: 2_000,
 *   retry: { attempts: 6 },
 * };
 * ```
 */
export interface FetchCommunityLogsParameters {
  /** The community (its governor proxy). */
  community: Address;
  /** First block to scan: the community's deployment block or earlier. */
  fromBlock: bigint;
  /** Last block to scan (default: the latest block). */
  toBlock?: bigint;
  /** Blocks per `eth_getLogs` request (default 5,000); halved whenever the node says the range is too large. */
  chunkSize?: number | bigint;
  /** Called after every chunk and while timestamps are fetched. */
  onProgress?: (progress: FetchProgress) => void;
  /** Retries with exponential backoff for failed requests. */
  retry?: RetryOptions;
  /** Parallel block requests when the node's logs carry no `blockTimestamp` (default 8). */
  concurrency?: number;
  /** Block hash → timestamp, read and filled; pass the same map to later calls to avoid refetching. */
  timestampCache?: Map<Hash, bigint>;
}

/**
 * Result of `fetchCommunityLogs`: the decoded logs in chain order, the range scanned, and request counts.
 *
 * @example
 * ```ts
 * const { logs, toBlock, stats } = await fetchCommunityLogs(client, { community, fromBlock: 0n });
 * console.log(`${logs.length} logs up to block ${toBlock} in ${stats.requests} requests`);
 * ```
 */
export interface FetchCommunityLogsReturnType {
  logs: CommunityLog[];
  fromBlock: bigint;
  toBlock: bigint;
  /** Logs from the address that `liquidGovernorAbi` does not describe (0 for a Plenum community). */
  undecoded: number;
  stats: {
    /** RPC requests sent, failed ones included. */
    requests: number;
    /** Requests that failed (each was tried again, or the chunk halved). */
    failures: number;
    /** Times the chunk was halved because the node refused the range. */
    splits: number;
    /** Blocks fetched for their timestamp. */
    timestampsFetched: number;
  };
}

/**
 * Errors `fetchCommunityLogs` throws.
 *
 * @example
 * ```ts
 * try { await fetchCommunityLogs(client, { community, fromBlock: 0n }); }
 * catch (error) { const e = error as FetchCommunityLogsErrorType; console.error(e.message); }
 * ```
 */
export type FetchCommunityLogsErrorType = LogFetchError;

type AnyClient = Client<Transport, Chain | undefined>;

const decodeGovernorEvent = createEventDecoder(liquidGovernorAbi);

/**
 * Fetches and decodes every event of a community over a block range with chunked `eth_getLogs`,
 * retrying failures and halving chunks that the node refuses, ordered by (block, log index).
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from "viem";
 * import { fetchCommunityLogs } from "@plenum/sdk";
 *
 * const client = createPublicClient({ transport: http("https://rpc.example.org") });
 * const { logs } = await fetchCommunityLogs(client, {
 *   community: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
 *   fromBlock: 1_234_567n,
 *   onProgress: ({ done, total }) => console.error(`${done}/${total} blocks`),
 * });
 * ```
 */
export async function fetchCommunityLogs(
  client: AnyClient,
  parameters: FetchCommunityLogsParameters,
): Promise<FetchCommunityLogsReturnType> {
  checkAddressParameters(parameters);
  const { community, fromBlock, onProgress, retry } = parameters;
  const stats = { requests: 0, failures: 0, splits: 0, timestampsFetched: 0 };
  const counted =
    <T>(request: () => Promise<T>) =>
    async () => {
      stats.requests++;
      try {
        return await request();
      } catch (error) {
        stats.failures++;
        throw error;
      }
    };
  const giveUp = (from: bigint, to: bigint) => (cause: unknown, attempts: number) =>
    new LogFetchError({ fromBlock: from, toBlock: to, attempts, cause });

  const toBlock =
    parameters.toBlock ??
    (await withRetry(
      counted(() => getBlockNumber(client, { cacheTime: 0 })),
      retry,
      { onGiveUp: giveUp(fromBlock, fromBlock) },
    ));
  const total = toBlock >= fromBlock ? Number(toBlock - fromBlock + 1n) : 0;
  let found = 0;
  const raw = await getLogsChunked(client, {
    address: community,
    fromBlock,
    toBlock,
    chunk: parameters.chunkSize ?? 5_000,
    retry,
    onRequest: (failed) => {
      stats.requests++;
      if (failed) stats.failures++;
    },
    onSplit: () => {
      stats.splits++;
    },
    onChunk: (start, end, logs) => {
      found += logs.length;
      onProgress?.({
        phase: "logs",
        fromBlock: start,
        toBlock: end,
        done: Number(end - fromBlock + 1n),
        total,
        logs: found,
      });
    },
  });

  const timestamps = parameters.timestampCache ?? new Map<Hash, bigint>();
  for (const log of raw) {
    if (log.blockTimestamp != null && log.blockHash) {
      timestamps.set(log.blockHash, log.blockTimestamp);
    }
  }
  const missing = new Map<Hash, bigint>();
  for (const log of raw) {
    if (log.blockHash && log.blockNumber !== null && !timestamps.has(log.blockHash)) {
      missing.set(log.blockHash, log.blockNumber);
    }
  }
  if (missing.size > 0) {
    const queue = [...missing];
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < queue.length) {
        const [blockHash, blockNumber] = queue[next++] as [Hash, bigint];
        // By hash, not number: the timestamp then belongs to the very block the log came from.
        const block = await withRetry(
          counted(() => getBlock(client, { blockHash })),
          retry,
          { onGiveUp: giveUp(blockNumber, blockNumber) },
        );
        timestamps.set(blockHash, block.timestamp);
        stats.timestampsFetched++;
        onProgress?.({
          phase: "timestamps",
          fromBlock,
          toBlock,
          done: ++done,
          total: missing.size,
          logs: raw.length,
        });
      }
    };
    const concurrency = Math.max(1, parameters.concurrency ?? 8);
    await Promise.all(Array.from({ length: Math.min(concurrency, missing.size) }, worker));
  }

  const logs = decodeCommunityLogs(raw, (blockHash) => timestamps.get(blockHash), {
    fromBlock,
    toBlock,
  });
  return { logs, fromBlock, toBlock, undecoded: raw.length - logs.length, stats };
}

/**
 * A raw log's position, with the timestamp of its block; undefined for a pending log (no block yet).
 *
 * @example
 * ```ts
 * const position = toLogPosition(rawLog, 1_700_000_000n);
 * position?.blockNumber; // the log's block
 * ```
 */
export function toLogPosition(
  log: Pick<Log, "blockNumber" | "blockHash" | "logIndex" | "transactionHash" | "transactionIndex">,
  blockTimestamp: bigint,
): LogPosition | undefined {
  if (log.blockNumber === null || log.blockHash === null || log.logIndex === null) return undefined;
  return {
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    blockTimestamp,
    logIndex: log.logIndex,
    transactionHash: log.transactionHash as Hash,
    transactionIndex: log.transactionIndex as number,
  };
}

/**
 * Decodes a community's raw logs with `liquidGovernorAbi` (logs it does not describe are left out) and
 * dates them: `timestampOf(blockHash)` first, else the log's own `blockTimestamp`. In chain order.
 * Throws `LogFetchError` for a pending log or a block without a timestamp.
 *
 * @example
 * ```ts
 * const raw = await getLogsChunked(client, { address: community, fromBlock, toBlock });
 * const logs = decodeCommunityLogs(raw, () => undefined, { fromBlock, toBlock });
 * ```
 */
export function decodeCommunityLogs(
  raw: readonly Log[],
  timestampOf: (blockHash: Hash) => bigint | undefined,
  range: { fromBlock: bigint; toBlock: bigint },
): CommunityLog[] {
  const logs: CommunityLog[] = [];
  for (const log of raw) {
    const event = decodeGovernorEvent(log);
    if (!event) continue;
    const timestamp =
      (log.blockHash ? timestampOf(log.blockHash) : undefined) ?? log.blockTimestamp ?? undefined;
    const position = timestamp === undefined ? undefined : toLogPosition(log, timestamp);
    if (!position) {
      throw new LogFetchError({
        ...range,
        attempts: 1,
        cause: new Error(
          timestamp === undefined
            ? "a log's block has no timestamp"
            : "the node returned a pending log",
        ),
      });
    }
    logs.push({ eventName: event.eventName, args: event.args, ...position } as CommunityLog);
  }
  logs.sort(compareLogs);
  return logs;
}

/**
 * Orders logs as the chain does: by block, then by index within the block (for `Array.sort`).
 *
 * @example
 * ```ts
 * const ordered = [...logs].sort(compareLogs);
 * ```
 */
export function compareLogs(a: LogPosition, b: LogPosition): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber < b.blockNumber ? -1 : 1;
  return a.logIndex - b.logIndex;
}
