#!/usr/bin/env node
// `pnpm test:codegen`, web part: fails if src/generated/graphql-env.d.ts is not what
// `pnpm --filter @plenum/web codegen` generates now from packages/indexer/schema.graphql (the schema
// changed and nobody regenerated). Writes nothing in the repository: gql.tada writes to a scratch file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(web, "src", "generated", "graphql-env.d.ts");
const scratch = mkdtempSync(join(tmpdir(), "plenum-gql-"));
try {
  const fresh = join(scratch, "graphql-env.d.ts");
  try {
    execFileSync(
      join(web, "node_modules", ".bin", "gql-tada"),
      ["generate", "output", "--output", fresh],
      { cwd: web, stdio: ["ignore", "ignore", "inherit"] },
    );
  } catch {
    console.error("codegen: gql.tada could not generate the GraphQL types (see above)");
    process.exit(1);
  }
  let current = "";
  try {
    current = readFileSync(committed, "utf8");
  } catch {
    // missing: stale
  }
  const root = join(web, "..", "..");
  if (current !== readFileSync(fresh, "utf8")) {
    console.error(
      `codegen: stale generated file (run pnpm --filter @plenum/web codegen and commit):\n  ${relative(root, committed)}`,
    );
    process.exit(1);
  }
  console.log(`codegen: ${relative(root, committed)} is current`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
