// The relayer's codes, a declined signature and other failures as the bill-by-bill page words them.
import { BaseError, RelayerError } from "@plenum/sdk";
import { describe, expect, it } from "vitest";
import { relayerErrorMessage } from "./relayerMessages.ts";

const refusal = (code: string, message = "x", retryAfter?: number) =>
  new RelayerError({
    code,
    message,
    status: 422,
    url: "http://app/api/relayer/v1/signed-ballots",
    retryAfter,
  });

describe("relayerErrorMessage", () => {
  it("words an expired signature, a stale nonce and a bad signature", () => {
    expect(relayerErrorMessage(refusal("SIGNATURE_EXPIRED"))).toBe(
      "Your signature expired before the relayer could send it. Nothing was sent; sign again.",
    );
    expect(relayerErrorMessage(refusal("NONCE_MISMATCH"))).toBe(
      "Another signed ballot of yours was counted first, so this signature is no longer valid. Sign again.",
    );
    expect(relayerErrorMessage(refusal("INVALID_SIGNATURE"))).toBe(
      "The relayer could not match the signature to your ballots. Nothing was sent; sign again.",
    );
  });

  it("gives the wait of a rate limit", () => {
    expect(relayerErrorMessage(refusal("RATE_LIMITED", "slow down", 17))).toBe(
      "The relayer is limiting requests from you. Try again in 17 s.",
    );
  });

  it("passes the relayer's own sentence for a rejected ballot", () => {
    expect(
      relayerErrorMessage(refusal("BALLOT_REJECTED", "the voter was not a member at the snapshot")),
    ).toBe("The relayer refused the ballots: the voter was not a member at the snapshot.");
  });

  it("recognises a signature declined in the wallet, however deep the SDK wrapped it", () => {
    const declined = Object.assign(new Error("User rejected the request."), { code: 4001 });
    const wrapped = new BaseError("signing the ballots failed: User rejected the request.", {
      cause: declined,
    });
    expect(relayerErrorMessage(wrapped)).toBe(
      "You declined to sign in your wallet. Nothing was sent.",
    );
  });
});
