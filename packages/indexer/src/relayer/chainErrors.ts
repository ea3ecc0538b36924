import { ContractRevertError, decodeContractError, walk } from "@plenum/sdk";
import { RelayerError, type RelayerErrorCode } from "./errors.ts";

/** The relayer's code for each contract error a ballot can revert with; others are SIMULATION_FAILED. */
const revertCodes: Record<string, RelayerErrorCode> = {
  AnonymousScopeMismatch: "SCOPE_MISMATCH",
  AnonymousRootMismatch: "ROOT_MISMATCH",
  AnonymousInvalidProof: "INVALID_PROOF",
  AnonymousUnsupportedDepth: "INVALID_PROOF",
  AnonymousInvalidMessage: "INVALID_MESSAGE",
  AnonymousStaleBallot: "STALE_BALLOT",
  AnonymousNoBallot: "NO_BALLOT",
  ProposalNotFound: "PROPOSAL_NOT_FOUND",
  VotingClosed: "PROPOSAL_CLOSED",
  VotingProposalCanceled: "PROPOSAL_CLOSED",
  VotingWrongMode: "WRONG_MODE",
  VotingInvalidOption: "INVALID_OPTION",
  VotingInvalidSignature: "INVALID_SIGNATURE",
  VotingSignatureExpired: "SIGNATURE_EXPIRED",
  InvalidAccountNonce: "NONCE_MISMATCH",
  VotingNotMemberAtSnapshot: "BALLOT_REJECTED",
  VotingQuadraticCreditsExceeded: "BALLOT_REJECTED",
  VotingInvalidVoteCount: "BALLOT_REJECTED",
  VotingNoBallot: "NO_BALLOT",
  VotingEmptyBatch: "BALLOT_REJECTED",
};

/** Error names viem gives to failures of the transport rather than answers of the node. */
const transportErrors = new Set([
  "HttpRequestError",
  "TimeoutError",
  "SocketClosedError",
  "WebSocketRequestError",
]);

/** Whether `error` (or any cause) is the node being unreachable, dropping or timing out. */
export function isTransportError(error: unknown): boolean {
  return (
    walk(error, (link) => {
      if (!link || typeof link !== "object") return false;
      const { name, code } = link as { name?: unknown; code?: unknown };
      if (typeof name === "string" && transportErrors.has(name)) return true;
      return typeof code === "string" && /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|UND_ERR)/.test(code);
    }) !== null
  );
}

function messageChain(error: unknown): string {
  const parts: string[] = [];
  walk(error, (link) => {
    if (link && typeof link === "object") {
      const { shortMessage, details, message } = link as Record<string, unknown>;
      for (const text of [shortMessage, details, message]) {
        if (typeof text === "string") parts.push(text);
      }
    }
    return false;
  });
  return parts.join("\n");
}

/** JSON-safe copies of decoded contract-error arguments (bigints as decimal strings). */
export function plainArgs(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(plainArgs);
  return value;
}

/**
 * Turns a failed read, simulation or send into the relayer's answer: a contract revert decoded
 * with the SDK's ABIs (its code, the contract error's name and plain message), the node being
 * unreachable (503), the relayer being out of funds (503) or another node error (502).
 */
export function toRelayerError(
  error: unknown,
  context: { functionName?: string; address?: `0x${string}` } = {},
): RelayerError {
  if (error instanceof RelayerError) return error;
  const decoded = decodeContractError(error, context);
  if (decoded instanceof ContractRevertError && decoded.errorName !== "Error") {
    const code = revertCodes[decoded.errorName] ?? "SIMULATION_FAILED";
    const args = plainArgs(decoded.args) as unknown[];
    return new RelayerError(
      code,
      `${decoded.shortMessage} (the contract reverts with ${decoded.errorName})`,
      {
        contractError: { name: decoded.errorName, args },
        // AnonymousStaleBallot(proposalId, nullifier, sequence, lastSequence): the client's next
        // proof needs a sequence above lastSequence.
        ...(code === "STALE_BALLOT" ? { lastSequence: args[3] } : {}),
      },
      { cause: error },
    );
  }
  if (isTransportError(error)) {
    return new RelayerError(
      "RPC_UNAVAILABLE",
      "the relayer could not reach its node; try again shortly",
      {},
      { retryAfter: 5, cause: error },
    );
  }
  const text = messageChain(error);
  if (/insufficient funds|gas required exceeds allowance/i.test(text)) {
    return new RelayerError(
      "RELAYER_UNFUNDED",
      "the relayer's account cannot pay for this transaction",
      {},
      { retryAfter: 60, cause: error },
    );
  }
  if (decoded instanceof ContractRevertError || /revert/i.test(text)) {
    return new RelayerError(
      "SIMULATION_FAILED",
      `the transaction would fail: ${decoded.shortMessage}`,
      {},
      { cause: error },
    );
  }
  return new RelayerError(
    "RPC_ERROR",
    "the relayer's node answered with an error; try again later",
    {},
    { retryAfter: 5, cause: error },
  );
}
