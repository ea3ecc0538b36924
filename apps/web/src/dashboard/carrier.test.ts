import { describe, expect, it } from "vitest";
import { type BallotChoice, carrierOf, choiceText } from "./carrier.ts";

const forBallot: BallotChoice = { option: 1, abstain: false, votes: null };

describe("carrierOf", () => {
  it("carrierOf() finds the nearest delegate with a ballot, and who is skipped on the way", () => {
    const chain = ["me", "a", "b", "c"];
    expect(carrierOf(chain, new Map([["c", forBallot]]))).toEqual({
      kind: "carried",
      voter: "c",
      via: ["a", "b"],
      ballot: forBallot,
    });
    expect(
      carrierOf(
        chain,
        new Map([
          ["a", forBallot],
          ["c", forBallot],
        ]),
      ),
    ).toMatchObject({
      voter: "a",
      via: [],
    });
  });
  it("carrierOf() tells a member who delegates nobody from one whose delegates did not vote", () => {
    expect(carrierOf(["me"], new Map())).toEqual({ kind: "none-delegated" });
    expect(carrierOf(["me", "a"], new Map())).toEqual({ kind: "nobody-voted", chain: ["a"] });
  });
});

describe("choiceText", () => {
  it("choiceText() names the option, abstention and a quadratic allocation", () => {
    expect(choiceText(forBallot, ["Against", "For"])).toBe("For");
    expect(choiceText({ option: null, abstain: true, votes: null }, ["A"])).toBe("Abstain");
    expect(
      choiceText({ option: null, abstain: false, votes: ["2", "0", "1"] }, ["A", "B", "C"]),
    ).toBe("A 2, C 1");
  });
});
