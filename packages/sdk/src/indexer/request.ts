import { IndexerError } from "./errors.ts";

/** How to reach an indexer's GraphQL API. */
export interface IndexerRequestOptions {
  /** The indexer's base URL, e.g. `http://127.0.0.1:8548` (`/graphql` is appended). */
  indexerUrl: string | URL;
  /** A `fetch` to use instead of the global one (tests, proxies, custom headers). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Give up on a query after this many ms (default 10,000; subscriptions have no timeout). */
  timeout?: number | undefined;
  /** Aborts the request (and ends a subscription). */
  signal?: AbortSignal | undefined;
}

/**
 * The GraphQL endpoint of an indexer base URL.
 * @example
 * graphqlEndpoint("http://127.0.0.1:8548") // "http://127.0.0.1:8548/graphql"
 */
export function graphqlEndpoint(base: string | URL): string {
  const url = new URL(base);
  if (url.pathname.endsWith("/graphql")) return url.toString();
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return new URL("graphql", url).toString();
}

/** The signal of one request: the caller's, and a timeout unless `timeout` is 0. */
function requestSignal(options: IndexerRequestOptions, timeout: number): AbortSignal | undefined {
  const signals = [options.signal, timeout > 0 ? AbortSignal.timeout(timeout) : undefined].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  if (signals.length < 2) return signals[0];
  // AbortSignal.any arrived in Node 20.3; without it, the caller's signal wins over the timeout.
  return typeof AbortSignal.any === "function" ? AbortSignal.any(signals) : options.signal;
}

/**
 * POSTs a GraphQL operation; returns the response once its status is 2xx, or throws an
 * {@link IndexerError} (`UNREACHABLE` or `BAD_RESPONSE`).
 * @example
 * const response = await postGraphql({ indexerUrl }, { query: "{ _meta { block { number } } }" }, "application/json");
 */
export async function postGraphql(
  options: IndexerRequestOptions,
  body: { query: string; variables?: Record<string, unknown> | undefined },
  accept: "application/json" | "text/event-stream",
  timeout = options.timeout ?? 10_000,
): Promise<Response> {
  const url = graphqlEndpoint(options.indexerUrl);
  const origin = new URL(url).origin;
  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept },
      body: JSON.stringify(body),
      signal: requestSignal(options, timeout),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new IndexerError("UNREACHABLE", `the indexer at ${origin} could not be reached`, {
      url,
      cause: error,
    });
  }
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw new IndexerError(
      "BAD_RESPONSE",
      `the indexer at ${origin} answered HTTP ${response.status}`,
      {
        url,
        cause: new Error(text.slice(0, 500)),
      },
    );
  }
  return response;
}

/**
 * Runs one GraphQL query against an indexer and returns its `data`; GraphQL `errors` throw an
 * {@link IndexerError} with code `GRAPHQL` (their messages in `details`).
 * @example
 * import { queryIndexer } from "@plenum/sdk";
 * const data = await queryIndexer<{ _meta: { block: { number: number } } }>(
 *   { indexerUrl: "http://127.0.0.1:8548" },
 *   "{ _meta { block { number } } }",
 * );
 * console.log(data._meta.block.number);
 */
export async function queryIndexer<data = Record<string, unknown>>(
  options: IndexerRequestOptions,
  query: string,
  variables?: Record<string, unknown>,
): Promise<data> {
  const response = await postGraphql(options, { query, variables }, "application/json");
  return graphqlData<data>(
    await readJson(response, options),
    response.url || String(options.indexerUrl),
  );
}

async function readJson(response: Response, options: IndexerRequestOptions): Promise<unknown> {
  const url = graphqlEndpoint(options.indexerUrl);
  try {
    return await response.json();
  } catch (error) {
    throw new IndexerError(
      "BAD_RESPONSE",
      `the indexer at ${new URL(url).origin} answered no JSON`,
      {
        url,
        cause: error,
      },
    );
  }
}

/**
 * The `data` of a GraphQL result, or an {@link IndexerError} (`GRAPHQL`) carrying its `errors`.
 * @example
 * graphqlData({ data: { a: 1 } }, "http://127.0.0.1:8548/graphql") // { a: 1 }
 */
export function graphqlData<data>(result: unknown, url: string): data {
  const { data, errors } = (result ?? {}) as { data?: unknown; errors?: { message?: string }[] };
  if (Array.isArray(errors) && errors.length > 0) {
    throw new IndexerError(
      "GRAPHQL",
      `the indexer refused the query: ${errors.map((e) => e.message ?? "error").join("; ")}`,
      { url },
    );
  }
  if (data === undefined || data === null) {
    throw new IndexerError("BAD_RESPONSE", "the indexer's answer has no data", { url });
  }
  return data as data;
}
