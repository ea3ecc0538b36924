#!/usr/bin/env node
// `pnpm dev`: a local demo. Starts anvil, deploys the core (script/Deploy.s.sol), seeds a demo community
// (script/SeedDemo.s.sol, two steps with the chain's clock moved between them), adds an anonymous poll with
// real Semaphore proofs (scripts/dev/anonymous.mts, through the SDK), prints what is on chain with live
// tallies, and keeps anvil running until Ctrl-C. Node builtins only, besides tsx for that step.
//
// Timestamps: anvil starts at the wall clock and mines one block per transaction, but blocks mined in the
// same second share a timestamp. A proposal reads weights and delegations at (creation time - 1), so we
// call evm_increaseTime + evm_mine between the steps; the demo chain then runs two minutes ahead of real
// time. Move it further with `scripts/cast rpc evm_increaseTime <seconds>` + `evm_mine`.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DevError, rpc } from "./dev/rpc.mjs";
import { printSummary, styles } from "./dev/summary.mjs";

const HELP = `Usage: pnpm dev [--exit]

Starts anvil on 127.0.0.1:8545, deploys the contracts, seeds a demo community and prints it,
then keeps anvil running until Ctrl-C.

  --exit        stop after printing the summary (also DEV_EXIT=1); uses a free port unless DEV_PORT is set
  DEV_PORT=n    listen on port n instead of 8545`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";
const ACCOUNTS = 40;
const BALANCE_ETH = 1000;
/** Anvil's well-known dev account #0. Public knowledge: for local chains only. */
const ANVIL_DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
/** Seconds the chain's clock moves between steps, so each step's snapshot sees the previous one. */
const STEP_SECONDS = 60;

const tty = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const { bold, dim, green, red } = styles(tty);

/** @type {import("node:child_process").ChildProcess | undefined} */
let anvil;
/** @type {import("node:child_process").ChildProcess | undefined} */
let forge;
let stopping = false;
const anvilLog = { path: "", lines: [] };

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(HELP);
  process.exit(0);
}
const exitAfterSeed = argv.includes("--exit") || process.env.DEV_EXIT === "1";
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
main().catch(fail);

async function main() {
  const unknown = argv.find((a) => a !== "--exit");
  if (unknown) throw new DevError(`Unknown argument ${unknown}.`, HELP);
  const started = Date.now();
  const port = await choosePort();
  const rpcUrl = `http://${HOST}:${port}`;

  await startAnvil(port);
  const chainId = Number(await rpc(rpcUrl, "eth_chainId", []));
  done("anvil", `${rpcUrl}, chain ${chainId}, ${ACCOUNTS} accounts × ${BALANCE_ETH} ETH`);

  // The dev key is passed explicitly, so a PRIVATE_KEY or MNEMONIC in the shell never reaches anvil.
  const env = { ...process.env, PRIVATE_KEY: ANVIL_DEV_KEY_0 };
  delete env.MNEMONIC;
  const script = (target, sig) => [
    "script",
    target,
    ...(sig ? ["--sig", sig] : []),
    "--rpc-url",
    rpcUrl,
    "--broadcast",
    "--slow",
  ];
  // The whole project, tests included: skipping them would compile a different set of sources, and
  // forge would then rebuild everything on every switch between `forge test` and `pnpm dev`.
  await forgeStep("compile", "contracts, scripts and tests", ["build"], env);
  await forgeStep(
    "deploy",
    "PoseidonT3, Semaphore verifier, three facets, governor implementation, factory",
    script("script/Deploy.s.sol:Deploy"),
    env,
  );
  await forgeStep(
    "seed 1/2",
    "community, 30 members, 34 delegations",
    script("script/SeedDemo.s.sol:SeedDemo", "seedCommunity()"),
    env,
  );
  await advanceTime(rpcUrl);
  await forgeStep(
    "seed 2/2",
    "10 bills, a quadratic poll, an executable proposal, 13 voters' ballots",
    script("script/SeedDemo.s.sol:SeedDemo", "seedAgenda()"),
    env,
  );

  const anonymous = await childStep(
    "anonymous",
    "12 identities, a secret-ballot poll, 9 Semaphore proofs and a re-cast",
    path.join(root, "node_modules/.bin/tsx"),
    [
      path.join(root, "scripts/dev/anonymous.mts"),
      rpcUrl,
      path.join(root, "script/deployments", `${chainId}-demo.json`),
    ],
    env,
  );

  const core = recordStartBlock(chainId, "", "Deploy.s.sol", "run", (tx, d) =>
    same(tx.contractAddress, d.factory),
  );
  const demo = recordStartBlock(chainId, "-demo", "SeedDemo.s.sol", "seedCommunity", (tx) =>
    tx.function?.startsWith("createCommunity("),
  );
  done("ready", dim(`in ${((Date.now() - started) / 1000).toFixed(1)} s`));

  const { anonymousPoll } = JSON.parse(anonymous.trim().split("\n").pop() ?? "{}");
  await printSummary({
    root,
    rpcUrl,
    chainId,
    core,
    demo: { ...demo, anonymousPoll },
    tty,
    memberKey: anvilKey,
  });

  if (exitAfterSeed) return shutdown(0);
  console.log(
    `\n${bold("anvil is running")} at ${rpcUrl}. Ctrl-C stops it.  ${dim(`log: ${anvilLog.path}`)}`,
  );
}

