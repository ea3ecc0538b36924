// The indexer's errors (STYLE.md "Errors"): each is retryable (the node or the database may answer
// later: retry with backoff, or restart the service) or fatal (configuration, a chain that broke the
// finality assumption, a bug: retrying cannot help, stop and tell the operator).
import { BaseError } from "@plenum/sdk";

/**
 * Base of the indexer's errors: `retryable` says whether trying again later can succeed.
 *
 * @example
 * ```ts
 * try { for await (const step of sync) await store.apply(step); }
 * catch (error) { if (error instanceof IndexerError && error.retryable) scheduleRestart(); else throw error; }
 * ```
 */
export abstract class IndexerError extends BaseError {
  override name = "IndexerError";
  abstract readonly retryable: boolean;
}

/**
 * Something outside the indexer failed for now (the node timed out, refused the connection, rate
 * limited us): the same work may succeed later.
 *
 * @example
 * ```ts
 * throw new RetryableError("The node did not answer eth_getLogs.", { cause });
 * ```
 */
export class RetryableError extends IndexerError {
  override name = "RetryableError";
  readonly retryable = true;
}

/**
 * Retrying cannot help: bad configuration, the wrong chain, a node that rejects our requests as
 * invalid, a reorg deeper than the finality depth, or a bug.
 *
 * @example
 * ```ts
 * throw new FatalError("The factory address has no code on this chain.");
 * ```
 */
export class FatalError extends IndexerError {
  override name = "FatalError";
  readonly retryable = false;
}

/**
 * The node kept failing a request after every retry (timeouts, 429, 5xx, dropped connections).
 *
 * @example
 * ```ts
 * new RpcUnavailableError({ method: "eth_getLogs", attempts: 10, cause }).shortMessage;
 * // => "The node failed eth_getLogs 10 times in a row."
 * ```
 */
export class RpcUnavailableError extends RetryableError {
  override name = "RpcUnavailableError";
  readonly method: string;

  constructor({ method, attempts, cause }: { method: string; attempts: number; cause: unknown }) {
    super(`The node failed ${method} ${attempts} times in a row.`, { cause });
    this.method = method;
  }
}

/**
 * The node refused a request as invalid (bad params, unknown method, unauthorised): fatal.
 *
 * @example
 * ```ts
 * new RpcRejectedError({ method: "eth_getLogs", cause }).shortMessage;
 * // => "The node rejected eth_getLogs."
 * ```
 */
export class RpcRejectedError extends FatalError {
  override name = "RpcRejectedError";
  readonly method: string;

  constructor({ method, cause }: { method: string; cause: unknown }) {
    super(`The node rejected ${method}.`, { cause });
    this.method = method;
  }
}

/**
 * Invalid configuration; `problems` lists each one in a sentence.
 *
 * @example
 * ```ts
 * new InvalidConfigError(["chunkSize must be a positive integer"]).problems; // => ["chunkSize must be a positive integer"]
 * ```
 */
export class InvalidConfigError extends FatalError {
  override name = "InvalidConfigError";
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join("; ")}.`);
    this.problems = problems;
  }
}

/**
 * The node serves another chain than the one configured.
 *
 * @example
 * ```ts
 * new ChainMismatchError({ expected: 1, actual: 31337 }).shortMessage;
 * // => "The node is on chain 31337, not chain 1."
 * ```
 */
export class ChainMismatchError extends FatalError {
  override name = "ChainMismatchError";
  readonly expected: number;
  readonly actual: number;

  constructor({ expected, actual }: { expected: number; actual: number }) {
    super(`The node is on chain ${actual}, not chain ${expected}.`);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Blocks the follower had reported as final (or older than every block it kept) were replaced:
 * the store cannot be rolled back that far. Re-index from scratch, with a larger finality depth.
 *
 * @example
 * ```ts
 * new ReorgTooDeepError({ tip: 120n, finalized: 110n, ancestor: 100n }).shortMessage;
 * // => "A reorg replaced blocks after 100 (depth 20), at or below the finalized block 110."
 * ```
 */
export class ReorgTooDeepError extends FatalError {
  override name = "ReorgTooDeepError";
  readonly tip: bigint;
  readonly finalized: bigint;
  /** The common ancestor, when the node's chain meets the kept blocks at all. */
  readonly ancestor: bigint | undefined;

  constructor({ tip, finalized, ancestor }: { tip: bigint; finalized: bigint; ancestor?: bigint }) {
    super(
      ancestor === undefined
        ? `A reorg replaced every block kept since block ${finalized} (tip ${tip}): deeper than the finality depth.`
        : `A reorg replaced blocks after ${ancestor} (depth ${tip - ancestor}), at or below the finalized block ${finalized}.`,
      { details: "Re-index from scratch; consider a larger finality depth for this chain." },
    );
    this.tip = tip;
    this.finalized = finalized;
    this.ancestor = ancestor;
  }
}
