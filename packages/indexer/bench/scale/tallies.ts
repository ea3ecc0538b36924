// Tally revision cost on the cached scale chain, in process, for one single-choice, one quadratic and
// the anonymous proposal at every block where its ballots change: `computeTally` from scratch
// (what every revision cost first), `computeTally` with the proposal's caches (snapshot state,
// identity group), and `followTally` (what the indexer runs: incremental for public proposals).
// All three must give the same revisions. Run:
// pnpm --filter @plenum/indexer exec tsx bench/scale/tallies.ts [--members 2000 --events 100000]
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createPublicClient, http } from "viem";
import { indexLogs } from "../../src/indexing/indexer.ts";
import { createIndexState, proposalLogs } from "../../src/indexing/state.ts";
import { computeTally, followTally } from "../../src/indexing/tallies.ts";
import { emptyRows } from "../../src/store/rows.ts";
import { chainLogs } from "../../test/indexing/chain.ts";
import { startBenchAnvil } from "./anvil.ts";
import { chainFiles } from "./dataset.ts";
import type { ChainInfo } from "./generate.ts";

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "2000" },
    events: { type: "string", default: "100000" },
    proposals: { type: "string", default: "40" },
    "txs-per-block": { type: "string", default: "100" },
    port: { type: "string", default: "19105" },
  },
});
const size = {
  members: Number(values.members),
  events: Number(values.events),
  proposals: Number(values.proposals),
  txsPerBlock: Number(values["txs-per-block"]),
};
const files = chainFiles(size);
const info = JSON.parse(await readFile(files.info, "utf8")) as ChainInfo;
const anvil = await startBenchAnvil({ port: Number(values.port), loadState: files.state });
// The whole chain in one eth_getLogs (~100,000 logs) takes longer than viem's default 10 s.
const client = createPublicClient({ transport: http(anvil.rpcUrl, { timeout: 600_000 }) });
const logs = await chainLogs(client, {
  factory: info.factory,
  fromBlock: BigInt(info.deployBlock),
  toBlock: BigInt(info.endBlock),
});
await anvil.stop();
const state = createIndexState(31337);
indexLogs(state, logs, emptyRows());
const community = [...state.communities.values()][0];
if (!community) throw new Error("no community");
console.log(`${logs.length} logs, ${community.proposals.size} proposals\n`);
console.log(
  "| proposal | revisions | no cache (ms each) | cached (ms each) | followTally (ms each) | speed-up over cached |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const mode of ["single", "quadratic", "anonymous"] as const) {
  const entry = [...community.proposals].find(([, p]) => p.mode === mode);
  if (!entry) continue;
  const [proposalId, proposal] = entry;
  const input = proposalLogs(community, proposal);
  const blocks = [...new Set(proposal.own.map((l) => l.blockNumber))];
  const run = (cached: boolean) => {
    const cache = {};
    const started = performance.now();
    const results = blocks.map((block) =>
      computeTally(input, proposalId, mode, block, cached ? cache : {}),
    );
    return { ms: (performance.now() - started) / blocks.length, results };
  };
  const follow = () => {
    // A fresh proposal state: its first revision starts the follower, as after a restart.
    const fresh = { ...proposal, live: undefined, snapshotState: undefined, group: undefined };
    const started = performance.now();
    const results = blocks.map((block) => followTally(community, fresh, proposalId, block));
    return { ms: (performance.now() - started) / blocks.length, results };
  };
  const before = run(false);
  const after = run(true);
  const followed = follow();
  const text = (results: unknown) =>
    JSON.stringify(results, (_, v) => (typeof v === "bigint" ? String(v) : v));
  if (text(before.results) !== text(after.results)) {
    throw new Error(`${mode}: cached revisions differ`);
  }
  if (text(before.results) !== text(followed.results)) {
    throw new Error(`${mode}: followTally's revisions differ`);
  }
  console.log(
    `| ${mode} (${input.length} logs) | ${blocks.length} | ${before.ms.toFixed(2)} | ${after.ms.toFixed(2)} | ${followed.ms.toFixed(3)} | ${(after.ms / followed.ms).toFixed(1)}× |`,
  );
}
