// The follower's view of the node: every request retried with backoff when the failure is transient,
// turned into a typed error otherwise, and counted.
import { type ChunkSize, getLogsChunked, type RetryOptions, withRetry } from "@plenum/sdk";
import {
  type Address,
  BlockNotFoundError,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  type Log,
  type Transport,
} from "viem";
import { getBlock, getChainId, getCode, getLogs } from "viem/actions";
import {
  IndexerError,
  RetryableError,
  RpcRejectedError,
  RpcUnavailableError,
} from "../internal/errors.ts";
import type { BlockRef } from "./types.ts";

/**
 * Counters of the follower's work since it started (for logs, metrics and tests).
 *
 * @example
 * ```ts
 * console.log(`${sync.stats.requests} requests, ${sync.stats.failures} failed, ${sync.stats.splits} splits`);
 * ```
 */
export interface SyncStats {
  /** RPC requests sent, failed ones included. */
  requests: number;
  /** Requests that failed (then retried, split or thrown). */
  failures: number;
  /** Times an `eth_getLogs` range was split because the node refused it. */
  splits: number;
  /** Block headers fetched. */
  headers: number;
  /** `eth_getLogs` requests sent. */
  logRequests: number;
  /** Steps emitted, by type. */
  steps: { blocks: number; reorg: number; live: number };
  /** Logs emitted (re-emitted ones after a reorg included). */
  logs: number;
  /** Logs from a followed address that the ABIs do not describe (left out). */
  undecoded: number;
  /** New heads announced over the WebSocket subscription. */
  wsHeads: number;
  /** Whether the WebSocket subscription is running. */
  wsActive: boolean;
}

/**
 * A header with the bloom filter of its logs (not emitted: only `BlockRef` fields are).
 *
 * @example
 * ```ts
 * const header = await rpc.header(12n);
 * if (header && bloomMayContain(header.logsBloom, [factory])) console.log(header.hash);
 * ```
 */
export interface Header extends BlockRef {
  logsBloom: Hex | null;
}

const FATAL_CODES = new Set([-32600, -32601, -32602, -32004, -32006, 4100, 4200]);
const TRANSIENT_TEXT =
  /timeout|timed out|took too long|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN|socket hang up|other side closed|fetch failed|network|closed|rate limit|too many requests|header not found|unknown block|not found|unavailable|try again/i;

/**
 * Whether a failed request may succeed if sent again: timeouts, dropped connections, HTTP 408/425/429
 * and 5xx, and JSON-RPC errors other than "invalid request / params / method" are; a 4xx answer,
 * a request the node calls invalid, and errors that are not the node's (bugs) are not.
 *
 * @example
 * ```ts
 * isRetryableRpcError(new Error("socket hang up")); // => true
 * isRetryableRpcError(Object.assign(new Error("invalid argument"), { code: -32602 })); // => false
 * ```
 */
export function isRetryableRpcError(error: unknown): boolean {
  let viemError = false;
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (current instanceof IndexerError) return current.retryable;
    if (typeof current !== "object") break;
    const link = current as {
      name?: unknown;
      status?: unknown;
      code?: unknown;
      message?: unknown;
      details?: unknown;
      version?: unknown;
      cause?: unknown;
    };
    if (typeof link.status === "number") {
      return (
        link.status === 408 || link.status === 425 || link.status === 429 || link.status >= 500
      );
    }
    if (typeof link.code === "number") return !FATAL_CODES.has(link.code);
    if (
      link.name === "TimeoutError" ||
      link.name === "SocketClosedError" ||
      link.name === "WebSocketRequestError" ||
      link.name === "HttpRequestError"
    ) {
      return true;
    }
    for (const text of [link.details, link.message]) {
      if (typeof text === "string" && TRANSIENT_TEXT.test(text)) return true;
    }
    if (typeof link.version === "string" && link.version.startsWith("viem@")) viemError = true;
    current = link.cause;
  }
  // An error viem raised without a code is about the transport; anything else is ours (a bug).
  return viemError;
}

/**
 * The chain moved while a step was being read (a log's block is not the header read): read again.
 *
 * @example
 * ```ts
 * throw new ChainMovedError("Block 12 changed while 10–20 was read.");
 * ```
 */
export class ChainMovedError extends RetryableError {
  override name = "ChainMovedError";
}

/**
 * Options of {@link createRpc}.
 *
 * @example
 * ```ts
 * const options: CreateRpcOptions = { retry: { attempts: 10 }, stats, concurrency: 16, maxAddresses: 1_000 };
 * ```
 */
export interface CreateRpcOptions {
  retry: RetryOptions;
  signal?: AbortSignal | undefined;
  stats: SyncStats;
  /** Header requests in flight at once (default 16); a batching transport sends them together. */
  concurrency: number;
  /** Most addresses in one `eth_getLogs` filter (default 1,000); more are split over requests. */
  maxAddresses: number;
}

/**
 * The follower's retrying, counting RPC reads.
 *
 * @example
 * ```ts
 * const rpc: Rpc = createRpc(client, options);
 * ```
 */
