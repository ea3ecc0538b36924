// `kill -9` of the real `plenum-indexer` process while it follows the head and votes and delegations
// keep arriving, at points a seeded PRNG chooses (the seed is in each test's name: rerun with it to
// reproduce), on PGlite in a data directory (`start`) and on PostgreSQL (`ingest`). After the last
// restart has caught up, the store's chain content equals that of a `start` that ran uninterrupted
// beside it on the same chain.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../store/backends.ts";
import { type Anvil, clientsFor, startAnvil } from "../support.ts";
import {
  chainContent,
  type Governance,
  prng,
  randomTx,
  send,
  setUpGovernance,
  untilAtHead,
} from "./governance.ts";
import { type IndexerProcess, metric, runIndexer } from "./process.ts";

let anvil: Anvil;
let g: Governance;
let dir: string;
let whole: IndexerProcess;
let wholeUrl: string;
const running: IndexerProcess[] = [];
const prefix = `crash_${randomBytes(4).toString("hex")}`;
const schemas = [`${prefix}_whole`, `${prefix}_ingest`];

const run = (command: "start" | "ingest", where: Record<string, string>) => {
  const p = runIndexer([command], {
    RPC_URL: anvil.rpcUrl,
    FACTORY: g.core.factory,
    START_BLOCK: String(g.startBlock),
    FINALITY_DEPTH: "3",
    POLLING_INTERVAL: "20",
    PORT: "0",
    NO_METADATA: "1",
    ...where,
  });
  running.push(p);
  return p;
};
const postgres = (schema: string) => ({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });
/**
 * Each test spawns two or three processes; on a 2-core machine shared with other work a spawn can
 * take half a minute before its first line, so waits and test timeouts leave room for that.
 */
const SLOW = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plenum-indexer-crash-"));
  anvil = await startAnvil();
  g = await setUpGovernance(anvil);
  // The uninterrupted run: live from the start to the end of the file.
  whole = run("start", postgres(`${prefix}_whole`));
  wholeUrl = String((await whole.waitFor("listening", SLOW)).url);
  await whole.waitFor("ready", SLOW);
}, 2 * SLOW);

afterAll(async () => {
  for (const p of running) await p.kill("SIGKILL");
  await anvil?.stop();
  await rm(dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

/** Traffic still running (a test that timed out never reached its `finally`). */
const loads: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const load of loads.splice(0)) await load.stop();
});

/** Votes, retractions and delegations, one block each, until `stop()`; the choices are seeded. */
function traffic(seed: number) {
  const random = prng(seed * 7919);
  let stopped = false;
  let sent = 0;
  const running = (async () => {
    while (!stopped) {
      await send(anvil, randomTx(g, random));
      sent++;
      await sleep(random() * 40);
    }
  })();
  const load = {
    sent: () => sent,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
  loads.push(load);
  return load;
}

/**
 * Starts the indexer, lets it run a seeded while (0.1–1.3 s: in the catch-up after a restart or at
 * the head), `kill -9`s it, `kills` times, then restarts it once more and lets it follow some
 * blocks live. `start` resolves once the process logged "indexing starting".
 */
async function crashAndRecover(
  seed: number,
  kills: number,
  start: () => Promise<IndexerProcess>,
): Promise<{ starts: IndexerProcess[]; delays: number[] }> {
  const random = prng(seed);
  const load = traffic(seed);
  const starts: IndexerProcess[] = [];
  const delays: number[] = [];
  try {
    let current = await start();
    starts.push(current);
    // The first kill comes once it follows the head (the initial backfill is not this test's).
    await current.waitFor("ready", SLOW);
    for (let k = 0; k < kills; k++) {
      const delay = Math.round(100 + random() * 1200);
      delays.push(delay);
      await sleep(delay);
      await current.kill("SIGKILL");
      // Transactions arrive while it is down, too.
      const sentBefore = load.sent();
      while (load.sent() < sentBefore + 2) await sleep(10);
      current = await start();
      starts.push(current);
    }
    // Some traffic for the last run to follow live.
    await current.waitFor("ready", SLOW);
    const sentBefore = load.sent();
    while (load.sent() < sentBefore + 3) await sleep(10);
  } finally {
    await load.stop();
  }
  return { starts, delays };
}

/** Where each run resumed ("indexing starting"'s `resumeAfter`; -1 for an empty store). */
const resumedAfter = (starts: IndexerProcess[]) =>
  starts.map((p) => Number(p.logs.find((l) => l.msg === "indexing starting")?.resumeAfter ?? -1));

/** Polls `/metrics` until the indexed block is the node's head (no reorgs here, so the number does). */
async function untilIndexed(url: string): Promise<bigint> {
  const head = await clientsFor(anvil).publicClient.getBlockNumber({ cacheTime: 0 });
  const deadline = Date.now() + SLOW;
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    if (metric(text, "plenum_indexer_indexed_block") === Number(head)) return head;
    if (Date.now() > deadline) throw new Error(`${url} did not index block ${head}`);
    await sleep(25);
  }
}

