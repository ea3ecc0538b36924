import { connect } from "node:net";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../internal/logger.ts";
import { json } from "./json.ts";
import { createServer } from "./server.ts";
import type { ServerEnv, ServerModule } from "./types.ts";

/** A module that records its life cycle into `events`. */
function recording(name: string, events: string[], fail?: Error): ServerModule {
  return {
    name,
    routes: new Hono<ServerEnv>().get(`/v1/${name}`, (c) => json(c, 200, { name })),
    async start() {
      events.push(`start ${name}`);
      if (fail) throw fail;
    },
    async close() {
      events.push(`close ${name}`);
    },
  };
}

describe("createServer", () => {
  it("start() starts the modules in order and listens; close() stops listening, then closes them once, last first", async () => {
    const events: string[] = [];
    const server = createServer({
      modules: [recording("a", events), recording("b", events)],
      logger: silentLogger,
    });
    const { url, port } = await server.start();
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(events).toEqual(["start a", "start b"]);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${url}/v1/b`)).json()).toEqual({ name: "b" });
    await Promise.all([server.close(), server.close()]);
    expect(events).toEqual(["start a", "start b", "close b", "close a"]);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    await expect(server.start()).rejects.toThrow("the server was closed");
  });

  it("does not listen when a module fails to start; close() still releases every module", async () => {
    const events: string[] = [];
    const server = createServer({
      modules: [recording("a", events), recording("b", events, new Error("wrong chain"))],
      logger: silentLogger,
    });
    await expect(server.start()).rejects.toThrow("wrong chain");
    await server.close();
    expect(events).toEqual(["start a", "start b", "close b", "close a"]);
  });

  it("answers a request line it cannot parse with 400 and closes that connection", async () => {
    const server = createServer({ logger: silentLogger });
    const { port } = await server.start();
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => socket.write("GARBAGE\r\n\r\n"));
        let text = "";
        socket.on("data", (chunk) => {
          text += chunk;
        });
        socket.on("close", () => resolve(text));
        socket.on("error", reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
