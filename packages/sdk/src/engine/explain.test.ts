import { describe, expect, it } from "vitest";
import { explain } from "./explain.ts";
import { quadraticMass } from "./mass.ts";
import type { EngineBallot, EngineMode, TallyInput } from "./types.ts";

function input(
  weights: Record<string, bigint>,
  delegations: Record<string, string>,
  ballots: Record<string, EngineBallot>,
  mode: EngineMode = "single",
): TallyInput {
  return {
    mode,
    optionCount: 2,
    weights: new Map(Object.entries(weights)),
    delegations: new Map(Object.entries(delegations)),
    ballots: new Map(Object.entries(ballots)),
  };
}

const yes: EngineBallot = { type: "option", option: 1 };

describe("explain()", () => {
  it("explain() reports a member who voted, even over their delegate", () => {
    const state = input({ a: 3n, b: 1n }, { a: "b" }, { a: yes, b: yes });
    expect(explain(state, "a")).toEqual({
      kind: "voted",
      member: "a",
      path: ["a"],
      carrier: "a",
      mass: 3n,
    });
  });

  it("explain() gives the path to the first voter up the chain", () => {
    const state = input(
      { a: 2n, b: 1n, c: 1n, d: 1n },
      { a: "b", b: "c", c: "d" },
      { c: yes, d: yes },
    );
    expect(explain(state, "a")).toEqual({
      kind: "carried",
      member: "a",
      path: ["a", "b", "c"],
      carrier: "c",
      mass: 2n,
    });
  });

  it("explain() reports the member's own quadratic mass", () => {
    const state = input({ a: 2n, b: 9n }, { a: "b" }, { b: { type: "abstain" } }, "quadratic");
    expect(explain(state, "a")).toMatchObject({ kind: "carried", mass: quadraticMass(2n) });
    expect(explain(state, "b")).toMatchObject({ kind: "voted", mass: 3_000_000_000n });
  });

  it("explain() reports a chain that ends without a voter", () => {
    const state = input({ a: 5n, b: 1n, c: 1n }, { a: "b" }, { c: yes });
    expect(explain(state, "a")).toEqual({
      kind: "uncounted",
      member: "a",
      path: ["a", "b"],
      reason: "no-voter-on-chain",
      mass: 5n,
    });
    expect(explain(state, "b")).toMatchObject({ kind: "uncounted", path: ["b"] });
  });

  it("explain() reports a chain that ends at a non-member, naming them last", () => {
    // gone was removed before the snapshot; their old delegation to c no longer carries weight.
    const state = input(
      { a: 1n, b: 1n, c: 1n, gone: 0n },
      { a: "b", b: "gone", gone: "c" },
      { c: yes },
    );
    expect(explain(state, "a")).toEqual({
      kind: "uncounted",
      member: "a",
      path: ["a", "b", "gone"],
      reason: "chain-ends-at-non-member",
      mass: 1n,
    });
    const absent = input({ a: 1n }, { a: "nobody" }, {});
    expect(explain(absent, "a")).toMatchObject({
      path: ["a", "nobody"],
      reason: "chain-ends-at-non-member",
    });
  });

  it("explain() reports someone who is not a member", () => {
    const state = input({ a: 1n, zero: 0n }, { zero: "a" }, { a: yes });
    expect(explain(state, "zero")).toEqual({ kind: "not-a-member", member: "zero" });
    expect(explain(state, "stranger")).toEqual({ kind: "not-a-member", member: "stranger" });
  });

  it("explain() rejects a cycle on the member's chain", () => {
    const state = input({ a: 1n, b: 1n, c: 1n }, { a: "b", b: "c", c: "b" }, {});
    expect(() => explain(state, "a")).toThrow(
      "delegations form a cycle (b -> c -> b); the graph must be a forest",
    );
  });

  it("explain() follows a 100,000-deep chain without recursion", () => {
    const weights = new Map<string, bigint>();
    const delegations = new Map<string, string>();
    for (let i = 0; i <= 100_000; i++) {
      weights.set(`m${i}`, 1n);
      if (i > 0) delegations.set(`m${i - 1}`, `m${i}`);
    }
    const state: TallyInput = {
      mode: "single",
      optionCount: 2,
      weights,
      delegations,
      ballots: new Map([["m100000", yes]]),
    };
    const explanation = explain(state, "m0");
    expect(explanation.kind).toBe("carried");
    expect(explanation.kind === "carried" && explanation.path.length).toBe(100_001);
  });
});
