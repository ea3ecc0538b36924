#!/usr/bin/env node
// `pnpm dev`: a local demo. Starts anvil, deploys the core and seeds a demo community through the SDK
// with the ABIs and bytecode codegen commits (scripts/dev/run.mts: deploy, seed in two steps with the
// chain's clock moved between them, an anonymous poll with real Semaphore proofs), starts the indexer
// on PGlite with the relayer mounted (scripts/dev/indexer.mjs; it loads while the seeding runs), prints
// what is on chain with live tallies and where GraphQL is served, starts the web app (apps/web; see
// scripts/dev/web.mjs for `next start` versus `next dev`) and prints its URL, and keeps them running
// until Ctrl-C. Nothing is compiled unless `--build`
// is given: then forge compiles the project and codegen refreshes the SDK's bytecode before deploying.
// Node builtins and viem (the summary hashes selectors with it); tsx runs the seeding process.
//
// Timestamps: anvil starts at the wall clock and mines one block per transaction, but blocks mined in the
// same second share a timestamp. A proposal reads weights and delegations at (creation time - 1), so the
// seeder calls evm_increaseTime + evm_mine between the steps; the demo chain then runs a minute ahead of
// real time. Move it further with `scripts/cast rpc evm_increaseTime <seconds>` + `evm_mine`.
import { spawn } from "node:child_process";
import { createWriteStream, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printIndexer, startIndexer } from "./dev/indexer.mjs";
import { DevError, rpc } from "./dev/rpc.mjs";
import { printSummary, styles } from "./dev/summary.mjs";
import { startWeb, webMode } from "./dev/web.mjs";

const HELP = `Usage: pnpm dev [--exit] [--build]

Starts anvil on 127.0.0.1:8545, deploys the contracts and seeds a demo community through the SDK,
starts the indexer (GraphQL and the relayer) on 127.0.0.1:8548 and the web app on 127.0.0.1:3000,
prints it all, then keeps them running until Ctrl-C. It compiles nothing: it deploys the bytecode committed in
packages/sdk/src/generated (which CI checks against the Solidity sources).

  --exit        stop after printing the summary (also DEV_EXIT=1); uses free ports unless DEV_PORT
                and DEV_INDEXER_PORT are set
  --build       first compile with forge (scripts/forge build: a first solc-js build takes 8–13 min)
                and rerun codegen, so the demo deploys your local Solidity changes
  DEV_PORT=n          anvil listens on port n instead of 8545
  DEV_INDEXER_PORT=n  the indexer listens on port n instead of 8548
  DEV_WEB_PORT=n      the web app listens on port n instead of 3000
  DEV_WEB=mode  auto (default): \`next start\` if apps/web has a production build newer than its
                sources, else \`next dev\`; or dev, start, off
  DEV_REPORT=f  write the steps that ran, the commands started and the processes' ids to the JSON
                file f (the smoke test)`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";
const ACCOUNTS = 40;
const BALANCE_ETH = 1000;
/** The anvil account whose public key the demo's relayer sends from: one the seeding never uses. */
const RELAYER_ACCOUNT = 39;
/** Without a terminal, a long step prints its progress at most this often. */
const PLAIN_PROGRESS_MS = 1000;
/** How often a step without countable progress (the compile) reports the time so far. */
const ELAPSED_TICK_MS = 30_000;

const tty = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const { bold, dim, green, red } = styles(tty);

/** @type {import("node:child_process").ChildProcess | undefined} */
let anvil;
/** @type {import("node:child_process").ChildProcess | undefined} */
let child;
/** @type {ReturnType<typeof startIndexer> | undefined} */
let indexer;
/** @type {ReturnType<typeof startWeb> | undefined} */
let web;
let stopping = false;
const anvilLog = { path: "", lines: [] };
/** What ran, for DEV_REPORT: each finished step and every command started. */
const report = { steps: [], commands: [] };

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(HELP);
  process.exit(0);
}
const exitAfterSeed = argv.includes("--exit") || process.env.DEV_EXIT === "1";
const build = argv.includes("--build");
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
// Output piped into a command that ends early (`| head`): stop anvil rather than leave it behind.
process.stdout.on("error", () => shutdown(1));
main().catch(fail);

