// The indexer's status for `_meta`, `/ready` and metrics: the block reached, what is final, and whether
// any finalized revision disagreed with the contract.
import { count, desc, eq } from "drizzle-orm";
import type { Hash } from "viem";
import type { StoreDb } from "../store/database.ts";
import { syncCursor, tallyChecks } from "../store/schema.ts";
import type { BlockRef } from "../sync/types.ts";

/**
 * What `indexingStatus` reports.
 *
 * @example
 * ```ts
 * const status: IndexingStatus = await indexingStatus(store.db);
 * if (status.hasIndexingErrors) console.error(`${status.mismatches} mismatching revisions`);
 * ```
 */
export interface IndexingStatus {
  /** The last committed block, or undefined before the first step. */
  block: Omit<BlockRef, "parentHash"> | undefined;
  finalized: bigint | undefined;
  head: bigint | undefined;
  /** Finalized revisions checked against `proposalTally`, and how many of them disagreed. */
  checked: number;
  mismatches: number;
  /** Any mismatch: `_meta { hasIndexingErrors }`. */
  hasIndexingErrors: boolean;
}

/**
 * Reads the indexing status (one cursor row and two counts).
 *
 * @example
 * ```ts
 * const { block, finalized, mismatches } = await indexingStatus(store.db);
 * ```
 */
export async function indexingStatus(db: StoreDb): Promise<IndexingStatus> {
  const [last] = await db.select().from(syncCursor).orderBy(desc(syncCursor.blockNumber)).limit(1);
  const [checked] = await db.select({ n: count() }).from(tallyChecks);
  const [mismatches] = await db
    .select({ n: count() })
    .from(tallyChecks)
    .where(eq(tallyChecks.status, "mismatch"));
  const bad = Number(mismatches?.n ?? 0);
  return {
    block: last && {
      number: last.blockNumber,
      hash: last.blockHash as Hash,
      timestamp: last.blockTimestamp,
    },
    finalized: last?.finalized,
    head: last?.head,
    checked: Number(checked?.n ?? 0),
    mismatches: bad,
    hasIndexingErrors: bad > 0,
  };
}
