// The bulk export as a server module: `GET /export/<plural>.csv|.ndjson` streams every row of a list
// the GraphQL API serves, with its `where`, `orderBy`, `orderDirection` and `block`, at the pace the
// client reads (a page is read only when the previous one was taken), and stops reading when the
// client goes away.
import { type Context, Hono } from "hono";
import { loadIndexedHead, resolveBlock } from "../graphql/block.ts";
import type { QueryDb, Row } from "../graphql/query.ts";
import { createLogger, type Logger } from "../internal/logger.ts";
import { json } from "../server/json.ts";
import type { RateLimiter } from "../server/rateLimiter.ts";
import type { ServerEnv, ServerModule } from "../server/types.ts";
import { exportColumns, exportEntities } from "./columns.ts";
import { ExportError, fromApiError } from "./errors.ts";
import { contentType, createEncoder } from "./formats.ts";
import { EXPORT_PAGE_SIZE, exportPages } from "./pages.ts";
import { exportParameters, parseExportRequest } from "./params.ts";

/**
 * What {@link createExportModule} takes.
 *
 * @example
 * ```ts
 * const options: ExportModuleOptions = { store, limitClient: (c) => limit(clientLimiter, clientKey(c)) };
 * ```
 */
export interface ExportModuleOptions {
  /** The store (or anything that runs raw SQL on it). */
  store: QueryDb;
  /**
   * Counts a request against its client's limit and throws (an `HttpError` 429 `RATE_LIMITED`)
   * past it; the server's per-client limiter, taken before anything is read.
   */
  limitClient?: ((c: Context<ServerEnv>) => Promise<void>) | undefined;
  /** Exports streaming at once; more get 503 `OVERLOADED`. 4 by default. */
  maxConcurrent?: number | undefined;
  /** Rows per statement. 1000 by default. */
  pageSize?: number | undefined;
  /** Hides "did you mean" suggestions in filter errors, as the API does in production. */
  production?: boolean | undefined;
  logger?: Logger | undefined;
}

/**
 * A `limitClient` for {@link createExportModule} from a limiter and the server's client key: 429
 * `RATE_LIMITED` with `Retry-After` past the limit.
 *
 * @example
 * ```ts
 * const limitClient = limitClients(createMemoryLimiter({ capacity: 30, periodMs: 60_000 }), createClientKey({ salt, trustProxy: false }));
 * ```
 */
export function limitClients(
  limiter: RateLimiter,
  clientKey: (c: Context<ServerEnv>) => string,
): (c: Context<ServerEnv>) => Promise<void> {
  return async (c) => {
    const decision = await limiter.take(clientKey(c));
    if (decision.allowed) return;
    const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new ExportError(
      "RATE_LIMITED",
      429,
      `too many exports from this client; try again in ${retryAfter} s`,
      { retryAfter },
      { retryAfter },
    );
  };
}

/**
 * The bulk export: `GET /export` lists the exports and their columns; `GET /export/<plural>.csv`
 * and `.ndjson` (or `/export/<plural>` with `Accept: text/csv`) stream a list. Every parameter is
 * checked before the first byte, so a refusal is the server's JSON error body; a failure after that
 * cuts the stream (no terminating chunk), which clients see as an error.
 *
 * @example
 * ```ts
 * const server = createServer({ modules: [graphqlModule, createExportModule({ store })] });
 * // curl 'http://127.0.0.1:8548/export/ballots.csv?where={"kind":"changed"}&orderBy=blockNumber'
 * ```
 */
export function createExportModule(options: ExportModuleOptions): ServerModule {
  const logger = options.logger ?? createLogger();
  const maxConcurrent = options.maxConcurrent ?? 4;
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const db = options.store;
  let streaming = 0;

  const routes = new Hono<ServerEnv>();
  // `/export/*` matches `/export` too: one count per request.
  routes.use("/export/*", async (c, next) => {
    await options.limitClient?.(c);
    await next();
  });

  routes.get("/export", (c) =>
    json(c, 200, {
      formats: ["csv", "ndjson"],
      parameters: exportParameters,
      exports: Object.fromEntries(
        [...exportEntities()].map(([plural, entity]) => [
          plural,
          { entity: entity.name, columns: exportColumns(entity).map((column) => column.name) },
        ]),
      ),
    }),
  );

  routes.get("/export/:file", async (c) => {
    const request = parseExportRequest(c.req.param("file"), new URL(c.req.url).searchParams, {
      accept: c.req.header("accept"),
      production: options.production,
    });
    let block: bigint | undefined;
    try {
      // Pinned once: every page reads the same block even while the indexer commits.
      block = await resolveBlock(db, request.block, await loadIndexedHead(db));
    } catch (error) {
      throw fromApiError(error, { parameter: "block" });
    }
    const extension = request.format === "csv" ? "csv" : "ndjson";
    const at = block === undefined ? "empty" : `block-${block}`;
    const headers = {
      "content-type": contentType(request.format),
      "content-disposition": `attachment; filename="plenum-${request.entity.plural}-${at}.${extension}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...(block === undefined ? {} : { "x-block-number": block.toString() }),
    };
    // HEAD: the checks and the headers, no read (Hono drops a GET's body for HEAD without cancelling it).
    if (c.req.method === "HEAD") return c.body(null, 200, headers);
    if (streaming >= maxConcurrent) {
      throw new ExportError(
        "OVERLOADED",
        503,
        `${maxConcurrent} exports are streaming; try again shortly`,
        {},
        { retryAfter: 1 },
      );
    }
    streaming++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      streaming--;
    };
    const abort = new AbortController();
    const pages = exportPages(db, request.entity, {
      block,
      args: request.args,
      pageSize,
      signal: abort.signal,
    });
    const encoder = createEncoder(request.format, request.columns);
    const bytes = new TextEncoder();
    let first: IteratorResult<Row[], void>;
    try {
      // The first page before the answer: a failing statement is still a JSON error.
      first = await pages.next();
    } catch (error) {
      release();
      throw error;
    }
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          const head = encoder.header() + (first.done ? "" : encoder.rows(first.value));
          if (head) controller.enqueue(bytes.encode(head));
          if (first.done) {
            release();
            controller.close();
          }
        },
        // Called only when the client has taken what was queued: one page in flight at a time.
        async pull(controller) {
          try {
            const next = await pages.next();
            if (next.done) {
              release();
              controller.close();
            } else controller.enqueue(bytes.encode(encoder.rows(next.value)));
          } catch (error) {
            release();
            logger.error("export failed", {
              entity: request.entity.plural,
              error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
            });
            controller.error(error);
          }
        },
        cancel() {
          // The client went away: no statement after the one running now.
          abort.abort();
          release();
        },
      },
      { highWaterMark: 1 },
    );
    return c.body(body, 200, headers);
  });

  return { name: "export", routes };
}
