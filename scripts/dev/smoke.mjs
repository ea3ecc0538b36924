#!/usr/bin/env node
// `pnpm test:dev`: runs `node scripts/dev.mjs` as a newcomer would (stdout a pipe, so plain output;
// free ports through DEV_PORT and DEV_INDEXER_PORT), waits until it is running, then stops it with
// SIGTERM as Ctrl-C would, and fails unless
//   1. it got ready, and stopped with exit status 0 leaving no process behind (anvil, the indexer);
//   2. it compiled nothing: the steps it reports (DEV_REPORT) are the seeding ones and the indexer's,
//      no command it started is forge or codegen, and out/ and cache/ are as they were (absent stays
//      absent; no file added, removed or modified);
//   3. the deployment records it wrote are the ones codegen committed in
//      packages/sdk/src/generated/deployments.ts (so the SDK's addresses and start blocks are right);
//   4. its output has no ANSI codes and the agenda shows the demo's tallies;
//   5. the indexer's GraphQL serves each of the 13 proposals' latest tally revision equal to the
//      chain's `proposalTally` (options, abstain, participation, total mass);
//   6. the web app serves the agenda page (with its Content-Security-Policy) and forwards GraphQL to
//      the indexer at /api/indexer/graphql.
// Extra arguments go to dev.mjs: `node scripts/dev/smoke.mjs --build` must fail check 2.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { graphql } from "./indexer.mjs";
import { callBuilder, decodeTally, loadGovernorAbi, rpcBatch } from "./rpc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CHAIN_ID = "31337";
/** The steps a demo run reports, in order: the seeder's, and nothing that compiles. */
const SEED_STEPS = ["deploy", "seed 1/2", "time", "seed 2/2", "anonymous", "indexer", "web"];
/** What dev.mjs prints once everything runs. */
const READY_TEXT = "anvil is running";
/** The longest a demo run may take to get ready (a busy machine; the anonymous proofs dominate). */
const READY_TIMEOUT_MS = 10 * 60_000;
/** Forge's output and cache (foundry.toml's defaults) and the lint build's: a compile touches them. */
const BUILD_DIRS = ["out", "cache", "out-lint", "cache-lint"];
/**
 * Each proposal's tally line as the summary prints it, up to the turnout (deadlines move with the
 * clock). These are the demo community's numbers: change them only with scripts/dev/demoData.mts.
 */
const AGENDA = {
  1: "Against 10 · For 77 · abstain 0   turnout 56.8%, quorum 31 met",
  2: "Against 20 · For 43 · abstain 0   turnout 41.1%, quorum 31 met",
  3: "Against 63 · For 0 · abstain 0   turnout 41.1%, quorum 31 met",
  4: "Against 0 · For 63 · abstain 0   turnout 41.1%, quorum 31 met",
  5: "Against 0 · For 90 · abstain 0   turnout 58.8%, quorum 31 met",
  6: "Against 8 · For 82 · abstain 0   turnout 58.8%, quorum 31 met",
  7: "Against 86 · For 4 · abstain 0   turnout 58.8%, quorum 31 met",
  8: "Against 0 · For 79 · abstain 0   turnout 51.6%, quorum 31 met",
  9: "Against 20 · For 59 · abstain 0   turnout 51.6%, quorum 31 met",
  10: "Against 0 · For 77 · abstain 2   turnout 51.6%, quorum 31 met",
  11: "Youth office 14.89 · Community solar co-op 10.96 · Local newspaper ads 22.62 · Member training 6.96 · abstain 0.00   turnout 61.2%, quorum 12.05 met",
  12: "Against 13 · For 39 · abstain 0   turnout 33.9%, quorum 31 met",
  13: "Tuesday 2 · Wednesday 3 · Thursday 3 · abstain 1   turnout 75%, quorum 3 met",
};

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

const before = Object.fromEntries(BUILD_DIRS.map((dir) => [dir, fingerprint(dir)]));
const scratch = mkdtempSync(path.join(os.tmpdir(), "plenum-dev-smoke-"));
const reportFile = path.join(scratch, "report.json");
const { code, output, ready, served } = await runDev(process.argv.slice(2), reportFile);

