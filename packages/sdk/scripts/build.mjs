#!/usr/bin/env node
// Builds the published form of @plenum/sdk into dist/ (run by `pnpm pack` through prepack): ESM
// JavaScript with source maps for every module (tsconfig.build.json), and .d.ts with declaration maps
// for the public entries (tsconfig.types.json, which leaves out the CLI: its internals are not API and
// their inferred viem types cannot be named in a declaration). The two tsc runs are independent, so
// they run side by side. In the workspace nothing needs building: the exports and the bin point at
// src/ and run through tsx; publishConfig swaps them for dist/ in the tarball.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const sdk = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(sdk, "node_modules", ".bin", "tsc");

const compile = (project) =>
  new Promise((resolve, reject) => {
    const child = spawn(tsc, ["-p", project], { cwd: sdk, stdio: "inherit" });
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`tsc -p ${project} exited with ${code}`)),
    );
  });

rmSync(join(sdk, "dist"), { recursive: true, force: true });
await Promise.all([compile("tsconfig.build.json"), compile("tsconfig.types.json")]);
