// `plenum-indexer start` as an operator runs it: a child process against a real anvil with a seeded
// community, on PGlite (a data directory); readiness, GraphQL against the contract's proposalTally, a
// vote through an SSE subscription, /metrics, bad configuration, and `kill -9` in the middle of the
// backfill followed by a restart that ends equal to an uninterrupted run.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addMembersSync, castVoteSync, delegateSync, proposeSync } from "@plenum/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/store.ts";
import { accountId } from "../../src/store/values.ts";
import { subscribe } from "../graphql/sse.ts";
import { dumpStore } from "../store/backends.ts";
import {
  type Anvil,
  clientsFor,
  contractTallies,
  createTestCommunity,
  deployTestCore,
  devAccount,
  devKey,
  RELAYER_INDEX,
  startAnvil,
  type TestCore,
  tick,
} from "../support.ts";
import { type IndexerProcess, metric, query, runIndexer, waitReady } from "./process.ts";

let anvil: Anvil;
let core: TestCore;
let community: `0x${string}`;
let proposalId: bigint;
let startBlock: bigint;
let dir: string;
/** Ballots cast so far, each in a block of its own: a proposal has a revision at creation and one per ballot. */
let ballots = 0;
const running: IndexerProcess[] = [];

const env = () => ({
  RPC_URL: anvil.rpcUrl,
  FACTORY: core.factory,
  START_BLOCK: String(startBlock),
  FINALITY_DEPTH: "2",
  POLLING_INTERVAL: "100",
  PORT: "0",
  NO_METADATA: "1",
});
const start = (args: string[], extra: Record<string, string> = {}) => {
  const p = runIndexer(["start", ...args], { ...env(), ...extra });
  running.push(p);
  return p;
};
const tallyOf = (id: bigint) => contractTallies(anvil, community, id);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plenum-indexer-cli-"));
  anvil = await startAnvil();
  const { publicClient, wallet, testClient } = clientsFor(anvil);
  core = await deployTestCore(anvil);
  startBlock = (await publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  ({ community } = await createTestCommunity(anvil, core, { topics: ["General", "Budget"] }));
  await addMembersSync(wallet(0), {
    community,
    members: [1, 2, 3, 4].map((i) => ({ account: devAccount(i).address, weight: BigInt(i * i) })),
  });
  await delegateSync(wallet(1), { community, topics: [0], to: devAccount(2).address });
  await tick(anvil);
  ({ proposalId } = await proposeSync(wallet(1), {
    community,
    topic: 0,
    mode: "single",
    optionCount: 3,
    votingPeriod: 3600,
    metadataURI: "",
  }));
  // Blocks between the events, so a one-block chunk size gives a backfill of many steps.
  await testClient.mine({ blocks: 120 });
  await castVoteSync(wallet(2), { community, proposalId, option: 1 });
  await testClient.mine({ blocks: 120 });
  await castVoteSync(wallet(3), { community, proposalId, option: 0 });
  ballots = 2;
  await testClient.mine({ blocks: 60 });
}, 120_000);

