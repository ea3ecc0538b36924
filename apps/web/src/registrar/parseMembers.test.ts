import { describe, expect, it } from "vitest";
import { checkMembersCsv } from "./parseMembers.ts";

describe("checkMembersCsv", () => {
  it("checkMembersCsv() gives the rows of a good file, header allowed", () => {
    const result = checkMembersCsv(
      "address,weight\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,4\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", weight: 4n, line: 2 },
        { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", weight: 1n, line: 3 },
      ],
    });
  });
  it("checkMembersCsv() names every bad line by number", () => {
    const result = checkMembersCsv(
      "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,4\n0x12345,2\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatch(/^line 2: /);
    expect(result.problems[1]).toBe("line 3: weight 0 is outside 1..2^64-1");
  });
});