// 1. It ran, and stopped cleanly on SIGTERM.
check(ready, `dev.mjs never printed "${READY_TEXT}"`);
check(code === 0, `dev.mjs exited with ${code}`);
const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, "utf8")) : undefined;
rmSync(scratch, { recursive: true, force: true });
check(report !== undefined, "dev.mjs wrote no DEV_REPORT");
for (const [name, pid] of Object.entries(report?.pids ?? {})) {
  check(!alive(pid), `${name} (pid ${pid}) is still running after dev.mjs stopped`);
}

// 2. Nothing was compiled.
if (report) {
  const labels = report.steps.map((step) => step.label);
  check(
    JSON.stringify(labels) === JSON.stringify(SEED_STEPS),
    `steps ran: ${labels.join(", ")}; expected only ${SEED_STEPS.join(", ")}`,
  );
  for (const command of report.commands) {
    const line = command.join(" ");
    check(
      !/(^|\/)forge$|solc|codegen/.test(command[0]) && !/codegen|forge build/.test(line),
      `dev.mjs started a compile: ${line}`,
    );
  }
}
for (const dir of BUILD_DIRS) {
  const after = fingerprint(dir);
  if (before[dir] === undefined) {
    check(after === undefined, `${dir}/ was created`);
    continue;
  }
  if (after === undefined) {
    check(false, `${dir}/ was removed`);
    continue;
  }
  const changed = [...new Set([...before[dir].keys(), ...after.keys()])].filter(
    (file) => before[dir].get(file) !== after.get(file),
  );
  check(
    changed.length === 0,
    `${dir}/ changed: ${changed.slice(0, 5).join(", ")}${changed.length > 5 ? ", …" : ""}`,
  );
}

// 3. The records match the SDK's generated deployments.
const generated = readFileSync(
  path.join(root, "packages/sdk/src/generated/deployments.ts"),
  "utf8",
);
for (const [suffix, table] of [
  ["", "deployments"],
  ["-demo", "demoDeployments"],
]) {
  const file = path.join(root, "script/deployments", `${CHAIN_ID}${suffix}.json`);
  const written = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
  const committed = generatedTable(generated, table)?.[CHAIN_ID];
  check(
    JSON.stringify(written) === JSON.stringify(committed),
    `script/deployments/${CHAIN_ID}${suffix}.json differs from ${table}[${CHAIN_ID}] in packages/sdk/src/generated/deployments.ts (rerun \`node packages/sdk/scripts/codegen.mjs --no-build\` if the demo changed on purpose)`,
  );
}

