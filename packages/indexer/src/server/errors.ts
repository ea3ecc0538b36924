/** Extra fields of an error body, next to `code` and `message`. */
export type ErrorDetails = Record<string, unknown>;

/** Options of {@link HttpError}. */
export interface HttpErrorOptions {
  /** Seconds for the `Retry-After` header, when there is a sensible one. */
  retryAfter?: number | undefined;
  /** More response headers (`Allow` for a 405). */
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

/**
 * An error the server answers with: a code, its HTTP status, one plain sentence and details. The
 * server's error handler writes it as `{ error: { code, message, …details } }`, with `Retry-After`
 * if it has one. Services subclass it with their own codes (`RelayerError`).
 * @example
 * throw new HttpError("NOT_FOUND", 404, "no route /v2");
 */
export class HttpError<Code extends string = string> extends Error {
  override name = "HttpError";
  readonly code: Code;
  readonly status: number;
  readonly details: ErrorDetails;
  /** Seconds for the `Retry-After` header, when there is a sensible one. */
  readonly retryAfter: number | undefined;
  /** More response headers. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: Code,
    status: number,
    message: string,
    details: ErrorDetails = {},
    options: HttpErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = status;
    this.details = details;
    this.retryAfter = options.retryAfter;
    this.headers = options.headers ?? {};
  }

  /** Whether trying again later may succeed. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }

  /** The response body: `{ error: { code, message, ...details } }`. */
  toJSON(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}
