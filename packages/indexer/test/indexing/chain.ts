// Test support: SyncSteps built from a real anvil chain with the SDK's own log fetcher (the follower in
// src/sync is written in parallel; this is what it must produce), and a seeded random generator.
import { communityFactoryAbi, fetchCommunityLogs } from "@plenum/sdk";
import { type Address, type Chain, type Client, parseEventLogs, type Transport } from "viem";
import { getBlock, getLogs } from "viem/actions";
import type { BlockRef, IndexedLog, SyncStep } from "../../src/sync/types.ts";

/** mulberry32: a small seeded PRNG, so every run builds the same community and ballots. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  return { next, int, pick, shuffle };
}

/** Every log of the factory and its communities in [fromBlock, toBlock], in chain order. */
export async function chainLogs(
  client: Client<Transport, Chain | undefined>,
  { factory, fromBlock, toBlock }: { factory: Address; fromBlock: bigint; toBlock: bigint },
): Promise<IndexedLog[]> {
  // Communities created before the range are still followed inside it.
  const raw = await getLogs(client, { address: factory, fromBlock: 0n, toBlock });
  const factoryLogs: IndexedLog[] = [];
  for (const log of parseEventLogs({ abi: communityFactoryAbi, logs: raw })) {
    const block = await getBlock(client, { blockNumber: log.blockNumber });
    factoryLogs.push({
      source: "factory",
      address: log.address,
      eventName: log.eventName,
      args: log.args,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      blockTimestamp: block.timestamp,
      logIndex: log.logIndex,
      transactionHash: log.transactionHash,
      transactionIndex: log.transactionIndex,
    } as IndexedLog);
  }
  const all: IndexedLog[] = factoryLogs.filter((l) => l.blockNumber >= fromBlock);
  for (const created of factoryLogs) {
    if (created.source !== "factory") continue;
    const community = created.args.community;
    const { logs } = await fetchCommunityLogs(client, {
      community,
      fromBlock: created.blockNumber > fromBlock ? created.blockNumber : fromBlock,
      toBlock,
    });
    for (const log of logs) all.push({ ...log, source: "community", address: community });
  }
  return all.sort((a, b) =>
    a.blockNumber === b.blockNumber
      ? a.logIndex - b.logIndex
      : a.blockNumber < b.blockNumber
        ? -1
        : 1,
  );
}

/** Block headers of [fromBlock, toBlock]. */
export async function blockRefs(
  client: Client<Transport, Chain | undefined>,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<BlockRef[]> {
  const numbers: bigint[] = [];
  for (let n = fromBlock; n <= toBlock; n++) numbers.push(n);
  const refs: BlockRef[] = [];
  for (let i = 0; i < numbers.length; i += 50) {
    const batch = await Promise.all(
      numbers.slice(i, i + 50).map((blockNumber) => getBlock(client, { blockNumber })),
    );
    for (const b of batch) {
      refs.push({
        number: b.number,
        hash: b.hash,
        parentHash: b.parentHash,
        timestamp: b.timestamp,
      });
    }
  }
  return refs;
}

/**
 * The `blocks` steps a follower would emit for [fromBlock, toBlock] in ranges of `chunk` blocks, with
 * every header, finality `depth` blocks behind the chain's head `head`.
 */
export async function chainSteps(
  client: Client<Transport, Chain | undefined>,
  options: {
    factory: Address;
    fromBlock: bigint;
    toBlock: bigint;
    head: bigint;
    chunk: number;
    depth: number;
  },
): Promise<Extract<SyncStep, { type: "blocks" }>[]> {
  const logs = await chainLogs(client, options);
  const refs = await blockRefs(client, options.fromBlock, options.toBlock);
  const steps: Extract<SyncStep, { type: "blocks" }>[] = [];
  for (let i = 0; i < refs.length; i += options.chunk) {
    const blocks = refs.slice(i, i + options.chunk);
    const first = blocks[0] as BlockRef;
    const last = blocks[blocks.length - 1] as BlockRef;
    const finalized = last.number - BigInt(options.depth);
    steps.push({
      type: "blocks",
      fromBlock: first.number,
      toBlock: last,
      blocks,
      logs: logs.filter((l) => l.blockNumber >= first.number && l.blockNumber <= last.number),
      finalized: finalized < 0n ? 0n : finalized,
      head: options.head,
    });
  }
  return steps;
}