afterAll(async () => {
  for (const p of running) await p.kill("SIGKILL");
  await anvil?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("plenum-indexer start", () => {
  it("exits 2 listing every problem of a bad configuration", async () => {
    const p = runIndexer(["start", "--bogus", "--memory", "--data-dir", "x"], {
      RPC_URL: "ftp://node",
      PORT: "99999",
      FACTORY: "0x12",
      START_BLOCK: "soon",
      REDIS_URL: "http://redis",
      LOG_LEVEL: "loud",
      RELAYER_PRIVATE_KEY: "0x12",
    });
    expect(await p.exited).toBe(2);
    const problems = p
      .stderr()
      .split("\n\n")[0]
      ?.split("\n")
      .filter((l) => l.startsWith("  - "));
    expect(problems).toEqual([
      "  - unknown flag --bogus",
      '  - RPC_URL (--rpc-url) must be a http:// or https:// URL, not "ftp://node"',
      "  - --memory and DATA_DIR (--data-dir) exclude each other",
      '  - REDIS_URL (--redis-url) must be a redis:// or rediss:// URL, not "http://redis"',
      '  - FACTORY (--factory) must be an address (0x and 40 hex digits), not "0x12"',
      '  - START_BLOCK (--start-block) must be a block number, not "soon"',
      '  - LOG_LEVEL (--log-level) must be one of debug, info, warn, error, not "loud"',
      '  - PORT (--port) must be a whole number from 0 to 65535, not "99999"',
      "  - relayer: RELAYER_PRIVATE_KEY must be 32 bytes of hex (64 digits, 0x optional)",
    ]);
    expect(p.logs).toEqual([]);
  });

  it("exits 2 when the chain contradicts the configuration (no factory at that address)", async () => {
    const p = start(["--memory"], { FACTORY: "0x000000000000000000000000000000000000dEaD" });
    expect(await p.exited).toBe(2);
    const failure = p.logs.find((l) => l.msg === "sync failed");
    expect(failure?.error).toBe(
      `InvalidConfigError: Invalid configuration: the factory 0x000000000000000000000000000000000000dEaD has no code on chain ${anvil.chain.id}.`,
    );
  });

  it("backfills, becomes ready, serves the contract's tally, streams a new vote and exposes metrics", async () => {
    const p = start(["--data-dir", join(dir, "live")]);
    const url = await p.url();
    expect((await fetch(`${url}/health`)).status).toBe(200);
    // No RELAYER_PRIVATE_KEY: no relayer routes.
    expect((await fetch(`${url}/v1/health`)).status).toBe(404);
    await p.waitFor("ready");
    await waitReady(url);
    const c = accountId(anvil.chain.id, community);
    const id = `${c}-${proposalId}`;
    const before = await query(
      url,
      `{ proposal(id: "${id}") { tally { tallies participation } } }`,
    );
    expect(before.errors).toBeUndefined();
    // Member 2 carries 1 (4 + 1), member 3 votes alone (9).
    expect(await tallyOf(proposalId)).toEqual(["9", "5", "0"]);
    expect(before.data).toEqual({
      proposal: { tally: { tallies: ["9", "5", "0"], participation: "14" } },
    });

    const revisions = await subscribe(
      `${url}/graphql`,
      `subscription { tallyRevisions(proposal: "${id}") { replacing revision { tallies participation } } }`,
    );
    await castVoteSync(clientsFor(anvil).wallet(4), { community, proposalId, option: 2 });
    ballots++;
    expect(await tallyOf(proposalId)).toEqual(["9", "5", "16"]);
    expect(await revisions.next()).toEqual({
      data: {
        tallyRevisions: {
          replacing: false,
          revision: { tallies: ["9", "5", "16"], participation: "30" },
        },
      },
    });
    revisions.close();

    const head = await clientsFor(anvil).publicClient.getBlockNumber({ cacheTime: 0 });
    const all = await query(url, `{ tallyRevisions(first: 1000) { id } }`);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(metric(text, "plenum_indexer_ready")).toBe(1);
    expect(metric(text, 'plenum_indexer_sync_steps_total{type="live"}')).toBe(1);
    expect(metric(text, 'plenum_indexer_sync_steps_total{type="reorg"}')).toBe(0);
    expect(metric(text, "plenum_indexer_indexed_block")).toBe(Number(head));
    expect(metric(text, "plenum_indexer_head_lag_blocks")).toBe(0);
    expect(metric(text, "plenum_indexer_reorgs_total")).toBe(0);
    expect(metric(text, "plenum_indexer_tally_mismatches")).toBe(0);
    // Revisions at the proposal's creation and at each of the three votes.
    expect(all.data?.tallyRevisions).toHaveLength(4);
    expect(metric(text, "plenum_indexer_revisions_total")).toBe(4);
    expect(metric(text, "plenum_indexer_rpc_errors_total")).toBe(0);
    // Every committed step is timed once per phase, in the stage it was committed in; the vote above
    // arrived after the backfill, in a live step.
    const timed = (stage: string, phase: string) =>
      metric(text, `plenum_indexer_step_seconds_count{stage="${stage}",phase="${phase}"}`) ?? 0;
    const committed = metric(text, "plenum_indexer_steps_committed_total");
    for (const phase of ["tally", "commit", "total"]) {
      expect(timed("backfill", phase) + timed("live", phase)).toBe(committed);
    }
    expect(timed("live", "total")).toBeGreaterThanOrEqual(1);
    expect(timed("backfill", "total")).toBeGreaterThanOrEqual(1);
    expect(metric(text, "plenum_indexer_rpc_requests_total")).toBeGreaterThan(0);

    expect(await p.kill("SIGTERM")).toBe(0);
    expect(p.logs.map((l) => l.msg)).toContain("stopped");
    expect(p.logs.every((l) => typeof l.time === "string" && l.service === "indexer")).toBe(true);
  });

  it("mounts the relayer when RELAYER_PRIVATE_KEY is set, on the indexer's node and factory", async () => {
    const p = start(["--memory"], { RELAYER_PRIVATE_KEY: devKey(RELAYER_INDEX) });
    const url = await p.url();
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);
    expect(await p.kill("SIGTERM")).toBe(0);
  });

  it("after kill -9, then SIGTERM, in the middle of the backfill, restarts on the same data dir end equal to an uninterrupted run", async () => {
    const head = await clientsFor(anvil).publicClient.getBlockNumber({ cacheTime: 0 });
    const args = ["--chunk-size", "1"];
    // The uninterrupted run.
    const whole = start([...args, "--data-dir", join(dir, "whole")]);
    await whole.waitFor("ready");
    expect(await whole.kill("SIGTERM")).toBe(0);

    const crashDir = join(dir, "crashed");
    const first = start([...args, "--data-dir", crashDir]);
    await first.waitFor("backfill");
    // A few more one-block steps, then the process dies without a chance to clean up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.kill("SIGKILL");
    expect(first.logs.map((l) => l.msg)).not.toContain("ready");
    const progress = first.logs.filter((l) => l.msg === "backfill").map((l) => Number(l.block));
    expect(Math.max(...progress)).toBeLessThan(Number(head));

    // Resumes, and this time stops on SIGTERM in the middle: the step being committed completes.
    const second = start([...args, "--data-dir", crashDir]);
    const resumed = await second.waitFor("indexing starting");
    expect(Number(resumed.resumeAfter)).toBeGreaterThanOrEqual(Math.max(...progress));
    await second.waitFor("backfill");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await second.kill("SIGTERM")).toBe(0);
    expect(second.logs.map((l) => l.msg)).toContain("stopped");
    expect(second.logs.map((l) => l.msg)).not.toContain("ready");

    const third = start([...args, "--data-dir", crashDir]);
    const again = await third.waitFor("indexing starting");
    expect(Number(again.resumeAfter)).toBeGreaterThan(Number(resumed.resumeAfter));
    await third.waitFor("ready");
    expect(await third.kill("SIGTERM")).toBe(0);

    const dump = async (dataDir: string) => {
      const store = await createStore({ dataDir });
      try {
        return await dumpStore(store);
      } finally {
        await store.close();
      }
    };
    const expected = await dump(join(dir, "whole"));
    expect(expected.tally_revisions).toHaveLength(1 + ballots);
    expect(await dump(crashDir)).toEqual(expected);
  });
});
