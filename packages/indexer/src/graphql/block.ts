// Time travel and `_meta`: which block a query reads (`block: { number | hash | number_gte }`, or the
// indexed head), checked against what the indexer has reached, and the head's description.
import { sql } from "drizzle-orm";
import type { Store } from "../store/store.ts";
import { ApiError } from "./errors.ts";
import type { QueryDb } from "./query.ts";

/**
 * The `block` argument of every root field.
 *
 * @example
 * ```ts
 * const at: BlockArg = { number: 120 };
 * ```
 */
export interface BlockArg {
  number?: number | null;
  hash?: string | null;
  number_gte?: number | null;
}

/**
 * The latest committed step: the block the indexer has reached, and the finalized and head blocks
 * it knew then.
 *
 * @example
 * ```ts
 * const cursor = await loadIndexedHead(store);
 * console.log(cursor?.number);
 * ```
 */
export interface IndexedHead {
  number: bigint;
  hash: string;
  parentHash: string;
  timestamp: bigint;
  finalized: bigint;
  head: bigint;
}

/**
 * Reads the latest cursor row, or undefined before the first step.
 *
 * @example
 * ```ts
 * const head = await loadIndexedHead(store);
 * ```
 */
export async function loadIndexedHead(
  db: QueryDb & { latestCursor?: Store["latestCursor"] | undefined },
): Promise<IndexedHead | undefined> {
  // A store keeps the row in memory where it can (PGlite): one statement less per request.
  if (db.latestCursor) {
    const row = await db.latestCursor();
    if (!row) return undefined;
    const { blockNumber: number, blockHash: hash, parentHash, blockTimestamp: timestamp } = row;
    return { number, hash, parentHash, timestamp, finalized: row.finalized, head: row.head };
  }
  const [row] = await db.query(
    sql`SELECT block_number, block_hash, parent_hash, block_timestamp, finalized, head FROM sync_cursor ORDER BY block_number DESC LIMIT 1`,
  );
  if (!row) return undefined;
  return {
    number: BigInt(row.block_number as string),
    hash: row.block_hash as string,
    parentHash: row.parent_hash as string,
    timestamp: BigInt(row.block_timestamp as string),
    finalized: BigInt(row.finalized as string),
    head: BigInt(row.head as string),
  };
}

function notIndexed(wanted: number, head: IndexedHead | undefined): ApiError {
  const reached = head ? `has reached block ${head.number}` : "has not indexed any block yet";
  return new ApiError(
    "BLOCK_NOT_INDEXED",
    `Block ${wanted} is not indexed yet: the indexer ${reached}. Retry later.`,
  );
}

/**
 * The block a root field reads at: the one asked for, or the indexed head (so that every field of a
 * request reads the same state even if a step commits meanwhile). Undefined only before the first step.
 *
 * @example
 * ```ts
 * const block = await resolveBlock(store, { number_gte: 120 }, head); // throws BLOCK_NOT_INDEXED until block 120 is indexed
 * ```
 */
export async function resolveBlock(
  db: QueryDb,
  arg: BlockArg | null | undefined,
  head: IndexedHead | undefined,
): Promise<bigint | undefined> {
  const given = Object.entries(arg ?? {}).filter(([, v]) => v !== null && v !== undefined);
  if (given.length > 1) {
    throw new ApiError(
      "BLOCK_INVALID",
      "Give one of `block.number`, `block.hash` and `block.number_gte`.",
    );
  }
  if (arg?.number !== null && arg?.number !== undefined) {
    if (arg.number < 0) throw new ApiError("BLOCK_INVALID", "`block.number` must not be negative.");
    if (!head || BigInt(arg.number) > head.number) throw notIndexed(arg.number, head);
    return BigInt(arg.number);
  }
  if (arg?.number_gte !== null && arg?.number_gte !== undefined) {
    if (!head || BigInt(arg.number_gte) > head.number) throw notIndexed(arg.number_gte, head);
    return head.number;
  }
  if (arg?.hash !== null && arg?.hash !== undefined) {
    const [row] = await db.query(
      sql`SELECT number FROM blocks WHERE hash = ${arg.hash.toLowerCase()}`,
    );
    if (!row) {
      throw new ApiError(
        "BLOCK_HASH_UNKNOWN",
        `Block hash ${arg.hash} is not known to the indexer: not a block it has indexed with events, or no longer on the canonical chain.`,
      );
    }
    return BigInt(row.number as string);
  }
  return head?.number;
}

/**
 * `_meta`: the block read, the deployment name, and whether indexing has flagged errors (a finalized
 * tally revision that disagrees with the contract).
 *
 * @example
 * ```ts
 * const meta = await loadMeta(store, 120n, head, "plenum");
 * ```
 */
export async function loadMeta(
  db: QueryDb,
  block: bigint | undefined,
  head: IndexedHead | undefined,
  deployment: string,
) {
  const [mismatches] = await db.query(
    sql`SELECT count(*) AS n FROM tally_checks WHERE status = 'mismatch'`,
  );
  const tallyMismatches = Number(mismatches?.n ?? 0);
  let header: {
    number: bigint;
    hash: string | null;
    parentHash: string | null;
    timestamp: bigint | null;
  } | null = null;
  if (block !== undefined && head && block === head.number) header = head;
  else if (block !== undefined) {
    const [row] = await db.query(
      sql`SELECT number, hash, parent_hash, timestamp FROM blocks WHERE number = ${block.toString()}::bigint`,
    );
    header = row
      ? {
          number: block,
          hash: row.hash as string,
          parentHash: row.parent_hash as string,
          timestamp: BigInt(row.timestamp as string),
        }
      : { number: block, hash: null, parentHash: null, timestamp: null };
  }
  return {
    block: header && {
      number: Number(header.number),
      hash: header.hash,
      parentHash: header.parentHash,
      timestamp: header.timestamp === null ? null : Number(header.timestamp),
    },
    deployment,
    hasIndexingErrors: tallyMismatches > 0,
    tallyMismatches,
    finalizedBlock: head && head.finalized >= 0n ? Number(head.finalized) : null,
    headBlock: head ? Number(head.head) : null,
  };
}
