// The store: open + migrate, commit a step (rows, block headers, cursor) in one transaction, roll back
// to an ancestor in one transaction, and load the cursor a follower resumes from.
import { BaseError } from "@plenum/sdk";
import { asc, desc, getTableColumns, gt, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Address, Hash } from "viem";
import type { BlockRef, SyncCursor } from "../sync/types.ts";
import {
  type Database,
  type OpenDatabaseOptions,
  openDatabase,
  type RawStatement,
  type StoreDb,
} from "./database.ts";
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
  /**
   * The latest cursor row (the indexed head), or undefined for an empty store. On PGlite it is read
   * once and kept until this store's next commit or rollback: only one process can open a PGlite
   * database, so every write goes through this store. PostgreSQL reads it every time (a `serve`
   * replica's writer is another process).
   */
  latestCursor(): Promise<CursorRow | undefined>;
}

/**
 * A `sync_cursor` row.
 *
 * @example
 * ```ts
 * const row: CursorRow | undefined = await store.latestCursor();
 * console.log(row?.blockNumber, row?.finalized, row?.head);
 * ```
 */
export type CursorRow = typeof schema.syncCursor.$inferSelect;

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
  const readCursor = async () => {
    const [last] = await db
      .select()
      .from(schema.syncCursor)
      .orderBy(desc(schema.syncCursor.blockNumber))
      .limit(1);
    return last;
  };
  // PGlite only (see `latestCursor`). The promise is kept from the moment the read is issued, and
  // dropped when a write starts and when it ends: a read issued before a write is never kept past it.
  let cursorCache: Promise<CursorRow | undefined> | undefined;
  const cached = database.kind === "pglite";
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    cursorCache = undefined;
    try {
      return await write();
    } finally {
      cursorCache = undefined;
    }
  };
  return {
    ...database,
    latestCursor: () => {
      if (!cached) return readCursor();
      cursorCache ??= readCursor();
      return cursorCache;
    },
    finalizedBlock: () => finalizedBlock(),
    commitStep: (commit, rows) =>
      writing(() =>
        database.writeAtomically(
          insertStatements([
            [schema.blocks, uniqueBlocks([...commit.blocks, commit.toBlock]).map(blockRow)],
            [
              schema.syncCursor,
              [
                {
                  blockNumber: commit.toBlock.number,
                  blockHash: commit.toBlock.hash,
                  parentHash: commit.toBlock.parentHash,
                  blockTimestamp: commit.toBlock.timestamp,
                  finalized: commit.finalized,
                  head: commit.head,
                },
              ],
            ],
            [schema.rawEvents, rows.rawEvents],
            [schema.communities, rows.communities],
            [schema.communitySettings, rows.communitySettings],
            [schema.topics, rows.topics],
            [schema.memberEvents, rows.memberEvents],
            [schema.delegationEvents, rows.delegationEvents],
            [schema.identityEvents, rows.identityEvents],
            [schema.proposals, rows.proposals],
            [schema.proposalEvents, rows.proposalEvents],
            [schema.ballotEvents, rows.ballotEvents],
            [schema.tallyRevisions, rows.tallyRevisions],
          ]),
        ),
      ),
    rollback: (ancestor, finalized, head) =>
      writing(() =>
        db.transaction(async (tx) => {
          const final = await finalizedBlock(tx);
          if (ancestor.number < final)
            throw new RollbackBelowFinalizedError(ancestor.number, final);
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
        }),
      ),
    async loadCursor() {
      const last = await readCursor();
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

/**
 * Multi-row inserts written straight to the driver, packed into as few statements as the parameter
 * limit allows: consecutive tables share one statement as data-modifying CTEs (`WITH w0 AS (INSERT
 * …), w1 AS (INSERT …) INSERT …`), so a step at the head (a few rows) is a single statement, one
 * round trip and atomic by itself. Values go through each drizzle column's own `mapToDriverValue`
 * (bigint → decimal text, arrays → array literals, JSON → text), so rows read back through drizzle
 * exactly as written; drizzle's builder is skipped because for thousands of rows it costs more than
 * the database.
 *
 * @example
 * ```ts
 * const statements = insertStatements([[schema.blocks, blocks.map(blockRow)], [schema.rawEvents, events]]);
 * await database.writeAtomically(statements); // one statement unless over 60,000 parameters
 * ```
 */
export function insertStatements(
  tables: readonly (readonly [PgTable, readonly Record<string, unknown>[]])[],
  maxParameters = MAX_PARAMETERS,
): RawStatement[] {
  const statements: RawStatement[] = [];
  let inserts: string[] = [];
  let params: unknown[] = [];
  const flush = () => {
    if (inserts.length === 0) return;
    const last = inserts.length - 1;
    const ctes = inserts.slice(0, last).map((insert, i) => `w${i} AS (${insert})`);
    const text = ctes.length > 0 ? `WITH ${ctes.join(", ")} ${inserts[last]}` : inserts[last];
    statements.push({ text: text as string, params });
    inserts = [];
    params = [];
  };
  for (const [table, rows] of tables) {
    if (rows.length === 0) continue;
    const columns = Object.entries(getTableColumns(table));
    const names = columns.map(([, column]) => `"${column.name}"`).join(", ");
    const { name } = getTableConfig(table);
    const batch = Math.max(1, Math.floor(maxParameters / columns.length));
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = rows.slice(i, i + batch);
      if (params.length + chunk.length * columns.length > maxParameters) flush();
      const tuples: string[] = [];
      for (const row of chunk) {
        const slots: string[] = [];
        for (const [key, column] of columns) {
          const value = row[key];
          params.push(
            value === undefined || value === null ? null : column.mapToDriverValue(value),
          );
          slots.push(`$${params.length}`);
        }
        tuples.push(`(${slots.join(", ")})`);
      }
      inserts.push(`INSERT INTO "${name}" (${names}) VALUES ${tuples.join(", ")}`);
    }
  }
  flush();
  return statements;
}
