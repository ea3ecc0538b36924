/**
 * How RPC requests are retried: `attempts` in all, waiting `delayMs`, then twice as long each time,
 * up to `maxDelayMs` (on top of any retries the viem transport itself makes).
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { attempts: 8, delayMs: 100, maxDelayMs: 2_000 };
 * retry.attempts; // => 8
 * ```
 */
export interface RetryOptions {
  /** Tries in all, the first included (default 5). */
  attempts?: number;
  /** Wait before the second try, in milliseconds (default 200). */
  delayMs?: number;
  /** Longest wait between tries (default 5,000). */
  maxDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `request` until it succeeds, backing off exponentially; errors for which `retryable` says
 * false are thrown at once. Throws `onGiveUp(lastError, attempts)` when every attempt failed.
 */
export async function withRetry<T>(
  request: () => Promise<T>,
  options: RetryOptions | undefined,
  handlers: {
    retryable?: (error: unknown) => boolean;
    onGiveUp: (error: unknown, attempts: number) => Error;
  },
): Promise<T> {
  const attempts = Math.max(1, options?.attempts ?? 5);
  const delayMs = options?.delayMs ?? 200;
  const maxDelayMs = options?.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (handlers.retryable && !handlers.retryable(error)) throw error;
      if (attempt >= attempts) throw handlers.onGiveUp(error, attempt);
      await sleep(Math.min(maxDelayMs, delayMs * 2 ** (attempt - 1)));
    }
  }
}

// What providers answer when an eth_getLogs range is too wide or matches too many logs: Infura
// ("query returned more than 10000 results", -32005), Alchemy ("Log response size exceeded"),
// QuickNode and others ("eth_getLogs is limited to a 10,000 range", "block range is too large",
// "exceed maximum block range"), and reth/geth ("query exceeds max results", "too many").
const RANGE_PATTERN =
  /range|too many|too large|more than \d+ results|response size|max(imum)? results|result limit|exceed(s|ed)? max/i;

/** Whether an eth_getLogs failure means "ask for fewer blocks" rather than "try again later". */
export function isRangeError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (typeof current !== "object") break;
    const { message, details, shortMessage, cause } = current as {
      message?: unknown;
      details?: unknown;
      shortMessage?: unknown;
      cause?: unknown;
    };
    // viem's full `message` also repeats the request body and URL; its parts are enough.
    const texts =
      typeof details === "string" || typeof shortMessage === "string"
        ? [details, shortMessage]
        : [message];
    for (const text of texts) {
      if (typeof text !== "string" || /rate|too many requests/i.test(text)) continue;
      if (RANGE_PATTERN.test(text)) return true;
    }
    current = cause;
  }
  return false;
}
