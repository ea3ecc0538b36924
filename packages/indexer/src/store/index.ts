/**
 * The indexer's store: PGlite or PostgreSQL behind one drizzle API, append-only tables keyed by the
 * block that wrote each row, steps committed with their cursor in one transaction, rollback to an
 * ancestor.
 *
 * @example
 * ```ts
 * import { createStore } from "./store/index.ts";
 * const store = await createStore({ databaseUrl: process.env.DATABASE_URL, dataDir: ".plenum/db" });
 * const cursor = await store.loadCursor();
 * ```
 *
 * @module
 */
export {
  type Database,
  DatabaseOpenError,
  type Executor,
  type OpenDatabaseOptions,
  openDatabase,
  type RawStatement,
  type StoreDb,
} from "./database.ts";
export { migrate } from "./migrate.ts";
export { countRows, emptyRows, type StepRows } from "./rows.ts";
export * as schema from "./schema.ts";
export {
  createStore,
  RollbackBelowFinalizedError,
  type StepCommit,
  type Store,
} from "./store.ts";
export { accountId, decodeArgs, encodeArgs, toBigInt } from "./values.ts";
