import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explain } from "./explain.ts";
import { maxChainLength } from "./graph.ts";
import { tally } from "./tally.ts";
import type { EngineBallot, EngineMode, TallyInput } from "./types.ts";

// The committed copies of shared/vectors, at the repository root.
const VECTORS = new URL("../../../../test/vectors/", import.meta.url);

type VectorBallot = number | "abstain" | number[];

interface VectorExpect {
  tallies: string[];
  abstain: string;
  participation: string;
  totalMass?: string;
  carried?: Record<string, string>;
  target?: Record<string, string | null>;
}

interface VectorBase {
  name: string;
  mode: EngineMode;
  optionCount: number;
  maxDepth?: number;
  weights: Record<string, number>;
  delegations: Record<string, string>;
}

interface StateVector extends VectorBase {
  ballots: Record<string, VectorBallot>;
  expect: VectorExpect;
}

type Action =
  | { vote: string; ballot: VectorBallot; expect: VectorExpect }
  | {
      retract: string;
      expect: VectorExpect;
    };

interface SequenceVector extends VectorBase {
  actions: Action[];
}

function load<T>(file: string): T[] {
  return JSON.parse(readFileSync(new URL(file, VECTORS), "utf8")) as T[];
}

function toBallot(ballot: VectorBallot): EngineBallot {
  if (ballot === "abstain") return { type: "abstain" };
  if (typeof ballot === "number") return { type: "option", option: ballot };
  return { type: "quadratic", votes: ballot.map(BigInt) };
}

function toInput(vector: VectorBase, ballots: Map<string, EngineBallot>): TallyInput {
  return {
    mode: vector.mode,
    optionCount: vector.optionCount,
    weights: new Map(Object.entries(vector.weights).map(([m, w]) => [m, BigInt(w)])),
    delegations: new Map(Object.entries(vector.delegations)),
    ballots,
  };
}

function expectTally(input: TallyInput, expected: VectorExpect, at: string): void {
  const result = tally(input);
  expect(result.tallies, `${at}: tallies`).toEqual(expected.tallies.map(BigInt));
  expect(result.abstain, `${at}: abstain`).toBe(BigInt(expected.abstain));
  expect(result.participation, `${at}: participation`).toBe(BigInt(expected.participation));
  if (expected.totalMass !== undefined) {
    expect(result.totalMass, `${at}: totalMass`).toBe(BigInt(expected.totalMass));
  }
  if (expected.carried !== undefined) {
    expect(Object.fromEntries(result.carried), `${at}: carried`).toEqual(
      Object.fromEntries(Object.entries(expected.carried).map(([m, r]) => [m, BigInt(r)])),
    );
  }
  if (expected.target !== undefined) {
    expect(Object.fromEntries(result.target), `${at}: target`).toEqual(expected.target);
  }
  // explain() must agree with the tally for every member.
  for (const [member, carrier] of result.target) {
    const explanation = explain(input, member);
    const explained =
      explanation.kind === "voted" || explanation.kind === "carried" ? explanation.carrier : null;
    expect(explained, `${at}: explain(${member})`).toBe(carrier);
  }
}

const states = [...load<StateVector>("hand.json"), ...load<StateVector>("random.json")];
const sequences = load<SequenceVector>("sequences.json");

describe("tally() on shared vectors", () => {
  it("loads every vector file", () => {
    expect(load<StateVector>("hand.json")).toHaveLength(11);
    expect(load<StateVector>("random.json")).toHaveLength(12);
    expect(sequences).toHaveLength(6);
  });

  it.each(states.map((v) => [v.name, v] as const))("tally() matches the vector %s", (_, vector) => {
    const ballots = new Map(Object.entries(vector.ballots).map(([m, b]) => [m, toBallot(b)]));
    const input = toInput(vector, ballots);
    if (vector.maxDepth !== undefined) {
      expect(maxChainLength(input.delegations)).toBeLessThanOrEqual(vector.maxDepth);
    }
    expectTally(input, vector.expect, vector.name);
  });

  it.each(sequences.map((v) => [v.name, v] as const))(
    "tally() matches the vector %s after every action",
    (_, vector) => {
      const ballots = new Map<string, EngineBallot>();
      const input = toInput(vector, ballots);
      for (const [step, action] of vector.actions.entries()) {
        if ("retract" in action) {
          expect(ballots.delete(action.retract), `step ${step} retracts a ballot`).toBe(true);
        } else {
          ballots.set(action.vote, toBallot(action.ballot));
        }
        expectTally(input, action.expect, `step ${step}`);
      }
    },
  );
});
