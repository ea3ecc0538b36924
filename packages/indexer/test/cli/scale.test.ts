// `plenum-indexer ingest` + `serve` on the real PostgreSQL (a fresh schema) and Redis: one writer
// under the advisory lock (a second is refused), an API replica that becomes ready from what the
// writer committed, answers with the contract's tally and streams a new vote through Redis.
import { randomBytes } from "node:crypto";
import { addMembersSync, castVoteSync, proposeSync } from "@plenum/sdk";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountId } from "../../src/store/values.ts";
import { subscribe } from "../graphql/sse.ts";
import { TEST_DATABASE_URL } from "../store/backends.ts";
import {
  type Anvil,
  clientsFor,
  contractTallies,
  createTestCommunity,
  deployTestCore,
  devAccount,
  startAnvil,
  type TestCore,
  tick,
} from "../support.ts";
import { type IndexerProcess, metric, query, runIndexer, waitReady } from "./process.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

let anvil: Anvil;
let core: TestCore;
let community: `0x${string}`;
let proposalId: bigint;
let startBlock: bigint;
const schema = `cli_${randomBytes(6).toString("hex")}`;
const running: IndexerProcess[] = [];

const env = () => ({
  RPC_URL: anvil.rpcUrl,
  FACTORY: core.factory,
  START_BLOCK: String(startBlock),
  FINALITY_DEPTH: "2",
  POLLING_INTERVAL: "100",
  PORT: "0",
  NO_METADATA: "1",
  DATABASE_URL: TEST_DATABASE_URL,
  DATABASE_SCHEMA: schema,
  REDIS_URL,
  REDIS_CHANNEL: `plenum:test:${schema}`,
});
const run = (command: string) => {
  const p = runIndexer([command], env());
  running.push(p);
  return p;
};
const tallyOf = (id: bigint) => contractTallies(anvil, community, id);

beforeAll(async () => {
  anvil = await startAnvil();
  const { publicClient, wallet } = clientsFor(anvil);
  core = await deployTestCore(anvil);
  startBlock = (await publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  ({ community } = await createTestCommunity(anvil, core, { topics: ["General"] }));
  await addMembersSync(wallet(0), {
    community,
    members: [1, 2, 3].map((i) => ({ account: devAccount(i).address, weight: BigInt(i * i) })),
  });
  await tick(anvil);
  ({ proposalId } = await proposeSync(wallet(1), {
    community,
    topic: 0,
    mode: "single",
    optionCount: 2,
    votingPeriod: 3600,
    metadataURI: "",
  }));
  await castVoteSync(wallet(2), { community, proposalId, option: 1 });
}, 120_000);

afterAll(async () => {
  for (const p of running) await p.kill("SIGKILL");
  await anvil?.stop();
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describe("plenum-indexer ingest + serve on PostgreSQL and Redis", () => {
  it("runs one writer, refuses a second, and serves the writer's data and live updates from a replica", async () => {
    const writer = run("ingest");
    await writer.waitFor("ready");
    const writerUrl = await writer.url();
    await waitReady(writerUrl);
    // The writer serves probes and metrics only.
    expect((await fetch(`${writerUrl}/graphql`)).status).toBe(404);

    const second = run("ingest");
    expect(await second.exited).toBe(1);
    const refusal = second.logs.find((l) => l.msg === "could not start");
    expect(refusal?.error).toBe(
      `another ingest holds the writer lock of schema "${schema}": only one writer runs at a time`,
    );

    const replica = run("serve");
    const url = await replica.url();
    await waitReady(url);
    const id = `${accountId(anvil.chain.id, community)}-${proposalId}`;
    expect(await tallyOf(proposalId)).toEqual(["0", "4"]);
    expect(await query(url, `{ proposal(id: "${id}") { tally { tallies } } }`)).toEqual({
      data: { proposal: { tally: { tallies: ["0", "4"] } } },
    });

    const revisions = await subscribe(
      `${url}/graphql`,
      `subscription { tallyRevisions(proposal: "${id}") { revision { tallies } } }`,
    );
    await castVoteSync(clientsFor(anvil).wallet(3), { community, proposalId, option: 0 });
    expect(await tallyOf(proposalId)).toEqual(["9", "4"]);
    expect(await revisions.next()).toEqual({
      data: { tallyRevisions: { revision: { tallies: ["9", "4"] } } },
    });
    revisions.close();

    const head = await clientsFor(anvil).publicClient.getBlockNumber({ cacheTime: 0 });
    const replicaMetrics = await (await fetch(`${url}/metrics`)).text();
    expect(metric(replicaMetrics, "plenum_indexer_indexed_block")).toBe(Number(head));
    expect(metric(replicaMetrics, "plenum_indexer_ready")).toBe(1);
    // A replica follows no chain: its sync counters stay at zero.
    expect(metric(replicaMetrics, "plenum_indexer_rpc_requests_total")).toBe(0);
    const writerMetrics = await (await fetch(`${writerUrl}/metrics`)).text();
    expect(metric(writerMetrics, "plenum_indexer_revisions_total")).toBe(3);

    expect(await replica.kill("SIGTERM")).toBe(0);
    expect(await writer.kill("SIGTERM")).toBe(0);
    // The lock went with the writer: a new one starts and resumes.
    const next = run("ingest");
    const resumed = await next.waitFor("indexing starting");
    expect(Number(resumed.resumeAfter)).toBe(Number(head));
    await next.waitFor("ready");
    expect(await next.kill("SIGTERM")).toBe(0);
  });
});
