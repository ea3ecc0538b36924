import { describe, expect, it } from "vitest";
import { prng, randomInput, shuffled } from "../../test/support/randomForest.ts";
import { explain } from "./explain.ts";
import { isqrt } from "./mass.ts";
import { tally } from "./tally.ts";
import type { EngineBallot, TallyInput, TallyResult } from "./types.ts";
import { EngineInputError } from "./validate.ts";

const option = (o: number): EngineBallot => ({ type: "option", option: o });
const abstain: EngineBallot = { type: "abstain" };
const quadratic = (...votes: bigint[]): EngineBallot => ({ type: "quadratic", votes });

function single(
  weights: Record<string, bigint>,
  delegations: Record<string, string>,
  ballots: Record<string, EngineBallot>,
  optionCount = 2,
): TallyInput {
  return {
    mode: "single",
    optionCount,
    weights: new Map(Object.entries(weights)),
    delegations: new Map(Object.entries(delegations)),
    ballots: new Map(Object.entries(ballots)),
  };
}

function rejection(input: TallyInput): EngineInputError {
  try {
    tally(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineInputError);
    return error as EngineInputError;
  }
  throw new Error("tally() accepted the input");
}

/** A chain m0 -> m1 -> … -> m{length}, inserted top first so that one walk covers it all. */
function deepChain(length: number): Map<string, string> {
  const delegations = new Map<string, string>();
  for (let i = length - 1; i >= 0; i--) delegations.set(`m${i}`, `m${i + 1}`);
  return delegations;
}

