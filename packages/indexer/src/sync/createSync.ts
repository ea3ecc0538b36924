import { createChunkSize, deployments, type RetryOptions } from "@plenum/sdk";
import { type Address, type Chain, type Client, getAddress, isAddress, type Transport } from "viem";
import {
  ChainMismatchError,
  IndexerError,
  InvalidConfigError,
  ReorgTooDeepError,
} from "../internal/errors.ts";
import { type Logger, silentLogger } from "../internal/logger.ts";
import { applyToState, type SyncState, stateFromCursor, stateToCursor } from "./cursor.ts";
import { type Finality, finalityFor } from "./finality.ts";
import { createHeadWatcher } from "./heads.ts";
import { ChainMovedError, createRpc, type Header, type SyncStats } from "./rpc.ts";
import { type ScanContext, scanHeaders, scanRange } from "./scan.ts";
import type { BlockRef, SyncCursor, SyncStep } from "./types.ts";

/**
 * Options of `createSync`. Only `client` is required: the factory and its start block come from the
 * SDK's `deployments` for the node's chain.
 *
 * @example
 * ```ts
 * const options: CreateSyncOptions = {
 *   client: createPublicClient({ transport: http("http://127.0.0.1:8545", { batch: true }) }),
 *   webSocketUrl: "ws://127.0.0.1:8545",
 *   finality: { depth: 12 },
 * };
 * ```
 */
export interface CreateSyncOptions {
  /** The node (http). A transport with `batch: true` sends the header reads together. */
  client: Client<Transport, Chain | undefined>;
  /** Also subscribe to `newHeads` here (ws:// or wss://); polling goes on as a fallback. */
  webSocketUrl?: string | undefined;
  /** Refuse a node on another chain (default: the client's chain, if it has one). */
  chainId?: number | undefined;
  /** The community factory (default: `deployments[chainId].factory`). */
  factory?: Address | undefined;
  /** First block to read (default: `deployments[chainId].startBlock`). */
  startBlock?: bigint | undefined;
  /** When blocks are final (default: `finalityFor(chainId)`, see `Finality`). */
  finality?: Partial<Finality> | undefined;
  /** Blocks per `eth_getLogs` over final blocks (default 2,000): halved when refused, grown back. */
  chunkSize?: number | undefined;
  /** Most unfinalized blocks in one step (default 100). */
  maxBlocksPerStep?: number | undefined;
  /** Requests in flight for headers and per-block logs (default 16). */
  concurrency?: number | undefined;
  /** Most addresses in one `eth_getLogs` filter (default 1,000). */
  maxAddresses?: number | undefined;
  /** Backoff for transient RPC failures (default 10 attempts, 250 ms doubling to 30 s, jitter). */
  retry?: RetryOptions | undefined;
  /** How often to ask for the head, in ms (default 1,000). */
  pollingInterval?: number | undefined;
  /** Resume after this cursor (what the store committed last) instead of the start block. */
  cursor?: SyncCursor | undefined;
  /** Ends the iteration (quietly) at the next await. */
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}

/**
 * A running follower: iterate it for `SyncStep`s (each is produced only when the previous one was
 * consumed, so commit it before asking for the next), or `run` it with a callback.
 *
 * @example
 * ```ts
 * const sync = createSync({ client });
 * for await (const step of sync) await store.commit(step);
 * ```
 */
export interface Sync extends AsyncIterable<SyncStep> {
  readonly stats: SyncStats;
  /** The cursor after the last step handed out (what a store would have committed). */
  readonly cursor: SyncCursor | undefined;
  /** Awaits `onStep` for each step, in order; resolves when the signal aborts. */
  run(onStep: (step: SyncStep) => Promise<void> | void): Promise<void>;
}

