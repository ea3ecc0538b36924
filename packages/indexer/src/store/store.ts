// The store: open + migrate, commit a step (rows, block headers, cursor) in one transaction, roll back
// to an ancestor in one transaction, and load the cursor a follower resumes from.
import { BaseError } from "@plenum/sdk";
import { asc, desc, gt, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Address, Hash } from "viem";
import type { BlockRef, SyncCursor } from "../sync/types.ts";
import { type Database, type OpenDatabaseOptions, openDatabase, type StoreDb } from "./database.ts";
import { migrate } from "./migrate.ts";
import type { StepRows } from "./rows.ts";
import * as schema from "./schema.ts";

/**
 * What a committed `blocks` step records besides its rows: the block reached, the headers seen, and
 * the finalized and head block numbers reported with it.
 *
 * @example
 * ```ts
 * const commit: StepCommit = { toBlock, blocks: step.blocks, finalized: step.finalized, head: step.head };
 * ```
 */
export interface StepCommit {
  toBlock: BlockRef;
  blocks: readonly BlockRef[];
  finalized: bigint;
  head: bigint;
}

/**
 * The indexer's database: `Database` plus the step-level writes.
 *
 * @example
 * ```ts
 * const store = await createStore({ databaseUrl: process.env.DATABASE_URL, dataDir: ".plenum/db" });
 * const cursor = await store.loadCursor();
 * ```
 */
export interface Store extends Database {
  /** Writes a step's rows, block headers and cursor in one transaction: all of it or none. */
  commitStep(commit: StepCommit, rows: StepRows): Promise<void>;
  /** Deletes everything written above `ancestor` and makes it the cursor, in one transaction. */
  rollback(ancestor: BlockRef, finalized: bigint, head: bigint): Promise<void>;
  /** Where the follower resumes, or undefined for an empty store. */
  loadCursor(): Promise<SyncCursor | undefined>;
  /** The latest cursor row's finalized block number (-1 for an empty store). */
  finalizedBlock(): Promise<bigint>;
}

/**
 * A rollback below the finalized block: the node and the store disagree about history that was
 * final. Fatal; nothing is deleted.
 *
 * @example
 * ```ts
 * try { await store.rollback(ancestor, finalized, head); }
 * catch (error) { if (error instanceof RollbackBelowFinalizedError) process.exit(1); }
 * ```
 */
export class RollbackBelowFinalizedError extends BaseError {
  override name = "RollbackBelowFinalizedError";
  constructor(ancestor: bigint, finalized: bigint) {
    super(`Cannot roll back to block ${ancestor}: block ${finalized} is already final.`);
  }
}

/**
 * Opens the database (see `OpenDatabaseOptions`), applies pending migrations, and returns the store.
 *
 * @example
 * ```ts
 * const store = await createStore({}); // PGlite in memory
 * await store.close();
 * ```
 */
