// Opens the database: PGlite (embedded; a data directory, or in memory) or PostgreSQL through `pg`, both
// behind the same drizzle API so every query in the indexer runs unchanged on either.
import { PGlite } from "@electric-sql/pglite";
import { BaseError } from "@plenum/sdk";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema.ts";

/**
 * The drizzle database both drivers give: queries and transactions look the same on PGlite and pg.
 *
 * @example
 * ```ts
 * const rows = await database.db.select().from(schema.communities);
 * ```
 */
export type StoreDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * The database or one of its transactions: whatever can run a statement.
 *
 * @example
 * ```ts
 * const run = (on: Executor) => on.execute(sql`select 1`);
 * ```
 */
export type Executor = Pick<StoreDb, "execute">;

/**
 * An open database: drizzle, raw SQL that returns rows on both drivers, and `close`.
 *
 * @example
 * ```ts
 * const database = await openDatabase({});
 * const rows = await database.query(sql`select 1 as one`);
 * await database.close();
 * ```
 */
export interface Database {
  kind: "pglite" | "postgres";
  db: StoreDb;
  /**
   * Runs parameterised statements on the driver itself (no query builder), all or none: one
   * statement alone (atomic by itself: one round trip), several in a transaction. For bulk writes,
   * where building queries costs more than running them.
   */
  writeAtomically(statements: readonly RawStatement[]): Promise<void>;
  /** Runs raw SQL (one statement), on `on` (a transaction) if given, and returns the driver's rows. */
  query(statement: SQL, on?: Executor): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * Where the data lives. With `databaseUrl`, PostgreSQL (tables in `schema`, created if missing;
 * `public` by default); otherwise PGlite in `dataDir`, or in memory when that is absent too.
 *
 * @example
 * ```ts
 * const options: OpenDatabaseOptions = { databaseUrl: process.env.DATABASE_URL, dataDir: ".plenum/db" };
 * ```
 */
export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  schema?: string | undefined;
}

/**
 * A connection the store could not open (bad URL, server down, unreadable data directory).
 *
 * @example
 * ```ts
 * try { await openDatabase({ databaseUrl: "postgres://nowhere" }); }
 * catch (error) { if (error instanceof DatabaseOpenError) console.error(error.shortMessage); }
 * ```
 */
export class DatabaseOpenError extends BaseError {
  override name = "DatabaseOpenError";
}

/**
 * One parameterised statement for `writeAtomically`: its text, with `$1`… standing for `params`.
 *
 * @example
 * ```ts
 * await database.writeAtomically([{ text: "DELETE FROM blocks WHERE number > $1", params: ["12"] }]);
 * ```
 */
export interface RawStatement {
  text: string;
  params: unknown[];
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens PGlite or PostgreSQL (see {@link OpenDatabaseOptions}).
 *
 * @example
 * ```ts
 * const database = await openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:5432/test", schema: "indexer" });
 * ```
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema ?? "public");
  try {
    const client = options.dataDir ? new PGlite(options.dataDir) : await inMemoryPglite();
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as StoreDb;
    return {
      kind: "pglite",
      db,
      async writeAtomically(statements) {
        const [only] = statements;
        if (statements.length === 1 && only)
          return void (await client.query(only.text, only.params));
        await client.transaction(async (tx) => {
          for (const { text, params } of statements) await tx.query(text, params);
        });
      },
      query: async (statement, on = db) => rowsOf(await on.execute(statement)),
      close: () => client.close(),
    };
  } catch (cause) {
    throw new DatabaseOpenError(
      `Cannot open the PGlite database ${options.dataDir ?? "(memory)"}.`,
      {
        cause,
      },
    );
  }
}

/**
 * PGlite in memory, tuned for writing: nothing in it outlives the process, so what PostgreSQL does
 * for durability on disk is only a cost here. Measured on the scale bench's backfill (100,446 events),
 * where the in-memory file system (Emscripten's MEMFS) copying files as they grow was ~10 % of the
 * time: each new 16 MiB WAL segment was zero-filled 8 KiB at a time (`wal_init_zero`), ~1 GiB of
 * copies in all; and table files grew by 12.5 % at a time above 1 MiB, copying the whole file each
 * time, ~1 GiB more. WAL segments are now created without zero-filling, and files grow by doubling
 * (as MEMFS does below 1 MiB): the copies fall to about the data's size, at the price of up to
 * twice the memory for a file's spare room.
 */
async function inMemoryPglite(): Promise<PGlite> {
  const client = new PGlite({
    startParams: [...PGlite.defaultStartParams, "-c", "wal_init_zero=off"],
  });
  await client.waitReady;
  growByDoubling(client);
  return client;
}

/** The MEMFS growth policy of `client`'s file system set to doubling (no-op if its shape differs). */
function growByDoubling(client: PGlite): void {
  type MemNode = { contents: Uint8Array | null; usedBytes: number };
  const memfs = (
    client as unknown as {
      mod?: { FS?: { root?: { mount?: { type?: Record<string, unknown> } } } };
    }
  ).mod?.FS?.root?.mount?.type;
  if (typeof memfs?.expandFileStorage !== "function") return;
  memfs.expandFileStorage = (node: MemNode, needed: number) => {
    const capacity = node.contents?.length ?? 0;
    if (capacity >= needed) return;
    const grown = new Uint8Array(Math.max(needed, capacity * 2, 256));
    if (node.contents && node.usedBytes > 0) grown.set(node.contents.subarray(0, node.usedBytes));
    node.contents = grown;
  };
}

async function openPostgres(url: string, schemaName: string): Promise<Database> {
  if (!identifier.test(schemaName)) {
    throw new DatabaseOpenError(`Invalid schema name ${JSON.stringify(schemaName)}.`);
  }
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schemaName}` });
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
  } catch (cause) {
    await pool.end();
    throw new DatabaseOpenError("Cannot connect to PostgreSQL.", { cause });
  }
  const db = drizzleNodePg({ client: pool, schema }) as unknown as StoreDb;
  return {
    kind: "postgres",
    db,
    async writeAtomically(statements) {
      const [only] = statements;
      if (statements.length === 1 && only) return void (await pool.query(only.text, only.params));
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        for (const { text, params } of statements) await client.query(text, params);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    query: async (statement, on = db) => rowsOf(await on.execute(statement)),
    close: () => pool.end(),
  };
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}
