#!/usr/bin/env node
// `pnpm test:docs`: every shell example in the project's Markdown runs, as written, against the demo.
//
// It collects the ```sh fences of every tracked Markdown file (scripts/docs/blocks.mjs), starts the one
// marked `<!-- docs-test: demo -->` (the README's quick start) in the background, waits until the demo is
// ready, and takes an anvil snapshot. Then, document by document, it reverts the chain to that snapshot
// and runs each block with bash (`set -eo pipefail`) from the repository root, in a fresh HOME, checking
// its exit status (and `expect:` text). Directives are described in scripts/docs/blocks.mjs. Node
// builtins only. `--list` prints the blocks and their directives without running anything; file
// arguments (`node scripts/docs-test.mjs README.md`) run only those documents.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rpc } from "./dev/rpc.mjs";
import { DocsError, extractBlocks } from "./docs/blocks.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The demo's chain: the address every documented command uses by default. */
const DEMO_RPC = "http://127.0.0.1:8545";
const DEMO_READY = "anvil is running";
const DEMO_TIMEOUT_MS = 20 * 60_000;
const BLOCK_TIMEOUT_MS = 5 * 60_000;
const BACKGROUND_READY_MS = 60_000;

const children = new Set();
process.on("SIGINT", () => stopAll().then(() => process.exit(130)));
process.on("SIGTERM", () => stopAll().then(() => process.exit(143)));

main().catch(async (error) => {
  await stopAll();
  console.error(`\ndocs test failed: ${error.message}`);
  if (error.details) console.error(error.details);
  if (!(error instanceof DocsError)) console.error(error.stack);
  process.exit(1);
});

async function main() {
  const files = execFileSync("git", ["ls-files", "*.md"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  // Arguments (besides --list) limit the run to those documents; the demo block runs in any case.
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const documents = files
    .map((file) => ({
      file,
      blocks: extractBlocks(file, readFileSync(path.join(root, file), "utf8")),
    }))
    .filter((d) => d.blocks.length > 0);
  const all = documents.flatMap((d) => d.blocks);
  const demos = all.filter((b) => b.directive.demo);
  if (demos.length !== 1) {
    throw new DocsError(
      `Expected exactly one block marked \`<!-- docs-test: demo -->\`, found ${demos.length}.`,
      demos.map(where).join("\n"),
    );
  }

  if (process.argv.includes("--list")) {
    for (const block of all) console.log(`${where(block)}  ${describe(block.directive)}`);
    return;
  }

  // The examples write to ~ (identity files, ~/members.csv): they get a fresh HOME per document. npm's
  // cache and pnpm's store stay where they were, or `pnpm install` would relink node_modules from an
  // empty store (and refuse to, without a terminal).
  const storeDir = execFileSync("pnpm", ["store", "path"], { cwd: root, encoding: "utf8" }).trim();
  const home = mkdtempSync(path.join(os.tmpdir(), "plenum-docs-home-"));
  const env = {
    ...process.env,
    HOME: home,
    npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), ".npm"),
    npm_config_store_dir: storeDir,
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  for (const key of Object.keys(env)) if (key.startsWith("PLENUM_")) delete env[key];

  const results = [];
  const started = Date.now();
  const [demo] = demos;
  log(`${where(demo)}  starting the demo: ${firstLine(demo.code)}`);
  const demoProcess = startBackground(demo.code, env);
  await waitForOutput(demoProcess, DEMO_READY, DEMO_TIMEOUT_MS, demo);
  results.push({ block: demo, status: "demo", seconds: (Date.now() - started) / 1000 });
  let snapshot = await rpc(DEMO_RPC, "evm_snapshot", []);

  for (const { file, blocks } of documents.filter(
    (d) => only.length === 0 || only.includes(d.file),
  )) {
    // Every document starts from the freshly seeded demo, so their examples do not depend on each other.
    if (!(await rpc(DEMO_RPC, "evm_revert", [snapshot]))) {
      throw new DocsError(`Could not revert the demo chain to snapshot ${snapshot}.`);
    }
    snapshot = await rpc(DEMO_RPC, "evm_snapshot", []);
    rmSync(home, { recursive: true, force: true });
    mkdirSync(home);
    const background = [];
    log(`\n${file}`);
    for (const block of blocks) {
      if (block === demo) continue;
      if (block.directive.skip) {
        results.push({ block, status: "skipped" });
        log(`  line ${block.line}: skipped (${block.directive.skip})`);
        continue;
      }
      const blockStarted = Date.now();
      if (block.directive.background) {
        const child = startBackground(block.code, env);
        background.push(child);
        await waitForOutput(child, block.directive.background, BACKGROUND_READY_MS, block);
        results.push({ block, status: "background", seconds: (Date.now() - blockStarted) / 1000 });
        log(`  line ${block.line}: started in the background (${firstLine(block.code)})`);
        continue;
      }
      await runBlock(block, env);
      const seconds = (Date.now() - blockStarted) / 1000;
      results.push({ block, status: "passed", seconds });
      log(`  line ${block.line}: ok in ${seconds.toFixed(1)} s (${firstLine(block.code)})`);
    }
    for (const child of background) await stop(child);
  }
  await stop(demoProcess);
  rmSync(home, { recursive: true, force: true });

  const count = (status) => results.filter((r) => r.status === status).length;
  log(
    `\n${count("passed")} blocks passed, ${count("background")} ran in the background, ` +
      `${count("skipped")} skipped with a reason, demo ready in ${results[0].seconds.toFixed(1)} s; ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s in all.`,
  );
}

/** Runs one block to completion and checks its status and output. */
async function runBlock(block, env) {
  const child = spawn("bash", ["-eo", "pipefail", "-c", block.code], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(child);
  const output = collect(child);
  const limit = (block.directive.timeout ?? BLOCK_TIMEOUT_MS / 1000) * 1000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    kill(child, "SIGINT");
  }, limit);
  const code = await new Promise((resolve) =>
    child.once("close", (c, signal) => resolve(c ?? signal)),
  );
  clearTimeout(timer);
  children.delete(child);
  const text = output();
  if (timedOut && block.directive.timeout === undefined) {
    throw new DocsError(`${where(block)} did not finish within ${limit / 1000} s.`, tail(text));
  }
  if (!timedOut && code !== block.directive.exit) {
    throw new DocsError(
      `${where(block)} exited with ${code}, expected ${block.directive.exit}.`,
      `${block.code}\n--- output ---\n${tail(text)}`,
    );
  }
  if (block.directive.expect && !text.includes(block.directive.expect)) {
    throw new DocsError(
      `${where(block)}: its output does not contain "${block.directive.expect}".`,
      tail(text),
    );
  }
}

