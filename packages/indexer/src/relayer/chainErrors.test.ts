import { liquidGovernorAbi } from "@plenum/sdk";
import { encodeErrorResult } from "viem";
import { describe, expect, it } from "vitest";
import { toRelayerError } from "./chainErrors.ts";

/** A node's revert as viem reports it: the revert data somewhere on the error. */
function revert(errorName: string, args: readonly unknown[]) {
  return {
    name: "CallExecutionError",
    data: encodeErrorResult({ abi: liquidGovernorAbi, errorName, args } as never),
  };
}

describe("toRelayerError", () => {
  it("toRelayerError() maps AnonymousStaleBallot to STALE_BALLOT (409) with the last sequence", () => {
    const error = toRelayerError(revert("AnonymousStaleBallot", [12n, 99n, 1n, 2n]));
    expect(error).toMatchObject({ code: "STALE_BALLOT", status: 409 });
    expect(error.details).toEqual({
      contractError: { name: "AnonymousStaleBallot", args: ["12", "99", "1", "2"] },
      lastSequence: "2",
    });
    expect(error.message).toMatch(/\(the contract reverts with AnonymousStaleBallot\)$/);
  });

  it("toRelayerError() maps AnonymousInvalidMessage to INVALID_MESSAGE (422)", () => {
    const error = toRelayerError(revert("AnonymousInvalidMessage", [12n, 7n, 3]));
    expect(error).toMatchObject({ code: "INVALID_MESSAGE", status: 422 });
    expect(error.details).toEqual({
      contractError: { name: "AnonymousInvalidMessage", args: ["12", "7", 3] },
    });
  });
});
