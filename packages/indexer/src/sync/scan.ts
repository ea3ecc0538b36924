// Reading the logs of one step: the factory's and every known community's, plus those of communities
// the step itself creates (from their creation block), decoded with the SDK's ABIs and dated by the
// step's headers.
import {
  type ChunkSize,
  communityFactoryAbi,
  compareLogs,
  createEventDecoder,
  decodeCommunityLogs,
  toLogPosition,
} from "@plenum/sdk";
import { type Address, getAddress, type Hash, type Log } from "viem";
import { bloomMayContain } from "./bloom.ts";
import type { SyncState } from "./cursor.ts";
import { ChainMovedError, type Header, type Rpc, type SyncStats } from "./rpc.ts";
import type { BlockRef, CommunityEventLog, FactoryLog, IndexedLog } from "./types.ts";

/**
 * What a scan reads with and from.
 *
 * @example
 * ```ts
 * const context: ScanContext = { rpc, factory, state, chunk: createChunkSize(2_000), stats, concurrency: 16 };
 * ```
 */
export interface ScanContext {
  rpc: Rpc;
  factory: Address;
  state: SyncState;
  chunk: ChunkSize;
  stats: SyncStats;
  concurrency: number;
}

/**
 * The logs of a scanned range and the headers that date them.
 *
 * @example
 * ```ts
 * const { logs, blocks }: ScanResult = await scanHeaders(context, headers);
 * ```
 */
export interface ScanResult {
  logs: IndexedLog[];
  /** Headers of the blocks with logs (and, for a head scan, of every block), in order. */
  blocks: BlockRef[];
}

const decodeFactoryEvent = createEventDecoder(communityFactoryAbi);

const checksums = new Map<string, Address>();
const checksum = (address: string): Address => {
  let out = checksums.get(address);
  if (!out) {
    out = getAddress(address);
    checksums.set(address, out);
  }
  return out;
};

const ref = ({ number, hash, parentHash, timestamp }: Header): BlockRef => ({
  number,
  hash,
  parentHash,
  timestamp,
});

/** Runs `task` over `items`, `limit` at a time, keeping the order of results. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Communities created by the factory's logs among `raw` that the state does not know yet. */
function creations(context: ScanContext, raw: readonly Log[]) {
  const factory = context.factory.toLowerCase();
  const created = new Map<string, { address: Address; createdAtBlock: bigint }>();
  const factoryRaw = raw.filter((log) => log.address.toLowerCase() === factory);
  if (factoryRaw.length === 0) return created;
  for (const log of factoryRaw) {
    const event = decodeFactoryEvent(log);
    if (event?.eventName !== "CommunityCreated") continue;
    const key = event.args.community.toLowerCase();
    if (context.state.communities.has(key) || created.has(key) || log.blockNumber === null)
      continue;
    created.set(key, { address: event.args.community, createdAtBlock: log.blockNumber });
  }
  return created;
}

const followed = (context: ScanContext): Address[] => [
  context.factory,
  ...[...context.state.communities.values()].map((community) => community.address),
];

/**
 * Scans `[fromBlock, toBlock]` with range `eth_getLogs` (for final blocks: nothing is checked against
 * parents). The headers of blocks with logs, and of `toBlock`, are fetched to date the logs; a log
 * whose block hash is not the header's means the chain moved meanwhile (`ChainMovedError`).
 *
 * @example
 * ```ts
 * const { logs, blocks } = await scanRange(context, 100n, 1_999n);
 * ```
 */
