/**
 * Benchmarks anonymous-ballot proofs in Node: Semaphore v4 proof generation at the depths the contract
 * accepts (1–4, 8, 16, 20, 32, where `@zk-kit/semaphore-artifacts` has them) and off-chain verification,
 * and writes `bench/proof-report.md`.
 *
 * Each depth proves a full-depth Merkle path (the worst case for a group of that depth: one sibling per
 * level), built from random siblings so no group of 2^depth members has to be hashed. Timings:
 * - "warm, preloaded": wasm and zkey already in memory (`loadSemaphoreArtifacts`): proving alone;
 * - "warm, from disk": artifact paths, as `createAnonymousBallot` uses by default: proving + reading them;
 * - "cold": the first proof of the process (builds the bn128 curve and its worker threads), from disk.
 *
 * Run with `pnpm bench:proof` (tsx); `pnpm bench:proof 4 20` measures only those depths and prints the
 * report instead of writing it.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Group } from "@semaphore-protocol/group";
import { generateProof } from "@semaphore-protocol/proof";
import {
  type AnonymousProof,
  anonymousScope,
  createIdentity,
  fromSemaphoreProof,
  loadSemaphoreArtifacts,
  resolveSemaphoreArtifacts,
  SemaphoreArtifactsNotFoundError,
  terminateProver,
  verifyAnonymousBallot,
} from "../src/anonymous/index.ts";

const requested = process.argv.slice(2).map(Number).filter(Number.isInteger);
const DEPTHS = requested.length > 0 ? requested : [1, 2, 3, 4, 8, 16, 20, 32];
const RUNS: Record<number, number> = { 16: 7, 20: 9, 32: 5 };
const DEFAULT_RUNS = 7;
const VERIFY_RUNS = 15;
const TARGET_DEPTH = 20;
const TARGET_MS = 1_000;
const SNARK_SCALAR_FIELD =
  21888242871839275222246405745257275088548364400416034343698204186575808495617n;

const here = dirname(fileURLToPath(import.meta.url));
const identity = createIdentity();
const scope = anonymousScope({
  chainId: 31337,
  community: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  proposalId: 1n,
});

/** Poseidon(a, b) as the LeanIMT hashes it: the root of a two-leaf Semaphore group. */
const hash = (a: bigint, b: bigint) => new Group([a, b]).root;

function randomField(): bigint {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return (value % (SNARK_SCALAR_FIELD - 1n)) + 1n;
}

/** A Merkle proof of `identity` at leaf 0 of a full tree of `depth` levels with random siblings. */
function fullDepthProof(depth: number) {
  const siblings = Array.from({ length: depth }, randomField);
  let root = identity.commitment;
  for (const sibling of siblings) root = hash(root, sibling);
  return { root, leaf: identity.commitment, index: 0, siblings };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const ms = (value: number) => value.toFixed(0);

async function prove(
  depth: number,
  artifacts: { wasm: string | Uint8Array; zkey: string | Uint8Array },
) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const proof = await generateProof(
    identity,
    fullDepthProof(depth),
    1,
    scope,
    depth,
    artifacts as { wasm: string; zkey: string },
  );
  const used = process.cpuUsage(cpu);
  return {
    wall: performance.now() - started,
    cpu: (used.user + used.system) / 1000,
    proof: fromSemaphoreProof(proof),
  };
}

interface Row {
  depth: number;
  runs: number;
  zkeyMb: number;
  loadMs: number;
  preloadedMedian: number;
  preloadedMin: number;
  preloadedCpu: number;
  diskMedian: number;
  verifyMedian: number;
  verified: boolean;
}

