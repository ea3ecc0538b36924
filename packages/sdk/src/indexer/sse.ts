import { graphqlData, type IndexerRequestOptions, postGraphql } from "./request.ts";

/** One server-sent event: its `event` name (`message` by default) and its `data` lines joined. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads server-sent events from a byte stream (the `text/event-stream` format: `event:` and `data:`
 * fields, a blank line ends an event, lines starting with `:` are comments such as keep-alives).
 * @example
 * const response = await fetch(url, { headers: { accept: "text/event-stream" } });
 * for await (const { event, data } of readServerSentEvents(response.body!)) console.log(event, data);
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      // The last piece may be a partial line until the stream ends.
      buffer = done ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        if (line === "") {
          if (data.length > 0) yield { event: event || "message", data: data.join("\n") };
          event = "";
          data = [];
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => {});
  }
}

/**
 * Runs a GraphQL subscription over server-sent events (GraphQL over SSE, distinct connections, as
 * the Plenum indexer serves it at `/graphql`) and yields each result's `data` until the server
 * completes it or `options.signal` aborts. GraphQL errors throw an `IndexerError` (`GRAPHQL`).
 * @example
 * import { subscribeIndexer } from "@plenum/sdk";
 * const query = "subscription { ballots { kind option voter } }";
 * for await (const data of subscribeIndexer({ indexerUrl: "http://127.0.0.1:8548" }, query)) console.log(data);
 */
export async function* subscribeIndexer<data = Record<string, unknown>>(
  options: IndexerRequestOptions,
  query: string,
  variables?: Record<string, unknown>,
): AsyncGenerator<data> {
  yield* graphqlEvents<data>(await openSubscription(options, query, variables));
}

/**
 * Opens a GraphQL subscription over server-sent events: resolves once the server has answered (the
 * subscription is then in place); read its results with {@link graphqlEvents}.
 * @example
 * const response = await openSubscription({ indexerUrl }, "subscription { ballots { kind } }");
 * for await (const data of graphqlEvents(response)) console.log(data);
 */
export function openSubscription(
  options: IndexerRequestOptions,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Response> {
  return postGraphql(options, { query, variables }, "text/event-stream", 0);
}

/**
 * The `data` of each result of an open subscription, until the server completes it; GraphQL errors
 * throw an `IndexerError` (`GRAPHQL`).
 * @example
 * for await (const data of graphqlEvents(await openSubscription({ indexerUrl }, query))) console.log(data);
 */
export async function* graphqlEvents<data = Record<string, unknown>>(
  response: Response,
): AsyncGenerator<data> {
  if (!response.body) return;
  for await (const { event, data } of readServerSentEvents(response.body)) {
    if (event === "complete") return;
    if (event !== "next" && event !== "message") continue;
    yield graphqlData<data>(JSON.parse(data), response.url);
  }
}
