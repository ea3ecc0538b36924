import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { describe, expect, it } from "vitest";
import { createLogger, silentLogger } from "../internal/logger.ts";
import { createApp } from "./app.ts";
import { HttpError } from "./errors.ts";
import { json } from "./json.ts";
import type { ServerEnv, ServerModule } from "./types.ts";

function logged() {
  const lines: string[] = [];
  return {
    logger: createLogger({ level: "debug", sink: (line) => lines.push(line) }),
    lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe("createApp", () => {
  it("GET /health answers 200 { status: 'ok' } as uncached JSON, HEAD without a body", async () => {
    const app = createApp({ logger: silentLogger });
    const response = await app.request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const head = await app.request("/health", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await app.request("/health/")).status).toBe(200);
  });

  it("answers an unknown route with 404 NOT_FOUND and logs nothing for it", async () => {
    const { logger, lines } = logged();
    const app = createApp({ logger });
    const response = await app.request("/v1/nothing?secret=1");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "NOT_FOUND", message: "no route /v1/nothing" },
    });
    expect(lines()).toEqual([]);
  });

  it("mounts each module's routes under its basePath, fetch handlers included", async () => {
    // The shape the GraphQL API will take: a fetch handler (graphql-yoga's `fetch`) behind a route.
    const fetchHandler = async (request: Request) =>
      Response.json({ data: { echo: new URL(request.url).pathname } });
    const graphql: ServerModule = {
      name: "graphql",
      basePath: "/graphql",
      routes: new Hono<ServerEnv>().on(["GET", "POST"], "/", (c) => fetchHandler(c.req.raw)),
    };
    const items: ServerModule = {
      name: "items",
      routes: new Hono<ServerEnv>().get("/v1/items/:id", (c) =>
        json(c, 200, { id: c.req.param("id"), big: 2n ** 70n }),
      ),
    };
    const app = createApp({ modules: [graphql, items], logger: silentLogger });
    const answer = await app.request("/graphql", { method: "POST" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { echo: "/graphql" } });
    expect(await (await app.request("/v1/items/7")).json()).toEqual({
      id: "7",
      big: "1180591620717411303424",
    });
    expect((await app.request("/graphql", { method: "DELETE" })).status).toBe(404);
  });

  it("writes an HttpError as its JSON body with Retry-After and its headers; a 413 closes the connection", async () => {
    const routes = new Hono<ServerEnv>()
      .get("/busy", () => {
        throw new HttpError("OVERLOADED", 503, "busy", { queue: 3 }, { retryAfter: 2 });
      })
      .get("/teapot", () => {
        throw new HttpError(
          "METHOD_NOT_ALLOWED",
          405,
          "/teapot takes POST requests",
          {},
          {
            headers: { allow: "POST" },
          },
        );
      })
      .get("/large", () => {
        throw new HttpError("BODY_TOO_LARGE", 413, "too large", { maxBytes: 10 });
      });
    const app = createApp({ modules: [{ name: "test", routes }], logger: silentLogger });
    const busy = await app.request("/busy");
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("2");
    expect(await busy.json()).toEqual({ error: { code: "OVERLOADED", message: "busy", queue: 3 } });
    const teapot = await app.request("/teapot");
    expect(teapot.status).toBe(405);
    expect(teapot.headers.get("allow")).toBe("POST");
    const large = await app.request("/large");
    expect(large.status).toBe(413);
    expect(large.headers.get("connection")).toBe("close");
    expect(await large.json()).toMatchObject({ error: { code: "BODY_TOO_LARGE", maxBytes: 10 } });
  });

  it("answers a bug with 500 INTERNAL and no detail, and logs it with the route", async () => {
    const { logger, lines } = logged();
    const routes = new Hono<ServerEnv>().get("/v1/items/:id", () => {
      throw new TypeError("cannot read secret-detail of undefined");
    });
    const app = createApp({ modules: [{ name: "test", routes }], logger });
    const response = await app.request("/v1/items/9");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: "INTERNAL", message: "the server failed unexpectedly" },
    });
    expect(lines()).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "unexpected error",
        route: "/v1/items/:id",
        error: "TypeError: cannot read secret-detail of undefined",
      }),
      expect.objectContaining({ msg: "request", status: 500, code: "INTERNAL" }),
    ]);
  });

  it("answers Hono's own HTTPExceptions in the same error body", async () => {
    const routes = new Hono<ServerEnv>().post("/upload", bodyLimit({ maxSize: 4 }), (c) =>
      c.text("ok"),
    );
    const app = createApp({ modules: [{ name: "test", routes }], logger: silentLogger });
    const response = await app.request("/upload", { method: "POST", body: "0123456789" });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "BODY_TOO_LARGE", message: "the body is too large" },
    });
  });

  it("logs one request line per routed request: method, route pattern, status, code and time only", async () => {
    const { logger, lines } = logged();
    const routes = new Hono<ServerEnv>().get("/v1/items/:id", (c) => {
      if (c.req.param("id") === "0") throw new HttpError("NOT_FOUND", 404, "no such item");
      return json(c, 200, { ok: true });
    });
    const app = createApp({ modules: [{ name: "test", routes }], logger });
    await app.request("/v1/items/12345?token=abc", {
      headers: { "x-forwarded-for": "198.51.100.7" },
    });
    await app.request("/v1/items/0");
    await app.request("/health");
    const entries = lines();
    expect(entries).toHaveLength(3);
    const [ok, missing, health] = entries;
    expect(Object.keys(ok ?? {}).sort()).toEqual(
      ["level", "method", "ms", "msg", "route", "status", "time"].sort(),
    );
    expect(ok).toMatchObject({ level: "info", method: "GET", route: "/v1/items/:id", status: 200 });
    expect(missing).toMatchObject({ route: "/v1/items/:id", status: 404, code: "NOT_FOUND" });
    expect(health).toMatchObject({ level: "debug", route: "/health", status: 200 });
    const text = JSON.stringify(entries);
    expect(text).not.toContain("12345");
    expect(text).not.toContain("abc");
    expect(text).not.toContain("198.51.100.7");
  });
});