export async function scanRange(
  context: ScanContext,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<ScanResult & { toBlock: BlockRef }> {
  const { rpc, chunk } = context;
  const raw = await rpc.logsInRange(followed(context), fromBlock, toBlock, chunk);
  const created = creations(context, raw);
  if (created.size > 0) {
    // A community created in this range: its logs from its creation block to the end of the range.
    let first = toBlock;
    for (const community of created.values()) {
      if (community.createdAtBlock < first) first = community.createdAtBlock;
    }
    const extra = await rpc.logsInRange(
      [...created.values()].map((community) => community.address),
      first,
      toBlock,
      chunk,
    );
    for (const log of extra) {
      const community = created.get(log.address.toLowerCase());
      if (community && log.blockNumber !== null && log.blockNumber >= community.createdAtBlock) {
        raw.push(log);
      }
    }
  }
  const numbers = new Set<bigint>([toBlock]);
  for (const log of raw) if (log.blockNumber !== null) numbers.add(log.blockNumber);
  const sorted = [...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const headers = await rpc.headers(sorted);
  const byNumber = new Map<bigint, Header>();
  for (const header of headers) {
    // A final block the node does not have: a node behind its peers (load balancer) or a reorg.
    if (!header) throw new ChainMovedError(`The node has no block in ${fromBlock}–${toBlock} yet.`);
    byNumber.set(header.number, header);
  }
  for (const log of raw) {
    if (log.blockNumber === null || byNumber.get(log.blockNumber)?.hash !== log.blockHash) {
      throw new ChainMovedError(
        `Block ${log.blockNumber} changed while ${fromBlock}–${toBlock} was read.`,
      );
    }
  }
  const blocks = [...byNumber.values()].map(ref);
  return { logs: decode(context, raw, byNumber), blocks, toBlock: blocks.at(-1) as BlockRef };
}

/**
 * Scans the given consecutive headers (unfinalized blocks) one block hash at a time, so each block's
 * logs are exactly that block's; blocks whose logs bloom rules out every followed address are skipped.
 *
 * @example
 * ```ts
 * const { logs } = await scanHeaders(context, headers);
 * ```
 */
export async function scanHeaders(
  context: ScanContext,
  headers: readonly Header[],
): Promise<ScanResult> {
  const { rpc, concurrency } = context;
  const addresses = followed(context);
  const raw: Log[] = [];
  const read = async (addresses: readonly Address[], candidates: readonly Header[]) => {
    const wanted = candidates.filter((header) => bloomMayContain(header.logsBloom, addresses));
    for (const logs of await mapLimit(wanted, concurrency, (header) =>
      rpc.logsInBlock(addresses, header.hash),
    )) {
      for (const log of logs) raw.push(log);
    }
  };
  await read(addresses, headers);
  const created = creations(context, raw);
  for (const community of created.values()) {
    await read(
      [community.address],
      headers.filter((header) => header.number >= community.createdAtBlock),
    );
  }
  const byNumber = new Map<bigint, Header>();
  for (const header of headers) byNumber.set(header.number, header);
  for (const log of raw) {
    if (log.blockNumber === null || byNumber.get(log.blockNumber)?.hash !== log.blockHash) {
      throw new ChainMovedError(`The node answered logs of another block ${log.blockNumber}.`);
    }
  }
  return { logs: decode(context, raw, byNumber), blocks: headers.map(ref) };
}

/** Decodes raw logs: the factory's with its ABI, each community's with the SDK's (one shared rule). */
function decode(context: ScanContext, raw: readonly Log[], byNumber: Map<bigint, Header>) {
  const factory = context.factory.toLowerCase();
  const timestamps = new Map<Hash, bigint>();
  for (const header of byNumber.values()) timestamps.set(header.hash, header.timestamp);
  const factoryRaw: Log[] = [];
  const byCommunity = new Map<string, Log[]>();
  for (const log of raw) {
    const key = log.address.toLowerCase();
    if (key === factory) {
      factoryRaw.push(log);
      continue;
    }
    const list = byCommunity.get(key);
    if (list) list.push(log);
    else byCommunity.set(key, [log]);
  }
  const logs: IndexedLog[] = [];
  for (const log of factoryRaw) {
    const event = decodeFactoryEvent(log);
    if (!event) continue;
    const position = toLogPosition(log, timestamps.get(log.blockHash as Hash) as bigint);
    if (!position) throw new ChainMovedError("The node returned a pending log.");
    logs.push({
      eventName: event.eventName,
      args: event.args,
      ...position,
      source: "factory",
      address: context.factory,
    } as FactoryLog);
  }
  for (const [key, list] of byCommunity) {
    const address = checksum(key);
    const range = {
      fromBlock: list[0]?.blockNumber ?? 0n,
      toBlock: list.at(-1)?.blockNumber ?? 0n,
    };
    for (const log of decodeCommunityLogs(list, (hash) => timestamps.get(hash), range)) {
      logs.push({ ...log, source: "community", address } as CommunityEventLog);
    }
  }
  context.stats.undecoded += raw.length - logs.length;
  logs.sort(compareLogs);
  return logs;
}
