// `pnpm bench:indexer`: the indexer at scale. A generated chain (default 2,000 members, >= 100,000
// events; cached as an anvil state dump in bench/.cache) is loaded into anvil, and the real
// `plenum-indexer start` runs on it as a child process, once per database: PGlite in memory, PGlite
// with a data directory, PostgreSQL (127.0.0.1:5432, db `test`, a fresh schema dropped afterwards).
// Measured: backfill events/s and peak RSS, head latency (vote sent → tally revision over SSE) and
// the proposal-with-tally query under concurrent clients. Writes bench/report.md (unless --no-report).
//
// Flags (for development at small scale): --members 200 --events 10000 --proposals 40
//   --txs-per-block 100 --votes 1000 --clients 100 --seconds 15 --backends pglite,pglite-dir,postgres
//   --no-report; --profile <file.cpuprofile> writes a CPU profile of the (first) backfill
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startBenchAnvil } from "./scale/anvil.ts";
import { chainFiles, countEvents, ensureChain, GENERATOR_VERSION } from "./scale/dataset.ts";
import {
  type BackfillResult,
  backfill,
  headLatency,
  type LatencyResult,
  type LoadResult,
  queryLoad,
} from "./scale/measure.ts";
import { type BackendResult, type BeforeFigures, renderReport } from "./scale/report.ts";

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "2000" },
    events: { type: "string", default: "100000" },
    proposals: { type: "string", default: "40" },
    "txs-per-block": { type: "string", default: "100" },
    votes: { type: "string", default: "1000" },
    clients: { type: "string", default: "100" },
    seconds: { type: "string", default: "15" },
    backends: { type: "string", default: "pglite,pglite-dir,postgres" },
    "chunk-size": { type: "string", default: "20" },
    "no-report": { type: "boolean", default: false },
    profile: { type: "string" },
  },
});
const size = {
  members: Number(values.members),
  events: Number(values.events),
  proposals: Number(values.proposals),
  txsPerBlock: Number(values["txs-per-block"]),
};
const ANVIL_PORT = 19101;
const INDEXER_PORT = 19110;
const DATABASE = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const machine = {
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model ?? "?",
  memoryGiB: os.totalmem() / 2 ** 30,
  node: process.version,
  loadStart: os.loadavg(),
  loadEnd: [0, 0, 0],
  started: new Date().toISOString(),
};
console.log(`Chain: ${JSON.stringify(size)} (generator v${GENERATOR_VERSION})`);
const generating = performance.now();
const info = await ensureChain(size, ANVIL_PORT);
console.log(
  `Chain ready in ${((performance.now() - generating) / 1000).toFixed(1)} s` +
    ` (generated once in ${info.generationSeconds.toFixed(1)} s, not measured)`,
);

let counts: Awaited<ReturnType<typeof countEvents>> | undefined;
const results: BackendResult[] = [];

/** Writes bench/report.md with the results so far (after each database: a partial run leaves one). */
async function writeReport() {
  if (values["no-report"] || !counts) return;
  machine.loadEnd = os.loadavg();
  const path = join(import.meta.dirname, "report.md");
  // Figures measured before the performance work (see scale/report.ts), when the sizes match.
  const beforePath = join(import.meta.dirname, "scale", "before.json");
  const before = existsSync(beforePath)
    ? (JSON.parse(await readFile(beforePath, "utf8")) as BeforeFigures & { size: typeof size })
    : undefined;
  const same = before && JSON.stringify(before.size) === JSON.stringify(size);
  await writeFile(
    path,
    renderReport({ machine, size, info, counts, results }, same ? before : undefined),
  );
  console.log(`\nWrote ${path}`);
}

for (const backend of values.backends.split(",")) {
  const anvil = await startBenchAnvil({ port: ANVIL_PORT, loadState: chainFiles(size).state });
  const schema = `bench_${process.pid}`;
  let dataDir: string | undefined;
  let run: BackfillResult | undefined;
  try {
    if (!counts) {
      counts = await countEvents(anvil, info);
      console.log(`Loaded: ${counts.total} events in ${counts.blocks} blocks (eth_getLogs)`);
    }
    const args = [
      "--rpc-url",
      anvil.rpcUrl,
      "--ws-url",
      anvil.wsUrl,
      "--factory",
      info.factory,
      "--start-block",
      info.deployBlock,
      // ~9,000 logs per eth_getLogs: the default 2,000-block chunk asks anvil for the whole chain in
      // one response (over viem's 10 MiB limit), then splits it after slow failed attempts.
      "--chunk-size",
      String(values["chunk-size"]),
    ];
    if (backend === "pglite") args.push("--memory");
    else if (backend === "pglite-dir") {
      dataDir = await mkdtemp(join(os.tmpdir(), "plenum-bench-"));
      args.push("--data-dir", dataDir);
    } else if (backend === "postgres") {
      args.push("--database-url", DATABASE, "--database-schema", schema);
    } else throw new Error(`unknown backend ${backend}`);
    console.log(`\n${backend}: backfill…`);
    run = await backfill(args, INDEXER_PORT, results.length === 0 ? values.profile : undefined);
    console.log(
      `  ${run.events} events in ${run.seconds.toFixed(1)} s: ${run.eventsPerSecond.toFixed(0)} events/s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB` +
        ` (${run.revisions} revisions: tallies ${run.tallyMs} ms, commits ${run.commitMs} ms; indexer CPU ${run.cpuMs} ms; load ${os.loadavg()[0]?.toFixed(1)})`,
    );
    console.log(`  query load (${values.clients} clients, ${values.seconds} s)…`);
    const load: LoadResult = await queryLoad(
      run.url,
      info,
      Number(values.clients),
      Number(values.seconds),
    );
    console.log(
      `  p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, ${load.perSecond.toFixed(0)} requests/s, ${load.errors} errors`,
    );
    console.log(`  head latency (${values.votes} votes)…`);
    const latency: LatencyResult = await headLatency(
      run.url,
      anvil.rpcUrl,
      info,
      Number(values.votes),
    );
    console.log(
      `  from the block's announcement: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms, ${latency.missed} missed, ${latency.reverted} reverted; from the send: p50 ${latency.sentP50.toFixed(1)} ms, p99 ${latency.sentP99.toFixed(1)} ms`,
    );
    results.push({ backend, backfill: run, load, latency });
    await writeReport();
  } finally {
    await run?.indexer.kill("SIGTERM");
    await anvil.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (backend === "postgres") {
      const client = new pg.Client({ connectionString: DATABASE });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
}
// Open keep-alive sockets of the load clients would keep the process alive.
process.exit(0);
