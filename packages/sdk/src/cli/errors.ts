// The CLI's exit codes and the one place that maps an error to a code and a plain sentence. Every
// command fails through `describeFailure`, so the table below holds everywhere:
//
//   0  done; for `verify`, the recount matches the contract
//   1  a failed transaction, or a node / RPC error (an unreachable node included)
//   2  bad input: flags, files, addresses, values
//   3  `verify`: the recount differs from the contract
//   4  not found: no such proposal; --community is not a contract or not a Plenum community; not a
//      member (or no identity) where one is required
import { InvalidAddressError } from "../address/checkAddress.ts";
import {
  GroupRootMismatchError,
  IdentityNotInGroupError,
  ProposalGroupNotFoundError,
} from "../anonymous/errors.ts";
import { BaseError, walk } from "../errors/base.ts";
import { ContractRevertError } from "../errors/contractRevert.ts";
import { IndexedProposalNotFoundError, IndexerError } from "../indexer/errors.ts";
import { CliInputError } from "../input/inputError.ts";
import {
  ProposalNotFoundInLogsError,
  RecountBlockBeforeProposalError,
  RecountIncompleteLogsError,
} from "../recount/errors.ts";

/** The exit codes, by meaning. */
export const EXIT = {
  ok: 0,
  failed: 1,
  badInput: 2,
  mismatch: 3,
  notFound: 4,
} as const;

/** One of the CLI's exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Something the user named does not exist: a proposal, a community (no contract, or not a Plenum
 * one at that address), a membership or identity the command needs. Exit code 4.
 * @example
 * throw new CliNotFoundError("--community 0x… is not a contract on chain 31337");
 */
export class CliNotFoundError extends Error {
  override readonly name = "CliNotFoundError";
}

/**
 * A transaction failed, or the node could not be reached or gave no usable answer. Exit code 1.
 * @example
 * throw new CliFailedError("cannot reach an Ethereum node at http://127.0.0.1:8545");
 */
export class CliFailedError extends Error {
  override readonly name = "CliFailedError";
}

// Contract errors that say "no such thing" rather than "not allowed now".
const notFoundReverts = new Set<string>([
  "ProposalNotFound",
  "MembershipNotMember",
  "VotingNotMemberAtSnapshot",
  "DelegationDelegatorNotMember",
  "DelegationDelegateeNotMember",
  "IdentityNotRegistered",
]);

// Contract errors about a value the user typed (an option the proposal lacks, a topic that does not
// exist, …) rather than about the chain's state: bad input.
const badInputReverts = new Set<string>([
  "VotingInvalidOption",
  "VotingInvalidVoteCount",
  "VotingWrongMode",
  "ProposalInvalidOptionCount",
  "ProposalVotingPeriodTooShort",
  "ProposalInvalidSetting",
  "DelegationUnknownTopic",
  "DelegationToSelf",
  "DelegationInvalidLimit",
  "MembershipZeroWeight",
  "MembershipZeroAddress",
]);

/** What the CLI reports for a failure. */
export interface Failure {
  code: ExitCode;
  /** One plain sentence per line; a file with several bad lines gives one line each. */
  lines: string[];
}

/** Where the CLI was talking to, to make node errors concrete. */
export interface FailureContext {
  rpcUrl?: string | undefined;
}

/**
 * Maps any error a command throws to its exit code and what to print: the CLI's own errors carry
 * both; SDK errors give their plain `shortMessage`; node failures and anything unexpected become a
 * sentence about the situation, never a library's raw text.
 * @example
 * const { code, lines } = describeFailure(error, { rpcUrl });
 */