// 4. Plain output, and the agenda's tallies.
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes is the point.
check(!/\x1b\[/.test(output), "the output has ANSI escape codes, but stdout was not a terminal");
const lines = output.split("\n");
for (const [id, tally] of Object.entries(AGENDA)) {
  const at = lines.findIndex((line) => new RegExp(`^\\s+${id}\\s+Active\\s`).test(line));
  check(
    at >= 0 && lines[at + 1]?.trim().startsWith(tally),
    `proposal ${id}: expected "${tally}", got "${at >= 0 ? lines[at + 1]?.trim() : "(not printed)"}"`,
  );
}

// 5. The indexer served the chain's tallies.
if (served) {
  check(
    served.indexed.length === Object.keys(AGENDA).length,
    `the indexer served ${served.indexed.length} proposals, expected ${Object.keys(AGENDA).length}`,
  );
  for (const { proposalId, tally } of served.indexed) {
    const chain = served.chain.get(proposalId);
    const got =
      tally && JSON.stringify([tally.tallies, tally.abstain, tally.participation, tally.totalMass]);
    const want =
      chain &&
      JSON.stringify([
        chain.tallies.map(String),
        String(chain.abstain),
        String(chain.participation),
        String(chain.totalMass),
      ]);
    check(got === want, `proposal ${proposalId}: the indexer serves ${got}, the chain has ${want}`);
  }
}

// 6. The web app answered.
if (served) {
  const { web } = served;
  check(web?.status === 200, `the web app's agenda answered HTTP ${web?.status}`);
  check(web?.html.includes(">Agenda</h1>"), "the web app's agenda page has no Agenda heading");
  check(
    /worker-src 'self' blob:/.test(web?.csp ?? ""),
    `the web app's Content-Security-Policy lacks worker-src blob: (${web?.csp})`,
  );
  check(
    web?.proposals === Object.keys(AGENDA).length,
    `the web app's /api/indexer/graphql listed ${web?.proposals} proposals, expected ${Object.keys(AGENDA).length}`,
  );
}

if (failures.length > 0) {
  console.error(`\ntest:dev failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `\ntest:dev: ok (compiled nothing; ${Object.keys(AGENDA).length} tallies printed and served by the indexer as on chain; the web app served the agenda; the deployment records as committed; stopped cleanly)`,
);

/**
 * Runs dev.mjs on free ports, echoing and collecting its output; once it is ready, reads what the
 * indexer serves and what the chain holds, then stops it with SIGTERM.
 */
async function runDev(args, reportFile) {
  const child = spawn(process.execPath, ["scripts/dev.mjs", ...args], {
    cwd: root,
    env: {
      ...process.env,
      DEV_REPORT: reportFile,
      DEV_PORT: String(await freePort()),
      DEV_INDEXER_PORT: String(await freePort()),
      DEV_WEB_PORT: String(await freePort()),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks = [];
  const text = () => Buffer.concat(chunks).toString();
  for (const [stream, echo] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    stream.on("data", (chunk) => {
      chunks.push(chunk);
      echo.write(chunk);
    });
  }
  const exited = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode, signal) => resolve(signal ?? exitCode));
  });
  let finished = false;
  exited.then(() => {
    finished = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!finished && !text().includes(READY_TEXT) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const ready = text().includes(READY_TEXT);
  let served;
  if (ready && !finished) {
    try {
      served = await readServed(JSON.parse(readFileSync(reportFile, "utf8")).urls);
    } catch (error) {
      check(false, `could not read the tallies from the indexer and the chain: ${error.message}`);
    }
  }
  if (!finished) child.kill("SIGTERM");
  const code = await exited;
  return { code, output: text(), ready, served };
}

/** Every proposal's latest tally revision from the indexer's GraphQL, and its tally from the chain. */
async function readServed(urls) {
  const { data, errors } = await graphql(
    urls.indexer,
    "{ proposals(orderBy: proposalId, first: 100) { proposalId tally { tallies abstain participation totalMass } } }",
  );
  if (errors) throw new Error(JSON.stringify(errors));
  const indexed = data.proposals;
  const demo = JSON.parse(
    readFileSync(path.join(root, "script/deployments", `${CHAIN_ID}-demo.json`), "utf8"),
  );
  const call = callBuilder(demo.community, loadGovernorAbi(root).selectors);
  const results = await rpcBatch(
    urls.rpc,
    indexed.map((p) => call("proposalTally(uint256)", p.proposalId)),
  );
  const chain = new Map(indexed.map((p, i) => [p.proposalId, decodeTally(results[i])]));
  return { indexed, chain, web: await readWeb(urls.web) };
}

/** The web app's agenda page (status, HTML, CSP) and the proposals its GraphQL route lists. */
async function readWeb(url) {
  if (!url) return undefined;
  const page = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  const html = await page.text();
  const api = await fetch(`${url}/api/indexer/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query: "{ proposals(first: 100) { id } }" }),
    signal: AbortSignal.timeout(30_000),
  });
  const { data } = await api.json();
  return {
    status: page.status,
    html,
    csp: page.headers.get("content-security-policy"),
    proposals: data?.proposals?.length,
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every file under `dir` (relative to the root) with its size and modification time; undefined if absent. */
function fingerprint(dir) {
  const top = path.join(root, dir);
  if (!existsSync(top)) return undefined;
  const files = new Map();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const stat = statSync(full);
      files.set(path.relative(top, full), `${stat.size}:${stat.mtimeMs}`);
    }
  };
  walk(top);
  return files;
}

/** The object codegen printed as `export const <name> = {...} as const;` (JSON.stringify output). */
function generatedTable(source, name) {
  const match = new RegExp(`export const ${name} = (\\{[\\s\\S]*?\\n\\}) as const;`).exec(source);
  return match ? JSON.parse(match[1]) : undefined;
}
