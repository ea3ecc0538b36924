// Applies the SQL migrations in ./migrations (committed, in name order) once each, recorded in
// `indexer_migrations`, under an advisory lock so that two processes starting together do not race.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database } from "./database.ts";

const directory = join(dirname(fileURLToPath(import.meta.url)), "migrations");
/** Separates statements in a migration file (drizzle-kit's marker), so both drivers run them one by one. */
const BREAKPOINT = "--> statement-breakpoint";
/** Any constant: the advisory lock's key. */
const LOCK = 0x706c656e756d;

/**
 * Runs the migrations not yet applied, each in its own transaction; returns their names.
 *
 * @example
 * ```ts
 * const applied = await migrate(database); // ["0001_init"] the first time, [] afterwards
 * ```
 */
export async function migrate(database: Database): Promise<string[]> {
  const files = (await readdir(directory)).filter((f) => f.endsWith(".sql")).sort();
  const applied: string[] = [];
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK})`);
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS indexer_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await database.query(sql`SELECT id FROM indexer_migrations`, tx)).map((r) => String(r.id)),
    );
    for (const file of files) {
      const id = file.replace(/\.sql$/, "");
      if (done.has(id)) continue;
      const text = await readFile(join(directory, file), "utf8");
      for (const statement of text.split(BREAKPOINT)) {
        if (statement.replace(/--.*$/gm, "").trim() === "") continue;
        await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`INSERT INTO indexer_migrations (id) VALUES (${id})`);
      applied.push(id);
    }
  });
  return applied;
}