describe("tally()", () => {
  it("tally() lets a delegate carry everyone below who did not vote", () => {
    const result = tally(
      single({ a: 1n, b: 2n, c: 4n, d: 8n }, { a: "b", b: "c", d: "c" }, { c: option(1) }),
    );
    expect(result.tallies).toEqual([0n, 15n]);
    expect(result.carried).toEqual(new Map([["c", 15n]]));
    expect(result.target).toEqual(
      new Map([
        ["a", "c"],
        ["b", "c"],
        ["c", "c"],
        ["d", "c"],
      ]),
    );
  });

  it("tally() ignores a retracted ballot", () => {
    const input = single({ a: 1n, b: 2n, c: 4n }, { a: "b", b: "c" }, { c: option(0) });
    const before = tally(input);
    const ballots = input.ballots as Map<string, EngineBallot>;
    ballots.set("b", option(1));
    expect(tally(input).tallies).toEqual([4n, 3n]);
    ballots.delete("b");
    expect(tally(input)).toEqual(before);
    expect(before.tallies).toEqual([7n, 0n]);
  });

  it("tally() stops weight at a delegate who is not a member", () => {
    // b is not a member (removed before the snapshot); c, whom b once delegated to, votes.
    const result = tally(single({ a: 5n, c: 1n }, { a: "b", b: "c" }, { c: option(0) }));
    expect(result.tallies).toEqual([1n, 0n]);
    expect(result.participation).toBe(1n);
    expect(result.totalMass).toBe(6n);
    expect(result.target.get("a")).toBeNull();
    expect(result.target.has("b")).toBe(false);
  });

  it("tally() treats a zero weight as not a member", () => {
    const result = tally(single({ a: 3n, b: 0n, c: 1n }, { a: "b" }, { c: option(1) }));
    expect(result.totalMass).toBe(4n);
    expect([...result.target.keys()]).toEqual(["a", "c"]);
    expect(result.target.get("a")).toBeNull();
    expect(rejection(single({ a: 3n, b: 0n }, {}, { b: option(1) })).code).toBe(
      "non-member-ballot",
    );
  });

  it("tally() ignores a delegation whose delegator is not a member", () => {
    const result = tally(single({ a: 1n, b: 1n }, { ghost: "a", b: "a" }, { a: option(0) }));
    expect(result.tallies).toEqual([2n, 0n]);
    expect(result.target.has("ghost")).toBe(false);
  });

  it("tally() adds an abstaining voter's carried mass to abstain and participation", () => {
    const result = tally(single({ a: 3n, b: 1n, c: 2n }, { a: "b" }, { b: abstain, c: option(0) }));
    expect(result).toMatchObject({ tallies: [2n, 0n], abstain: 4n, participation: 6n });
  });

  it("tally() gives a lone quadratic voter exactly v · 10^9", () => {
    const result = tally({
      mode: "quadratic",
      optionCount: 3,
      weights: new Map([["a", 7n]]),
      delegations: new Map(),
      ballots: new Map([["a", quadratic(1n, 0n, 2n)]]),
    });
    expect(result.tallies).toEqual([1_000_000_000n, 0n, 2_000_000_000n]);
    expect(result.participation).toBe(isqrt(7n * 10n ** 18n));
  });

  it("tally() counts a quadratic abstain like an all-zero vector", () => {
    const input = (ballot: EngineBallot): TallyInput => ({
      mode: "quadratic",
      optionCount: 2,
      weights: new Map([
        ["a", 2n],
        ["b", 3n],
      ]),
      delegations: new Map([["a", "b"]]),
      ballots: new Map([["b", ballot]]),
    });
    const zeros = tally(input(quadratic(0n, 0n)));
    expect(tally(input(abstain))).toEqual(zeros);
    expect(zeros.abstain).toBe(isqrt(2n * 10n ** 18n) + isqrt(3n * 10n ** 18n));
    expect(zeros.tallies).toEqual([0n, 0n]);
  });

  it("tally() handles weights far beyond 2^53", () => {
    const big = 2n ** 64n - 1n;
    const result = tally({
      mode: "quadratic",
      optionCount: 2,
      weights: new Map([
        ["a", big],
        ["b", big],
      ]),
      delegations: new Map([["a", "b"]]),
      ballots: new Map([["b", quadratic(2n ** 32n - 1n, 0n)]]),
    });
    expect(result.tallies).toEqual([2n * (2n ** 32n - 1n) * 10n ** 9n, 0n]);
    expect(result.totalMass).toBe(2n * isqrt(big * 10n ** 18n));
  });

  it("tally() rejects a ballot from a non-member", () => {
    const error = rejection(single({ a: 1n }, {}, { mallory: option(0) }));
    expect(error.code).toBe("non-member-ballot");
    expect(error.message).toBe("mallory has a ballot but is not a member at the snapshot");
    expect(error.members).toEqual(["mallory"]);
  });

  it("tally() rejects an invalid ballot", () => {
    expect(rejection(single({ a: 1n }, {}, { a: option(2) })).code).toBe("invalid-option");
    const error = rejection({
      mode: "quadratic",
      optionCount: 2,
      weights: new Map([["a", 25n]]),
      delegations: new Map(),
      ballots: new Map([["a", quadratic(7n, 0n)]]),
    });
    expect(error.code).toBe("over-budget");
    expect(error.message).toBe("quadratic ballot costs 49 credits, you have 25");
    expect(rejection(single({ a: 1n }, {}, { a: quadratic(1n, 0n) })).code).toBe(
      "wrong-ballot-type",
    );
  });

  it("tally() rejects a negative weight and a bad option count", () => {
    expect(rejection(single({ a: -1n }, {}, {})).code).toBe("invalid-weight");
    expect(rejection(single({ a: 1n }, {}, {}, 1)).code).toBe("option-count");
    expect(rejection(single({ a: 1n }, {}, {}, 33)).code).toBe("option-count");
  });

  it("tally() rejects a delegation cycle, naming the members on it", () => {
    const weights = { a: 1n, b: 1n, c: 1n, d: 1n };
    const error = rejection(single(weights, { a: "b", b: "c", c: "d", d: "b" }, {}));
    expect(error.code).toBe("cycle");
    expect(error.members).toEqual(["b", "c", "d"]);
    expect(error.message).toBe(
      "delegations form a cycle (b -> c -> d -> b); the graph must be a forest",
    );
    // A voter on the cycle would stop every chain, but the graph is still not a forest.
    expect(rejection(single(weights, { b: "c", c: "b" }, { b: option(0) })).members).toEqual([
      "b",
      "c",
    ]);
    expect(rejection(single(weights, { a: "a" }, {})).message).toContain("(a -> a)");
  });

  it("tally() resolves a 100,000-deep chain without recursion", () => {
    const length = 100_000;
    const weights = new Map<string, bigint>();
    for (let i = 0; i <= length; i++) weights.set(`m${i}`, 1n);
    const delegations = deepChain(length);
    const at = (voter: number, ballots: Map<string, EngineBallot>) =>
      tally({ mode: "single", optionCount: 2, weights, delegations, ballots }).carried.get(
        `m${voter}`,
      );
    expect(at(length, new Map([[`m${length}`, option(0)]]))).toBe(BigInt(length + 1));
    expect(at(50_000, new Map([["m50000", option(1)]]))).toBe(50_001n);
    const cyclic = new Map(delegations).set(`m${length}`, "m0");
    expect(
      rejection({
        mode: "single",
        optionCount: 2,
        weights,
        delegations: cyclic,
        ballots: new Map(),
      }).members,
    ).toHaveLength(length + 1);
  });

  it("tally() does not change its input", () => {
    const input = single({ a: 1n, b: 2n }, { a: "b" }, { b: option(1) });
    const copy = {
      ...input,
      weights: new Map(input.weights),
      delegations: new Map(input.delegations),
      ballots: new Map(input.ballots),
    };
    tally(input);
    expect(input).toEqual(copy);
  });
});