/**
 * Creates the log follower: it finds every community from the factory's `CommunityCreated` logs,
 * backfills final blocks with chunked `eth_getLogs`, then follows the head block by block, checking
 * each block's parent hash and emitting a `reorg` step (and the replacement blocks) when the chain
 * changed. See the package README, "Sync".
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from "viem";
 * import { createSync } from "@plenum/indexer/sync";
 *
 * const client = createPublicClient({ transport: http("http://127.0.0.1:8545", { batch: true }) });
 * const sync = createSync({ client, webSocketUrl: "ws://127.0.0.1:8545", cursor: await store.cursor() });
 * for await (const step of sync) {
 *   if (step.type === "blocks") await store.apply(step);
 *   else if (step.type === "reorg") await store.rollback(step.ancestor);
 * }
 * ```
 */
export function createSync(options: CreateSyncOptions): Sync {
  const problems = validate(options);
  if (problems.length > 0) throw new InvalidConfigError(problems);
  const logger = options.logger ?? silentLogger;
  const signal = options.signal;
  const stats: SyncStats = {
    requests: 0,
    failures: 0,
    splits: 0,
    headers: 0,
    logRequests: 0,
    steps: { blocks: 0, reorg: 0, live: 0 },
    logs: 0,
    undecoded: 0,
    wsHeads: 0,
    wsActive: false,
  };
  const concurrency = options.concurrency ?? 16;
  const retry: RetryOptions = { attempts: 10, delayMs: 250, maxDelayMs: 30_000, ...options.retry };
  const rpc = createRpc(options.client, {
    retry,
    signal,
    stats,
    concurrency,
    maxAddresses: options.maxAddresses ?? 1_000,
  });
  const chunkSize = options.chunkSize ?? 2_000;
  const chunk = createChunkSize(chunkSize);
  const maxBlocksPerStep = BigInt(options.maxBlocksPerStep ?? 100);
  const pollingInterval = options.pollingInterval ?? 1_000;
  const state: SyncState = stateFromCursor(options.cursor);
  let started = false;

  async function* generate(): AsyncGenerator<SyncStep, void, undefined> {
    const heads = createHeadWatcher({
      webSocketUrl: options.webSocketUrl,
      signal,
      stats,
      logger,
    });
    try {
      const chainId = await rpc.chainId();
      const expected = options.chainId ?? options.client.chain?.id;
      if (expected !== undefined && expected !== chainId) {
        throw new ChainMismatchError({ expected, actual: chainId });
      }
      const deployment = (
        deployments as Record<string, { factory: Address; startBlock: number } | undefined>
      )[String(chainId)];
      const factoryAddress = options.factory ?? deployment?.factory;
      const startBlock =
        options.startBlock ??
        (deployment === undefined ? undefined : BigInt(deployment.startBlock));
      if (factoryAddress === undefined || startBlock === undefined) {
        throw new InvalidConfigError([
          `@plenum/sdk has no deployment for chain ${chainId}: pass factory and startBlock`,
        ]);
      }
      const factory = getAddress(factoryAddress);
      const code = await rpc.code(factory);
      if (!code || code === "0x") {
        throw new InvalidConfigError([`the factory ${factory} has no code on chain ${chainId}`]);
      }
      const finality = finalityFor(chainId, options.finality);
      logger.info("sync starting", {
        chainId,
        factory,
        startBlock: startBlock.toString(),
        finalityTag: finality.tag,
        finalityDepth: finality.depth,
        resumeAfter: state.block?.number.toString(),
        communities: state.communities.size,
      });

      const context: ScanContext = { rpc, factory, state, chunk, stats, concurrency };
      let head = -1n;
      // Monotonic: the highest block reported final so far.
      let finalized = -1n;
      // The `finalized` of the last step handed out: nothing at or below it may be rolled back.
      let announced = -1n;
      let tagWorks = finality.tag;
      let tagFailures = 0;
      let live = false;
      let ahead: { from: bigint; result: ReturnType<typeof scanRange> } | undefined;

      const refresh = async (): Promise<Header> => {
        const latest = await rpc.header("latest");
        if (!latest) throw new ChainMovedError("The node has no latest block.");
        head = latest.number;
        let final = head - BigInt(finality.depth);
        if (tagWorks) {
          // Nodes without the tag answer in many ways ("unknown block", invalid params): try twice;
          // on failure keep the last finalized block, and after 3 failures use the depth instead.
          try {
            const tagged = await rpc.header("finalized", { ...retry, attempts: 2 });
            final = tagged ? tagged.number : -1n;
            tagFailures = 0;
          } catch (error) {
            if (signal?.aborted) throw error;
            final = finalized;
            if (++tagFailures >= 3) {
              final = head - BigInt(finality.depth);
              tagWorks = false;
              logger.warn(
                "the node does not answer its finalized block; using the finality depth",
                {
                  depth: finality.depth,
                  error: (error as { shortMessage?: string }).shortMessage,
                },
              );
            }
          }
        }
        if (final > head) final = head;
        if (final > finalized) finalized = final;
        return latest;
      };

      const reorg = async (): Promise<SyncStep> => {
        const tip = state.block as BlockRef;
        const numbers = [...state.recent.keys()]
          .filter((number) => number <= tip.number)
          .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
        for (const number of numbers) {
          const ours = state.recent.get(number) as BlockRef;
          const theirs = await rpc.header(number);
          if (theirs?.hash !== ours.hash) continue;
          // Kept blocks are all at or above the last finalized block announced (cursor.ts), so a
          // common ancestor among them is never below it.
          const step: SyncStep = {
            type: "reorg",
            ancestor: ours,
            depth: Number(tip.number - ours.number),
            finalized,
            head,
          };
          applyToState(state, step);
          ahead = undefined;
          logger.warn("reorg", {
            ancestor: ours.number.toString(),
            depth: step.depth,
            head: head.toString(),
          });
          return step;
        }
        throw new ReorgTooDeepError({
          tip: tip.number,
          finalized: announced > -1n ? announced : (numbers.at(-1) ?? tip.number),
        });
      };

      // Subscribed before the first head is read, so no head after it is missed.
      await heads.ready;
      let latest = await refresh();
      if (state.block && options.cursor) {
        // Resuming: the committed block must still be on the chain, else roll back first.
        const canonical = await rpc.header(state.block.number);
        if (canonical?.hash !== state.block.hash) {
          const step = await reorg();
          stats.steps.reorg++;
          yield step;
        }
      } else if (startBlock > 0n) {
        // The block before the start is the parent the first block is checked against (not emitted).
        const anchor = await rpc.header(startBlock - 1n);
        if (anchor) {
          state.block = anchor;
          state.recent.set(anchor.number, anchor);
        }
      }

      const produce = async (): Promise<SyncStep | undefined> => {
        const next =
          state.block && state.block.number + 1n >= startBlock
            ? state.block.number + 1n
            : startBlock;
        if (next > finalized) latest = await refresh();
        if (next <= finalized) {
          // Final blocks: one range request per chunk; the next range is read while this step is
          // being committed.
          const end = next + chunk.value - 1n < finalized ? next + chunk.value - 1n : finalized;
          const pending = ahead?.from === next ? ahead.result : scanRange(context, next, end);
          ahead = undefined;
          const result = await pending;
          const step: SyncStep = {
            type: "blocks",
            fromBlock: next,
            toBlock: result.toBlock,
            blocks: result.blocks,
            logs: result.logs,
            finalized,
            head,
          };
          applyToState(state, step);
          const from = result.toBlock.number + 1n;
          if (from <= finalized) {
            const to = from + chunk.value - 1n < finalized ? from + chunk.value - 1n : finalized;
            ahead = { from, result: scanRange(context, from, to) };
            ahead.result.catch(() => undefined);
          }
          return step;
        }
        const tip = state.block;
        if (latest.number < next) {
          // Nothing new; the tip may still have been replaced at the same height, or removed.
          if (tip && latest.number === tip.number && latest.hash !== tip.hash) return reorg();
          if (tip && latest.number < tip.number) {
            const canonical = await rpc.header(tip.number);
            if (canonical?.hash !== tip.hash) return reorg();
          }
          if (!live) {
            live = true;
            logger.info("live", { head: head.toString() });
            return { type: "live", head };
          }
          await heads.wait(pollingInterval);
          return undefined;
        }
        // Unfinalized blocks: every header, chained by parent hash to the last block emitted.
        const end =
          latest.number < next + maxBlocksPerStep - 1n
            ? latest.number
            : next + maxBlocksPerStep - 1n;
        const numbers: bigint[] = [];
        for (let number = next; number <= end; number++) numbers.push(number);
        const headers: Header[] = [];
        for (const header of await rpc.headers(numbers)) {
          if (!header) break;
          const parent = headers.at(-1) ?? tip;
          if (parent && header.parentHash !== parent.hash) {
            if (headers.length === 0) return reorg();
            break; // the chain moved while the headers were read: take the part that chains
          }
          headers.push(header);
        }
        if (headers.length === 0) {
          // The node's head is behind the block it reported (a lagging backend): ask again later.
          await heads.wait(pollingInterval);
          return undefined;
        }
        const result = await scanHeaders(context, headers);
        const last = result.blocks.at(-1) as BlockRef;
        const step: SyncStep = {
          type: "blocks",
          fromBlock: next,
          toBlock: last,
          blocks: result.blocks,
          logs: result.logs,
          finalized,
          head,
        };
        applyToState(state, step);
        return step;
      };

      let moved = 0;
      for (;;) {
        if (signal?.aborted) return;
        let step: SyncStep | undefined;
        try {
          step = await produce();
          moved = 0;
        } catch (error) {
          if (signal?.aborted) return;
          if (!(error instanceof ChainMovedError) || ++moved > 20) throw error;
          // The chain changed under a step being read: read it again from the headers.
          ahead = undefined;
          logger.debug("chain moved while reading; reading again", { error: error.shortMessage });
          await heads.wait(Math.min(pollingInterval, 50 * moved));
          continue;
        }
        if (!step) continue;
        stats.steps[step.type]++;
        if (step.type === "blocks") {
          stats.logs += step.logs.length;
          announced = step.finalized;
        }
        yield step;
      }
    } catch (error) {
      if (signal?.aborted && !(error instanceof IndexerError)) return;
      throw error;
    } finally {
      heads.close();
    }
  }

  return {
    stats,
    get cursor() {
      return stateToCursor(state);
    },
    [Symbol.asyncIterator]() {
      if (started) throw new Error("A sync can be iterated once; create another to start over.");
      started = true;
      return generate();
    },
    async run(onStep) {
      for await (const step of this) await onStep(step);
    },
  };
}

function validate(options: CreateSyncOptions): string[] {
  const problems: string[] = [];
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      problems.push(`${name} must be a positive integer (got ${value})`);
    }
  };
  positive("chunkSize", options.chunkSize);
  positive("maxBlocksPerStep", options.maxBlocksPerStep);
  positive("concurrency", options.concurrency);
  positive("maxAddresses", options.maxAddresses);
  positive("pollingInterval", options.pollingInterval);
  const depth = options.finality?.depth;
  if (depth !== undefined && !(Number.isSafeInteger(depth) && depth >= 0)) {
    problems.push(`finality.depth must be a whole number of blocks (got ${depth})`);
  }
  if (options.startBlock !== undefined && options.startBlock < 0n) {
    problems.push(`startBlock must not be negative (got ${options.startBlock})`);
  }
  if (options.factory !== undefined && !isAddress(options.factory, { strict: false })) {
    problems.push(`factory is not an address (got ${options.factory})`);
  }
  if (options.webSocketUrl !== undefined && !/^wss?:\/\//.test(options.webSocketUrl)) {
    problems.push(`webSocketUrl must start with ws:// or wss:// (got ${options.webSocketUrl})`);
  }
  return problems;
}
