import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prng, randomInput, shuffled } from "../../test/support/randomForest.ts";
import { createIncrementalTally, type IncrementalTally } from "./incremental.ts";
import { isqrt } from "./mass.ts";
import { tally } from "./tally.ts";
import type { EngineBallot, TallyInput, TallyResult } from "./types.ts";
import { EngineInputError } from "./validate.ts";

// The committed copies of shared/vectors, at the repository root.
const VECTORS = new URL("../../../../test/vectors/", import.meta.url);

type VectorBallot = number | "abstain" | number[];
interface Vector {
  name: string;
  mode: TallyInput["mode"];
  optionCount: number;
  weights: Record<string, number>;
  delegations: Record<string, string>;
  ballots?: Record<string, VectorBallot>;
  actions?: ({ vote: string; ballot: VectorBallot } | { retract: string })[];
}

const load = (file: string) => JSON.parse(readFileSync(new URL(file, VECTORS), "utf8")) as Vector[];

function toBallot(ballot: VectorBallot): EngineBallot {
  if (ballot === "abstain") return { type: "abstain" };
  if (typeof ballot === "number") return { type: "option", option: ballot };
  return { type: "quadratic", votes: ballot.map(BigInt) };
}

function baseOf(vector: Vector): TallyInput {
  return {
    mode: vector.mode,
    optionCount: vector.optionCount,
    weights: new Map(Object.entries(vector.weights).map(([m, w]) => [m, BigInt(w)])),
    delegations: new Map(Object.entries(vector.delegations)),
    ballots: new Map(),
  };
}

const plain = (result: TallyResult) => ({
  ...result,
  carried: [...result.carried],
  target: [...result.target],
});

/** The incremental tally equals tally() of the same snapshot and its ballots, in every field. */
function expectEqual(live: IncrementalTally, base: TallyInput, at: string) {
  const expected = tally({ ...base, ballots: live.ballots });
  expect(plain(live.result()), at).toEqual(plain(expected));
  const { carried: _c, target: _t, ...totals } = expected;
  expect(live.totals(), `${at}: totals`).toEqual(totals);
}

function rejection(run: () => unknown): EngineInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineInputError);
    return error as EngineInputError;
  }
  throw new Error("accepted");
}

describe("createIncrementalTally() on the shared vectors", () => {
  const states = [...load("hand.json"), ...load("random.json")];
  it.each(states.map((v) => [v.name, v] as const))(
    "createIncrementalTally() equals tally() on %s, ballot by ballot and all at once",
    (_, vector) => {
      const base = baseOf(vector);
      const all = new Map(
        Object.entries(vector.ballots ?? {}).map(([m, b]) => [m, toBallot(b)] as const),
      );
      const live = createIncrementalTally(base);
      expectEqual(live, base, "no ballots");
      for (const [voter, ballot] of all) {
        live.set(voter, ballot);
        expectEqual(live, base, `after ${voter}`);
      }
      expectEqual(createIncrementalTally({ ...base, ballots: all }), base, "all at once");
      for (const voter of all.keys()) {
        expect(live.delete(voter)).toBe(true);
        expectEqual(live, base, `after retracting ${voter}`);
      }
    },
  );

  const sequences = load("sequences.json");
  it.each(sequences.map((v) => [v.name, v] as const))(
    "createIncrementalTally() equals tally() on %s after every action",
    (_, vector) => {
      const base = baseOf(vector);
      const live = createIncrementalTally(base);
      for (const [step, action] of (vector.actions ?? []).entries()) {
        if ("retract" in action) expect(live.delete(action.retract)).toBe(true);
        else live.set(action.vote, toBallot(action.ballot));
        expectEqual(live, base, `step ${step}`);
      }
    },
  );
});

/** A valid random ballot for `voter` (budget-respecting in quadratic mode). */
function randomBallot(input: TallyInput, voter: string, random: () => number): EngineBallot {
  const int = (n: number) => Math.floor(random() * n);
  if (random() < 0.1) return { type: "abstain" };
  if (input.mode === "single") return { type: "option", option: int(input.optionCount) };
  let budget = input.weights.get(voter) as bigint;
  const votes = Array.from({ length: input.optionCount }, () => 0n);
  for (let spend = int(3); spend >= 0 && random() < 0.9; spend--) {
    const o = int(input.optionCount);
    const room = isqrt(budget + (votes[o] as bigint) ** 2n) - (votes[o] as bigint);
    const add = BigInt(Math.floor(random() * Number(room + 1n)));
    const v = (votes[o] as bigint) + (add > room ? room : add);
    budget -= v * v - (votes[o] as bigint) ** 2n;
    votes[o] = v;
  }
  return { type: "quadratic", votes };
}

