// The contract between the log follower (sync/) and everything downstream (store/, indexing/): what the
// follower emits, in order, and what it needs to resume. Stage outputs are a discriminated union.
import type { CommunityLog, communityFactoryAbi, LogPosition } from "@plenum/sdk";
import type { Address, DecodeEventLogReturnType, Hash } from "viem";

/**
 * A block as the follower saw it: enough to detect a reorg (parent hash) and to date events (timestamp).
 *
 * @example
 * ```ts
 * const block: BlockRef = { number: 7n, hash: `0x${"a".repeat(64)}`, parentHash: `0x${"b".repeat(64)}`, timestamp: 1_700_000_000n };
 * ```
 */
export interface BlockRef {
  number: bigint;
  hash: Hash;
  parentHash: Hash;
  timestamp: bigint;
}

/**
 * A factory event (`CommunityCreated`) decoded with the factory's ABI, with its position.
 *
 * @example
 * ```ts
 * if (log.source === "factory") console.log(log.args.community);
 * ```
 */
export type FactoryLog = DecodeEventLogReturnType<typeof communityFactoryAbi> &
  LogPosition & { source: "factory"; address: Address };

/**
 * A community event (the SDK's `CommunityLog`) tagged with the community that emitted it.
 *
 * @example
 * ```ts
 * if (log.source === "community" && log.eventName === "VoteCast") console.log(log.address, log.args.voter);
 * ```
 */
export type CommunityEventLog = CommunityLog & { source: "community"; address: Address };

/**
 * Any log the follower delivers, in chain order (block number, then log index).
 *
 * @example
 * ```ts
 * const communities = logs.filter((l) => l.source === "factory").map((l) => l.args.community);
 * ```
 */
export type IndexedLog = FactoryLog | CommunityEventLog;

/**
 * One step of the follower's output.
 * - `blocks`: a contiguous range `[fromBlock, toBlock.number]` is fully scanned. `logs` holds every log of
 *   the factory and of every community known by the end of the range (a community created inside the
 *   range is scanned from its creation block within the same range), in chain order. `blocks` holds the
 *   header of every block that has a log, and of `toBlock`; while following the head (unfinalized range)
 *   it holds every block of the range, so reorgs can be detected by parent hash. Apply the whole step and
 *   record `toBlock` as the cursor in one database transaction.
 * - `reorg`: blocks after `ancestor` were replaced. Delete everything recorded after `ancestor.number`
 *   (in one transaction, cursor included), then expect `blocks` from `ancestor.number + 1`.
 * - `live`: the backfill reached the head once; from now on steps follow the head (emitted once).
 *
 * `finalized` is the highest block number considered final (head − finality depth, or the node's
 * `finalized` tag when it has one): nothing at or below it will be rolled back.
 *
 * @example
 * ```ts
 * for await (const step of sync) {
 *   if (step.type === "blocks") await store.apply(step);
 *   else if (step.type === "reorg") await store.rollback(step.ancestor);
 * }
 * ```
 */
export type SyncStep =
  | {
      type: "blocks";
      fromBlock: bigint;
      toBlock: BlockRef;
      blocks: BlockRef[];
      logs: IndexedLog[];
      finalized: bigint;
      /** Highest block the node reported when this step was produced (for lag and progress). */
      head: bigint;
    }
  | { type: "reorg"; ancestor: BlockRef; depth: number; finalized: bigint; head: bigint }
  | { type: "live"; head: bigint };

/**
 * Where a follower resumes: the last block whose step was committed, the recent (unfinalized) blocks the
 * store kept for reorg detection, and the communities already known.
 *
 * @example
 * ```ts
 * const resume: SyncCursor = { block: lastCommitted, recentBlocks, communities: [community] };
 * ```
 */
export interface SyncCursor {
  block: BlockRef;
  recentBlocks: BlockRef[];
  communities: { address: Address; createdAtBlock: bigint }[];
}
