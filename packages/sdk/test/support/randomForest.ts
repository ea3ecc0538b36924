// Seeded random tally inputs for the engine's property tests (tally.test.ts, incremental.test.ts).
import { isqrt } from "../../src/engine/mass.ts";
import type { EngineBallot, EngineMode, TallyInput } from "../../src/engine/types.ts";

const option = (o: number): EngineBallot => ({ type: "option", option: o });
const abstain: EngineBallot = { type: "abstain" };

/** Deterministic 32-bit PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const WEIGHTS = [1n, 1n, 1n, 2n, 3n, 4n, 9n, 10n, 25n, 100n, 1000n, 10n ** 12n, 2n ** 64n - 1n];

/** A random forest: members, removed members still named as delegates, and ghost delegators. */
export function randomInput(random: () => number): TallyInput {
  const int = (n: number) => Math.floor(random() * n);
  const mode: EngineMode = random() < 0.5 ? "single" : "quadratic";
  const optionCount = random() < 0.1 ? 32 : 2 + int(5);
  const size = 1 + int(80);
  const names = Array.from({ length: size }, (_, i) => `m${i}`);
  const weights = new Map<string, bigint>();
  for (const name of names) {
    // About one in ten is not a member at the snapshot: absent, or present with weight 0.
    const roll = random();
    if (roll < 0.05) continue;
    weights.set(name, roll < 0.1 ? 0n : (WEIGHTS[int(WEIGHTS.length)] as bigint));
  }
  // Delegating only to names earlier in a random order keeps the graph a forest; chains can be as
  // deep as the whole community.
  const order = shuffled(names, random);
  const delegations = new Map<string, string>();
  const delegating = random();
  for (let k = 1; k < order.length; k++) {
    if (random() < delegating) {
      const from = order[k] as string;
      const to = order[random() < 0.7 ? k - 1 : int(k)] as string;
      delegations.set(from, to);
    }
  }
  const members = names.filter((m) => (weights.get(m) ?? 0n) > 0n);
  const ballots = new Map<string, EngineBallot>();
  const voting = random();
  for (const voter of members) {
    if (random() >= voting) continue;
    if (mode === "single") {
      ballots.set(voter, random() < 0.15 ? abstain : option(int(optionCount)));
      continue;
    }
    const roll = random();
    let budget = weights.get(voter) as bigint;
    const votes = Array.from({ length: optionCount }, () => 0n);
    if (roll < 0.05) {
      ballots.set(voter, abstain);
      continue;
    }
    if (roll > 0.15) {
      // Spend a random part of the budget on a few random options.
      for (let spend = int(4); spend >= 0; spend--) {
        const o = int(optionCount);
        const room = isqrt(budget + (votes[o] as bigint) ** 2n) - (votes[o] as bigint);
        const add = BigInt(Math.floor(random() * Number(room + 1n)));
        const v = (votes[o] as bigint) + (add > room ? room : add);
        budget -= v * v - (votes[o] as bigint) ** 2n;
        votes[o] = v;
      }
    }
    ballots.set(voter, { type: "quadratic", votes });
  }
  return { mode, optionCount, weights, delegations, ballots };
}
