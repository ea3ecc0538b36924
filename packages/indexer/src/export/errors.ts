// The export's refusals: an HttpError with a stable code, answered as the server's one error body
// before any row is streamed.
import { ApiError } from "../graphql/errors.ts";
import { type ErrorDetails, HttpError } from "../server/errors.ts";

/**
 * Codes of the export's own refusals, besides the GraphQL layer's (`INVALID_FILTER`,
 * `BLOCK_INVALID`, `BLOCK_NOT_INDEXED`, `BLOCK_HASH_UNKNOWN`) and the server's (`RATE_LIMITED`).
 *
 * @example
 * ```ts
 * const code: ExportErrorCode = "UNKNOWN_COLUMN";
 * ```
 */
export type ExportErrorCode =
  | "UNKNOWN_ENTITY"
  | "UNKNOWN_FORMAT"
  | "UNKNOWN_COLUMN"
  | "UNKNOWN_PARAMETER"
  | "INVALID_FILTER"
  | "INVALID_ORDER"
  | "BLOCK_INVALID"
  | "BLOCK_NOT_INDEXED"
  | "BLOCK_HASH_UNKNOWN"
  | "RATE_LIMITED"
  | "OVERLOADED";

/**
 * A request the export refuses: `{ error: { code, message, …details } }` with its status.
 *
 * @example
 * ```ts
 * throw new ExportError("UNKNOWN_COLUMN", 400, "proposals have no column nonsense", { column: "nonsense" });
 * ```
 */
export class ExportError extends HttpError<ExportErrorCode> {
  override name = "ExportError";
}

/** The HTTP status of each GraphQL refusal the export passes on. */
const apiStatus: Record<string, number> = {
  INVALID_FILTER: 400,
  BLOCK_INVALID: 400,
  BLOCK_HASH_UNKNOWN: 404,
  BLOCK_NOT_INDEXED: 503,
};

/**
 * The GraphQL layer's `ApiError` as an export refusal with the same code and sentence
 * (`BLOCK_NOT_INDEXED` is a 503 with `Retry-After: 1`: the indexer has not got there yet).
 *
 * @example
 * ```ts
 * try { await resolveBlock(db, { number: 10_000 }, head); }
 * catch (error) { throw fromApiError(error); }
 * ```
 */
export function fromApiError(error: unknown, details: ErrorDetails = {}): unknown {
  if (!(error instanceof ApiError)) return error;
  const code = String(error.extensions.code) as ExportErrorCode;
  const status = apiStatus[code] ?? 400;
  return new ExportError(code, status, error.message, details, {
    retryAfter: status === 503 ? 1 : undefined,
    cause: error,
  });
}