describe("kill -9 during live sync", () => {
  for (const seed of [1, 2, 3]) {
    it(
      `seed ${seed}: PGlite (start --data-dir), killed at the head and restarted, equals the uninterrupted run`,
      async () => {
        const dataDir = join(dir, `seed-${seed}`);
        const { starts, delays } = await crashAndRecover(seed, 1, async () => {
          const p = run("start", { DATA_DIR: dataDir });
          await p.waitFor("indexing starting", SLOW);
          return p;
        });
        expect(delays).toHaveLength(1);
        const last = starts.at(-1) as IndexerProcess;
        const head = await untilAtHead(anvil, await last.url(), SLOW);
        expect(await untilAtHead(anvil, wholeUrl, SLOW)).toBe(head);
        expect(await last.kill("SIGTERM")).toBe(0);
        // The first run started empty; the restart resumed from what the killed run had committed.
        const resumed = resumedAfter(starts);
        expect(resumed[0]).toBe(-1);
        for (const r of resumed.slice(1)) expect(r).toBeGreaterThan(Number(g.startBlock));

        const expected = await chainContent(anvil, {
          databaseUrl: TEST_DATABASE_URL,
          schema: `${prefix}_whole`,
        });
        expect(expected.ballot_events?.length).toBeGreaterThan(0);
        expect(await chainContent(anvil, { dataDir })).toEqual(expected);
      },
      2 * SLOW,
    );
  }

  it("seed 4: PostgreSQL (ingest), killed at the head, then again in its catch-up or at the head, equals the uninterrupted run", async () => {
    const schema = `${prefix}_ingest`;
    const { starts } = await crashAndRecover(4, 2, async () => {
      // A killed writer's advisory lock goes with its connection, which PostgreSQL drops when it
      // notices the process is gone: a restart that comes first is refused (exit 1), and retried.
      for (let attempt = 0; ; attempt++) {
        const p = run("ingest", postgres(schema));
        const started = await Promise.race([
          p.waitFor("indexing starting", SLOW).then(() => true),
          p.exited.then(() => false),
        ]).catch(() => false);
        if (started) return p;
        expect(p.stderr() + JSON.stringify(p.logs)).toContain("writer lock");
        if (attempt >= 50) throw new Error("the writer lock was never released");
        await sleep(100);
      }
    });
    const last = starts.at(-1) as IndexerProcess;
    // `ingest` serves no GraphQL; its /metrics tells the indexed block.
    const head = await untilIndexed(await last.url());
    expect(await untilAtHead(anvil, wholeUrl, SLOW)).toBe(head);
    expect(await last.kill("SIGTERM")).toBe(0);
    const resumed = resumedAfter(starts);
    expect(resumed[0]).toBe(-1);
    for (const r of resumed.slice(1)) expect(r).toBeGreaterThan(Number(g.startBlock));

    const expected = await chainContent(anvil, {
      databaseUrl: TEST_DATABASE_URL,
      schema: `${prefix}_whole`,
    });
    expect(await chainContent(anvil, { databaseUrl: TEST_DATABASE_URL, schema })).toEqual(expected);
  });
});