export async function createStore(options: OpenDatabaseOptions = {}): Promise<Store> {
  const database = await openDatabase(options);
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { db } = database;
  const finalizedBlock = async (on: Pick<StoreDb, "select"> = db) => {
    const [last] = await on
      .select({ finalized: schema.syncCursor.finalized })
      .from(schema.syncCursor)
      .orderBy(desc(schema.syncCursor.blockNumber))
      .limit(1);
    return last?.finalized ?? -1n;
  };
  return {
    ...database,
    finalizedBlock: () => finalizedBlock(),
    async commitStep(commit, rows) {
      await db.transaction(async (tx) => {
        const blocks = uniqueBlocks([...commit.blocks, commit.toBlock]);
        await insertAll(tx, schema.blocks, blocks.map(blockRow));
        await tx.insert(schema.syncCursor).values({
          blockNumber: commit.toBlock.number,
          blockHash: commit.toBlock.hash,
          parentHash: commit.toBlock.parentHash,
          blockTimestamp: commit.toBlock.timestamp,
          finalized: commit.finalized,
          head: commit.head,
        });
        await insertAll(tx, schema.rawEvents, rows.rawEvents);
        await insertAll(tx, schema.communities, rows.communities);
        await insertAll(tx, schema.communitySettings, rows.communitySettings);
        await insertAll(tx, schema.topics, rows.topics);
        await insertAll(tx, schema.memberEvents, rows.memberEvents);
        await insertAll(tx, schema.delegationEvents, rows.delegationEvents);
        await insertAll(tx, schema.identityEvents, rows.identityEvents);
        await insertAll(tx, schema.proposals, rows.proposals);
        await insertAll(tx, schema.proposalEvents, rows.proposalEvents);
        await insertAll(tx, schema.ballotEvents, rows.ballotEvents);
        await insertAll(tx, schema.tallyRevisions, rows.tallyRevisions);
      });
    },
    async rollback(ancestor, finalized, head) {
      await db.transaction(async (tx) => {
        const final = await finalizedBlock(tx);
        if (ancestor.number < final) throw new RollbackBelowFinalizedError(ancestor.number, final);
        const above = ancestor.number;
        for (const table of schema.chainTables) {
          await tx.delete(table).where(gt(table.blockNumber, above));
        }
        await tx.delete(schema.blocks).where(gt(schema.blocks.number, above));
        await tx.insert(schema.blocks).values(blockRow(ancestor)).onConflictDoNothing();
        await tx
          .insert(schema.syncCursor)
          .values({
            blockNumber: ancestor.number,
            blockHash: ancestor.hash,
            parentHash: ancestor.parentHash,
            blockTimestamp: ancestor.timestamp,
            finalized: minBigInt(finalized, ancestor.number),
            head,
          })
          .onConflictDoNothing();
      });
    },
    async loadCursor() {
      const [last] = await db
        .select()
        .from(schema.syncCursor)
        .orderBy(desc(schema.syncCursor.blockNumber))
        .limit(1);
      if (!last) return undefined;
      const recent = await db
        .select()
        .from(schema.blocks)
        .where(
          sql`${schema.blocks.number} > ${last.finalized} AND ${schema.blocks.number} <= ${last.blockNumber}`,
        )
        .orderBy(asc(schema.blocks.number));
      const known = await db
        .select({ address: schema.communities.address, block: schema.communities.blockNumber })
        .from(schema.communities)
        .orderBy(asc(schema.communities.blockNumber), asc(schema.communities.logIndex));
      return {
        block: {
          number: last.blockNumber,
          hash: last.blockHash as Hash,
          parentHash: last.parentHash as Hash,
          timestamp: last.blockTimestamp,
        },
        recentBlocks: recent.map((b) => ({
          number: b.number,
          hash: b.hash as Hash,
          parentHash: b.parentHash as Hash,
          timestamp: b.timestamp,
        })),
        communities: known.map((c) => ({
          address: c.address as Address,
          createdAtBlock: c.block,
        })),
      };
    },
  };
}

function minBigInt(a: bigint, b: bigint): bigint {
  if (a < b) return a;
  return b;
}

function blockRow(block: BlockRef): typeof schema.blocks.$inferInsert {
  return {
    number: block.number,
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: block.timestamp,
  };
}

function uniqueBlocks(blocks: BlockRef[]): BlockRef[] {
  const byNumber = new Map<bigint, BlockRef>();
  for (const block of blocks) byNumber.set(block.number, block);
  return [...byNumber.values()].sort((a, b) => (a.number < b.number ? -1 : 1));
}

/** PostgreSQL's limit on bind parameters in one statement is 65,535. */
const MAX_PARAMETERS = 60_000;

/** Multi-row inserts, as many rows per statement as the parameter limit allows. */
async function insertAll<T extends PgTable>(
  tx: Pick<StoreDb, "insert">,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const batch = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += batch) {
    await tx.insert(table).values(rows.slice(i, i + batch) as T["$inferInsert"][]);
  }
}