// ---------------------------------------------------------------- property test against an oracle

/** SPEC.md read literally: walk every member's chain from scratch. O(members · depth). */
function referenceTally(input: TallyInput): TallyResult {
  const { mode, optionCount, weights, delegations, ballots } = input;
  const isMember = (m: string) => (weights.get(m) ?? 0n) > 0n;
  const massOf = (m: string) => {
    const w = weights.get(m) as bigint;
    return mode === "quadratic" ? isqrt(w * 10n ** 18n) : w;
  };
  const result: TallyResult = {
    tallies: Array.from({ length: optionCount }, () => 0n),
    abstain: 0n,
    participation: 0n,
    totalMass: 0n,
    carried: new Map(),
    target: new Map(),
  };
  for (const voter of ballots.keys()) result.carried.set(voter, 0n);
  for (const m of weights.keys()) {
    if (!isMember(m)) continue;
    result.totalMass += massOf(m);
    let target: string | null = null;
    for (let node: string | undefined = m; node !== undefined && isMember(node); ) {
      if (ballots.has(node)) {
        target = node;
        break;
      }
      node = delegations.get(node);
    }
    result.target.set(m, target);
    if (target !== null) {
      result.carried.set(target, (result.carried.get(target) as bigint) + massOf(m));
    }
  }
  for (const [voter, ballot] of ballots) {
    const r = result.carried.get(voter) as bigint;
    result.participation += r;
    if (ballot.type === "option") {
      result.tallies[ballot.option] = (result.tallies[ballot.option] as bigint) + r;
    } else if (ballot.type === "abstain" || ballot.votes.every((v) => v === 0n)) {
      result.abstain += r;
    } else {
      for (let i = 0; i < optionCount; i++) {
        result.tallies[i] =
          (result.tallies[i] as bigint) +
          ((ballot.votes[i] as bigint) * r * 10n ** 9n) / massOf(voter);
      }
    }
  }
  return result;
}

const plain = (result: TallyResult) => ({
  ...result,
  carried: Object.fromEntries(result.carried),
  target: Object.fromEntries(result.target),
});

describe("tally() against a naive oracle", () => {
  it("tally() agrees with walking every chain on 400 random forests", () => {
    const random = prng(2025);
    for (let run = 0; run < 400; run++) {
      const input = randomInput(random);
      const expected = plain(referenceTally(input));
      expect(plain(tally(input)), `forest ${run}`).toEqual(expected);

      // The result does not depend on the order of ballots, delegations or weights.
      const reordered: TallyInput = {
        ...input,
        weights: new Map(shuffled([...input.weights], random)),
        delegations: new Map(shuffled([...input.delegations], random)),
        ballots: new Map(shuffled([...input.ballots], random)),
      };
      expect(plain(tally(reordered)), `forest ${run} reordered`).toEqual(expected);

      for (const [member, carrier] of Object.entries(expected.target)) {
        const explanation = explain(input, member);
        const explained =
          explanation.kind === "voted" || explanation.kind === "carried"
            ? explanation.carrier
            : null;
        expect(explained, `forest ${run}: explain(${member})`).toBe(carrier);
      }
    }
  });
});
