/**
 * How RPC requests are retried: `attempts` in all, waiting `delayMs`, then twice as long each time,
 * up to `maxDelayMs` (on top of any retries the viem transport itself makes), each wait shortened by a
 * random amount (`jitter`) so that many clients failing together do not retry together.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { attempts: 8, delayMs: 100, maxDelayMs: 2_000 };
 * retry.attempts; // => 8
 * ```
 */
export interface RetryOptions {
  /** Tries in all, the first included (default 5). `Infinity` retries until the request succeeds. */
  attempts?: number;
  /** Wait before the second try, in milliseconds (default 200). */
  delayMs?: number;
  /** Longest wait between tries (default 5,000). */
  maxDelayMs?: number;
  /** Wait a random time between half the backoff and all of it (default true). */
  jitter?: boolean;
}

/**
 * What `withRetry` calls on a failure: whether to try again, and the error to throw after the last
 * attempt; `signal` stops the waiting between attempts.
 *
 * @example
 * ```ts
 * const handlers: RetryHandlers = {
 *   retryable: (error) => !isRangeError(error),
 *   onGiveUp: (cause, attempts) => new Error(`failed ${attempts} times`, { cause }),
 * };
 * ```
 */
export interface RetryHandlers {
  /** False: throw the error at once (default: every error is retried). */
  retryable?: (error: unknown) => boolean;
  /** The error thrown when every attempt failed. */
  onGiveUp: (error: unknown, attempts: number) => Error;
  /** Called after each failed attempt that will be retried, with the wait before the next one. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Aborting rejects the pending wait with the signal's reason (a running request is not cut). */
  signal?: AbortSignal | undefined;
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted.
 *
 * @example
 * ```ts
 * await sleep(100, AbortSignal.timeout(1_000));
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `request` until it succeeds, backing off exponentially with jitter; errors for which
 * `retryable` says false are thrown at once. Throws `onGiveUp(lastError, attempts)` when every
 * attempt failed.
 *
 * @example
 * ```ts
 * const head = await withRetry(() => getBlockNumber(client), { attempts: 6 }, {
 *   onGiveUp: (cause, attempts) => new Error(`no head after ${attempts} tries`, { cause }),
 * });
 * ```
 */
export async function withRetry<T>(
  request: () => Promise<T>,
  options: RetryOptions | undefined,
  handlers: RetryHandlers,
): Promise<T> {
  const attempts = Math.max(1, options?.attempts ?? 5);
  const delayMs = options?.delayMs ?? 200;
  const maxDelayMs = options?.maxDelayMs ?? 5_000;
  const jitter = options?.jitter ?? true;
  for (let attempt = 1; ; attempt++) {
    if (handlers.signal?.aborted) throw handlers.signal.reason;
    try {
      return await request();
    } catch (error) {
      if (handlers.retryable && !handlers.retryable(error)) throw error;
      if (attempt >= attempts) throw handlers.onGiveUp(error, attempt);
      const backoff = Math.min(maxDelayMs, delayMs * 2 ** Math.min(attempt - 1, 30));
      const wait = jitter ? backoff / 2 + Math.random() * (backoff / 2) : backoff;
      handlers.onRetry?.(error, attempt, wait);
      await sleep(wait, handlers.signal);
    }
  }
}

// What providers answer when an eth_getLogs range is too wide or matches too many logs: Infura
// ("query returned more than 10000 results", -32005), Alchemy ("Log response size exceeded"),
// QuickNode and others ("eth_getLogs is limited to a 10,000 range", "block range is too large",
// "exceed maximum block range"), and reth/geth ("query exceeds max results", "too many").
// "size limit": viem's own ResponseBodyTooLargeError ("HTTP response body exceeded the size
// limit.", 10 MiB by default), which a node without a result cap (anvil) causes on a dense range.
const RANGE_PATTERN =
  /range|too many|too large|more than \d+ results|response size|max(imum)? results|result limit|exceed(s|ed)? max|size limit/i;

/**
 * The texts of an error and its causes that describe it (viem's full `message` also repeats the
 * request body and URL; its parts are enough).
 */
function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (typeof current !== "object") break;
    const { message, details, shortMessage, cause } = current as {
      message?: unknown;
      details?: unknown;
      shortMessage?: unknown;
      cause?: unknown;
    };
    const parts =
      typeof details === "string" || typeof shortMessage === "string"
        ? [details, shortMessage]
        : [message];
    for (const text of parts) if (typeof text === "string") texts.push(text);
    current = cause;
  }
  return texts;
}

/**
 * Whether an eth_getLogs failure means "ask for fewer blocks" rather than "try again later".
 *
 * @example
 * ```ts
 * isRangeError(new Error("query returned more than 10000 results")); // => true
 * isRangeError(new Error("429 Too Many Requests")); // => false
 * ```
 */
export function isRangeError(error: unknown): boolean {
  return errorTexts(error).some(
    (text) => !/rate|too many requests/i.test(text) && RANGE_PATTERN.test(text),
  );
}

/**
 * The last block of the range a provider suggests in its refusal, if it names one (Alchemy: "this
 * block range should work: [0x10, 0x2f]"; others: "retry with the range 16-47").
 *
 * @example
 * ```ts
 * rangeHint(new Error("Log response size exceeded. … this block range should work: [0x10, 0x2f]")); // => 47n
 * rangeHint(new Error("query returned more than 10000 results")); // => undefined
 * ```
 */
export function rangeHint(error: unknown): bigint | undefined {
  for (const text of errorTexts(error)) {
    const match =
      /\[\s*(0x[0-9a-f]+|\d+)\s*,\s*(0x[0-9a-f]+|\d+)\s*\]/i.exec(text) ??
      /range (\d+)\s*-\s*(\d+)/i.exec(text);
    if (match?.[2]) return BigInt(match[2]);
  }
  return undefined;
}