async function main() {
  const unknown = argv.find((a) => a !== "--exit" && a !== "--build");
  if (unknown) throw new DevError(`Unknown argument ${unknown}.`, HELP, 2);
  const started = Date.now();
  const port = await choosePort("DEV_PORT", 8545);
  const indexerPort = await choosePort("DEV_INDEXER_PORT", 8548);
  const rpcUrl = `http://${HOST}:${port}`;
  const webChoice = webMode(root, process.env.DEV_WEB);
  const webPort = webChoice.mode === "off" ? undefined : await choosePort("DEV_WEB_PORT", 3000);

  if (build) {
    // The whole project, tests included: skipping them would compile a different set of sources, and
    // forge would then rebuild everything on every switch between `forge test` and `pnpm dev`.
    await childStep("compile", "contracts, scripts and tests (forge build)", "scripts/forge", [
      "build",
    ]);
    await childStep("codegen", "the SDK's ABIs and bytecode from out/", process.execPath, [
      "packages/sdk/scripts/codegen.mjs",
      "--no-build",
    ]);
  }

  // The seeder loads (tsx, the SDK, viem) while anvil starts, and waits for the go. The indexer
  // starts once the factory it follows is deployed, so it loads (tsx, PGlite) while the seeding runs.
  const seeder = startSeeder(rpcUrl, {
    onDeployed: () => {
      indexer = startIndexer({
        root,
        rpcUrl,
        host: HOST,
        port: indexerPort,
        relayerKey: anvilKey(RELAYER_ACCOUNT),
        onExit: fail,
      });
      report.commands.push(indexer.command.map(shown));
    },
  });
  await startAnvil(port);
  const chainId = Number(await rpc(rpcUrl, "eth_chainId", []));
  done("anvil", `${rpcUrl}, chain ${chainId}, ${ACCOUNTS} accounts × ${BALANCE_ETH} ETH`);
  // The web app needs no chain until a page is opened: it loads while the seeding runs.
  if (webPort !== undefined) {
    web = startWeb({
      root,
      mode: webChoice.mode,
      host: HOST,
      port: webPort,
      rpcUrl,
      indexerUrl: `http://${HOST}:${indexerPort}`,
      chainId,
      onExit: fail,
    });
    report.commands.push(web.command.map(shown));
  }

  const { core, demo } = await seeder.go();
  if (!indexer)
    throw new DevError("the seeder never reported its deploy step: no indexer started.");
  const head = Number(await rpc(rpcUrl, "eth_blockNumber", []));
  const waiting = startProgress("indexer", `GraphQL and the relayer at ${indexer.url}`);
  const indexed = await indexer.waitUntilIndexed(head, (phase) => waiting.update(phase));
  waiting.finish(`block ${indexed}`);
  if (web) {
    const serving = startProgress("web", `${web.url} (next ${webChoice.mode}: ${webChoice.why})`);
    await web.waitUntilServing((phase) => serving.update(phase));
    serving.finish();
  }
  done("ready", dim(`in ${((Date.now() - started) / 1000).toFixed(1)} s`));
  report.pids = { anvil: anvil?.pid, indexer: indexer.child.pid, web: web?.child.pid };
  report.urls = { rpc: rpcUrl, indexer: indexer.url, web: web?.url };
  writeReport();

  await printSummary({ root, rpcUrl, chainId, core, demo, tty, memberKey: anvilKey });
  printIndexer({
    url: indexer.url,
    chainId,
    community: demo.community,
    relayer: true,
    styles: styles(tty),
  });

  if (web) {
    console.log(
      `\n${bold("Web app")}  ${web.url} ${dim(`(next ${webChoice.mode}: ${webChoice.why}; on chain ${chainId} it offers "demo accounts" to act as a member without a wallet)`)}`,
    );
  }

  if (exitAfterSeed) return shutdown(0);
  console.log(
    `\n${bold("anvil is running")} at ${rpcUrl}, the indexer at ${indexer.url}${web ? `, the web app at ${web.url}` : ""}. Ctrl-C stops them.`,
  );
  console.log(
    dim(`logs: ${[anvilLog.path, indexer.logPath, web?.logPath].filter(Boolean).join(", ")}`),
  );
}

// ---------------------------------------------------------------- anvil

