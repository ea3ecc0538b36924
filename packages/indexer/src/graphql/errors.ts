// The API's own errors: GraphQLErrors (so yoga shows them even in production, where every other error
// is masked) with a stable `extensions.code` that clients can branch on.
import { GraphQLError } from "graphql";

/**
 * Stable codes of the errors this API raises on purpose.
 *
 * @example
 * ```ts
 * if (result.errors?.[0]?.extensions?.code === "FIRST_OUT_OF_RANGE") retryWithSmallerPage();
 * ```
 */
export type ApiErrorCode =
  | "FIRST_OUT_OF_RANGE"
  | "SKIP_OUT_OF_RANGE"
  | "BLOCK_NOT_INDEXED"
  | "BLOCK_HASH_UNKNOWN"
  | "BLOCK_INVALID"
  | "QUERY_TOO_COSTLY"
  | "BODY_TOO_LARGE"
  | "INVALID_FILTER";

/**
 * A request the API refuses, with a sentence saying why and a code.
 *
 * @example
 * ```ts
 * throw new ApiError("FIRST_OUT_OF_RANGE", "The `first` argument must be between 0 and 1000, but is 5000.");
 * ```
 */
export class ApiError extends GraphQLError {
  override name = "ApiError";
  constructor(code: ApiErrorCode, message: string) {
    super(message, { extensions: { code } });
  }
}
