// GraphQL query latency and throughput on a generated community (2,000 members, 1,000 delegations,
// 50 proposals with 200 ballot events each and a tally revision per ballot block: ~30,000 rows),
// committed through the store, on PGlite in memory and on PostgreSQL. 100 concurrent clients send
// requests through the yoga fetch handler (in process: no HTTP, no network). Generation is not measured.
// Run: pnpm --filter @plenum/indexer exec tsx bench/graphql.bench.ts
import { createGraphQL } from "../src/graphql/index.ts";
import { emptyRows, type StepRows } from "../src/store/rows.ts";
import { createStore, type Store } from "../src/store/store.ts";
import { account, block, C, member } from "../test/graphql/world.ts";
import { freshStore } from "../test/store/backends.ts";

const MEMBERS = 2000;
const PROPOSALS = 50;
const BALLOTS = 200;
const CLIENTS = 100;
const REQUESTS = 3000;

function rowsFor(_n: bigint): StepRows {
  return emptyRows();
}

async function fill(store: Store) {
  let logIndex = 0;
  const at = (n: bigint) => ({
    blockNumber: n,
    blockTimestamp: block(n).timestamp,
    logIndex: logIndex++,
    transactionHash: block(n).hash,
  });
  const commit = async (n: bigint, rows: StepRows) => {
    const b = block(n);
    await store.commitStep({ toBlock: b, blocks: [b], finalized: n - 5n, head: n }, rows);
  };
  const first = rowsFor(1n);
  first.communities.push({
    id: C,
    chainId: 31337,
    address: C.split(":")[2] as string,
    timelock: account(0xc1),
    creator: account(1),
    implementation: account(0xc2).split(":")[2] as string,
    registrar: account(1),
    bootstrapAdmin: account(1),
    ...at(1n),
  });
  for (let i = 1; i <= MEMBERS; i++) {
    first.memberEvents.push({
      id: `${C}-1-m${i}`,
      community: C,
      member: member(i),
      account: account(i),
      kind: "added",
      weight: BigInt((i % 100) + 1),
      previousWeight: 0n,
      ...at(1n),
    });
    if (i > 1000) {
      first.delegationEvents.push({
        id: `${C}-1-d${i}`,
        community: C,
        topic: 0,
        delegator: account(i),
        delegate: account(i - 1000),
        previousDelegate: null,
        ...at(1n),
      });
    }
  }
  for (let p = 1; p <= PROPOSALS; p++) {
    first.proposals.push({
      id: `${C}-${p}`,
      community: C,
      proposalId: BigInt(p),
      proposer: account(1),
      topic: 0,
      mode: "single",
      optionCount: 3,
      snapshot: 0n,
      voteEnd: 2_000_000_000n,
      metadataHash: `0x${"dd".repeat(32)}`,
      metadataUri: "",
      executable: false,
      actions: null,
      groupRoot: null,
      groupIdentities: null,
      ...at(1n),
    });
  }
  await commit(1n, first);
  // Block 1 + b: every proposal gets ballot b (voter b) and a revision.
  for (let b = 1; b <= BALLOTS; b++) {
    const n = BigInt(1 + b);
    const rows = emptyRows();
    for (let p = 1; p <= PROPOSALS; p++) {
      const proposal = `${C}-${p}`;
      rows.ballotEvents.push({
        id: `${C}-${n}-${p}`,
        proposal,
        community: C,
        ballotKey: account(b),
        voter: account(b),
        nullifier: null,
        kind: "cast",
        option: b % 3,
        abstain: false,
        votes: null,
        ...at(n),
      });
      rows.tallyRevisions.push({
        id: `${proposal}-${n}`,
        proposal,
        community: C,
        blockNumber: n,
        blockHash: block(n).hash,
        blockTimestamp: block(n).timestamp,
        tallies: [BigInt(b), BigInt(b), BigInt(b)],
        abstain: 0n,
        participation: BigInt(3 * b),
        totalMass: 101_000n,
        idleMass: 0n,
        quorum: 20_200n,
        quorumBps: 2000,
        quorumMet: false,
        leader: null,
        tie: true,
        passing: false,
        ballots: b,
        groupMismatch: false,
      });
    }
    await commit(n, rows);
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;

async function measure(
  name: string,
  yoga: ReturnType<typeof createGraphQL>,
  query: (i: number) => string,
) {
  const fetch = yoga.fetch as (url: string, init: RequestInit) => Promise<Response>;
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t = performance.now();
        const response = await fetch("http://bench/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: query(i) }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        if (body.errors) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${(REQUESTS / seconds).toFixed(0)} | ${errors} |`,
  );
}

console.log(`${CLIENTS} concurrent clients, ${REQUESTS} requests per row.\n`);
console.log("| backend: query | p50 ms | p99 ms | requests/s | errors |");
console.log("| --- | --- | --- | --- | --- |");
for (const backend of ["pglite", "postgres"] as const) {
  const store = backend === "pglite" ? await createStore({}) : await freshStore("postgres");
  await fill(store);
  const yoga = createGraphQL({ store, production: true });
  await measure(
    `${backend}: proposal with tally`,
    yoga,
    (i) =>
      `{ proposal(id: "${C}-${(i % PROPOSALS) + 1}") { mode tally { tallies participation quorumMet leader blockNumber } } }`,
  );
  await measure(
    `${backend}: 10 proposals, tally, 20 ballots with members`,
    yoga,
    (i) =>
      `{ proposals(first: 10, skip: ${i % 40}) { id tally { tallies } ballots(first: 20, orderBy: blockNumber, orderDirection: desc) { voter option member { weight } } } }`,
  );
  await measure(
    `${backend}: members by weight with delegations`,
    yoga,
    (i) =>
      `{ members(first: 50, orderBy: weight, orderDirection: desc, where: { weight_gte: "${(i % 90) + 1}" }) { account weight delegations { delegate } } }`,
  );
  await store.close();
}
