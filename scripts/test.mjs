#!/usr/bin/env node
// `pnpm test`: every check CI runs (.ci/run), as one command. The suites are the `test:*` scripts of
// package.json; this file only orders them:
//
//   main lane      lint:biome → typecheck → test:dev
//   then, side by side:
//     test lane    test:sdk → test:indexer
//     solidity     lint:sol → test:contracts → test:gas → test:layout → test:codegen
//     side lane    test:subgraph → test:web → test:pack
//   last           test:docs (after the three lanes)
//
// (`pnpm lint` is lint:biome then lint:sol.) Why the solidity lane runs beside the tests: nothing in
// the test and side lanes reads forge's output (the SDK's ABIs and bytecode are committed codegen
// output; the demo deploys them without compiling), while the solidity lane's compiles (solc-js, each
// build minutes of CPU) are what kept the other core busy before the tests could start. test:codegen
// checks out/ against the committed files, so it stays after the compiles in its own lane.
//
// Why lanes: the SDK and indexer suites run one test file at a time on a 2-core machine (Vitest's
// forks pool keeps one core for the rest; the SDK suite used 0.85 of a core on average, measured) and
// mostly wait on anvil, so the subgraph's build and tests, the web app's `next build` and browser test,
// and the pack test use the other core. Their ports do not meet: test:subgraph 9151, test:web
// 9245/9248/9230 (WEB_E2E_PORTS moves them), the rest free ones that anvil or the OS picks; none of
// them writes what the SDK and indexer tests read (the pack test builds into dist/ only).
// test:docs comes last: its blocks run `pnpm codegen`, which rewrites packages/sdk/src/generated (the
// same content, but a test importing a file while it is rewritten could read half of it), and its
// `pnpm dev` then serves the production build test:web made (`next start`).
//
// The main and test lanes print as they run; each solidity- and side-lane suite's output is kept and printed as one block when
// it ends (a line says when it starts), so lines never interleave. The first failing suite fails the
// run: its lane stops at it, every other running suite is stopped, and the exit status is 1. At the
// end a table gives each suite's status and wall time (and the load average when it ended).
// `--list` prints the plan; suite names as arguments (`node scripts/test.mjs test:sdk test:web`) run
// only those, in plan order. Node builtins only.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MAIN = ["lint:biome", "typecheck", "test:dev"];
/** The three lanes that run side by side once the main lane has passed. */
const BESIDE = ["test:sdk", "test:indexer"];
const SOLIDITY = ["lint:sol", "test:contracts", "test:gas", "test:layout", "test:codegen"];
const SIDE = ["test:subgraph", "test:web", "test:pack"];
const LAST = ["test:docs"];
const ALL = [...MAIN, ...BESIDE, ...SOLIDITY, ...SIDE, ...LAST];

const argv = process.argv.slice(2);
if (argv.includes("--list")) {
  console.log(`main lane: ${MAIN.join(" → ")}`);
  console.log(`then side by side:`);
  console.log(`  test lane: ${BESIDE.join(" → ")}`);
  console.log(`  solidity:  ${SOLIDITY.join(" → ")}`);
  console.log(`  side lane: ${SIDE.join(" → ")}`);
  console.log(`last:      ${LAST.join(" → ")}`);
  process.exit(0);
}
const unknown = argv.filter((name) => !ALL.includes(name));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(", ")}; known: ${ALL.join(", ")}`);
  process.exit(2);
}
const selected = (names) => (argv.length === 0 ? names : names.filter((n) => argv.includes(n)));

/** @type {{ name: string, ok: boolean, stopped: boolean, ms: number, load: string }[]} */
const results = [];
/** @type {Set<import("node:child_process").ChildProcess>} */
const running = new Set();
let failed = false;

const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/**
 * Runs `pnpm run <name>` in its own process group; with `buffer`, collects its output instead of
 * passing it through. Resolves with whether it exited 0.
 * @example
 * await runSuite("test:sdk", { buffer: false }) // true
 */
function runSuite(name, { buffer }) {
  const started = Date.now();
  const child = spawn("pnpm", ["run", name], {
    cwd: root,
    stdio: buffer ? ["ignore", "pipe", "pipe"] : "inherit",
    detached: true,
  });
  running.add(child);
  const chunks = [];
  if (buffer) {
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok) => {
      if (settled) return;
      settled = true;
      running.delete(child);
      const ms = Date.now() - started;
      // A suite that fails after another failure was stopped by it rather than failing itself.
      const stopped = !ok && failed;
      results.push({ name, ok, stopped, ms, load: load() });
      const status = ok ? "passed" : stopped ? "stopped" : "FAILED";
      if (buffer) {
        const bar = `──── ${name} ${status} in ${seconds(ms)} ────`;
        process.stdout.write(`\n${bar}\n${Buffer.concat(chunks).toString()}${bar}\n\n`);
      } else {
        console.log(`\n──── ${name} ${status} in ${seconds(ms)} ────\n`);
      }
      resolve(ok);
    };
    child.once("error", () => done(false));
    child.once("exit", (code) => done(code === 0));
  });
}

/** Runs suites one after another; stops at the first failure (of this lane or, via `failed`, another). */
async function lane(names, buffer) {
  for (const name of names) {
    if (failed) return;
    if (buffer) console.log(`──── ${name} started (its output comes when it ends) ────`);
    if (!(await runSuite(name, { buffer }))) {
      if (!failed) stopOthers();
      failed = true;
      return;
    }
  }
}

/** Stops every suite still running (their whole process groups), after a failure or Ctrl-C. */
function stopOthers() {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    failed = true;
    stopOthers();
    process.exit(130);
  });
}

const t0 = Date.now();
await lane(selected(MAIN), false);
if (!failed) {
  // The test lane prints as it runs; the solidity and side lanes print each suite as one block.
  await Promise.all([
    lane(selected(BESIDE), false),
    lane(selected(SOLIDITY), true),
    lane(selected(SIDE), true),
  ]);
}
if (!failed) await lane(selected(LAST), false);

console.log("suite            status   wall     load average at its end (1, 5, 15 min)");
for (const r of results) {
  console.log(
    `${r.name.padEnd(16)} ${(r.ok ? "passed" : r.stopped ? "stopped" : "FAILED").padEnd(8)} ${seconds(r.ms).padStart(6)}   ${r.load}`,
  );
}
console.log(`all: ${failed ? "FAILED" : "passed"} in ${seconds(Date.now() - t0)}`);
process.exit(failed ? 1 : 0);