export type Rpc = ReturnType<typeof createRpc>;

/**
 * Wraps a viem client for the follower: transient failures are retried with backoff and jitter
 * (`RpcUnavailableError` when they never stop), requests the node rejects throw `RpcRejectedError`.
 *
 * @example
 * ```ts
 * const rpc = createRpc(client, { retry: {}, stats, concurrency: 16, maxAddresses: 1_000 });
 * const head = await rpc.header("latest");
 * ```
 */
export function createRpc(client: Client<Transport, Chain | undefined>, options: CreateRpcOptions) {
  const { retry, signal, stats } = options;

  const call = async <T>(
    method: string,
    request: () => Promise<T>,
    retryOptions: RetryOptions = retry,
  ): Promise<T> => {
    try {
      return await withRetry(
        async () => {
          stats.requests++;
          try {
            return await request();
          } catch (error) {
            stats.failures++;
            throw error;
          }
        },
        retryOptions,
        {
          retryable: isRetryableRpcError,
          onGiveUp: (cause, attempts) => new RpcUnavailableError({ method, attempts, cause }),
          signal,
        },
      );
    } catch (error) {
      if (error instanceof IndexerError || signal?.aborted) throw error;
      throw new RpcRejectedError({ method, cause: error });
    }
  };

  const toHeader = (block: {
    number: bigint | null;
    hash: Hash | null;
    parentHash: Hash;
    timestamp: bigint;
    logsBloom: Hex | null;
  }): Header => {
    if (block.number === null || block.hash === null) {
      throw new ChainMovedError("The node returned a pending block.");
    }
    return {
      number: block.number,
      hash: block.hash,
      parentHash: block.parentHash,
      timestamp: block.timestamp,
      logsBloom: block.logsBloom,
    };
  };

  /**
   * The header at a number or tag; null when the node has no such block (past its head).
   * `retryOptions` replaces the default backoff for this request.
   */
  const header = (
    at: bigint | "latest" | "finalized",
    retryOptions?: RetryOptions,
  ): Promise<Header | null> =>
    call(
      "eth_getBlockByNumber",
      async () => {
        try {
          const block = await getBlock(
            client,
            typeof at === "bigint" ? { blockNumber: at } : { blockTag: at },
          );
          stats.headers++;
          return toHeader(block);
        } catch (error) {
          if (error instanceof BlockNotFoundError) return null;
          throw error;
        }
      },
      retryOptions,
    );

  /** Headers of `numbers`, fetched `concurrency` at a time; null where the node has none. */
  const headers = async (numbers: readonly bigint[]): Promise<(Header | null)[]> => {
    const out: (Header | null)[] = new Array(numbers.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < numbers.length) {
        const index = next++;
        out[index] = await header(numbers[index] as bigint);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, numbers.length) }, worker),
    );
    return out;
  };

  const groups = (addresses: readonly Address[]) => {
    const out: Address[][] = [];
    for (let i = 0; i < addresses.length; i += options.maxAddresses) {
      out.push(addresses.slice(i, i + options.maxAddresses));
    }
    return out;
  };

  /** Raw logs of `addresses` in `[fromBlock, toBlock]`, split into ranges the node accepts. */
  const logsInRange = async (
    addresses: readonly Address[],
    fromBlock: bigint,
    toBlock: bigint,
    chunk: ChunkSize,
  ): Promise<Log[]> => {
    const out: Log[] = [];
    for (const address of groups(addresses)) {
      const logs = await getLogsChunked(client, {
        address,
        fromBlock,
        toBlock,
        chunk,
        retry,
        signal,
        retryable: isRetryableRpcError,
        onGiveUp: (cause, attempts) =>
          isRetryableRpcError(cause)
            ? new RpcUnavailableError({ method: "eth_getLogs", attempts, cause })
            : new RpcRejectedError({ method: "eth_getLogs", cause }),
        onRequest: (failed) => {
          stats.requests++;
          stats.logRequests++;
          if (failed) stats.failures++;
        },
        onSplit: () => {
          stats.splits++;
        },
      }).catch((error: unknown) => {
        if (error instanceof IndexerError || signal?.aborted) throw error;
        throw new RpcRejectedError({ method: "eth_getLogs", cause: error });
      });
      for (const log of logs) out.push(log);
    }
    return out;
  };

  /** Raw logs of `addresses` in the block with this hash (EIP-234: exactly that block, or an error). */
  const logsInBlock = async (addresses: readonly Address[], blockHash: Hash): Promise<Log[]> => {
    const out: Log[] = [];
    for (const address of groups(addresses)) {
      const logs = await call("eth_getLogs", () => {
        stats.logRequests++;
        return getLogs(client, { address, blockHash });
      });
      for (const log of logs) out.push(log as Log);
    }
    return out;
  };

  return {
    call,
    header,
    headers,
    logsInRange,
    logsInBlock,
    chainId: () => call("eth_chainId", () => getChainId(client)),
    code: (address: Address) => call("eth_getCode", () => getCode(client, { address })),
  };
}
