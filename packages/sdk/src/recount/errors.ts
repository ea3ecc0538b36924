import type { Address } from "viem";
import { BaseError } from "../errors/base.ts";

/**
 * Base class of the recount's errors (an SDK `BaseError`): a short plain message, details, the cause.
 *
 * @example
 * ```ts
 * try {
 *   buildProposalState([], 1n);
 * } catch (error) {
 *   if (error instanceof RecountError) console.error(error.shortMessage);
 * }
 * ```
 */
export class RecountError extends BaseError {
  override name = "RecountError";
}

/**
 * The logs hold no `ProposalCreated` for the proposal (wrong community, id or `fromBlock`).
 *
 * @example
 * ```ts
 * new ProposalNotFoundInLogsError({ proposalId: 7n }).shortMessage;
 * // => "Proposal 7 is not in the community's logs."
 * ```
 */
export class ProposalNotFoundInLogsError extends RecountError {
  override name = "ProposalNotFoundInLogsError";
  readonly proposalId: bigint;

  constructor({ proposalId }: { proposalId: bigint }) {
    super(`Proposal ${proposalId} is not in the community's logs.`, {
      details:
        "Check the community address and the proposal id, and that the log range reaches the block that created it.",
    });
    this.proposalId = proposalId;
  }
}

/**
 * The block asked for comes before the proposal existed, so it has no tally there.
 *
 * @example
 * ```ts
 * new RecountBlockBeforeProposalError({ proposalId: 2n, blockNumber: 9n, createdAt: 12n }).shortMessage;
 * // => "Proposal 2 was created in block 12, after block 9."
 * ```
 */
export class RecountBlockBeforeProposalError extends RecountError {
  override name = "RecountBlockBeforeProposalError";

  constructor({
    proposalId,
    blockNumber,
    createdAt,
  }: { proposalId: bigint; blockNumber: bigint; createdAt: bigint }) {
    super(`Proposal ${proposalId} was created in block ${createdAt}, after block ${blockNumber}.`);
  }
}

/**
 * The proposal has a vote mode this SDK does not know (a newer contract than the SDK).
 *
 * @example
 * ```ts
 * new RecountUnsupportedModeError({ proposalId: 3n, mode: 7 }).shortMessage;
 * // => "Proposal 3 has vote mode 7, which the recount does not support."
 * ```
 */
export class RecountUnsupportedModeError extends RecountError {
  override name = "RecountUnsupportedModeError";

  constructor({ proposalId, mode }: { proposalId: bigint; mode: number }) {
    super(`Proposal ${proposalId} has vote mode ${mode}, which the recount does not support.`, {
      details:
        "Update @plenum/sdk: the community's contracts know a vote mode this version does not.",
    });
  }
}

/**
 * A state builder was given a proposal of the other kind: `buildProposalState` rebuilds public
 * (single-choice and quadratic) proposals, `buildAnonymousProposalState` anonymous ones.
 * `recountProposal` and `verifyProposal` choose the right one themselves.
 *
 * @example
 * ```ts
 * new RecountModeMismatchError({ proposalId: 3n, mode: "anonymous", builder: "buildProposalState" })
 *   .shortMessage;
 * // => "Proposal 3 is anonymous: buildProposalState cannot rebuild it."
 * ```
 */
export class RecountModeMismatchError extends RecountError {
  override name = "RecountModeMismatchError";
  readonly mode: "single" | "quadratic" | "anonymous";

  constructor({
    proposalId,
    mode,
    builder,
  }: {
    proposalId: bigint;
    mode: "single" | "quadratic" | "anonymous";
    builder: "buildProposalState" | "buildAnonymousProposalState";
  }) {
    super(`Proposal ${proposalId} is ${mode}: ${builder} cannot rebuild it.`, {
      details:
        mode === "anonymous"
          ? "Use buildAnonymousProposalState (or recountProposal, which chooses for you)."
          : "Use buildProposalState (or recountProposal, which chooses for you).",
    });
    this.mode = mode;
  }
}

