import { BaseError } from "../errors/base.ts";

/** What went wrong talking to an indexer. */
export type IndexerErrorCode =
  /** No answer: refused, unreachable host, timed out. */
  | "UNREACHABLE"
  /** An answer that is not GraphQL's (an HTTP error, not JSON, a stream without events). */
  | "BAD_RESPONSE"
  /** GraphQL's own `errors` (a bad query, a limit). */
  | "GRAPHQL";

/**
 * A request to a Plenum indexer's GraphQL API failed; `code` says how, `url` where.
 * @example
 * import { IndexerError, queryIndexer } from "@plenum/sdk";
 * try {
 *   await queryIndexer({ indexerUrl: "http://127.0.0.1:8548" }, "{ _meta { block { number } } }");
 * } catch (error) {
 *   if (error instanceof IndexerError && error.code === "UNREACHABLE") console.log(error.shortMessage);
 * }
 */
export class IndexerError extends BaseError {
  override name = "IndexerError";
  readonly code: IndexerErrorCode;
  readonly url: string;
  constructor(code: IndexerErrorCode, message: string, options: { url: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = code;
    this.url = options.url;
  }
}

/**
 * The indexer does not know the proposal (not indexed yet, another community or chain, or no such
 * proposal).
 * @example
 * import { IndexedProposalNotFoundError } from "@plenum/sdk";
 * if (error instanceof IndexedProposalNotFoundError) console.log(error.id); // "eip155:31337:0x8efa…-99"
 */
export class IndexedProposalNotFoundError extends BaseError {
  override name = "IndexedProposalNotFoundError";
  /** The proposal's GraphQL id, `eip155:<chain>:<community>-<proposal>`. */
  readonly id: string;
  constructor(id: string, url: string) {
    super(`the indexer at ${url} has no proposal ${id}`);
    this.id = id;
  }
}
