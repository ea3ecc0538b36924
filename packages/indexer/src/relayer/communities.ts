import { type ChunkSize, communityFactoryAbi, createChunkSize, getLogsChunked } from "@plenum/sdk";
import { type Address, getAbiItem, getAddress, type PublicClient, parseEventLogs } from "viem";

/**
 * Where the relayer's community list comes from, for `/v1/health`: its own scan of the factory's
 * logs (standalone) or the indexer's store (mounted in `plenum-indexer`).
 *
 * @example
 * ```ts
 * const described: CommunitiesDescription = await registry.describe();
 * if (described.source === "indexer") console.log(described.indexedCommunities);
 * ```
 */
export type CommunitiesDescription =
  | {
      source: "scan";
      allowList: Address[];
      factory: Address | null;
      /** Communities of the factory found so far, and the last block scanned. */
      factoryCommunities: number;
      scannedToBlock: string | null;
    }
  | {
      source: "indexer";
      /** When not empty, only these of the indexed communities are served. */
      allowList: Address[];
      /** Communities the indexer holds now, and the block it has reached. */
      indexedCommunities: number;
      indexedBlock: string | null;
    };

/** Which communities the relayer serves. */
export interface CommunityRegistry {
  /** Whether the relayer serves `community`; may read the chain (factory mode) or the store. */
  isServed(community: Address): Promise<boolean>;
  /** For `/v1/health`. */
  describe(): CommunitiesDescription | Promise<CommunitiesDescription>;
}

/**
 * The standalone relayer's registry: its description is known without waiting.
 *
 * @example
 * ```ts
 * const registry: ScanCommunityRegistry = createCommunityRegistry({ client, communities: [] });
 * registry.describe().factoryCommunities; // 0
 * ```
 */
export interface ScanCommunityRegistry extends CommunityRegistry {
  describe(): Extract<CommunitiesDescription, { source: "scan" }>;
}

/** Options of {@link createCommunityRegistry}. */
export interface CommunityRegistryOptions {
  client: PublicClient;
  communities: readonly Address[];
  factory?: { address: Address; startBlock: bigint } | undefined;
  /** Blocks per `eth_getLogs`; halved when the node refuses a range (the SDK's `getLogsChunked`). 10,000 by default. */
  chunkSize?: bigint;
  /** A miss rescans new blocks at most this often. 2 s by default. */
  rescanIntervalMs?: number;
}

const communityCreated = getAbiItem({ abi: communityFactoryAbi, name: "CommunityCreated" });

/**
 * Serves an allow-list of communities and/or every community a factory created. Factory mode
 * follows `CommunityCreated` logs incrementally: each scan reads only blocks after the last one, and
 * scans run one at a time, so a flood of unknown addresses costs at most one scan per interval.
 * @example
 * const registry = createCommunityRegistry({ client, communities: [], factory: { address, startBlock: 0n } });
 * await registry.isServed(community);
 */
export function createCommunityRegistry(options: CommunityRegistryOptions): ScanCommunityRegistry {
  const allowList = new Set(options.communities.map((address) => getAddress(address)));
  const factory = options.factory;
  const created = new Set<Address>();
  let nextBlock = factory?.startBlock ?? 0n;
  let scannedTo: bigint | null = null;
  const chunk: ChunkSize = createChunkSize(options.chunkSize ?? 10_000n);
  let lastScan = 0;
  let scanning: Promise<void> | undefined;
  const rescanIntervalMs = options.rescanIntervalMs ?? 2_000;

  // One attempt per range: a failed scan answers this request as an RPC failure, and the next
  // request scans again from the last range that was read (progress is kept per range).
  const scan = async () => {
    if (!factory) return;
    const latest = await options.client.getBlockNumber({ cacheTime: 0 });
    if (nextBlock > latest) return;
    await getLogsChunked(options.client, {
      address: factory.address,
      events: [communityCreated],
      fromBlock: nextBlock,
      toBlock: latest,
      chunk,
      retry: { attempts: 1 },
      onGiveUp: (cause) => cause as Error,
      onChunk: (_fromBlock, toBlock, logs) => {
        for (const log of parseEventLogs({
          abi: [communityCreated],
          logs: [...logs],
          strict: true,
        })) {
          created.add(getAddress(log.args.community));
        }
        scannedTo = toBlock;
        nextBlock = toBlock + 1n;
      },
    });
  };

  const rescan = () => {
    scanning ??= scan().finally(() => {
      lastScan = Date.now();
      scanning = undefined;
    });
    return scanning;
  };

  return {
    async isServed(community) {
      const address = getAddress(community);
      if (allowList.has(address) || created.has(address)) return true;
      if (!factory) return false;
      if (scanning) await scanning;
      else if (Date.now() - lastScan >= rescanIntervalMs || scannedTo === null) await rescan();
      return created.has(address);
    },
    describe: () => ({
      source: "scan" as const,
      allowList: [...allowList],
      factory: factory?.address ?? null,
      factoryCommunities: created.size,
      scannedToBlock: scannedTo === null ? null : scannedTo.toString(),
    }),
  };
}
