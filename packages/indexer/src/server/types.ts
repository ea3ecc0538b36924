import type { HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";

/**
 * What every handler of the server sees: the node request and response (`c.env.incoming`,
 * `c.env.outgoing`) and the variables the server's middleware sets.
 */
export interface ServerEnv {
  Bindings: HttpBindings;
  Variables: {
    /** The error code of the answer, set by the error handler for the request log. */
    errorCode: string;
    /** Set by the 404 handler: no route matched, and the request is not logged. */
    unrouted: boolean;
  };
}

/**
 * The routes of one part of the service, as a Hono app typed for the server.
 * @example
 * const routes: ServerRoutes = new Hono<ServerEnv>().get("/v1/ping", (c) => c.text("pong"));
 */
export type ServerRoutes = Hono<ServerEnv>;

/**
 * One part of the service that the server mounts: the relayer today; later the GraphQL API
 * (`/graphql`), the bulk export, `/metrics`. Each brings its routes and hooks for the server's
 * life cycle; the server owns listening, the error body, 404s, `/health` and the request log.
 *
 * A module that is a fetch handler (graphql-yoga, for one) is wrapped in a few lines:
 * `new Hono<ServerEnv>().on(["GET", "POST"], "/graphql", (c) => yoga.fetch(c.req.raw, c.env))`.
 * @example
 * const ping: ServerModule = {
 *   name: "ping",
 *   routes: new Hono<ServerEnv>().get("/v1/ping", (c) => c.text("pong")),
 * };
 * const server = createServer({ modules: [ping] });
 */
export interface ServerModule {
  /** A short name, for logs and errors ("relayer", "graphql"). */
  readonly name: string;
  /** Its routes, mounted under `basePath`. */
  readonly routes: ServerRoutes;
  /** Where the routes are mounted; `/` (their own paths) by default. */
  readonly basePath?: string;
  /** Runs before the server listens; a rejection stops the start (e.g. the node is on another chain). */
  start?(): Promise<void>;
  /**
   * Whether the module can take traffic now (the store is migrated, the sync caught up). The server
   * serves no `/ready` yet; when it does, it asks every module here.
   */
  ready?(): Promise<boolean>;
  /** Releases what the module holds; runs once, after the server stopped listening. */
  close?(): Promise<void>;
}
