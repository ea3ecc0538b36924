// The scale bench's measurements against a running `plenum-indexer start` child process: backfill
// (events/s, peak RSS), head latency (vote sent → tally revision received over SSE) and query load
// (concurrent clients on the proposal-with-tally query).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { liquidGovernorAbi } from "@plenum/sdk";
import { createPublicClient, encodeFunctionData, type Hex, webSocket } from "viem";
import { type IndexerProcess, query, runIndexer } from "../../test/cli/process.ts";
import { type SseSubscription, subscribe } from "../../test/graphql/sse.ts";
import { rpc } from "./anvil.ts";
import type { ChainInfo } from "./generate.ts";

/** p-th percentile (nearest rank) of ascending `sorted`. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((sorted.length * p) / 100) - 1))] ?? NaN;

/** Resident set size and its peak (VmRSS, VmHWM) of `pid`, in MiB. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

export interface BackfillResult {
  seconds: number;
  events: number;
  eventsPerSecond: number;
  peakRssMiB: number;
  /** The indexer's own figures at `ready`: revisions, ms computing them and committing, CPU ms. */
  revisions: number;
  tallyMs: number;
  commitMs: number;
  cpuMs: number;
  indexer: IndexerProcess;
  url: string;
}

/**
 * Starts the indexer on `args` and waits for its `ready` line (the backfill's end). With `profile`,
 * a CPU profile of the indexer from its start to `ready` is written there (scale/profile.cjs).
 */
