// Test helpers: serve a yoga instance over real HTTP, and read a GraphQL subscription over SSE with a
// raw fetch stream (GraphQL over SSE, "distinct connections" mode: `event: next` / `event: complete`).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CommittedFeed } from "../../src/graphql/index.ts";

/** Serves `handler` (a yoga instance) on 127.0.0.1 at a free port. */
export async function serve(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A subscription's `next` payloads, in order, as they arrive. */
export interface SseSubscription {
  /** The next payload (waits for it). */
  next(): Promise<{ data?: Record<string, unknown>; errors?: { message: string }[] }>;
  /** Payloads received and not yet taken. */
  pending(): number;
  close(): void;
}

/** Opens `query` as an SSE subscription at `url`. */
export async function subscribe(url: string, query: string): Promise<SseSubscription> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`Subscription refused: ${response.status} ${await response.text()}`);
  }
  const queue: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  const deliver = (payload: unknown) => {
    const waiter = waiting.shift();
    if (waiter) waiter(payload);
    else queue.push(payload);
  };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = message.split("\n");
          const event = lines
            .find((l) => l.startsWith("event:"))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("\n");
          if (event === "next" && data) deliver(JSON.parse(data));
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    next: () =>
      new Promise((resolve) => {
        const queued = queue.shift();
        if (queued !== undefined) resolve(queued as never);
        else waiting.push(resolve as never);
      }),
    pending: () => queue.length,
    close: () => abort.abort(),
  };
}

/** A feed that counts its subscribers (and how many are still open), so a test publishes only once
 *  everyone listens and can see a closed subscription let go of the feed. */
export function countingFeed(inner: CommittedFeed) {
  const feed = {
    subscribers: 0,
    open: 0,
    publishCommitted: inner.publishCommitted,
    subscribe: (): AsyncIterable<Parameters<CommittedFeed["publishCommitted"]>[0]> => {
      feed.subscribers++;
      feed.open++;
      const iterator = inner.subscribe()[Symbol.asyncIterator]();
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => iterator.next(),
          return: async (value?: unknown) => {
            feed.open--;
            return (await iterator.return?.(value)) ?? { done: true, value: undefined };
          },
        }),
      };
    },
    close: inner.close,
  };
  return feed;
}

export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}