describe("createIncrementalTally() against tally() on random ballot sequences", () => {
  it("createIncrementalTally() equals tally() after every cast, change, retraction and refusal on 300 random forests", () => {
    const random = prng(909);
    for (let run = 0; run < 300; run++) {
      const input = randomInput(random);
      const base: TallyInput = { ...input, ballots: new Map() };
      // Start from the random ballots (or none), then act on members, ghosts and non-members.
      const live = createIncrementalTally(random() < 0.5 ? input : base);
      const names = [...input.weights.keys(), "ghost"];
      const members = names.filter((m) => (input.weights.get(m) ?? 0n) > 0n);
      expectEqual(live, base, `forest ${run} start`);
      const steps = 10 + Math.floor(random() * 60);
      for (let step = 0; step < steps; step++) {
        const at = `forest ${run} step ${step}`;
        const roll = random();
        if (roll < 0.25 && live.ballots.size > 0) {
          const voter = shuffled([...live.ballots.keys()], random)[0] as string;
          expect(live.delete(voter), at).toBe(true);
        } else if (roll < 0.3) {
          const someone = names[Math.floor(random() * names.length)] as string;
          const had = live.ballots.has(someone);
          expect(live.delete(someone), at).toBe(had);
        } else if (roll < 0.35) {
          // A refused ballot (non-member, or over budget / out of range) changes nothing.
          const voter = names[Math.floor(random() * names.length)] as string;
          const bad: EngineBallot =
            input.mode === "single"
              ? { type: "option", option: input.optionCount }
              : { type: "quadratic", votes: input.ballots.size ? [1n] : [-1n] };
          const before = plain(live.result());
          let expected: EngineInputError | undefined;
          try {
            tally({ ...base, ballots: new Map([[voter, bad]]) });
          } catch (error) {
            expected = error as EngineInputError;
          }
          const error = rejection(() => live.set(voter, bad));
          expect({ code: error.code, message: error.message }, at).toEqual({
            code: expected?.code,
            message: expected?.message,
          });
          expect(plain(live.result()), at).toEqual(before);
        } else if (members.length > 0) {
          const voter = members[Math.floor(random() * members.length)] as string;
          live.set(voter, randomBallot(input, voter, random));
        }
        expectEqual(live, base, at);
      }
    }
  });

  it("createIncrementalTally() refuses the inputs tally() refuses, with the same error", () => {
    const random = prng(4242);
    const cases: TallyInput[] = [
      {
        mode: "single",
        optionCount: 2,
        weights: new Map([
          ["a", 1n],
          ["b", 1n],
          ["c", 1n],
        ]),
        delegations: new Map([
          ["a", "b"],
          ["b", "c"],
          ["c", "a"],
        ]),
        ballots: new Map(),
      },
      {
        mode: "single",
        optionCount: 2,
        weights: new Map([["a", -1n]]),
        delegations: new Map(),
        ballots: new Map(),
      },
      {
        mode: "single",
        optionCount: 1,
        weights: new Map([["a", 1n]]),
        delegations: new Map(),
        ballots: new Map(),
      },
      {
        mode: "single",
        optionCount: 2,
        weights: new Map([["a", 1n]]),
        delegations: new Map(),
        ballots: new Map([["z", { type: "option", option: 0 }]]),
      },
    ];
    for (let i = 0; i < 20; i++) {
      const input = randomInput(random);
      const members = [...input.weights].filter(([, w]) => w > 0n).map(([m]) => m);
      if (members.length < 2) continue;
      const [x, y] = shuffled(members, random) as [string, string];
      // Close a cycle through two members (unless they already delegate the other way round).
      const delegations = new Map(input.delegations);
      delegations.set(x, y);
      delegations.set(y, x);
      cases.push({ ...input, delegations });
    }
    for (const input of cases) {
      const expected = rejection(() => tally(input));
      const error = rejection(() => createIncrementalTally(input));
      expect({ code: error.code, message: error.message, members: error.members }).toEqual({
        code: expected.code,
        message: expected.message,
        members: expected.members,
      });
    }
  });

  it("createIncrementalTally() does not change its input", () => {
    const input = randomInput(prng(5));
    const copy = { ...input, ballots: new Map(input.ballots) };
    const live = createIncrementalTally(input);
    for (const voter of [...input.ballots.keys()]) live.delete(voter);
    expect(input).toEqual(copy);
  });
});
