import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import { createLogger, type Logger } from "../internal/logger.ts";
import { HttpError } from "./errors.ts";
import { json } from "./json.ts";
import type { ServerEnv, ServerModule } from "./types.ts";

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** What the server serves besides `/health`, mounted in this order. */
  modules?: readonly ServerModule[];
  /** Receives a `request` line per routed request and an `unexpected error` line per bug. */
  logger?: Logger;
}

/** Routes polled by orchestrators and Prometheus, logged at debug only. */
const probeRoutes = new Set(["/health", "/ready", "/metrics"]);

/** Codes and sentences for the client errors Hono's own middleware throws (`HTTPException`). */
const httpExceptions: Record<number, [code: string, message: string]> = {
  400: ["MALFORMED_REQUEST", "the request is malformed"],
  401: ["UNAUTHORIZED", "the request needs credentials"],
  403: ["FORBIDDEN", "the request is not allowed"],
  404: ["NOT_FOUND", "no such resource"],
  405: ["METHOD_NOT_ALLOWED", "the route takes another method"],
  413: ["BODY_TOO_LARGE", "the body is too large"],
  415: ["UNSUPPORTED_MEDIA_TYPE", "the body's content type is not accepted"],
  429: ["RATE_LIMITED", "too many requests"],
};

/**
 * Builds the service's one Hono app: `GET /health` (liveness: the process answers), every module's
 * routes, and what they share. Unknown routes get 404 `NOT_FOUND`. Every error becomes
 * `{ error: { code, message, …details } }`: an {@link HttpError} as it is (with `Retry-After` and
 * its headers; a 413 closes the connection rather than drain an unread body), a bug as 500
 * `INTERNAL` with no detail (logged). Each routed request is logged with its method, route pattern,
 * status, error code and duration, and nothing else: no address, header, query or body.
 *
 * Later mounts plug in as modules: the GraphQL API at `/graphql`, the export routes, `/metrics`,
 * and `/ready` from the modules' `ready()` hooks.
 * @example
 * const app = createApp({ modules: [relayer.module] });
 * const response = await app.request("/health"); // 200 { status: "ok" }
 */
export function createApp(options: CreateAppOptions = {}): Hono<ServerEnv> {
  const logger = options.logger ?? createLogger();
  // strict: false serves /v1/health/ as /v1/health.
  const app = new Hono<ServerEnv>({ strict: false });

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    if (c.get("unrouted")) return;
    const route = routePath(c, -1);
    const fields = {
      method: c.req.method,
      route,
      status: c.res.status,
      code: c.get("errorCode"),
      ms: Math.round(performance.now() - started),
    };
    // Probes and scrapes come every few seconds: their lines are debug.
    if (probeRoutes.has(route)) logger.debug("request", fields);
    else logger.info("request", fields);
  });

  app.get("/health", (c) => json(c, 200, { status: "ok" }));

  for (const module of options.modules ?? []) app.route(module.basePath ?? "/", module.routes);

  app.notFound((c) => {
    c.set("unrouted", true);
    return json(c, 404, {
      error: { code: "NOT_FOUND", message: `no route ${c.req.path.slice(0, 100)}` },
    });
  });

  app.onError((error, c) => {
    let answer: HttpError;
    if (error instanceof HttpError) answer = error;
    else if (error instanceof HTTPException && error.status < 500) {
      const [code, message] = httpExceptions[error.status] ?? [
        "BAD_REQUEST",
        "the request was refused",
      ];
      answer = new HttpError(code, error.status, error.message || message);
    } else {
      logger.error("unexpected error", {
        route: routePath(c, -1),
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      answer = new HttpError("INTERNAL", 500, "the server failed unexpectedly");
    }
    c.set("errorCode", answer.code);
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.retryAfter !== undefined) headers["retry-after"] = String(answer.retryAfter);
    // After a body was refused unread, close the connection rather than drain what is left of it.
    if (answer.status === 413) headers.connection = "close";
    return json(c, answer.status, answer.toJSON(), headers);
  });

  return app;
}
