import { BaseError } from "../errors/base.ts";

/**
 * Base class of the anonymous-ballot helpers' errors (an SDK `BaseError`): identities, the group,
 * proofs and the relayer.
 * @example
 * import { AnonymousError } from "@plenum/sdk";
 * try {
 *   await voteAnonymously(client, { identity, community, proposalId: 12n, option: 1 });
 * } catch (error) {
 *   if (error instanceof AnonymousError) console.log(error.shortMessage);
 * }
 */
export class AnonymousError extends BaseError {
  override name = "AnonymousError";
}

/**
 * An encrypted identity could not be opened: a wrong passphrase, or a damaged or altered file.
 * @example
 * new IdentityDecryptionError().shortMessage; // "wrong passphrase, or the encrypted identity is damaged"
 */
export class IdentityDecryptionError extends AnonymousError {
  override name = "IdentityDecryptionError";

  constructor(parameters: { cause?: unknown; details?: string } = {}) {
    super("wrong passphrase, or the encrypted identity is damaged", parameters);
  }
}

/**
 * Something that should be a serialised or encrypted identity is not one (wrong format or version).
 * @example
 * new InvalidIdentityError("not an encrypted identity (unknown version 9)").shortMessage;
 */
export class InvalidIdentityError extends AnonymousError {
  override name = "InvalidIdentityError";
}

/**
 * The identity's commitment is not a leaf of the group a proof would be made against.
 * @example
 * new IdentityNotInGroupError({ commitment: 42n, proposalId: 12n }).shortMessage;
 * // "this identity is not in the group of proposal 12"
 */
export class IdentityNotInGroupError extends AnonymousError {
  override name = "IdentityNotInGroupError";
  readonly commitment: bigint;
  readonly proposalId: bigint | undefined;

  constructor({
    commitment,
    proposalId,
    recorded = true,
  }: {
    commitment: bigint;
    proposalId?: bigint | undefined;
    /** Whether the group is the one the proposal recorded (else: a group given for it). */
    recorded?: boolean;
  }) {
    const where =
      proposalId === undefined
        ? "the group"
        : recorded
          ? `the group of proposal ${proposalId}`
          : `the group given for proposal ${proposalId}`;
    super(`this identity is not in ${where}`, {
      details: `identity commitment ${commitment} is not a leaf of the group${
        proposalId === undefined
          ? ""
          : ". An identity registered (or a key changed) after the proposal was created cannot vote on it"
      }`,
    });
    this.commitment = commitment;
    this.proposalId = proposalId;
  }
}

/**
 * The group rebuilt from events does not have the root the chain recorded: the logs are incomplete
 * (a `fromBlock` after the community's creation) or come from another contract.
 * @example
 * new GroupRootMismatchError({ expected: 1n, rebuilt: 2n, proposalId: 12n }).shortMessage;
 * // "the group rebuilt from events does not match the root proposal 12 recorded"
 */
export class GroupRootMismatchError extends AnonymousError {
  override name = "GroupRootMismatchError";
  /** The root on the chain (recorded by the proposal, carried by an event, or `identityGroup()`). */
  readonly expected: bigint;
  /** The root of the group rebuilt from the logs. */
  readonly rebuilt: bigint;
  readonly proposalId: bigint | undefined;
  readonly blockNumber: bigint | undefined;

  constructor({
    expected,
    rebuilt,
    proposalId,
    blockNumber,
    logIndex,
  }: {
    expected: bigint;
    rebuilt: bigint;
    proposalId?: bigint | undefined;
    blockNumber?: bigint | undefined;
    logIndex?: number | undefined;
  }) {
    const what =
      proposalId !== undefined
        ? `the root proposal ${proposalId} recorded`
        : blockNumber !== undefined && logIndex !== undefined
          ? `the root of the event in block ${blockNumber} (log ${logIndex})`
          : "the community's current root";
    super(`the group rebuilt from events does not match ${what}`, {
      details: `expected root ${expected}, rebuilt ${rebuilt}. Fetch the logs from the block that created the community (or earlier).`,
    });
    this.expected = expected;
    this.rebuilt = rebuilt;
    this.proposalId = proposalId;
    this.blockNumber = blockNumber;
  }
}

/**
 * The identity events contradict each other (an index out of order, a replacement of an unknown
 * commitment): the log set is incomplete or not from a Plenum community.
 * @example
 * new GroupInconsistentLogsError({ reason: "IdentityRemoved of an unknown commitment", blockNumber: 5n, logIndex: 0 }).shortMessage;
 */
export class GroupInconsistentLogsError extends AnonymousError {
  override name = "GroupInconsistentLogsError";

  constructor({
    reason,
    blockNumber,
    logIndex,
  }: {
    reason: string;
    blockNumber: bigint;
    logIndex: number;
  }) {
    super(`inconsistent identity events: ${reason} (block ${blockNumber}, log ${logIndex})`, {
      details: "The log set is incomplete (check fromBlock) or does not come from this community.",
    });
  }
}

/**
 * The logs hold no `ProposalGroupRecorded` for the proposal: it is not anonymous, does not exist, or
 * the logs do not reach the block that created it.
 * @example
 * new ProposalGroupNotFoundError({ proposalId: 3n }).shortMessage;
 * // "proposal 3 has no recorded group: it is not an anonymous proposal (or the logs miss it)"
 */
