import type { AbiEvent, Address, Chain, Client, Log, Transport } from "viem";
import { getLogs } from "viem/actions";
import { getAction } from "viem/utils";
import { LogFetchError } from "./errors.ts";
import { isRangeError, type RetryOptions, rangeHint, withRetry } from "./retry.ts";

/**
 * The number of blocks asked for per `eth_getLogs`, adapting to the node: halved (or cut to the range
 * the node suggests) when a range is refused, doubled back towards `max` after a run of successes.
 * Share one between calls so what was learnt about the node carries over.
 *
 * @example
 * ```ts
 * const chunk = createChunkSize(2_000);
 * chunk.shrink(); // a refused range
 * chunk.value; // => 1000n
 * ```
 */
export interface ChunkSize {
  /** Blocks per request now (at least 1). */
  readonly value: bigint;
  /** Largest value it grows back to. */
  readonly max: bigint;
  /** After a refused range: halve, or use `blocks` when the node suggested a smaller range. False at 1. */
  shrink(blocks?: bigint): boolean;
  /** After a successful request: grows after `growAfter` successes in a row. */
  succeeded(): void;
}

/**
 * Creates a `ChunkSize` starting at `initial` blocks, growing back to `max` (default `initial`).
 *
 * @example
 * ```ts
 * const chunk = createChunkSize(5_000, { max: 10_000, growAfter: 4 });
 * for (let i = 0; i < 4; i++) chunk.succeeded();
 * chunk.value; // => 10000n
 * ```
 */
export function createChunkSize(
  initial: number | bigint,
  options: { max?: number | bigint; growAfter?: number } = {},
): ChunkSize {
  let value = BigInt(initial) < 1n ? 1n : BigInt(initial);
  const max =
    options.max === undefined ? value : BigInt(options.max) < 1n ? 1n : BigInt(options.max);
  if (value > max) value = max;
  const growAfter = Math.max(1, options.growAfter ?? 4);
  let successes = 0;
  return {
    get value() {
      return value;
    },
    max,
    shrink(blocks) {
      successes = 0;
      if (value <= 1n) return false;
      value = blocks !== undefined && blocks >= 1n && blocks < value ? blocks : value / 2n;
      return true;
    },
    succeeded() {
      if (++successes < growAfter || value >= max) return;
      successes = 0;
      value = value * 2n > max ? max : value * 2n;
    },
  };
}

/**
 * Parameters of `getLogsChunked`.
 *
 * @example
 * ```ts
 * const parameters: GetLogsChunkedParameters = {
 *   address: ["0x5FbDB2315678afecb367f032d93F642f64180aa3"],
 *   fromBlock: 0n,
 *   toBlock: 99_999n,
 *   chunk: 2_000,
 * };
 * ```
 */
export interface GetLogsChunkedParameters {
  /** One address or several (one request covers them all). */
  address: Address | readonly Address[];
  /** Only these events (topic filter); all events by default. */
  events?: readonly AbiEvent[] | undefined;
  fromBlock: bigint;
  /** Last block, inclusive. */
  toBlock: bigint;
  /** Blocks per request, or a `ChunkSize` shared with other calls (default 5,000). */
  chunk?: ChunkSize | number | bigint | undefined;
  /** Retries with exponential backoff for failed requests. */
  retry?: RetryOptions | undefined;
  /** Whether a failure other than a refused range is worth another attempt (default: all are). */
  retryable?: ((error: unknown) => boolean) | undefined;
  /** The error thrown when a range failed every attempt (default `LogFetchError`). */
  onGiveUp?:
    | ((cause: unknown, attempts: number, fromBlock: bigint, toBlock: bigint) => Error)
    | undefined;
  /** Called after every request, failed ones included. */
  onRequest?: ((failed: boolean, error?: unknown) => void) | undefined;
  /** Called when a refused range makes the chunk smaller. */
  onSplit?: ((fromBlock: bigint, toBlock: bigint) => void) | undefined;
  /** Called after each range fetched, in order. */
  onChunk?: ((fromBlock: bigint, toBlock: bigint, logs: readonly Log[]) => void) | undefined;
  /** Stops between attempts. */
  signal?: AbortSignal | undefined;
}

/**
 * Fetches every raw log of `address` in `[fromBlock, toBlock]` with as many `eth_getLogs` requests as
 * the node needs: ranges it refuses ("more than 10000 results", "block range too large") are split,
 * other failures retried with backoff. Logs come back in the order the node gave them, range by range.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from "viem";
 * import { getLogsChunked } from "@plenum/sdk";
 *
 * const client = createPublicClient({ transport: http("https://rpc.example.org") });
 * const logs = await getLogsChunked(client, { address: community, fromBlock: 1_000n, toBlock: 50_000n });
 * ```
 */
export async function getLogsChunked(
  client: Client<Transport, Chain | undefined>,
  parameters: GetLogsChunkedParameters,
): Promise<Log[]> {
  const { fromBlock, toBlock, retry, events, signal } = parameters;
  const address = (
    typeof parameters.address === "string" ? parameters.address : [...parameters.address]
  ) as Address | Address[];
  const chunk =
    typeof parameters.chunk === "object"
      ? parameters.chunk
      : createChunkSize(parameters.chunk ?? 5_000);
  const request = getAction(client, getLogs, "getLogs");
  const raw: Log[] = [];
  for (let start = fromBlock; start <= toBlock; ) {
    const end = start + chunk.value - 1n < toBlock ? start + chunk.value - 1n : toBlock;
    let logs: Log[];
    let gaveUp = false;
    try {
      logs = await withRetry(
        async () => {
          try {
            const answer = (await request({
              address,
              ...(events ? { events } : {}),
              fromBlock: start,
              toBlock: end,
            } as never)) as Log[];
            parameters.onRequest?.(false);
            return answer;
          } catch (error) {
            parameters.onRequest?.(true, error);
            throw error;
          }
        },
        retry,
        {
          // A refused range is not retried as is: it is split below (down to single blocks).
          retryable: (error) =>
            isRangeError(error) ? chunk.value === 1n : (parameters.retryable?.(error) ?? true),
          onGiveUp: (cause, attempts) => {
            gaveUp = true;
            return (
              parameters.onGiveUp?.(cause, attempts, start, end) ??
              new LogFetchError({ fromBlock: start, toBlock: end, attempts, cause })
            );
          },
          signal,
        },
      );
    } catch (error) {
      if (gaveUp || signal?.aborted || !isRangeError(error)) throw error;
      const hint = rangeHint(error);
      if (!chunk.shrink(hint !== undefined && hint >= start ? hint - start + 1n : undefined)) {
        throw error;
      }
      parameters.onSplit?.(start, end);
      continue;
    }
    chunk.succeeded();
    // Not push(...logs): a chunk can hold more logs than a call may have arguments.
    for (const log of logs) raw.push(log);
    parameters.onChunk?.(start, end, logs);
    start = end + 1n;
  }
  return raw;
}
