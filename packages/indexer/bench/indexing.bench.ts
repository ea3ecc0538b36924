// Apply throughput of the store and indexing on the tests' generated community (tests/indexing/
// scenario.ts: 120 members, three delegation forests, four proposals, ~600 events), on PGlite in
// memory, PGlite on disk and PostgreSQL, with small steps (10 blocks, as when following the head) and
// one step for the whole chain (as in a backfill). Chain generation is not measured.
// Run: pnpm --filter @plenum/indexer exec tsx bench/indexing.bench.ts
// (BENCH_MEMBERS, BENCH_ROUNDS and BENCH_BALLOTS, the most ballots per block, make it larger.)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { terminateProver } from "@plenum/sdk";
import { createIndexer } from "../src/indexing/indexer.ts";
import { createStore, type Store } from "../src/store/store.ts";
import type { SyncStep } from "../src/sync/types.ts";
import { chainSteps } from "../test/indexing/chain.ts";
import { buildScenario } from "../test/indexing/scenario.ts";
import { freshStore } from "../test/store/backends.ts";

const members = Number(process.env.BENCH_MEMBERS ?? 120);
const rounds = Number(process.env.BENCH_ROUNDS ?? 24);
const most = Number(process.env.BENCH_BALLOTS ?? 6);
const scenario = await buildScenario({
  members,
  rounds,
  ballotsPerBlock: [Math.ceil(most / 3), most],
});
console.log(
  `${members} members, ${rounds} voting blocks after the fork, ${scenario.transactions} transactions\n`,
);
const { clients, factory, deployBlock, endBlock } = scenario;
const stepsOf = (chunk: number) =>
  chainSteps(clients.publicClient, {
    factory,
    fromBlock: deployBlock,
    toBlock: endBlock,
    head: endBlock,
    chunk,
    depth: 5,
  });
const small = await stepsOf(10);
const whole = await stepsOf(100_000);
await scenario.anvil.stop();
await terminateProver();

async function run(name: string, open: () => Promise<Store>, steps: SyncStep[]) {
  const times: number[] = [];
  let line = "";
  for (let round = 0; round < 3; round++) {
    const store = await open();
    const indexer = createIndexer({ store, chainId: 31337, metadata: false });
    await indexer.start();
    const started = performance.now();
    for (const step of steps) await indexer.handle(step);
    const ms = performance.now() - started;
    times.push(ms);
    const { events, rows, revisions, tallyMs, commitMs } = indexer.stats;
    line = `${events} events, ${rows} rows, ${revisions} revisions, ${steps.length} steps`;
    if (round === 2) {
      line += `; last run: tallies ${Math.round(tallyMs)} ms, commits ${Math.round(commitMs)} ms`;
    }
    await store.close();
  }
  const best = Math.min(...times);
  const events = steps.reduce((n, s) => n + (s.type === "blocks" ? s.logs.length : 0), 0);
  console.log(
    `| ${name} | ${times.map((t) => Math.round(t)).join(" / ")} ms | ${Math.round((events / best) * 1000)} events/s | ${line} |`,
  );
}

console.log("| database, steps | runs | best | detail |");
console.log("| --- | --- | --- | --- |");
for (const [label, steps] of [
  ["10-block steps", small],
  ["one step", whole],
] as const) {
  await run(`PGlite in memory, ${label}`, () => freshStore("pglite"), steps);
  await run(
    `PGlite on disk, ${label}`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "plenum-bench-"));
      const store = await createStore({ dataDir: dir });
      const close = async () => {
        await store.close();
        await rm(dir, { recursive: true });
      };
      return { ...store, close };
    },
    steps,
  );
  await run(`PostgreSQL, ${label}`, () => freshStore("postgres"), steps);
}
