import { type Context, Hono, type MiddlewareHandler } from "hono";
import { json } from "../server/json.ts";
import type { ServerEnv, ServerRoutes } from "../server/types.ts";
import { jsonBody, readJson } from "./body.ts";
import { RelayerError } from "./errors.ts";

/** What a relayer handler answers: a status, a JSON body and maybe headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What {@link createRelayerRoutes} routes to. */
export interface RelayerRoutesOptions {
  maxBodyBytes: number;
  /** Requests on these routes at once; more get 503 `OVERLOADED`. */
  maxConcurrentRequests: number;
  /** Counts the request against its client's limit; throws 429 `RATE_LIMITED` past it. */
  limitClient(c: Context<ServerEnv>): Promise<void>;
  /** `POST /v1/anonymous-ballots` with its parsed JSON body. */
  anonymousBallot(body: unknown, wait: boolean): Promise<Reply>;
  /** `POST /v1/signed-ballots` with its parsed JSON body. */
  signedBallots(body: unknown, wait: boolean): Promise<Reply>;
  /** `GET /v1/health`. */
  health(): Promise<Reply>;
}

/** The relayer's routes and the one method each takes. */
export const relayerPaths = {
  "/v1/anonymous-ballots": "POST",
  "/v1/signed-ballots": "POST",
  "/v1/health": "GET",
} as const;

/**
 * The relayer's HTTP routes. Each request passes, in this order: the in-flight cap (503
 * `OVERLOADED`), the method (405 with `Allow`), the client's rate limit (429), `?wait` (400); then
 * for a POST the content type (415), the size (413) and the JSON (400), and the handler.
 * @example
 * const routes = createRelayerRoutes({ maxBodyBytes: 16_384, maxConcurrentRequests: 256, limitClient, anonymousBallot, signedBallots, health });
 * createServer({ modules: [{ name: "relayer", routes }] });
 */
export function createRelayerRoutes(options: RelayerRoutesOptions): ServerRoutes {
  let inFlight = 0;
  const cap: MiddlewareHandler<ServerEnv> = async (_c, next) => {
    if (inFlight >= options.maxConcurrentRequests) {
      throw new RelayerError(
        "OVERLOADED",
        "the relayer is busy; try again shortly",
        {},
        { retryAfter: 1 },
      );
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
  const allow =
    (method: "GET" | "POST", path: string): MiddlewareHandler<ServerEnv> =>
    async (c, next) => {
      const given = c.req.method;
      if (given !== method && !(method === "GET" && given === "HEAD")) {
        throw new RelayerError(
          "METHOD_NOT_ALLOWED",
          `${path} takes ${method} requests`,
          {},
          { headers: { allow: method } },
        );
      }
      await next();
    };
  const limitClient: MiddlewareHandler<ServerEnv> = async (c, next) => {
    await options.limitClient(c);
    await next();
  };
  const checkWait: MiddlewareHandler<ServerEnv> = async (c, next) => {
    const wait = c.req.query("wait");
    if (wait !== undefined && !["0", "1", "true", "false"].includes(wait)) {
      throw new RelayerError("MALFORMED_REQUEST", "wait must be 1 or 0", { field: "wait" });
    }
    await next();
  };
  const waits = (c: Context<ServerEnv>) => ["1", "true"].includes(c.req.query("wait") ?? "");

  const routes = new Hono<ServerEnv>();
  const body = jsonBody(options.maxBodyBytes);
  for (const [path, method] of Object.entries(relayerPaths)) {
    routes.use(path, cap, allow(method, path), limitClient, checkWait);
    if (method === "POST") routes.use(path, ...body);
  }
  routes.post("/v1/anonymous-ballots", async (c) => {
    const { status, body, headers } = await options.anonymousBallot(await readJson(c), waits(c));
    return json(c, status, body, headers);
  });
  routes.post("/v1/signed-ballots", async (c) => {
    const { status, body, headers } = await options.signedBallots(await readJson(c), waits(c));
    return json(c, status, body, headers);
  });
  routes.get("/v1/health", async (c) => {
    const { status, body, headers } = await options.health();
    return json(c, status, body, headers);
  });
  return routes;
}