/**
 * The logs start too late: something the contract must have emitted before the snapshot is missing.
 *
 * @example
 * ```ts
 * new RecountIncompleteLogsError("Topic 2 was never created in these logs.").shortMessage;
 * // => "Topic 2 was never created in these logs."
 * ```
 */
export class RecountIncompleteLogsError extends RecountError {
  override name = "RecountIncompleteLogsError";

  constructor(shortMessage: string) {
    super(shortMessage, {
      details:
        "Fetch the logs from the block that deployed the community (or earlier), not from a later block.",
    });
  }
}

/**
 * The logs contradict each other (a removed non-member, a wrong previous weight or delegate, a ballot
 * from a non-member, an anonymous retraction without a ballot): the log set is incomplete or was
 * tampered with. `account` names the member involved, or `nullifier` the anonymous ballot.
 *
 * @example
 * ```ts
 * new RecountInconsistentLogsError({
 *   reason: "MemberRemoved for a non-member",
 *   account: "0x0000000000000000000000000000000000000001",
 *   blockNumber: 5n,
 *   logIndex: 0,
 * }).shortMessage;
 * // => "Inconsistent logs: MemberRemoved for a non-member (0x0000000000000000000000000000000000000001, block 5, log 0)."
 * new RecountInconsistentLogsError({
 *   reason: "AnonymousVoteRetracted without a ballot",
 *   nullifier: 0x2an,
 *   blockNumber: 9n,
 *   logIndex: 1,
 * }).shortMessage;
 * // => "Inconsistent logs: AnonymousVoteRetracted without a ballot (nullifier 0x2a, block 9, log 1)."
 * ```
 */
export class RecountInconsistentLogsError extends RecountError {
  override name = "RecountInconsistentLogsError";
  readonly blockNumber: bigint;
  readonly logIndex: number;

  constructor({
    reason,
    account,
    nullifier,
    blockNumber,
    logIndex,
  }: {
    reason: string;
    account?: Address | undefined;
    nullifier?: bigint | undefined;
    blockNumber: bigint;
    logIndex: number;
  }) {
    const who =
      account ?? (nullifier === undefined ? undefined : `nullifier 0x${nullifier.toString(16)}`);
    super(
      `Inconsistent logs: ${reason} (${who ? `${who}, ` : ""}block ${blockNumber}, log ${logIndex}).`,
      {
        details: "The log set is incomplete (check fromBlock) or does not come from this contract.",
      },
    );
    this.blockNumber = blockNumber;
    this.logIndex = logIndex;
  }
}

/**
 * Fetching logs or blocks kept failing after every retry.
 *
 * @example
 * ```ts
 * new LogFetchError({ fromBlock: 0n, toBlock: 99n, attempts: 5, cause: new Error("timeout") })
 *   .shortMessage;
 * // => "Could not fetch blocks 0 to 99 after 5 attempts."
 * ```
 */
export class LogFetchError extends RecountError {
  override name = "LogFetchError";
  readonly fromBlock: bigint;
  readonly toBlock: bigint;

  constructor({
    fromBlock,
    toBlock,
    attempts,
    cause,
  }: { fromBlock: bigint; toBlock: bigint; attempts: number; cause: unknown }) {
    super(`Could not fetch blocks ${fromBlock} to ${toBlock} after ${attempts} attempts.`, {
      cause,
    });
    this.fromBlock = fromBlock;
    this.toBlock = toBlock;
  }
}

/**
 * A subgraph query failed: the endpoint could not be reached, answered an HTTP error, or returned
 * GraphQL errors (for instance a block it has not indexed yet).
 *
 * @example
 * ```ts
 * new SubgraphQueryError("the subgraph answered HTTP 502", { cause: new Error("bad gateway") }).shortMessage;
 * // => "the subgraph answered HTTP 502"
 * ```
 */
export class SubgraphQueryError extends RecountError {
  override name = "SubgraphQueryError";
}
