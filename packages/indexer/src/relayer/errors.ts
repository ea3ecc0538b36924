import { type ErrorDetails, HttpError, type HttpErrorOptions } from "../server/errors.ts";

/** Every error code the relayer answers with, and its HTTP status. */
export const errorStatus = {
  /** Not JSON, wrong shape, wrong type, out-of-range value or an extra key. */
  MALFORMED_REQUEST: 400,
  /** A POST whose content type is not `application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The body is larger than the configured limit. */
  BODY_TOO_LARGE: 413,
  /** No such route. */
  NOT_FOUND: 404,
  /** The route exists for another method. */
  METHOD_NOT_ALLOWED: 405,
  /** The community is neither on the allow-list nor created by the configured factory. */
  UNKNOWN_COMMUNITY: 403,
  /** Too many requests from this client, or for this nullifier / voter. */
  RATE_LIMITED: 429,
  /** The community has no such proposal. */
  PROPOSAL_NOT_FOUND: 404,
  /** Voting has ended, or the proposal was canceled. */
  PROPOSAL_CLOSED: 409,
  /** The ballot's kind does not match the proposal's mode (e.g. a proof for a public proposal). */
  WRONG_MODE: 422,
  /** The proof's scope is not the proposal's `anonymousScope`. */
  SCOPE_MISMATCH: 422,
  /** The proof's Merkle root is not the group root the proposal recorded. */
  ROOT_MISMATCH: 422,
  /** The Groth16 proof does not verify. */
  INVALID_PROOF: 422,
  /** A signed ballot's option is not one of the proposal's (nor abstain / retract). */
  INVALID_OPTION: 422,
  /**
   * An anonymous proof's message is not `sequence << 8 | option` with an option of the proposal (or
   * abstain / retract) and a sequence from 1 to 2^64 − 1.
   */
  INVALID_MESSAGE: 422,
  /**
   * The proof's sequence is not above that of its nullifier's last ballot (on chain, or sent by this
   * relayer and not yet mined): an old proof sent again, or one overtaken by a newer ballot.
   */
  STALE_BALLOT: 409,
  /** A retraction for a ballot that does not exist. */
  NO_BALLOT: 409,
  /** The EIP-712 signature is not the voter's. */
  INVALID_SIGNATURE: 422,
  /** The signature's deadline has passed. */
  SIGNATURE_EXPIRED: 422,
  /** The signed nonce is not the voter's next one. */
  NONCE_MISMATCH: 409,
  /** The voter cannot vote on this proposal (not a member at the snapshot, too many credits, …). */
  BALLOT_REJECTED: 422,
  /** The simulation reverted for another reason; the message names the contract error. */
  SIMULATION_FAILED: 422,
  /** The transaction would need more gas than the relayer pays for. */
  GAS_LIMIT_EXCEEDED: 422,
  /** The relayer's account cannot pay for the transaction. */
  RELAYER_UNFUNDED: 503,
  /** The node could not be reached or did not answer in time. */
  RPC_UNAVAILABLE: 503,
  /** The node answered with an error. */
  RPC_ERROR: 502,
  /** `?wait=1`: the transaction was mined but reverted. */
  TRANSACTION_REVERTED: 502,
  /** `?wait=1`: no receipt in time (the transaction was sent and may still be mined). */
  RECEIPT_TIMEOUT: 504,
  /** Too many requests in flight; try again shortly. */
  OVERLOADED: 503,
  /** A bug: logged, and answered without internal detail. */
  INTERNAL: 500,
} as const;

/** A relayer error code. */
export type RelayerErrorCode = keyof typeof errorStatus;

/**
 * An error the relayer answers with: a code, its HTTP status, one plain sentence and details.
 * `retryable` errors (the node, the relayer's funds, load) may succeed if the client tries again.
 * The server's error handler writes it (see {@link HttpError}).
 * @example
 * throw new RelayerError("SCOPE_MISMATCH", "the proof was made for another proposal", { expected: "1", given: "2" });
 */
export class RelayerError extends HttpError<RelayerErrorCode> {
  override name = "RelayerError";

  constructor(
    code: RelayerErrorCode,
    message: string,
    details: ErrorDetails = {},
    options: HttpErrorOptions = {},
  ) {
    super(code, errorStatus[code], message, details, options);
  }
}
