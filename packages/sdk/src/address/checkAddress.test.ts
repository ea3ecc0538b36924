import { createClient, custom } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { castVote } from "../actions/castVote.ts";
import { getMember } from "../actions/getMember.ts";
import { checkAddress, InvalidAddressError } from "./checkAddress.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
// ALICE with its last digit changed (8 → 9): the mixed case no longer matches the checksum.
const TYPO = "0x70997970C51812dc3A010C7d01b50e0d17dc79C9";

describe("checkAddress", () => {
  it("checkAddress() accepts checksummed, all-lower and all-upper addresses and returns them checksummed", () => {
    expect(checkAddress(ALICE)).toBe(ALICE);
    expect(checkAddress(ALICE.toLowerCase())).toBe(ALICE);
    expect(checkAddress(`0x${ALICE.slice(2).toUpperCase()}`)).toBe(ALICE);
  });

  it.each([
    [
      TYPO,
      "checksum",
      `${TYPO} is not a valid address: its checksum does not match (did you mistype a character?)`,
    ],
    [
      "",
      "empty",
      '"" is not a valid address: it is empty (an address is 0x followed by 40 hex digits)',
    ],
    [
      undefined,
      "empty",
      "undefined is not a valid address: it is empty (an address is 0x followed by 40 hex digits)",
    ],
    [ALICE.slice(2), "prefix", `${ALICE.slice(2)} is not a valid address: it must start with 0x`],
    [
      "0x1234",
      "length",
      "0x1234 is not a valid address: it has 4 hex digits after 0x instead of 40",
    ],
    [
      `${ALICE}0`,
      "length",
      `${ALICE}0 is not a valid address: it has 41 hex digits after 0x instead of 40`,
    ],
    [
      `${ALICE.slice(0, 41)}g`,
      "hex",
      `${ALICE.slice(0, 41)}g is not a valid address: it contains "g", which is not a hex digit`,
    ],
    [` ${ALICE}`, "prefix", `" ${ALICE}" is not a valid address: it must start with 0x`],
  ])("checkAddress(%j) throws InvalidAddressError (%s)", (value, reason, message) => {
    let thrown: unknown;
    try {
      checkAddress(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidAddressError);
    expect(thrown).toMatchObject({ reason, value, shortMessage: message });
  });

  it("checkAddress() names the parameter when given one", () => {
    expect(() => checkAddress(TYPO, "community")).toThrow(
      `community ${TYPO} is not a valid address: its checksum does not match`,
    );
  });
});

describe("actions check their address parameters before any RPC call", () => {
  // A transport that counts what reaches it: any request would be an RPC call.
  const requests: string[] = [];
  const client = createClient({
    account: privateKeyToAccount(`0x${"11".repeat(32)}`),
    transport: custom({
      async request({ method }) {
        requests.push(method);
        throw new Error(`unexpected RPC call ${method}`);
      },
    }),
  });

  it("castVote() refuses a community with a checksum typo without calling the node", async () => {
    await expect(castVote(client, { community: TYPO, proposalId: 1n, option: 0 })).rejects.toThrow(
      new InvalidAddressError({ value: TYPO, reason: "checksum", parameter: "community" }),
    );
    expect(requests).toEqual([]);
  });

  it("getMember() refuses an account with a checksum typo without calling the node", async () => {
    const error = await getMember(client, { community: ALICE, account: TYPO }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidAddressError);
    expect(error.shortMessage).toBe(
      `account ${TYPO} is not a valid address: its checksum does not match (did you mistype a character?)`,
    );
    expect(requests).toEqual([]);
  });
});
