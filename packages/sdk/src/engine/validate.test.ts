import { describe, expect, it } from "vitest";
import type { EngineBallot, EngineMode } from "./types.ts";
import { cycleError, EngineInputError, validateBallot, validateOptionCount } from "./validate.ts";

function rejection(
  mode: EngineMode,
  optionCount: number,
  weight: bigint,
  ballot: EngineBallot,
): { code: string; message: string } {
  try {
    validateBallot(mode, optionCount, weight, ballot);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineInputError);
    const { code, message } = error as EngineInputError;
    return { code, message };
  }
  throw new Error("validateBallot() accepted the ballot");
}

describe("validateBallot()", () => {
  it("validateBallot() accepts valid ballots, spending the whole budget", () => {
    expect(() => validateBallot("single", 2, 1n, { type: "option", option: 0 })).not.toThrow();
    expect(() => validateBallot("single", 32, 1n, { type: "option", option: 31 })).not.toThrow();
    expect(() => validateBallot("single", 2, 1n, { type: "abstain" })).not.toThrow();
    expect(() =>
      validateBallot("quadratic", 3, 25n, { type: "quadratic", votes: [3n, 0n, 4n] }),
    ).not.toThrow();
    expect(() =>
      validateBallot("quadratic", 2, 1n, { type: "quadratic", votes: [0n, 0n] }),
    ).not.toThrow();
    expect(() => validateBallot("quadratic", 2, 1n, { type: "abstain" })).not.toThrow();
    expect(() =>
      validateBallot("quadratic", 3, 24n, { type: "quadratic", votes: [2n, 2n, 4n] }),
    ).not.toThrow();
  });

  it("validateBallot() rejects a quadratic ballot over budget", () => {
    expect(rejection("quadratic", 2, 25n, { type: "quadratic", votes: [7n, 0n] })).toEqual({
      code: "over-budget",
      message: "quadratic ballot costs 49 credits, you have 25",
    });
    expect(rejection("quadratic", 3, 23n, { type: "quadratic", votes: [2n, 2n, 4n] })).toEqual({
      code: "over-budget",
      message: "quadratic ballot costs 24 credits, you have 23",
    });
  });

  it("validateBallot() rejects an option that does not exist", () => {
    expect(rejection("single", 3, 1n, { type: "option", option: 3 })).toEqual({
      code: "invalid-option",
      message: "option 3 does not exist: options are numbered 0 to 2",
    });
    expect(rejection("single", 2, 1n, { type: "option", option: -1 }).code).toBe("invalid-option");
    expect(rejection("single", 2, 1n, { type: "option", option: 0.5 }).code).toBe("invalid-option");
  });

  it("validateBallot() rejects a ballot of the other mode", () => {
    expect(rejection("quadratic", 2, 1n, { type: "option", option: 0 })).toEqual({
      code: "wrong-ballot-type",
      message:
        "a quadratic proposal takes a vector of votes, one entry per option, not a single option",
    });
    expect(rejection("single", 2, 1n, { type: "quadratic", votes: [1n, 0n] })).toEqual({
      code: "wrong-ballot-type",
      message: "a single-choice proposal takes one option or abstain, not a vector of votes",
    });
  });

  it("validateBallot() rejects a vector of the wrong length", () => {
    expect(rejection("quadratic", 3, 9n, { type: "quadratic", votes: [1n, 1n] })).toEqual({
      code: "vote-count",
      message: "quadratic ballot has 2 entries, the proposal has 3 options",
    });
  });

  it("validateBallot() rejects negative votes", () => {
    expect(rejection("quadratic", 2, 9n, { type: "quadratic", votes: [1n, -2n] })).toEqual({
      code: "negative-vote",
      message: "quadratic ballot gives -2 votes to option 1; votes cannot be negative",
    });
  });

  it("validateBallot() rejects an option count outside 2..32", () => {
    for (const optionCount of [1, 33, 2.5]) {
      expect(rejection("single", optionCount, 1n, { type: "abstain" }).code).toBe("option-count");
    }
    expect(() => validateOptionCount(33)).toThrow("a proposal has 2 to 32 options, not 33");
  });
});

describe("cycleError()", () => {
  it("cycleError() names the members along the cycle", () => {
    const error = cycleError(["a", "b", "c"]);
    expect(error.code).toBe("cycle");
    expect(error.members).toEqual(["a", "b", "c"]);
    expect(error.message).toBe(
      "delegations form a cycle (a -> b -> c -> a); the graph must be a forest",
    );
  });
});
