import { describe, expect, it } from "vitest";
import { accountId, decodeArgs, encodeArgs, toBigInt } from "./values.ts";

describe("values", () => {
  it("toBigInt() reads what either driver returns and refuses floats", () => {
    expect(
      toBigInt("115792089237316195423570985008687907853269984665640564039457584007913129639935"),
    ).toBe(2n ** 256n - 1n);
    expect(toBigInt(9_007_199_254_740_993n)).toBe(9_007_199_254_740_993n);
    expect(toBigInt(-7)).toBe(-7n);
    expect(() => toBigInt(1.5)).toThrow("Not an integer from the database: 1.5.");
    expect(() => toBigInt("1e3")).toThrow("Not an integer from the database: 1e3.");
    expect(() => toBigInt(2 ** 60)).toThrow();
  });

  it("encodeArgs() and decodeArgs() round-trip bigints, arrays and strings", () => {
    const args = {
      proposalId: 2n ** 255n,
      votes: [1, 0, 3],
      values: [0n, 10n ** 30n],
      metadataURI: "5n",
      calldatas: ["0x"],
    };
    const json = JSON.parse(JSON.stringify(encodeArgs(args)));
    expect(json.proposalId).toEqual({ $bigint: (2n ** 255n).toString() });
    expect(decodeArgs(json)).toEqual(args);
  });

  it("accountId() is CAIP-10 with a lowercase address", () => {
    expect(accountId(31337, "0x8EFa1819Ff5B279077368d44B593a4543280e402")).toBe(
      "eip155:31337:0x8efa1819ff5b279077368d44b593a4543280e402",
    );
  });
});
