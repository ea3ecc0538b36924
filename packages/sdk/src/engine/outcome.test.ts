import { describe, expect, it } from "vitest";
import { tallyOutcome, tallyWinner } from "./outcome.ts";

const totals = (tallies: bigint[], participation: bigint, totalMass: bigint) => ({
  tallies,
  participation,
  totalMass,
});

describe("tallyOutcome()", () => {
  it("tallyOutcome() rounds the quorum up, as the contract's quorum()", () => {
    expect(tallyOutcome(totals([1n, 0n], 1n, 7n), { quorumBps: 2_000, executable: false })).toEqual(
      {
        quorum: 2n, // ⌈1.4⌉
        quorumReached: false,
        leading: 0,
        passing: false,
      },
    );
  });

  it("tallyOutcome() reaches quorum exactly at the fraction", () => {
    const outcome = tallyOutcome(totals([0n, 2n], 2n, 10n), {
      quorumBps: 2_000,
      executable: false,
    });
    expect(outcome.quorumReached).toBe(true);
    expect(outcome.passing).toBe(true);
  });

  it.each([
    [[3n, 3n], null],
    [[0n, 0n, 0n], null],
    [[5n, 5n, 6n], 2],
    [[0n, 4n, 0n], 1],
    [[6n, 5n, 6n], null],
  ])(
    "tallyOutcome() leads %s with %s (strictly largest, ties lead nowhere)",
    (tallies, leading) => {
      const outcome = tallyOutcome(totals(tallies, 20n, 20n), { quorumBps: 0, executable: false });
      expect(outcome.leading).toBe(leading);
      expect(outcome.passing).toBe(leading !== null);
    },
  );

  it("tallyOutcome() passes an executable proposal on For > Against only", () => {
    const settings = { quorumBps: 1_000, executable: true };
    expect(tallyOutcome(totals([2n, 3n], 5n, 10n), settings).passing).toBe(true);
    expect(tallyOutcome(totals([3n, 3n], 6n, 10n), settings).passing).toBe(false);
    expect(tallyOutcome(totals([0n, 3n], 0n, 100n), settings).passing).toBe(false);
  });

  it("tallyOutcome() counts abstentions toward quorum but not toward a winner", () => {
    // 1 For, 9 abstain of 10: quorum reached, For leads.
    const outcome = tallyOutcome(totals([0n, 1n], 10n, 10n), {
      quorumBps: 5_000,
      executable: false,
    });
    expect(outcome).toEqual({ quorum: 5n, quorumReached: true, leading: 1, passing: true });
  });
});

describe("tallyWinner()", () => {
  it("tallyWinner() has no winner on a tie or without votes", () => {
    expect(tallyWinner([4n, 4n, 1n], true, false)).toEqual({ leading: null, passing: false });
    expect(tallyWinner([0n, 0n], true, false)).toEqual({ leading: null, passing: false });
    expect(tallyWinner([1n, 4n, 4n], true, false)).toEqual({ leading: null, passing: false });
  });

  it("tallyWinner() passes a poll with a strict winner only when quorum is reached", () => {
    expect(tallyWinner([1n, 5n, 4n], true, false)).toEqual({ leading: 1, passing: true });
    expect(tallyWinner([1n, 5n, 4n], false, false)).toEqual({ leading: 1, passing: false });
  });

  it("tallyWinner() passes an executable proposal when For beats Against", () => {
    expect(tallyWinner([2n, 5n], true, true)).toEqual({ leading: 1, passing: true });
    expect(tallyWinner([5n, 5n], true, true)).toEqual({ leading: null, passing: false });
    expect(tallyWinner([5n, 2n], true, true)).toEqual({ leading: 0, passing: false });
  });
});
