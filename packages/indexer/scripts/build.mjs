#!/usr/bin/env node
// Builds the published form of @plenum/indexer into dist/ (run by `pnpm pack` through prepack):
// ESM JavaScript, .d.ts and maps from tsc, the SQL migrations the store reads at run time, and the
// `plenum-indexer` executable. In the workspace nothing needs building: the exports and the bin
// point at src/ and run through tsx; publishConfig swaps them for dist/ in the tarball.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const indexer = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(indexer, "dist");
const run = (command, args, cwd = indexer) =>
  execFileSync(command, args, { cwd, stdio: "inherit" });

// The indexer's declarations import @plenum/sdk's: tsconfig.build.json maps the name to the SDK's
// built .d.ts (the workspace exports point at .ts sources, which tsc would otherwise try to emit).
if (!existsSync(join(indexer, "..", "sdk", "dist", "index.d.ts"))) {
  run("pnpm", ["--filter", "@plenum/sdk", "run", "build"]);
}
rmSync(dist, { recursive: true, force: true });
run(join(indexer, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"]);
cpSync(join(indexer, "src", "store", "migrations"), join(dist, "store", "migrations"), {
  recursive: true,
});
const bin = join(dist, "plenum-indexer.js");
writeFileSync(
  bin,
  '#!/usr/bin/env node\n// The `plenum-indexer` command of the published package: the compiled src/bin.ts.\nimport "./bin.js";\n',
);
chmodSync(bin, 0o755);