export async function backfill(
  args: string[],
  port: number,
  profile?: string,
): Promise<BackfillResult> {
  const preload = join(import.meta.dirname, "profile.cjs");
  const indexer = runIndexer(
    ["start", ...args, "--port", String(port), "--no-metadata", "--log-level", "info"],
    profile ? { NODE_OPTIONS: `--require ${preload}`, PLENUM_PROFILE: profile } : {},
  );
  const pid = indexer.child.pid as number;
  let sampled = 0;
  const sampler = setInterval(() => {
    try {
      sampled = Math.max(sampled, memoryOf(pid).rss);
    } catch {
      // exited
    }
  }, 100);
  try {
    await indexer.waitFor("indexing starting", 120_000);
    const started = performance.now();
    const ready = await indexer.waitFor("ready", 3_600_000);
    const seconds = (performance.now() - started) / 1000;
    const { peak } = memoryOf(pid);
    const events = Number(ready.events);
    if (profile) {
      process.kill(pid, "SIGUSR2");
      for (let waited = 0; waited < 60_000 && !existsSync(profile); waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return {
      seconds,
      events,
      eventsPerSecond: events / seconds,
      peakRssMiB: Math.max(peak, sampled),
      revisions: Number(ready.revisions),
      tallyMs: Number(ready.tallyMs),
      commitMs: Number(ready.commitMs),
      cpuMs: Number(ready.cpuMs),
      indexer,
      url: await indexer.url(),
    };
  } finally {
    clearInterval(sampler);
  }
}

export interface LatencyResult {
  votes: number;
  /** Block announced by the node (`newHeads`) → tally revision received: the indexer's latency. */
  p50: number;
  p99: number;
  max: number;
  /** `eth_sendTransaction` returned → tally revision received: adds the node's own mining time. */
  sentP50: number;
  sentP99: number;
  missed: number;
  /** Votes the contract reverted (no revision to wait for); the bench fails if any. */
  reverted: number;
}

/**
 * Sends `votes` ballots one by one (anvil automines each), alternating a single-choice and a
 * quadratic proposal, and times each from its block's `newHeads` notification (the moment any client
 * can know the vote was mined; the bench listens on its own WebSocket, as the indexer does) to the
 * proposal's tally revision of that block arriving on its SSE subscription. The time from the send
 * returning is reported too: on a 100,000-event state anvil announces a block 200–450 ms after
 * `eth_sendTransaction` returns (it seals the block after answering), which is the node's time, not
 * the indexer's.
 */
export async function headLatency(
  url: string,
  rpcUrl: string,
  info: ChainInfo,
  votes: number,
): Promise<LatencyResult> {
  const single = info.proposals.find((p) => p.mode === "single");
  const quadratic = info.proposals.find((p) => p.mode === "quadratic");
  if (!single || !quadratic) throw new Error("the chain has no single and quadratic proposal");
  const idOf = (p: { id: string }) => `eip155:31337:${info.community.toLowerCase()}-${p.id}`;
  const text = (p: { id: string }) =>
    `subscription { tallyRevisions(proposal: "${idOf(p)}") { proposal revision { blockNumber tallies } } }`;
  const subs = [
    await subscribe(`${url}/graphql`, text(single)),
    await subscribe(`${url}/graphql`, text(quadratic)),
  ];
  const latencies: number[] = [];
  const fromSend: number[] = [];
  let missed = 0;
  let reverted = 0;
  const pending: (ReturnType<SseSubscription["next"]> | undefined)[] = [undefined, undefined];
  // When each block was announced, by number.
  const announced = new Map<bigint, number>();
  const wsUrl = rpcUrl.replace(/^http/, "ws");
  const heads = createPublicClient({ transport: webSocket(wsUrl) });
  const unwatch = heads.watchBlockNumber({
    onBlockNumber: (number) => {
      if (!announced.has(number)) announced.set(number, performance.now());
    },
    emitOnBegin: false,
  });
  const announcedAt = async (number: bigint) => {
    for (let waited = 0; waited < 2_000 && !announced.has(number); waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return announced.get(number);
  };
  try {
    // The subscription starts asynchronously: mine empty blocks until one is announced.
    for (let tries = 0; announced.size === 0; tries++) {
      if (tries === 50) throw new Error(`no newHeads from ${wsUrl}`);
      await rpc(rpcUrl, "evm_mine", []);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (let i = 0; i < votes; i++) {
      const voter = (i % info.members.length) + 1;
      const from = info.members[voter - 1] as Hex;
      const isSingle = i % 2 === 0;
      const data = isSingle
        ? encodeFunctionData({
            abi: liquidGovernorAbi,
            functionName: "castVote",
            args: [BigInt(single.id), i % 4],
          })
        : encodeFunctionData({
            abi: liquidGovernorAbi,
            functionName: "castQuadraticVote",
            // One credit: within every member's budget (weights start at 1).
            args: [BigInt(quadratic.id), i % 4 === 1 ? [1, 0, 0] : [0, 1, 0]],
          });
      const sub = subs[isSingle ? 0 : 1];
      if (!sub) throw new Error("no subscription");
      const hash = await rpc<Hex>(rpcUrl, "eth_sendTransaction", [
        { from, to: info.community, data, gas: "0x2dc6c0" },
      ]);
      const sent = performance.now();
      // A reverted vote mines a block without a revision: count it, do not wait for one.
      let receipt: { status: Hex; blockNumber: Hex } | null = null;
      while (!receipt) {
        receipt = await rpc<{ status: Hex; blockNumber: Hex } | null>(
          rpcUrl,
          "eth_getTransactionReceipt",
          [hash],
        );
        if (!receipt) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (receipt.status !== "0x1") {
        reverted++;
        continue;
      }
      const block = BigInt(receipt.blockNumber);
      // Read this subscription's events up to the one of the vote's block. A wait that timed out
      // stays pending for the next vote (a fresh `next()` would leave the timed-out one to swallow
      // the next event, and every later vote on this subscription would time out in turn).
      let revision: { received: number; block: bigint } | undefined;
      while (!revision) {
        const slot = isSingle ? 0 : 1;
        const waiting = pending[slot] ?? sub.next();
        pending[slot] = waiting;
        const next = await Promise.race([
          waiting,
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000)),
        ]);
        if (!next) break;
        pending[isSingle ? 0 : 1] = undefined;
        if (next.errors) throw new Error(`subscription error: ${JSON.stringify(next.errors)}`);
        const at = BigInt(
          (next.data as { tallyRevisions: { revision: { blockNumber: string } } }).tallyRevisions
            .revision.blockNumber,
        );
        if (at >= block) revision = { received: performance.now(), block: at };
      }
      if (!revision || revision.block !== block) {
        missed++;
        continue;
      }
      fromSend.push(revision.received - sent);
      const mined = await announcedAt(block);
      if (mined === undefined) {
        missed++;
        continue;
      }
      latencies.push(revision.received - mined);
    }
  } finally {
    for (const sub of subs) sub.close();
    unwatch();
    await heads.transport.getRpcClient?.().then((client: { close(): void }) => client.close());
  }
  latencies.sort((a, b) => a - b);
  fromSend.sort((a, b) => a - b);
  return {
    votes: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    sentP50: percentile(fromSend, 50),
    sentP99: percentile(fromSend, 99),
    missed,
    reverted,
  };
}

export interface LoadResult {
  clients: number;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  perSecond: number;
  errors: number;
}

/** `clients` concurrent clients send the proposal-with-tally query for `seconds` seconds. */
export async function queryLoad(
  url: string,
  info: ChainInfo,
  clients: number,
  seconds: number,
): Promise<LoadResult> {
  const ids = info.proposals.map((p) => `eip155:31337:${info.community.toLowerCase()}-${p.id}`);
  const check = await query(url, `{ proposal(id: "${ids[0]}") { mode tally { tallies } } }`);
  if (check.errors || !check.data?.proposal) {
    throw new Error(`the proposal query failed: ${JSON.stringify(check)}`);
  }
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const id = ids[n++ % ids.length];
        const t = performance.now();
        try {
          const response = await fetch(`${url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              query: `{ proposal(id: "${id}") { mode optionCount tally { tallies abstain participation totalMass quorumMet leader passing ballots blockNumber } } }`,
            }),
          });
          const body = (await response.json()) as { errors?: unknown[] };
          if (response.status !== 200 || body.errors) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length,
    seconds: elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: latencies.length / elapsed,
    errors,
  };
}