// ---------------------------------------------------------------- anvil

async function choosePort() {
  const requested = process.env.DEV_PORT;
  if (requested !== undefined) {
    const port = Number(requested);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new DevError(`DEV_PORT=${requested} is not a port.`);
    return assertPortFree(port);
  }
  if (!exitAfterSeed) return assertPortFree(8545);
  // Throwaway runs (the smoke test) take a free port, so they never collide with a running `pnpm dev`.
  const server = net.createServer();
  await new Promise((resolve, reject) => server.once("error", reject).listen(0, HOST, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function assertPortFree(port) {
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
      `Port ${port} on ${HOST} is already in use (another anvil, or \`pnpm dev\` still running?).`,
      `Stop that process, or pick another port: DEV_PORT=${port + 1} pnpm dev`,
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

async function advanceTime(rpcUrl) {
  await rpc(rpcUrl, "evm_increaseTime", [STEP_SECONDS]);
  await rpc(rpcUrl, "evm_mine", []);
  done(
    "time",
    `+${STEP_SECONDS} s ${dim("(evm_increaseTime + evm_mine): proposals must come after the delegations")}`,
  );
}

// ---------------------------------------------------------------- forge

async function forgeStep(label, what, args, env) {
  await childStep(label, what, path.join(root, "scripts/forge"), args, env);
}

/** Runs one step's command, shows it as done, and returns its stdout; fails with its last lines. */
async function childStep(label, what, command, args, env) {
  const started = Date.now();
  if (tty) process.stdout.write(`${dim("…")} ${bold(label.padEnd(9))} ${dim(what)}`);
  const output = [];
  const stdout = [];
  const code = await new Promise((resolve, reject) => {
    forge = spawn(command, args, {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    forge.stdout.on("data", (chunk) => {
      output.push(chunk);
      stdout.push(chunk);
    });
    forge.stderr.on("data", (chunk) => output.push(chunk));
    forge.once("error", reject);
    forge.once("exit", (exitCode, signal) => resolve(signal ? signal : exitCode));
  });
  forge = undefined;
  if (tty) process.stdout.write("\r\x1b[2K");
  if (code !== 0) {
    const lines = Buffer.concat(output).toString().split("\n").filter(Boolean);
    throw new DevError(
      `step "${label}" failed: \`${path.relative(root, command)} ${args.join(" ")}\` exited with ${code}.`,
      `Last lines of its output:\n${lines.slice(-40).join("\n")}`,
    );
  }
  done(label, `${what} ${dim(`${((Date.now() - started) / 1000).toFixed(1)} s`)}`);
  return Buffer.concat(stdout).toString();
}

/**
 * The scripts record, as `startBlock`, the first block their broadcast could land in (a safe lower bound:
 * a script cannot see its own receipts). Replace it with the block of the transaction that created the
 * contract, from forge's broadcast log, and return the deployment file's contents.
 */
function recordStartBlock(chainId, suffix, script, sig, match) {
  const file = path.join(root, "script/deployments", `${chainId}${suffix}.json`);
  const deployment = JSON.parse(readFileSync(file, "utf8"));
  const log = path.join(root, "broadcast", script, String(chainId), `${sig}-latest.json`);
  if (!existsSync(log)) return deployment;
  const run = JSON.parse(readFileSync(log, "utf8"));
  const tx = run.transactions.find((t) => match(t, deployment));
  const receipt = tx && run.receipts.find((r) => r.transactionHash === tx.hash);
  if (!receipt) return deployment;
  deployment.startBlock = Number(BigInt(receipt.blockNumber));
  writeFileSync(file, `${JSON.stringify(deployment, null, 2)}\n`);
  return deployment;
}

// ---------------------------------------------------------------- lifecycle

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of [forge, anvil]) {
    if (!child || child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", () => resolve(true)));
    child.kill("SIGTERM");
    if (!(await Promise.race([exited, sleep(5000).then(() => false)]))) child.kill("SIGKILL");
  }
  if (anvil && code === 0) console.log(dim("anvil stopped."));
  process.exit(code);
}

function fail(error) {
  if (stopping) return;
  if (tty) process.stdout.write("\r\x1b[2K");
  console.error(`\n${red(bold("dev failed:"))} ${error.message}`);
  if (error.details) console.error(error.details);
  if (!(error instanceof DevError)) console.error(error.stack);
  shutdown(1);
}

function done(label, text) {
  console.log(`${green("✓")} ${bold(label.padEnd(9))} ${text}`);
}

function same(a, b) {
  return String(a).toLowerCase() === String(b).toLowerCase();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
