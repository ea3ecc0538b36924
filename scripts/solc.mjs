#!/usr/bin/env node
// A native-looking `solc` for forge, backed by solc-js (npm `solc`).
//
// Why: this machine cannot download native solc builds (no GitHub, no binaries.soliditylang.org),
// but forge accepts any executable as `solc` in foundry.toml. forge only needs two things from it:
//   1. `solc --version`, whose last line must read `Version: 0.8.N+commit.HASH.<platform>`;
//   2. `solc <flags> --standard-json`, standard JSON in on stdin, standard JSON out on stdout.
// Everything else (flags like --base-path, --allow-paths, --include-path) is accepted and only
// used to find imports.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const solc = require("solc"); // solc-js is CommonJS

const args = process.argv.slice(2);

if (args.includes("--version") || args.includes("-v")) {
  // solc-js reports "0.8.N+commit.HASH.Emscripten.clang"; forge only parses the version and
  // commit, but it expects a native-looking platform suffix, so we present it as a Linux build.
  const version = solc.version().replace(/\.Emscripten\.clang$/, ".Linux.g++");
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}\n`);
  process.exit(0);
}

if (!args.includes("--standard-json")) {
  process.stderr.write("scripts/solc.mjs: only --version and --standard-json are supported\n");
  process.exit(1);
}

// Directories to resolve imports against, in order: the project root (forge runs us with
// cwd = root and usually passes --base-path root), any --include-path, and node_modules.
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const roots = [process.cwd(), projectRoot];
for (let i = 0; i < args.length - 1; i++) {
  if (args[i] === "--base-path" || args[i] === "--include-path") roots.push(args[i + 1]);
}
roots.push(path.join(projectRoot, "node_modules"));

const isFile = (p) => existsSync(p) && statSync(p).isFile();

// forge drops the trailing "/" of a remapping target whose folder name ends in ".sol"
// (e.g. `@zk-kit/lean-imt.sol/`), so an import can arrive as ".../lean-imt.solLeanIMT.sol".
// Besides the path itself, try it with a "/" put back after each ".sol" not followed by one.
function candidates(importPath) {
  const out = [importPath];
  for (let i = importPath.indexOf(".sol"); i !== -1; i = importPath.indexOf(".sol", i + 1)) {
    const cut = i + ".sol".length;
    if (cut < importPath.length && importPath[cut] !== "/") {
      out.push(`${importPath.slice(0, cut)}/${importPath.slice(cut)}`);
    }
  }
  return out;
}

// Called by solc-js for every import not already among the input's sources. forge normally
// inlines all sources it resolved itself, so this is the fallback, not the main path.
function findImports(importPath) {
  for (const candidate of candidates(importPath)) {
    for (const root of roots) {
      const file = path.resolve(root, candidate);
      if (isFile(file)) return { contents: readFileSync(file, "utf8") };
    }
  }
  return { error: `File not found: ${importPath}` };
}

const input = readFileSync(0, "utf8"); // standard JSON on stdin
process.stdout.write(solc.compile(input, { import: findImports }));
