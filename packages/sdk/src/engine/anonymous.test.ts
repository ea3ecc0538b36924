import { describe, expect, it } from "vitest";
import { anonymousTally } from "./anonymous.ts";
import type { EngineBallot } from "./types.ts";
import { EngineInputError } from "./validate.ts";

const option = (o: number): EngineBallot => ({ type: "option", option: o });
const abstain: EngineBallot = { type: "abstain" };

function rejection(run: () => unknown): EngineInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineInputError);
    return error as EngineInputError;
  }
  throw new Error("anonymousTally() accepted the input");
}

describe("anonymousTally()", () => {
  it("anonymousTally() counts one per ballot, whatever the nullifier", () => {
    const result = anonymousTally(
      new Map<bigint, EngineBallot>([
        [1n, option(2)],
        [2n ** 250n, option(0)],
        [7n, option(2)],
        [9n, abstain],
      ]),
      10n,
      3,
    );
    expect(result).toEqual({
      tallies: [1n, 0n, 2n],
      abstain: 1n,
      participation: 4n,
      totalMass: 10n,
    });
  });

  it("anonymousTally() gives participation = Σ tallies + abstain and totalMass = identities", () => {
    const ballots = new Map<number, EngineBallot>();
    for (let i = 0; i < 50; i++) ballots.set(i, i % 7 === 0 ? abstain : option(i % 5));
    const result = anonymousTally(ballots, 64n, 5);
    const sum = result.tallies.reduce((a, b) => a + b, 0n);
    expect(result.participation).toBe(sum + result.abstain);
    expect(result.participation).toBe(50n);
    expect(result.totalMass).toBe(64n);
  });

  it("anonymousTally() of no ballots is all zeros over the group", () => {
    expect(anonymousTally(new Map(), 3n, 2)).toEqual({
      tallies: [0n, 0n],
      abstain: 0n,
      participation: 0n,
      totalMass: 3n,
    });
  });

  it("anonymousTally() ignores a retracted ballot and counts a replaced one once", () => {
    // The caller keeps one entry per nullifier: a replacement overwrites, a retraction deletes.
    const ballots = new Map<bigint, EngineBallot>([
      [1n, option(0)],
      [2n, option(0)],
    ]);
    ballots.set(1n, option(1));
    ballots.delete(2n);
    expect(anonymousTally(ballots, 2n, 2).tallies).toEqual([0n, 1n]);
  });

  it("anonymousTally() accepts every identity voting", () => {
    const ballots = new Map([
      [1n, option(0)],
      [2n, option(1)],
    ]);
    expect(anonymousTally(ballots, 2n, 2).participation).toBe(2n);
  });

  it.each([
    [
      "a quadratic ballot",
      [[1n, { type: "quadratic", votes: [1n, 0n] }]],
      2n,
      2,
      "wrong-ballot-type",
    ],
    ["an option past the last", [[1n, option(2)]], 2n, 2, "invalid-option"],
    ["a negative option", [[1n, option(-1)]], 2n, 2, "invalid-option"],
    [
      "more ballots than identities",
      [
        [1n, option(0)],
        [2n, option(1)],
      ],
      1n,
      2,
      "too-many-ballots",
    ],
    ["a negative group", [], -1n, 2, "invalid-weight"],
    ["one option", [], 1n, 1, "option-count"],
    ["33 options", [], 1n, 33, "option-count"],
  ] as const)("anonymousTally() rejects %s", (_, entries, identities, optionCount, code) => {
    const ballots = new Map(entries as unknown as [bigint, EngineBallot][]);
    const error = rejection(() => anonymousTally(ballots, identities, optionCount));
    expect(error.code).toBe(code);
  });

  it("anonymousTally() names the nullifier of a bad ballot", () => {
    const error = rejection(() => anonymousTally(new Map([[42n, option(5)]]), 1n, 2));
    expect(error.members).toEqual(["42"]);
    expect(error.message).toBe("option 5 does not exist: options are numbered 0 to 1");
  });
});