function startBackground(code, env) {
  const child = spawn("bash", ["-eo", "pipefail", "-c", code], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(child);
  child.output = collect(child);
  return child;
}

async function waitForOutput(child, text, timeoutMs, block) {
  const deadline = Date.now() + timeoutMs;
  while (!child.output().includes(text)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new DocsError(
        `${where(block)} exited (${child.exitCode ?? child.signalCode}) before printing "${text}".`,
        tail(child.output()),
      );
    }
    if (Date.now() > deadline) {
      throw new DocsError(
        `${where(block)} did not print "${text}" within ${timeoutMs / 1000} s.`,
        tail(child.output()),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function collect(child) {
  const chunks = [];
  child.stdout.on("data", (c) => chunks.push(c));
  child.stderr.on("data", (c) => chunks.push(c));
  return () => Buffer.concat(chunks).toString();
}

/** Signals the child's whole process group (bash, pnpm, node, anvil…). */
function kill(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  kill(child, "SIGINT");
  const timer = setTimeout(() => kill(child, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

async function stopAll() {
  await Promise.all([...children].map(stop));
}

function where(block) {
  return `${block.file}:${block.line}`;
}

function describe(directive) {
  const parts = Object.entries(directive)
    .filter(([key, value]) => !(key === "exit" && value === 0))
    .map(([key, value]) => (value === true ? key : `${key}: ${value}`));
  return parts.join("; ") || "runs, exit 0";
}

function firstLine(code) {
  return (
    code
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith("#")) ?? ""
  ).slice(0, 90);
}

function tail(text) {
  return text.split("\n").slice(-40).join("\n");
}

function log(line) {
  console.log(line);
}