/** The port the variable `name` sets, else `fallback` (checked free), else with --exit a free one. */
async function choosePort(name, fallback) {
  const requested = process.env[name];
  if (requested !== undefined) {
    const port = Number(requested);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new DevError(`${name}=${requested} is not a port.`, undefined, 2);
    return assertPortFree(port, name);
  }
  if (!exitAfterSeed) return assertPortFree(fallback, name);
  // Throwaway runs (the smoke test) take a free port, so they never collide with a running `pnpm dev`.
  const server = net.createServer();
  await new Promise((resolve, reject) => server.once("error", reject).listen(0, HOST, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function assertPortFree(port, name) {
  const inUse = await new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (inUse) {
    throw new DevError(
      `Port ${port} on ${HOST} is already in use (another anvil or indexer, or \`pnpm dev\` still running?).`,
      `Stop that process, or pick another port: ${name}=${port + 1} pnpm dev`,
    );
  }
  return port;
}

async function startAnvil(port) {
  const bin = path.join(root, "scripts/anvil");
  const args = [
    "--accounts",
    ACCOUNTS,
    "--balance",
    BALANCE_ETH,
    "--port",
    port,
    "--host",
    HOST,
  ].map(String);
  anvilLog.path = path.join(os.tmpdir(), `plenum-anvil-${port}.log`);
  const log = createWriteStream(anvilLog.path);
  anvil = spawn(bin, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [anvil.stdout, anvil.stderr]) {
    stream.on("data", (chunk) => {
      log.write(chunk);
      // Keep the start-up banner (account keys) and the latest lines for error messages.
      anvilLog.lines.push(...String(chunk).split("\n"));
      if (anvilLog.lines.length > 600) anvilLog.lines.splice(150, anvilLog.lines.length - 600);
    });
  }
  let exited;
  anvil.once("error", (error) => {
    exited = new DevError(
      `Could not start anvil (${bin}): ${error.message}`,
      "Run `pnpm install` first.",
    );
  });
  anvil.once("exit", (code, signal) => {
    exited ??= new DevError(
      `anvil exited (${signal ?? `code ${code}`}).`,
      anvilLog.lines.filter(Boolean).slice(-15).join("\n"),
    );
    if (!stopping) fail(exited);
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw exited;
    try {
      await rpc(`http://${HOST}:${port}`, "eth_chainId", []);
      return;
    } catch {
      await sleep(150);
    }
  }
  throw new DevError(
    `anvil did not answer on ${HOST}:${port} within 30 s.`,
    `Its log: ${anvilLog.path}`,
  );
}

/** The private key of anvil account `n`, from anvil's start-up banner. */
function anvilKey(n) {
  const pattern = new RegExp(`^\\(${n}\\) (0x[0-9a-fA-F]{64})$`);
  for (const line of anvilLog.lines) {
    const match = pattern.exec(line.trim());
    if (match) return match[1];
  }
  return undefined;
}

// ---------------------------------------------------------------- steps

/**
 * Starts scripts/dev/run.mts (deploy, seed, anonymous poll; one process) so that it loads while anvil
 * starts; `go()` lets it run, draws the steps it reports in JSON lines and returns its records.
 */
function startSeeder(rpcUrl, { onDeployed }) {
  const steps = new Map();
  let result;
  /** @type {ReturnType<typeof startProgress> | undefined} */
  let loading;
  const onLine = (line) => {
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      return false;
    }
    if (event?.dev === undefined) return false;
    loading?.clear();
    loading = undefined;
    if (event.dev === "start") {
      steps.set(event.label, startProgress(event.label, event.what));
    } else if (event.dev === "progress") {
      steps.get(event.label)?.update(`${event.done}/${event.total} ${event.unit}`);
    } else if (event.dev === "done") {
      steps.get(event.label)?.finish();
      if (event.label === "deploy") onDeployed();
    } else if (event.dev === "result") {
      result = event;
    } else {
      return false;
    }
    return true;
  };
  // The dev key is not passed on: the seeder signs through anvil's unlocked accounts (and the anonymous
  // step with anvil's public dev keys), so a PRIVATE_KEY or MNEMONIC in the shell never matters.
  const env = { ...process.env };
  delete env.PRIVATE_KEY;
  delete env.MNEMONIC;
  const exited = run(
    path.join(root, "node_modules/.bin/tsx"),
    ["scripts/dev/run.mts", rpcUrl, path.join(root, "script/deployments"), "--wait"],
    { env, label: "seed", onLine, input: true },
  );
  // Seen when awaited in go(); until then a failure (or a stop before the go) must not go unhandled.
  exited.catch(() => {});
  const seederProcess = child;
  return {
    /** Lets the seeder start on the chain, and returns its records `{ core, demo }` once it is done. */
    async go() {
      loading = startProgress("seed", "loading the SDK (tsx)", { quiet: true });
      seederProcess?.stdin?.end("go\n");
      await exited;
      loading?.clear();
      if (!result) {
        throw new DevError("scripts/dev/run.mts ended without reporting its deployments.");
      }
      return result;
    },
  };
}

/** Runs a command as one step of its own, shown as done when it ends; the time so far while it runs. */
async function childStep(label, what, command, args) {
  const progress = startProgress(label, what);
  const ticker = setInterval(
    () => progress.update(`${formatSeconds(progress.elapsed())} so far`),
    tty ? 1000 : ELAPSED_TICK_MS,
  );
  try {
    await run(command, args, { env: process.env, label });
  } finally {
    clearInterval(ticker);
  }
  progress.finish();
}

/**
 * Starts `command` (relative to the project root, or absolute), hands each stdout line to `onLine`
 * (which says whether it consumed it) and fails with the last lines of its output if it exits non-zero.
 */
async function run(command, args, { env, label, onLine = () => false, input = false }) {
  report.commands.push([shown(command), ...args]);
  const output = [];
  const code = await new Promise((resolve, reject) => {
    child = spawn(path.resolve(root, command), args, {
      cwd: root,
      env,
      stdio: [input ? "pipe" : "ignore", "pipe", "pipe"],
    });
    let pending = "";
    child.stdout.on("data", (chunk) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (!onLine(line)) output.push(line);
    });
    child.stderr.on("data", (chunk) => output.push(...String(chunk).split("\n")));
    child.once("error", reject);
    child.once("exit", (exitCode, signal) => {
      if (pending && !onLine(pending)) output.push(pending);
      resolve(signal ? signal : exitCode);
    });
  });
  child = undefined;
  if (code !== 0) {
    clearLine();
    throw new DevError(
      `step "${label}" failed: \`${shown(command)} ${args.join(" ")}\` exited with ${code}.`,
      `Last lines of its output:\n${output.filter(Boolean).slice(-40).join("\n")}`,
    );
  }
}

/**
 * Shows a running step. On a terminal: one line, redrawn as progress arrives, replaced by the ✓ line.
 * Otherwise plain lines (no ANSI): "… label: progress", at most one a second, then the ✓ line. A
 * `quiet` step prints nothing of its own without a terminal, and clears its line when done.
 */
function startProgress(label, what, { quiet = false } = {}) {
  const started = Date.now();
  let lastPlain = started;
  const draw = (detail) => {
    if (!tty) return;
    clearLine();
    process.stdout.write(
      `${dim("…")} ${bold(label.padEnd(9))} ${dim(what)}${detail ? `  ${detail}` : ""}`,
    );
  };
  draw("");
  return {
    elapsed: () => Date.now() - started,
    update(detail) {
      if (tty) return draw(detail);
      if (quiet || Date.now() - lastPlain < PLAIN_PROGRESS_MS) return;
      lastPlain = Date.now();
      console.log(`… ${label}: ${detail}`);
    },
    finish(result) {
      clearLine();
      const seconds = (Date.now() - started) / 1000;
      report.steps.push({ label, seconds });
      done(label, `${what}${result ? `, ${result}` : ""} ${dim(`${seconds.toFixed(1)} s`)}`);
    },
    clear: clearLine,
  };
}

/** A command as the user would type it: relative to the project root when it is inside it. */
function shown(command) {
  const relative = path.relative(root, path.resolve(root, command));
  return relative.startsWith("..") ? command : relative;
}

function clearLine() {
  if (tty) process.stdout.write("\r\x1b[2K");
}

function formatSeconds(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Writes what ran to the file DEV_REPORT names (the smoke test checks it). */
function writeReport() {
  const file = process.env.DEV_REPORT;
  if (!file) return;
  writeFileSync(file, `${JSON.stringify({ build, ...report }, null, 2)}\n`);
}

// ---------------------------------------------------------------- lifecycle

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await web?.stop();
  // The indexer before anvil, so that it does not report the node it follows gone.
  for (const running of [child, indexer?.child, anvil]) {
    if (!running || running.exitCode !== null || running.signalCode !== null) continue;
    const exited = new Promise((resolve) => running.once("exit", () => resolve(true)));
    running.kill("SIGTERM");
    if (!(await Promise.race([exited, sleep(5000).then(() => false)]))) running.kill("SIGKILL");
  }
  if (anvil && code === 0)
    console.log(
      dim(indexer ? `${web ? "web app, " : ""}indexer and anvil stopped.` : "anvil stopped."),
    );
  process.exit(code);
}

function fail(error) {
  if (stopping) return;
  if (tty) process.stdout.write("\r\x1b[2K");
  console.error(`\n${red(bold("dev failed:"))} ${error.message}`);
  if (error.details) console.error(error.details);
  if (!(error instanceof DevError)) console.error(error.stack);
  shutdown(error instanceof DevError ? error.exitCode : 1);
}

function done(label, text) {
  console.log(`${green("✓")} ${bold(label.padEnd(9))} ${text}`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
