import { type Hash, isHex } from "viem";
import { RelayerError } from "./errors.ts";

// The client side of the ballot relayer's HTTP API (packages/indexer, `relayer/`): JSON bodies with
// every number as a decimal string; 202 `{ transactionHash }`; errors `{ error: { code, message, … } }`.

/** How to reach a relayer. */
export interface RelayerRequestOptions {
  /** The relayer's base URL, e.g. `https://relay.example.org` (paths `/v1/…` are appended). */
  relayerUrl: string | URL;
  /** A `fetch` to use instead of the global one (tests, proxies, custom headers). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Give up after this many ms (default 30,000). */
  timeout?: number | undefined;
  /** Aborts the request. */
  signal?: AbortSignal | undefined;
  /** Ask the relayer to answer only once the transaction is mined (`?wait=1`); default false. */
  wait?: boolean | undefined;
}

/** What the relayer answers once it has sent the transaction. */
export interface RelayerResponse {
  /** The transaction that carries the ballot(s); wait for it with `waitForTransactionReceipt`. */
  transactionHash: Hash;
  /** With `wait`: the block it was mined in. */
  blockNumber?: bigint | undefined;
  /** The relayer had already sent this very ballot; `transactionHash` is that earlier transaction. */
  duplicate?: boolean | undefined;
}

function endpoint(base: string | URL, path: string, wait: boolean): string {
  const url = new URL(base);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  const target = new URL(path, url);
  if (wait) target.searchParams.set("wait", "1");
  return target.toString();
}

function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** POSTs a JSON body to the relayer and returns its `{ transactionHash }`, or throws a {@link RelayerError}. */
export async function postToRelayer(
  options: RelayerRequestOptions,
  path: string,
  body: unknown,
): Promise<RelayerResponse> {
  const url = endpoint(options.relayerUrl, path, options.wait === true);
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(options.timeout ?? 30_000);
  // AbortSignal.any arrived in Node 20.3; without it, the caller's signal wins over the timeout.
  const signal = !options.signal
    ? timeout
    : typeof AbortSignal.any === "function"
      ? AbortSignal.any([options.signal, timeout])
      : options.signal;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    const timedOut = timeout.aborted && !options.signal?.aborted;
    throw new RelayerError({
      code: "UNREACHABLE",
      message: timedOut
        ? `the relayer at ${new URL(url).origin} did not answer in time`
        : `the relayer at ${new URL(url).origin} could not be reached`,
      status: 0,
      url,
      cause: error,
    });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as { error?: Record<string, unknown> } | undefined)?.error;
    if (error && typeof error.code === "string") {
      const { code, message, ...rest } = error;
      throw new RelayerError({
        code,
        message: typeof message === "string" && message ? message : `the relayer refused: ${code}`,
        status: response.status,
        url,
        body: rest,
        retryAfter: retryAfterOf(response),
      });
    }
    throw new RelayerError({
      code: "BAD_RESPONSE",
      message: `the relayer answered HTTP ${response.status}`,
      status: response.status,
      url,
      body: { text: text.slice(0, 500) },
      retryAfter: retryAfterOf(response),
    });
  }
  const { transactionHash, blockNumber, duplicate } = (json ?? {}) as Record<string, unknown>;
  if (
    typeof transactionHash !== "string" ||
    !isHex(transactionHash) ||
    transactionHash.length !== 66
  ) {
    throw new RelayerError({
      code: "BAD_RESPONSE",
      message: "the relayer's answer has no transaction hash",
      status: response.status,
      url,
      body: { text: text.slice(0, 500) },
    });
  }
  return {
    transactionHash: transactionHash as Hash,
    ...(typeof blockNumber === "string" && /^\d+$/.test(blockNumber)
      ? { blockNumber: BigInt(blockNumber) }
      : {}),
    ...(duplicate === true ? { duplicate: true } : {}),
  };
}