export function describeFailure(error: unknown, context: FailureContext = {}): Failure {
  // The CLI's own errors may come back wrapped by viem and the SDK (the community check runs inside
  // the clients' transport): the innermost one decides.
  const own = walk(
    error,
    (link) =>
      link instanceof CliInputError ||
      link instanceof CliNotFoundError ||
      link instanceof CliFailedError,
  );
  if (own && own !== error) return describeFailure(own, context);
  if (error instanceof CliInputError) return { code: EXIT.badInput, lines: error.problems };
  if (error instanceof InvalidAddressError) {
    return { code: EXIT.badInput, lines: [error.shortMessage] };
  }
  if (error instanceof CliNotFoundError) return { code: EXIT.notFound, lines: [error.message] };
  if (error instanceof CliFailedError) return { code: EXIT.failed, lines: [error.message] };
  if (error instanceof ProposalNotFoundInLogsError) {
    return {
      code: EXIT.notFound,
      lines: [
        `proposal ${error.proposalId} is not in the community's logs: it does not exist, or --from-block starts after it was created`,
      ],
    };
  }
  if (
    error instanceof IdentityNotInGroupError ||
    error instanceof ProposalGroupNotFoundError ||
    (error instanceof ContractRevertError && notFoundReverts.has(error.errorName))
  ) {
    return { code: EXIT.notFound, lines: [sentence(error.shortMessage)] };
  }
  if (error instanceof ContractRevertError && badInputReverts.has(error.errorName)) {
    return { code: EXIT.badInput, lines: [sentence(error.shortMessage)] };
  }
  if (error instanceof RecountIncompleteLogsError) {
    return {
      code: EXIT.badInput,
      lines: [
        `${sentence(error.shortMessage)}: the logs start too late, pass an earlier --from-block (the community's creation block)`,
      ],
    };
  }
  if (error instanceof RecountBlockBeforeProposalError) {
    return { code: EXIT.badInput, lines: [sentence(error.shortMessage)] };
  }
  // Before the node checks: an unreachable indexer carries the same ECONNREFUSED as a node.
  if (error instanceof IndexedProposalNotFoundError) {
    return { code: EXIT.notFound, lines: [sentence(error.shortMessage)] };
  }
  if (error instanceof IndexerError) {
    return {
      code: EXIT.failed,
      lines: [
        error.code === "UNREACHABLE"
          ? `${sentence(error.shortMessage)} (is it running? set --indexer or PLENUM_INDEXER_URL)`
          : sentence(error.shortMessage),
      ],
    };
  }
  if (isUnreachable(error)) {
    return {
      code: EXIT.failed,
      lines: [
        `the Ethereum node${context.rpcUrl ? ` at ${context.rpcUrl}` : ""} did not answer (is it running? set --rpc or PLENUM_RPC_URL)`,
      ],
    };
  }
  if (error instanceof ContractRevertError || error instanceof GroupRootMismatchError) {
    return { code: EXIT.failed, lines: [sentence(error.shortMessage)] };
  }
  if (error instanceof BaseError && !isViemText(error)) {
    return { code: EXIT.failed, lines: [sentence(error.shortMessage)] };
  }
  return {
    code: EXIT.failed,
    lines: [
      "the node rejected the request or gave an answer the CLI cannot read (set PLENUM_DEBUG=1 to see the underlying error)",
    ],
  };
}

/** The message as a sentence fragment: no trailing period, lower-case start unless a name. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.$/, "");
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]?.toLowerCase() + trimmed.slice(1) : trimmed;
}

// viem names of transport failures: the node is down, refused, timed out or answered with HTTP
// errors.
const transportErrors = new Set(["HttpRequestError", "TimeoutError", "WebSocketRequestError"]);

function isUnreachable(error: unknown): boolean {
  return (
    walk(error, (link) => {
      const { name, code } = (link ?? {}) as { name?: unknown; code?: unknown };
      return (
        (typeof name === "string" && transportErrors.has(name)) ||
        code === "ECONNREFUSED" ||
        code === "ENOTFOUND" ||
        code === "ECONNRESET"
      );
    }) !== null
  );
}

/**
 * Whether an SDK error only carries a library's text: `decodeContractError` wraps foreign errors in a
 * `BaseError` with their own `shortMessage`, which is not written for people.
 */
function isViemText(error: BaseError): boolean {
  const cause = error.cause as { shortMessage?: unknown; message?: unknown } | undefined;
  if (!cause || cause instanceof BaseError) return false;
  return error.shortMessage === cause.shortMessage || error.shortMessage === cause.message;
}
