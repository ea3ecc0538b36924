/** Options of a {@link BaseError}: what caused it and any technical detail worth logging. */
export interface BaseErrorParameters {
  /** The error this one explains (a viem error, an RPC error, …). */
  cause?: unknown;
  /** Technical detail for logs; defaults to the cause's message. */
  details?: string | undefined;
  /** Overrides the error's `name`. */
  name?: string | undefined;
}

/** Every error the SDK throws: a short plain message for people, details and the cause for logs. */
export type BaseErrorType = BaseError & { name: "BaseError" };

/**
 * The SDK's one error class: `shortMessage` is what a person reads, `details` and `cause` are for logs.
 * @example
 * import { BaseError } from "@plenum/sdk";
 * try {
 *   await castVote(client, { community, proposalId: 1n, option: 0 });
 * } catch (error) {
 *   if (error instanceof BaseError) console.log(error.shortMessage);
 * }
 */
export class BaseError extends Error {
  /** One plain sentence, fit to show a user. */
  shortMessage: string;
  /** Technical detail (the cause's message, a decoded signature, …). */
  details: string | undefined;

  override name = "BaseError";

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const details = parameters.details ?? detailsOf(parameters.cause);
    super(
      details && details !== shortMessage ? `${shortMessage}\n\nDetails: ${details}` : shortMessage,
      parameters.cause === undefined ? undefined : { cause: parameters.cause },
    );
    this.shortMessage = shortMessage;
    this.details = details;
    if (parameters.name) this.name = parameters.name;
  }

  /**
   * Follows `cause` links: without `fn`, returns the deepest error; with it, the first error for which
   * `fn` is true (or `null`).
   * @example
   * const revert = error.walk((e) => e instanceof ContractRevertError);
   */
  walk(): unknown;
  walk(fn: (error: unknown) => boolean): unknown;
  walk(fn?: (error: unknown) => boolean): unknown {
    return walk(this, fn);
  }
}

function detailsOf(cause: unknown): string | undefined {
  if (cause instanceof BaseError) return cause.details ?? cause.shortMessage;
  if (cause && typeof cause === "object") {
    const { shortMessage, details, message } = cause as Record<string, unknown>;
    if (typeof details === "string" && details) return details;
    if (typeof shortMessage === "string" && shortMessage) return shortMessage;
    if (typeof message === "string" && message) return message;
  }
  return undefined;
}

/**
 * Follows the `cause` chain of any error; returns the first link `fn` accepts (or `null`), or without
 * `fn` the deepest link.
 * @example
 * const deepest = walk(error);
 */
export function walk(error: unknown, fn?: (error: unknown) => boolean): unknown {
  let current = error;
  const seen = new Set<unknown>();
  for (;;) {
    if (fn?.(current)) return current;
    seen.add(current);
    const next =
      current && typeof current === "object" && "cause" in current
        ? (current as { cause: unknown }).cause
        : undefined;
    if (next === undefined || next === null || seen.has(next)) return fn ? null : current;
    current = next;
  }
}
