// Helpers for the sync tests: a real anvil (the SDK's harness), transactions that make community
// events, a model store that applies steps the way the real store must (and checks the step contract
// while doing so), the final chain's logs read independently with the SDK, and an unreliable RPC proxy.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  communityFactoryAbi,
  compareLogs,
  fetchCommunityLogs,
  liquidGovernorAbi,
  toLogPosition,
} from "@plenum/sdk";
import { type Address, type Hash, hexToBigInt, type PublicClient, parseEventLogs } from "viem";
import type { Sync } from "../../src/sync/createSync.ts";
import type { BlockRef, IndexedLog, SyncStep } from "../../src/sync/types.ts";
import { type Anvil, clientsFor } from "../support.ts";

export {
  createTestCommunity,
  deployTestCore,
  startAnvil,
  type TestCore,
} from "../support.ts";
export { type Anvil, clientsFor };

/** A made-up member address (no key needed: members only receive weight). */
export const memberAddress = (i: number): Address =>
  `0x${(0x100000 + i).toString(16).padStart(40, "0")}` as Address;

/** Sends one community transaction from dev account `from` and waits for its successful receipt. */
export async function sendCommunityTx(
  anvil: Anvil,
  community: Address,
  functionName: "addMembers" | "setWeights",
  args: readonly unknown[],
  from = 0,
) {
  const wallet = clientsFor(anvil).wallet(from);
  const hash = await wallet.writeContract({
    address: community,
    abi: liquidGovernorAbi,
    functionName,
    args,
    gas: 10_000_000n,
  } as never);
  // Anvil answers before the block is stored: ask until it is (no blockNumber cache, no timer).
  for (let tries = 0; ; tries++) {
    try {
      const receipt = await wallet.getTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
      return receipt;
    } catch (error) {
      if (tries > 400 || (error as Error).message.endsWith("reverted")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Adds members `first`..`first + count - 1` (weights 1..) in one transaction: `count` + events. */
export const addMembers = (anvil: Anvil, community: Address, first: number, count: number) =>
  sendCommunityTx(anvil, community, "addMembers", [
    Array.from({ length: count }, (_, i) => memberAddress(first + i)),
    Array.from({ length: count }, (_, i) => BigInt(1 + ((first + i) % 7))),
  ]);

/**
 * What a store does with the steps, in memory, asserting the `SyncStep` contract as it goes: ranges
 * are contiguous, every log's block is in `blocks` with the same hash, logs are in chain order, a
 * reorg's ancestor is a block it holds (or the block before the first), nothing final is rolled back.
 */
export function createModel() {
  const blocks = new Map<bigint, { block: BlockRef; logs: IndexedLog[] }>();
  let tip: BlockRef | undefined;
  let finalized = -1n;
  const reorgs: Extract<SyncStep, { type: "reorg" }>[] = [];
  const apply = (step: SyncStep) => {
    if (step.type === "blocks") {
      if (tip && step.fromBlock !== tip.number + 1n) {
        throw new Error(`step from ${step.fromBlock} after tip ${tip.number}`);
      }
      if (step.toBlock.number < step.fromBlock) throw new Error("empty step");
      const own = new Map<bigint, BlockRef>();
      for (const block of step.blocks) {
        if (block.number < step.fromBlock || block.number > step.toBlock.number) {
          throw new Error(`block ${block.number} outside its step`);
        }
        own.set(block.number, block);
        blocks.set(block.number, { block, logs: [] });
      }
      if (own.get(step.toBlock.number)?.hash !== step.toBlock.hash)
        throw new Error("toBlock missing");
      for (let i = 0; i < step.logs.length; i++) {
        const log = step.logs[i] as IndexedLog;
        const previous = step.logs[i - 1];
        if (previous && compareLogs(previous, log) >= 0) throw new Error("logs out of order");
        const entry = blocks.get(log.blockNumber);
        if (!entry || !own.has(log.blockNumber) || entry.block.hash !== log.blockHash) {
          throw new Error(`log in block ${log.blockNumber} without its header`);
        }
        if (entry.block.timestamp !== log.blockTimestamp) throw new Error("timestamp mismatch");
        entry.logs.push(log);
      }
      tip = step.toBlock;
      if (step.finalized < finalized) throw new Error("finalized went back");
      finalized = step.finalized;
    } else if (step.type === "reorg") {
      if (step.ancestor.number < finalized) throw new Error("a final block was rolled back");
      if (tip && step.depth !== Number(tip.number - step.ancestor.number)) {
        throw new Error("wrong reorg depth");
      }
      for (const number of blocks.keys()) if (number > step.ancestor.number) blocks.delete(number);
      tip = step.ancestor;
      reorgs.push(step);
    }
  };
  return {
    apply,
    reorgs,
    get tip() {
      return tip;
    },
    logs(): IndexedLog[] {
      return [...blocks.values()].flatMap((entry) => entry.logs).sort(compareLogs);
    },
  };
}

/**
 * Runs a sync in the background into a model; `until` waits for a condition on it.
 *
 * @example
 * const run = follow(sync); await run.until(() => run.model.tip?.number === head);
 */
export function follow(sync: Sync) {
  const steps: SyncStep[] = [];
  const model = createModel();
  let failure: unknown;
  let done = false;
  const running = (async () => {
    try {
      for await (const step of sync) {
        steps.push(step);
        model.apply(step);
      }
    } catch (error) {
      failure = error;
    } finally {
      done = true;
    }
  })();
  return {
    steps,
    model,
    running,
    get error() {
      return failure;
    },
    async until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (failure) throw failure;
        if (await condition()) return;
        if (done) throw new Error("the sync ended");
        if (Date.now() > deadline) throw new Error("timed out waiting for the sync");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

/** Steps until the first `live` one (a finished backfill). */
export async function backfill(sync: Sync): Promise<SyncStep[]> {
  const steps: SyncStep[] = [];
  for await (const step of sync) {
    steps.push(step);
    if (step.type === "live") break;
  }
  return steps;
}

/**
 * The chain's logs read independently of the sync: the factory's with a plain `eth_getLogs`, each
 * community's with the SDK's `fetchCommunityLogs`, tagged and ordered like the sync's output.
 */
export async function chainLogs(
  client: PublicClient,
  factory: Address,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<IndexedLog[]> {
  const raw = await client.getLogs({ address: factory, fromBlock, toBlock });
  const out: IndexedLog[] = [];
  const stamps = new Map<Hash, bigint>();
  for (const log of parseEventLogs({ abi: communityFactoryAbi, logs: raw, strict: true })) {
    let stamp = stamps.get(log.blockHash);
    if (stamp === undefined) {
      stamp = (await client.getBlock({ blockHash: log.blockHash })).timestamp;
      stamps.set(log.blockHash, stamp);
    }
    out.push({
      eventName: log.eventName,
      args: log.args,
      ...toLogPosition(log, stamp),
      source: "factory",
      address: factory,
    } as IndexedLog);
    if (log.eventName === "CommunityCreated") {
      const { logs } = await fetchCommunityLogs(client, {
        community: log.args.community,
        fromBlock: log.blockNumber,
        toBlock,
      });
      for (const communityLog of logs) {
        out.push({ ...communityLog, source: "community", address: log.args.community });
      }
    }
  }
  return out.sort(compareLogs);
}

/** Options of the unreliable RPC proxy. */
export interface ProxyOptions {
  /** Share of requests whose connection is destroyed before any answer (0–1). */
  dropRate?: number;
  /** Largest random delay added before forwarding, in ms. */
  maxDelayMs?: number;
  /** `eth_getLogs` over more blocks than this is refused with a range error. */
  maxLogRange?: number;
  /** The proxy answers `eth_chainId` with this id instead (a node on the wrong chain). */
  chainId?: number;
  /** Answer `eth_getBlockByNumber("finalized")` with an error, as nodes without the tag do. */
  noFinalizedTag?: boolean;
  /** Seed of the proxy's choices. */
  seed?: number;
}

const RANGE_ERRORS = [
  { code: -32005, message: "query returned more than 10000 results" },
  { code: -32602, message: "block range is too large" },
  { code: -32000, message: "Log response size exceeded." },
];

/**
 * A node:http JSON-RPC proxy in front of anvil that drops requests, delays others and refuses wide
 * `eth_getLogs` ranges the way providers do; it counts what it did.
 */
export async function startRpcProxy(target: string, options: ProxyOptions = {}) {
  let seed = options.seed ?? 1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const counts = { requests: 0, dropped: 0, refusedRanges: 0, forwarded: 0 };
  const targetUrl = new URL(target);
  type Call = { id: unknown; method: string; params?: unknown[] };
  const refusal = (call: Call) => {
    if (call.method !== "eth_getLogs" || options.maxLogRange === undefined) return undefined;
    const [filter] = (call.params ?? []) as [{ fromBlock?: string; toBlock?: string }];
    if (!filter?.fromBlock?.startsWith("0x") || !filter.toBlock?.startsWith("0x")) return undefined;
    const span = hexToBigInt(filter.toBlock as Hash) - hexToBigInt(filter.fromBlock as Hash);
    if (span < BigInt(options.maxLogRange)) return undefined;
    counts.refusedRanges++;
    const error = RANGE_ERRORS[Math.floor(random() * RANGE_ERRORS.length)];
    return { jsonrpc: "2.0", id: call.id, error };
  };
  const forward = (body: Buffer) =>
    new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const upstream = httpRequest(
        {
          hostname: targetUrl.hostname,
          port: targetUrl.port,
          path: "/",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": body.length },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () =>
            resolve({ status: answer.statusCode ?? 502, body: Buffer.concat(parts) }),
          );
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      counts.requests++;
      if (random() < (options.dropRate ?? 0)) {
        counts.dropped++;
        req.socket.destroy();
        return;
      }
      const delay = Math.floor(random() * (options.maxDelayMs ?? 0));
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const parsed = JSON.parse(Buffer.concat(chunks).toString()) as Call | Call[];
      const calls = Array.isArray(parsed) ? parsed : [parsed];
      const answers = new Map<unknown, unknown>();
      for (const call of calls) {
        const refused = refusal(call);
        if (refused) answers.set(call, refused);
        else if (
          options.noFinalizedTag &&
          call.method === "eth_getBlockByNumber" &&
          call.params?.[0] === "finalized"
        ) {
          answers.set(call, {
            jsonrpc: "2.0",
            id: call.id,
            error: { code: -39001, message: "Unknown block" },
          });
        } else if (call.method === "eth_chainId" && options.chainId !== undefined) {
          answers.set(call, {
            jsonrpc: "2.0",
            id: call.id,
            result: `0x${options.chainId.toString(16)}`,
          });
        }
      }
      const rest = calls.filter((call) => !answers.has(call));
      try {
        if (rest.length > 0) {
          counts.forwarded += rest.length;
          const upstream = await forward(
            Buffer.from(JSON.stringify(Array.isArray(parsed) ? rest : rest[0])),
          );
          if (upstream.status !== 200) {
            res.writeHead(upstream.status, { "content-type": "application/json" });
            res.end(upstream.body);
            return;
          }
          const results = JSON.parse(upstream.body.toString()) as unknown;
          const list = (Array.isArray(results) ? results : [results]) as { id: unknown }[];
          const byId = new Map(list.map((answer) => [answer.id, answer]));
          for (const call of rest) answers.set(call, byId.get(call.id));
        }
      } catch {
        req.socket.destroy();
        return;
      }
      const out = calls.map((call) => answers.get(call));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(Array.isArray(parsed) ? out : out[0]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
