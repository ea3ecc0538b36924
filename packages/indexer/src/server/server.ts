import type { Server as NodeServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import { createLogger, type Logger } from "../internal/logger.ts";
import { createApp } from "./app.ts";
import type { ServerEnv, ServerModule } from "./types.ts";

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  /** Interface to listen on; 127.0.0.1 by default (put a reverse proxy in front for the public). */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** What the server serves besides `/health` (see {@link ServerModule}). */
  modules?: readonly ServerModule[];
  logger?: Logger;
  /** Most time to receive a whole request; 30 s by default. */
  requestTimeoutMs?: number;
  /** Most time to receive the headers; 10 s by default. */
  headersTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open; 5 s by default. */
  keepAliveTimeoutMs?: number;
}

/** The service's HTTP server: one Hono app on node's `http`. */
export interface Server {
  /** The app (`app.request(…)` answers without a socket, for tests). */
  readonly app: Hono<ServerEnv>;
  /** Runs each module's `start()`, then listens; resolves with the URL. */
  start(): Promise<{ url: string; port: number }>;
  /** Stops listening, ends open connections, then closes each module once (last mounted first). */
  close(): Promise<void>;
}

/**
 * Creates the service's HTTP server around {@link createApp}. A request line that node cannot parse
 * gets a bare 400 and the connection is closed; slow clients are cut off by the timeouts.
 * @example
 * const server = createServer({ port: 8547, modules: [relayer.module], logger });
 * const { url } = await server.start();
 * // …
 * await server.close();
 */
export function createServer(options: CreateServerOptions = {}): Server {
  const logger = options.logger ?? createLogger();
  const modules = options.modules ?? [];
  const app = createApp({ modules, logger });
  let listening: NodeServer | undefined;
  let closed: Promise<void> | undefined;

  return {
    app,
    async start() {
      if (closed) throw new Error("the server was closed");
      if (listening) throw new Error("the server is already started");
      for (const module of modules) await module.start?.();
      const server = createAdaptorServer({
        fetch: app.fetch,
        serverOptions: {
          requestTimeout: options.requestTimeoutMs ?? 30_000,
          headersTimeout: options.headersTimeoutMs ?? 10_000,
          keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
        },
      }) as NodeServer;
      server.maxHeadersCount = 100;
      server.on("clientError", (_error, socket) => {
        if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
        else socket.destroy();
      });
      const host = options.host ?? "127.0.0.1";
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      listening = server;
      const { port } = server.address() as AddressInfo;
      return { url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`, port };
    },
    close() {
      closed ??= (async () => {
        const server = listening;
        listening = undefined;
        if (server) {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
        }
        for (const module of [...modules].reverse()) await module.close?.();
      })();
      return closed;
    },
  };
}
