// The relayer's refusals (its `code`, passed on by the app's relayer routes) in plain words.
import { RelayerError } from "@plenum/sdk";
import { txErrorMessage } from "../ballot/txMessages.ts";

/** Plain sentences for the relayer's codes that a member can act on. */
const MESSAGES: Record<string, string> = {
  INVALID_SIGNATURE:
    "The relayer could not match the signature to your ballots. Nothing was sent; sign again.",
  SIGNATURE_EXPIRED:
    "Your signature expired before the relayer could send it. Nothing was sent; sign again.",
  NONCE_MISMATCH:
    "Another signed ballot of yours was counted first, so this signature is no longer valid. Sign again.",
  PROPOSAL_CLOSED: "Voting has ended on one of these bills. Nothing was sent.",
  PROPOSAL_NOT_FOUND: "One of these bills does not exist on chain. Nothing was sent.",
  NO_BALLOT: "You have no ballot to retract on one of these bills. Nothing was sent.",
  UNKNOWN_COMMUNITY: "This relayer does not serve this community.",
  RELAYER_UNFUNDED:
    "The relayer cannot pay for the transaction right now. Send the ballots in one transaction instead.",
  GAS_LIMIT_EXCEEDED:
    "The batch needs more gas than the relayer pays for. Send fewer bills, or send them in one transaction.",
  BODY_TOO_LARGE: "The batch is too large for the relayer. Send fewer bills at once.",
  UNREACHABLE:
    "The relayer could not be reached. Try again, or send the ballots in one transaction.",
  RPC_UNAVAILABLE: "The relayer cannot reach the chain right now. Try again shortly.",
  OVERLOADED: "The relayer is busy. Try again shortly.",
};

/**
 * A person-readable reason why signing or relaying ballots failed: the relayer's code as a plain
 * sentence (rate limits with their wait), a declined signature, or the SDK's words.
 * @example
 * relayerErrorMessage(new RelayerError({ code: "SIGNATURE_EXPIRED", message: "…", status: 422, url: "" }))
 * // "Your signature expired before the relayer could send it. Nothing was sent; sign again."
 */
export function relayerErrorMessage(error: unknown): string {
  if (error instanceof RelayerError) {
    if (error.code === "RATE_LIMITED") {
      const wait = error.retryAfter;
      return wait === undefined
        ? "The relayer is limiting requests from you. Try again in a minute."
        : `The relayer is limiting requests from you. Try again in ${wait} s.`;
    }
    const known = MESSAGES[error.code];
    if (known) return known;
    // BALLOT_REJECTED, SIMULATION_FAILED, INVALID_OPTION…: the relayer's sentence names the reason.
    return `The relayer refused the ballots: ${error.shortMessage.replace(/\.$/, "")}.`;
  }
  if (isRejection(error)) return "You declined to sign in your wallet. Nothing was sent.";
  return txErrorMessage(error);
}

function isRejection(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === 4001) return true;
    if (/user rejected|user denied|rejected the request/i.test(e.message)) return true;
  }
  return false;
}
