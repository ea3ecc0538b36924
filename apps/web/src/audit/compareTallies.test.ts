import { describe, expect, it } from "vitest";
import { compareTallies } from "./compareTallies.ts";

const chain = { tallies: [10n, 77n], abstain: 2n, participation: 89n, totalMass: 153n };

describe("compareTallies", () => {
  it("compareTallies() matches when the contract, the recount and the indexer agree", () => {
    const indexer = { tallies: ["10", "77"], abstain: "2", participation: "89", totalMass: "153" };
    const { match, rows } = compareTallies(chain, { ...chain }, indexer);
    expect(match).toBe(true);
    expect(rows.map((r) => r.key)).toEqual([
      "option 0",
      "option 1",
      "abstain",
      "participation",
      "total mass",
    ]);
  });
  it("compareTallies() flags the line that differs, and a missing indexer tally", () => {
    const recount = { ...chain, tallies: [10n, 74n] };
    const { match, rows } = compareTallies(chain, recount, chain);
    expect(match).toBe(false);
    expect(rows.filter((r) => !r.matches).map((r) => r.key)).toEqual(["option 1"]);
    expect(compareTallies(chain, chain, undefined).match).toBe(false);
  });
});
