// The two databases every store test runs on: PGlite in memory, and the real PostgreSQL on
// 127.0.0.1:5432 (db `test`) in a fresh schema per store, dropped when the store closes, so test files
// running in parallel never share tables.
import { randomBytes } from "node:crypto";
import { getTableColumns, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "../../src/store/schema.ts";
import { createStore, type Store } from "../../src/store/store.ts";

/** The test database (trust auth); overridable for other machines. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type Backend = "pglite" | "postgres";
export const BACKENDS: Backend[] = ["pglite", "postgres"];

/** A new, empty, migrated store on `backend`; closing it drops its schema (Postgres). */
export async function freshStore(backend: Backend): Promise<Store> {
  if (backend === "pglite") return createStore({});
  const name = `t_${randomBytes(6).toString("hex")}`;
  const store = await createStore({ databaseUrl: TEST_DATABASE_URL, schema: name });
  return {
    ...store,
    close: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${name} CASCADE`);
      await client.end();
    },
  };
}

const tables: PgTable[] = [
  schema.blocks,
  schema.syncCursor,
  schema.rawEvents,
  schema.communities,
  schema.communitySettings,
  schema.topics,
  schema.memberEvents,
  schema.delegationEvents,
  schema.proposals,
  schema.proposalEvents,
  schema.ballotEvents,
  schema.identityEvents,
  schema.tallyRevisions,
];

/**
 * Every chain table's rows, ordered by primary key, as plain JSON-safe values: two stores with the
 * same content give equal dumps whatever the driver.
 */
export async function dumpStore(store: Store): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { name, primaryKeys } = getTableConfig(table);
    const columns = getTableColumns(table);
    const keys =
      primaryKeys[0]?.columns.map((c) => c.name) ??
      Object.values(columns)
        .filter((c) => c.primary)
        .map((c) => c.name);
    const order = sql.raw(keys.map((k) => `"${k}"`).join(", "));
    const rows = await store.db.select().from(table).orderBy(order);
    dump[name] = rows.map((row) =>
      JSON.parse(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))),
    );
  }
  return dump;
}
