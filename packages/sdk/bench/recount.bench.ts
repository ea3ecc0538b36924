/**
 * Benchmarks the independent recount on anvil: a seeded 2,000-member community with a delegation
 * forest (chains of at most 8 edges) in two topics, a single-choice and a quadratic proposal with a
 * few hundred ballots (some changed or retracted). Times fetchCommunityLogs, buildProposalState and
 * tally separately, checks verifyProposal's verdict, and writes `bench/recount-report.md`.
 *
 * Run with `pnpm bench:recount` (tsx). Members are impersonated addresses (anvil_autoImpersonateAccount),
 * so no keys are derived.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Parameters,
  getAddress,
  type Hash,
  http,
  type PublicRpcSchema,
  parseEther,
} from "viem";
import { maxChainLength, tally } from "../src/engine/index.ts";
import { buildProposalState, fetchCommunityLogs, verifyProposal } from "../src/recount/index.ts";
import {
  clientsFor,
  createTestCommunity,
  deployTestCore,
  liquidGovernorAbi,
  startAnvil,
} from "../test/support/anvil.ts";

const MEMBERS = 2_000;
const MAX_DEPTH = 8;
const SINGLE_VOTERS = 300;
const QUADRATIC_VOTERS = 200;
const CHANGES = 60;
const RETRACTIONS = 30;
const RUNS = 15;
const FETCH_RUNS = 3;
const SEED = 20_251_121;
const WAVE = 40;

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  return { next, int, shuffle };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const ms = (value: number) => value.toFixed(1);
const time = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
};

async function main() {
  const random = prng(SEED);
  const anvil = await startAnvil({ accounts: 2 });
  const lines: string[] = [];
  try {
    const { publicClient, testClient } = clientsFor(anvil);
    const transport = http(anvil.rpcUrl);
    const sender = createWalletClient({ chain: anvil.chain, transport });
    const setupStart = performance.now();
    const core = await deployTestCore(anvil);
    const deployBlock = (await publicClient.getBlockNumber()) + 1n;
    const { community } = await createTestCommunity(anvil, core, {
      topics: ["General", "Budget"],
      maxDepth: MAX_DEPTH,
    });

    const members: Address[] = Array.from({ length: MEMBERS }, (_, i) =>
      getAddress(`0x${(0x5eed_0000 + i).toString(16).padStart(40, "0")}`),
    );
    const weights = new Map(members.map((m) => [m, random.int(1, 100)]));
    await testClient.request({ method: "anvil_autoImpersonateAccount", params: [true] } as never);
    for (let i = 0; i < members.length; i += 200) {
      await Promise.all(
        members
          .slice(i, i + 200)
          .map((m) => testClient.setBalance({ address: m, value: parseEther("10") })),
      );
    }

    const receipt = async (hash: Hash) => {
      for (;;) {
        try {
          const r = await publicClient.getTransactionReceipt({ hash });
          if (r.status !== "success") throw new Error(`transaction ${hash} reverted`);
          return r;
        } catch (error) {
          if (error instanceof Error && error.message.includes("reverted")) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    };
    const send = (from: Address, functionName: string, args: readonly unknown[]) =>
      sender.writeContract({
        account: from,
        chain: anvil.chain,
        address: community,
        abi: liquidGovernorAbi,
        functionName,
        args,
        gas: 5_000_000n,
      } as never);
    const inWaves = async <T>(items: readonly T[], run: (item: T) => Promise<Hash>) => {
      for (let i = 0; i < items.length; i += WAVE) {
        const hashes = await Promise.all(items.slice(i, i + WAVE).map(run));
        // One at a time: polling all of them at once would slow anvil's mining down.
        for (const hash of hashes) await receipt(hash);
      }
    };

    const registrar = clientsFor(anvil).wallet(0).account.address;
    for (let i = 0; i < members.length; i += 100) {
      const batch = members.slice(i, i + 100);
      await receipt(
        await send(registrar, "addMembers", [batch, batch.map((m) => BigInt(weights.get(m) ?? 1))]),
      );
    }

    // Forests by levels: a member at level L > 0 delegates to a member at level L - 1.
    let edges = 0;
    for (const [topic, share] of [
      [0, 0.85],
      [1, 0.35],
    ] as const) {
      const byLevel: Address[][] = Array.from({ length: MAX_DEPTH + 1 }, () => []);
      random.shuffle(members).forEach((m, i) => {
        byLevel[i % (MAX_DEPTH + 1)]?.push(m);
      });
      const pairs: [Address, Address][] = [];
      for (let l = 1; l <= MAX_DEPTH; l++) {
        for (const m of byLevel[l] ?? []) {
          if (random.next() >= share) continue;
          const parents = byLevel[l - 1] ?? [];
          pairs.push([m, parents[random.int(0, parents.length - 1)] as Address]);
        }
      }
      edges += pairs.length;
      await inWaves(pairs, ([from, to]) => send(from, "delegate", [[topic], to]));
    }

    await testClient.increaseTime({ seconds: 60 });
    const proposer = members[0] as Address;
    const propose = async (topic: number, mode: number, optionCount: number) => {
      const r = await receipt(
        await send(proposer, "propose", [
          {
            topic,
            mode,
            optionCount,
            votingPeriod: 86_400,
            metadataHash: `0x${"00".repeat(32)}`,
            metadataURI: `bench ${mode}`,
          },
        ]),
      );
      return { blockNumber: r.blockNumber };
    };
    await propose(0, 0, 4);
    await propose(1, 1, 3);
    const [singleId, quadraticId] = [1n, 2n];

    const singleVoters = random.shuffle(members).slice(0, SINGLE_VOTERS);
    await inWaves(singleVoters, (v) => send(v, "castVote", [singleId, random.int(0, 3)]));
    const quadraticVoters = random.shuffle(members).slice(0, QUADRATIC_VOTERS);
    const vector = (v: Address) => {
      let left = weights.get(v) ?? 1;
      return [0, 1, 2].map(() => {
        const x = random.int(0, Math.floor(Math.sqrt(left)));
        left -= x * x;
        return x;
      });
    };
    await inWaves(quadraticVoters, (v) => send(v, "castQuadraticVote", [quadraticId, vector(v)]));
    await inWaves(singleVoters.slice(0, CHANGES), (v) => send(v, "castVote", [singleId, 255]));
    await inWaves(singleVoters.slice(CHANGES, CHANGES + RETRACTIONS), (v) =>
      send(v, "retractVote", [singleId]),
    );
    await inWaves(quadraticVoters.slice(0, RETRACTIONS), (v) =>
      send(v, "retractVote", [quadraticId]),
    );
    const setupMs = performance.now() - setupStart;
    const toBlock = await publicClient.getBlockNumber();

    // 1. Fetching: with the node's blockTimestamp on logs (anvil, recent geth/reth), and without it
    // (the timestamps of all blocks with logs are then fetched, 8 at a time).
    // Each variant: one warm-up, then the median of FETCH_RUNS.
    const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
      let [result] = await time(run);
      const times: number[] = [];
      for (let i = 0; i < FETCH_RUNS; i++) {
        const [r, t] = await time(run);
        result = r;
        times.push(t);
      }
      return [result, median(times)];
    };
    const [fetched, fetchMs] = await timed(() =>
      fetchCommunityLogs(publicClient, { community, fromBlock: deployBlock, toBlock }),
    );
    const [, fetchSmallMs] = await timed(() =>
      fetchCommunityLogs(publicClient, {
        community,
        fromBlock: deployBlock,
        toBlock,
        chunkSize: 500,
      }),
    );
    const upstream = transport({ chain: anvil.chain });
    const stripped = createPublicClient({
      chain: anvil.chain,
      transport: custom({
        async request({ method, params }: EIP1193Parameters<PublicRpcSchema>) {
          const result = await upstream.request({ method, params } as never);
          if (method !== "eth_getLogs") return result;
          return (result as Record<string, unknown>[]).map(({ blockTimestamp: _, ...log }) => log);
        },
      }),
    });
    const [withoutTimestamps, fetchNoTsMs] = await timed(() =>
      fetchCommunityLogs(stripped, { community, fromBlock: deployBlock, toBlock }),
    );

    // 2 and 3. Rebuilding and counting, median of RUNS after one warm-up.
    const rows: string[] = [];
    for (const [label, id] of [
      ["single", singleId],
      ["quadratic", quadraticId],
    ] as const) {
      buildProposalState(fetched.logs, id);
      const buildTimes: number[] = [];
      const tallyTimes: number[] = [];
      let state = buildProposalState(fetched.logs, id);
      for (let i = 0; i < RUNS; i++) {
        const [s, buildMs] = await time(() => buildProposalState(fetched.logs, id));
        state = s;
        buildTimes.push(buildMs);
        const [, tallyMs] = await time(() => tally(s.input));
        tallyTimes.push(tallyMs);
      }
      const [verified, verifyMs] = await time(() =>
        verifyProposal(publicClient, {
          community,
          fromBlock: deployBlock,
          proposalId: id,
          blockNumber: toBlock,
        }),
      );
      rows.push(
        `| ${label} | ${state.membersCount.toLocaleString("en")} | ${state.delegationsCount.toLocaleString("en")} | ${maxChainLength(state.input.delegations)} | ${state.ballotsCount} | ${state.ballotEvents} | ${ms(median(buildTimes))} | ${ms(median(tallyTimes))} | ${ms(verifyMs)} | ${verified.verdict} |`,
      );
      if (verified.verdict !== "match") throw new Error(verified.differences.join("\n"));
    }

    const blocks = Number(toBlock - deployBlock + 1n);
    lines.push(
      "# Recount benchmark",
      "",
      `Generated by \`pnpm bench:recount\` (\`bench/recount.bench.ts\`) on a local anvil: ${MEMBERS.toLocaleString("en")} members (weights 1–100), ${edges.toLocaleString("en")} delegations in two topics (seeded forest, chains of at most ${MAX_DEPTH} edges), a single-choice poll with ${SINGLE_VOTERS} voters (${CHANGES} changed to abstain, ${RETRACTIONS} retracted) and a quadratic poll with ${QUADRATIC_VOTERS} voters (${RETRACTIONS} retracted). Seed ${SEED}; setup took ${(setupMs / 1000).toFixed(1)} s.`,
      "",
      `## Fetching the logs (median of ${FETCH_RUNS} runs after a warm-up)`,
      "",
      `${fetched.logs.length.toLocaleString("en")} logs in ${new Set(fetched.logs.map((log) => log.blockNumber)).size.toLocaleString("en")} blocks (of ${blocks.toLocaleString("en")} scanned; transactions were sent ${WAVE} at a time with automine, so most blocks hold one).`,
      "",
      "| variant | requests | ms |",
      "| --- | ---: | ---: |",
      `| chunks of 5,000 blocks, node includes \`blockTimestamp\` | ${fetched.stats.requests} | ${ms(fetchMs)} |`,
      `| chunks of 500 blocks, node includes \`blockTimestamp\` | ${Math.ceil(blocks / 500)} | ${ms(fetchSmallMs)} |`,
      `| chunks of 5,000 blocks, node omits \`blockTimestamp\` (${withoutTimestamps.stats.timestampsFetched.toLocaleString("en")} blocks fetched, 8 at a time) | ${withoutTimestamps.stats.requests.toLocaleString("en")} | ${ms(fetchNoTsMs)} |`,
      "",
      `## Rebuilding and counting (median of ${RUNS} runs)`,
      "",
      "| proposal | members | topic edges | longest chain | ballots | ballot events | buildProposalState ms | tally ms | verifyProposal ms (fetch + build + tally + eth_call) | verdict |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
      ...rows,
      "",
      `Machine: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "cpu"}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(
          " / ",
        )} at the end of the run. On a remote RPC, fetching dominates: it is bounded by round trips (one per chunk, plus one per block with logs when the node omits \`blockTimestamp\`).`,
      "",
    );
  } finally {
    await anvil.stop();
  }
  const report = lines.join("\n");
  const path = join(dirname(fileURLToPath(import.meta.url)), "recount-report.md");
  writeFileSync(path, report);
  process.stdout.write(report);
}

await main();
