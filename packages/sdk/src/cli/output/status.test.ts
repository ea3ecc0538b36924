import { describe, expect, it } from "vitest";
import { isFinal, type ProposalStatus, renderStatus, statusJson } from "./status.ts";

const status = (overrides: Partial<ProposalStatus> = {}): ProposalStatus => ({
  proposalId: 7n,
  mode: "single",
  executable: false,
  deadline: 1_800_000_000n,
  state: "active",
  tally: {
    tallies: [3n, 3n],
    abstain: 1n,
    participation: 7n,
    totalMass: 20n,
    quorum: 4n,
    quorumReached: true,
    leading: null,
    passing: false,
  },
  block: { number: 50n, timestamp: 1_800_000_000n - 3_725n },
  ...overrides,
});

describe("isFinal", () => {
  it("isFinal() ends a poll with its vote and an executable proposal at execution or defeat", () => {
    const states = ["active", "succeeded", "defeated", "queued", "executed", "canceled"] as const;
    expect(states.map((state) => isFinal(state, false))).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(states.map((state) => isFinal(state, true))).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
    ]);
  });
});

describe("renderStatus", () => {
  it("renderStatus() shows the time left by the chain's clock while voting is open", () => {
    const text = renderStatus(status());
    expect(text.split("\n")[0]).toBe(
      "proposal 7 · single · Active · closes 2027-01-15T08:00:00.000Z (chain time; 1h 2m left)",
    );
    expect(text.split("\n").at(-1)).toBe("quorum 4 reached · not passing so far");
  });

  it("renderStatus() names a tie and says the result is final", () => {
    const lines = renderStatus(
      status({ state: "defeated", block: { number: 60n, timestamp: 1_800_000_001n } }),
    ).split("\n");
    expect(lines.slice(-2)).toEqual([
      "result: Defeated · tie between option 0 and option 1, no winner · quorum 4 met (participation 7 of 20)",
      "final: voting is over and the result stands; nothing more can happen to proposal 7.",
    ]);
  });

  it("renderStatus() follows an executable proposal: queued with its ETA, not yet final", () => {
    const passed = {
      executable: true,
      tally: { ...status().tally, tallies: [1n, 5n], leading: 1, passing: true },
    };
    const queued = status({
      ...passed,
      state: "queued",
      eta: 1_800_003_600n,
      block: { number: 61n, timestamp: 1_800_000_060n },
    });
    expect(renderStatus(queued).split("\n").slice(-2)).toEqual([
      "result: Succeeded · winner For · quorum 4 met (participation 7 of 20)",
      "queued in the timelock: executable from 2027-01-15T09:00:00.000Z (chain time; in 59m)",
    ]);
    expect(statusJson(queued)).toMatchObject({
      state: "queued",
      final: false,
      eta: 1_800_003_600n,
      result: { state: "succeeded", winner: 1, tie: [] },
    });
    const executed = renderStatus(status({ ...passed, state: "executed" }));
    expect(executed.split("\n").at(-1)).toBe(
      "final: it was executed; nothing more can happen to proposal 7.",
    );
  });

  it("statusJson() gives no winner to a defeated leader without quorum", () => {
    const tally = {
      ...status().tally,
      tallies: [0n, 2n],
      participation: 2n,
      quorumReached: false,
      leading: 1,
    };
    expect(statusJson(status({ state: "defeated", tally })).result).toEqual({
      state: "defeated",
      winner: null,
      tie: [],
      quorumReached: false,
    });
    expect(renderStatus(status({ state: "defeated", tally }))).toContain(
      "result: Defeated · no winner (option 1 has the most votes) · quorum 4 not met (participation 2 of 20)",
    );
  });
});