export class ProposalGroupNotFoundError extends AnonymousError {
  override name = "ProposalGroupNotFoundError";
  readonly proposalId: bigint;

  constructor({ proposalId }: { proposalId: bigint }) {
    super(
      `proposal ${proposalId} has no recorded group: it is not an anonymous proposal (or the logs miss it)`,
    );
    this.proposalId = proposalId;
  }
}

/**
 * A proof's scope is not that of the proposal it is used for (another proposal, community or chain).
 * @example
 * new ProofForAnotherProposalError({ proposalId: 12n, expected: 1n, given: 2n }).shortMessage;
 * // "proof made for another proposal: its scope is not that of proposal 12"
 */
export class ProofForAnotherProposalError extends AnonymousError {
  override name = "ProofForAnotherProposalError";
  readonly proposalId: bigint;
  readonly expected: bigint;
  readonly given: bigint;

  constructor({
    proposalId,
    expected,
    given,
  }: {
    proposalId: bigint;
    expected: bigint;
    given: bigint;
  }) {
    super(`proof made for another proposal: its scope is not that of proposal ${proposalId}`, {
      details: `expected scope ${expected}, the proof has ${given}`,
    });
    this.proposalId = proposalId;
    this.expected = expected;
    this.given = given;
  }
}

/**
 * A proof is against another group root than the one the proposal recorded at creation.
 * @example
 * new ProofRootMismatchError({ proposalId: 12n, recorded: 1n, given: 2n }).shortMessage;
 * // "the proof is not against the group of proposal 12"
 */
export class ProofRootMismatchError extends AnonymousError {
  override name = "ProofRootMismatchError";
  readonly proposalId: bigint;
  readonly recorded: bigint;
  readonly given: bigint;

  constructor({
    proposalId,
    recorded,
    given,
  }: {
    proposalId: bigint;
    recorded: bigint;
    given: bigint;
  }) {
    super(`the proof is not against the group of proposal ${proposalId}`, {
      details: `proposal ${proposalId} recorded root ${recorded}; the proof is against ${given}`,
    });
    this.proposalId = proposalId;
    this.recorded = recorded;
    this.given = given;
  }
}

/**
 * A ballot that cannot be proven: an option out of range, or a circuit depth that cannot hold the group.
 * @example
 * new AnonymousBallotError("a proof of depth 2 cannot hold a group of depth 3").shortMessage;
 */
export class AnonymousBallotError extends AnonymousError {
  override name = "AnonymousBallotError";
}

/**
 * The Semaphore circuit files (wasm and zkey) for a depth could not be found.
 * @example
 * new SemaphoreArtifactsNotFoundError({ depth: 20, reason: "…" }).shortMessage;
 */
export class SemaphoreArtifactsNotFoundError extends AnonymousError {
  override name = "SemaphoreArtifactsNotFoundError";
  readonly depth: number;

  constructor({ depth, reason, cause }: { depth: number; reason: string; cause?: unknown }) {
    super(`the Semaphore circuit files for depth ${depth} were not found: ${reason}`, {
      cause,
      details:
        "In Node, install @zk-kit/semaphore-artifacts@4.13.0 (or pass `artifacts: { wasm, zkey }`); in a browser, serve semaphore-<depth>.wasm/.zkey and pass their URLs as `artifacts`.",
    });
    this.depth = depth;
  }
}

/**
 * An error answer of the ballot relayer (`{ error: { code, message, … } }`), or a relayer that could
 * not be reached (`code: "UNREACHABLE"`) or answered something unexpected (`code: "BAD_RESPONSE"`).
 * @example
 * import { RelayerError } from "@plenum/sdk";
 * try {
 *   await relayAnonymousBallot({ relayerUrl, community, proposalId, proof });
 * } catch (error) {
 *   if (error instanceof RelayerError && error.code === "RATE_LIMITED") console.log(error.retryAfter);
 * }
 */
export class RelayerError extends AnonymousError {
  override name = "RelayerError";
  /** The relayer's code (`INVALID_PROOF`, `SCOPE_MISMATCH`, `RATE_LIMITED`, …), `UNREACHABLE` or `BAD_RESPONSE`. */
  readonly code: string;
  /** The HTTP status (0 when the relayer could not be reached). */
  readonly status: number;
  /** The other fields of the error body. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Seconds to wait, from a `Retry-After` header. */
  readonly retryAfter: number | undefined;
  readonly url: string;

  constructor({
    code,
    message,
    status,
    url,
    body = {},
    retryAfter,
    cause,
  }: {
    code: string;
    message: string;
    status: number;
    url: string;
    body?: Record<string, unknown>;
    retryAfter?: number | undefined;
    cause?: unknown;
  }) {
    super(message, {
      cause,
      details: `${code}${status ? ` (HTTP ${status})` : ""} from ${url}`,
    });
    this.code = code;
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
    this.url = url;
  }

  /** Whether trying again later may succeed (the relayer's node, funds or load, or a rate limit). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.code === "RATE_LIMITED";
  }
}
