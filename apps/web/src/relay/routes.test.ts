// The app's proxy routes against a stand-in upstream (an HTTP server playing indexer and relayer):
// which headers reach it, and what comes back to the browser.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as graphql } from "../app/api/indexer/graphql/route.ts";
import { POST as anonymousBallots } from "../app/api/relayer/v1/anonymous-ballots/route.ts";
import { POST as signedBallots } from "../app/api/relayer/v1/signed-ballots/route.ts";

/** In this helper's port range; WEB_UNIT_PORT picks another. */
const PORT = Number(process.env.WEB_UNIT_PORT ?? 9641);

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let seen: Seen[] = [];
let reply: { status: number; headers: Record<string, string>; body: string };
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
  process.env.PLENUM_INDEXER_URL = `http://127.0.0.1:${PORT}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  reply = {
    status: 202,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ transactionHash: `0x${"ab".repeat(32)}` }),
  };
});

/** A browser's request as `next start` hands it to a route (x-forwarded-for filled in by Next). */
const post = (path: string, body: string, forwardedFor = "198.51.100.7, 203.0.113.9") =>
  new Request(`http://127.0.0.1:9630${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body,
  });

describe("POST /api/relayer/v1/signed-ballots", () => {
  it("passes the body, ?wait=1 and the member's address (the last X-Forwarded-For entry)", async () => {
    const body = JSON.stringify({ voter: "0x01", ballots: [] });
    const response = await signedBallots(post("/api/relayer/v1/signed-ballots?wait=1", body));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ transactionHash: `0x${"ab".repeat(32)}` });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url).toBe("/v1/signed-ballots?wait=1");
    expect(seen[0]?.body).toBe(body);
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(seen[0]?.headers["x-forwarded-for"]).toBe("203.0.113.9");
  });

  it("passes the relayer's refusal on with its status, code and retry-after", async () => {
    reply = {
      status: 429,
      headers: { "content-type": "application/json", "retry-after": "17" },
      body: JSON.stringify({ error: { code: "RATE_LIMITED", message: "too many requests" } }),
    };
    const response = await signedBallots(post("/api/relayer/v1/signed-ballots", "{}"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("17");
    expect(await response.json()).toEqual({
      error: { code: "RATE_LIMITED", message: "too many requests" },
    });
    expect(seen[0]?.url).toBe("/v1/signed-ballots");
  });

  it("refuses a body over 16 KiB without asking the relayer", async () => {
    const response = await signedBallots(
      post("/api/relayer/v1/signed-ballots", `"${"x".repeat(16_384)}"`),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "BODY_TOO_LARGE", message: "the signed batch is too large" },
    });
    expect(seen).toHaveLength(0);
  });

  it("answers 502 UNREACHABLE when the relayer is down", async () => {
    const saved = process.env.PLENUM_INDEXER_URL;
    process.env.PLENUM_INDEXER_URL = "http://127.0.0.1:9642";
    try {
      const response = await signedBallots(post("/api/relayer/v1/signed-ballots", "{}"));
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({
        error: { code: "UNREACHABLE", message: "the relayer could not be reached" },
      });
    } finally {
      process.env.PLENUM_INDEXER_URL = saved;
    }
  });
});

describe("POST /api/relayer/v1/anonymous-ballots", () => {
  it("does not pass the member's address on: the relayer sees only this server", async () => {
    const response = await anonymousBallots(post("/api/relayer/v1/anonymous-ballots", "{}"));
    expect(response.status).toBe(202);
    expect(seen[0]?.url).toBe("/v1/anonymous-ballots");
    expect(seen[0]?.headers["x-forwarded-for"]).toBeUndefined();
    expect(seen[0]?.headers.forwarded).toBeUndefined();
  });
});

describe("POST /api/indexer/graphql", () => {
  it("passes the member's address on as X-Forwarded-For", async () => {
    reply = { status: 200, headers: { "content-type": "application/json" }, body: "{}" };
    const response = await graphql(post("/api/indexer/graphql", '{"query":"{ a }"}', "192.0.2.4"));
    expect(response.status).toBe(200);
    expect(seen[0]?.url).toBe("/graphql");
    expect(seen[0]?.headers["x-forwarded-for"]).toBe("192.0.2.4");
  });

  it("sends no X-Forwarded-For when the request has none", async () => {
    reply = { status: 200, headers: { "content-type": "application/json" }, body: "{}" };
    const request = new Request("http://127.0.0.1:9630/api/indexer/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    await graphql(request);
    expect(seen[0]?.headers["x-forwarded-for"]).toBeUndefined();
  });
});