async function main() {
  const load = os.loadavg();
  const available: number[] = [];
  for (const depth of DEPTHS) {
    try {
      await resolveSemaphoreArtifacts(depth);
      available.push(depth);
    } catch (error) {
      if (!(error instanceof SemaphoreArtifactsNotFoundError)) throw error;
      console.error(`depth ${depth}: ${error.shortMessage}`);
    }
  }
  if (available.length === 0) throw new Error("no Semaphore artifacts installed");

  // The very first proof of the process pays for the bn128 curve (wasm build, worker threads).
  const first = available.includes(TARGET_DEPTH) ? TARGET_DEPTH : (available[0] as number);
  const cold = await prove(first, await resolveSemaphoreArtifacts(first));
  console.error(`cold: depth ${first} ${ms(cold.wall)} ms`);

  const rows: Row[] = [];
  for (const depth of available) {
    const runs = RUNS[depth] ?? DEFAULT_RUNS;
    const paths = await resolveSemaphoreArtifacts(depth);
    const loadStarted = performance.now();
    const bytes = await loadSemaphoreArtifacts(depth);
    const loadMs = performance.now() - loadStarted;
    await prove(depth, bytes); // warm-up at this depth
    const preloaded: { wall: number; cpu: number }[] = [];
    const disk: number[] = [];
    let last: AnonymousProof | undefined;
    for (let i = 0; i < runs; i++) {
      const run = await prove(depth, bytes);
      preloaded.push(run);
      last = run.proof;
      disk.push((await prove(depth, paths)).wall);
    }
    const verifies: number[] = [];
    let verified = true;
    for (let i = 0; i < VERIFY_RUNS; i++) {
      const started = performance.now();
      verified &&= await verifyAnonymousBallot(last as AnonymousProof);
      verifies.push(performance.now() - started);
    }
    const row: Row = {
      depth,
      runs,
      zkeyMb: bytes.zkey.byteLength / 1e6,
      loadMs,
      preloadedMedian: median(preloaded.map((r) => r.wall)),
      preloadedMin: Math.min(...preloaded.map((r) => r.wall)),
      preloadedCpu: median(preloaded.map((r) => r.cpu)),
      diskMedian: median(disk),
      verifyMedian: median(verifies),
      verified,
    };
    rows.push(row);
    console.error(
      `depth ${depth}: preloaded ${ms(row.preloadedMedian)} ms, from disk ${ms(row.diskMedian)} ms, verify ${row.verifyMedian.toFixed(1)} ms`,
    );
  }
  await terminateProver();

  const loadAfter = os.loadavg();
  const target = rows.find((row) => row.depth === TARGET_DEPTH);
  const cpus = os.cpus();
  const lines = [
    "# Anonymous ballot proof benchmark",
    "",
    "Generated by `pnpm bench:proof` (`bench/proof.bench.ts`): Semaphore v4 proofs (`@semaphore-protocol/proof` 4.14.2, circuits from `@zk-kit/semaphore-artifacts` 4.13.0) of a full-depth Merkle path at each depth, so every level has a sibling, as in the largest group of that depth. One warm-up proof per depth, then the median of the runs given. Off-chain verification uses the verification keys bundled with `@semaphore-protocol/proof` (no circuit files), median of 15.",
    "",
    "- **preloaded**: wasm and zkey already in memory (`loadSemaphoreArtifacts`), so proving alone.",
    "- **from disk**: the files' paths, as `createAnonymousBallot` passes them by default: snarkjs reads both on every proof.",
    "- **load**: reading both files once.",
    "",
    "| depth | zkey MB | load ms | runs | preloaded median ms | preloaded min ms | preloaded CPU median ms | from disk median ms | verify median ms | verified |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows.map(
      (row) =>
        `| ${row.depth} | ${row.zkeyMb.toFixed(1)} | ${ms(row.loadMs)} | ${row.runs} | ${ms(row.preloadedMedian)} | ${ms(row.preloadedMin)} | ${ms(row.preloadedCpu)} | ${ms(row.diskMedian)} | ${row.verifyMedian.toFixed(1)} | ${row.verified ? "yes" : "NO"} |`,
    ),
    "",
    `The first proof of a process (depth ${first}, from disk) took ${ms(cold.wall)} ms: it also builds snarkjs's bn128 curve and its worker threads, which \`terminateProver()\` ends.`,
    "",
    target
      ? `Target: ≤ ${TARGET_MS} ms at depth ${TARGET_DEPTH}: ${ms(target.diskMedian)} ms from disk, ${ms(target.preloadedMedian)} ms preloaded (${target.diskMedian <= TARGET_MS ? "met" : "NOT met"}).`
      : `Target: depth ${TARGET_DEPTH} artifacts are not installed.`,
    "",
    `Machine: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, load average ${load.map((l) => l.toFixed(1)).join(" / ")} before and ${loadAfter.map((l) => l.toFixed(1)).join(" / ")} after the run. CPU time is the process's user + system time, snarkjs's worker threads included; when the load average exceeds the core count, wall time includes waiting for a core.`,
    "",
  ];
  if (requested.length > 0) {
    console.log(lines.join("\n"));
    return;
  }
  const file = join(here, "proof-report.md");
  writeFileSync(file, lines.join("\n"));
  console.error(`wrote ${file}`);
}

await main();
