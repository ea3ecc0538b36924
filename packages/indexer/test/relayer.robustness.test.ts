// Garbage, floods and a failing node: the relayer answers each with a clear error, never crashes,
// never loses or duplicates a submission, and still serves good requests afterwards.
import { connect } from "node:net";
import { addMembersSync, getTally, proposeSync, signBallot } from "@plenum/sdk";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryLimiter } from "../src/server/rateLimiter.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  get,
  post,
  signedBody,
  startAnvil,
  startFlakyProxy,
  startRelayer,
  type TestRelayer,
  tick,
} from "./support.ts";

let anvil: Anvil;
let community: Address;
let proposalId: bigint;
let relayer: TestRelayer;

beforeAll(async () => {
  anvil = await startAnvil();
  const core = await deployTestCore(anvil);
  ({ community } = await createTestCommunity(anvil, core));
  const admin = clientsFor(anvil).wallet(0);
  await addMembersSync(admin, {
    community,
    members: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ account: devAccount(i).address, weight: 1 })),
  });
  await tick(anvil);
  ({ proposalId } = await proposeSync(clientsFor(anvil).wallet(1), {
    community,
    topic: 0,
    optionCount: 2,
    votingPeriod: 86_400,
    metadataURI: "poll",
  }));
  relayer = await startRelayer(anvil.rpcUrl, {
    communities: [community],
    clientRateLimit: { capacity: 100_000, periodMs: 1000 },
  });
});

afterAll(async () => {
  await relayer?.close();
  await anvil?.stop();
});

async function relayVoteOf(url: string, voter: number, option: number) {
  const signed = await signBallot(clientsFor(anvil).wallet(voter), {
    community,
    ballot: { proposalId, option },
  });
  return { signed, reply: await post(url, "/v1/signed-ballots", signedBody(signed)) };
}

async function raw(url: string, path: string, init: RequestInit) {
  const response = await fetch(`${url}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

describe("garbage", () => {
  it("answers every kind of bad request with a JSON error and the right status", async () => {
    const { url } = relayer;
    const json = { "content-type": "application/json" };
    const cases: [string, RequestInit, number, string][] = [
      [
        "/v1/anonymous-ballots",
        { method: "POST", headers: json, body: "{not json" },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/anonymous-ballots",
        { method: "POST", headers: json, body: "" },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/anonymous-ballots",
        { method: "POST", headers: json, body: "null" },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/anonymous-ballots",
        { method: "POST", headers: json, body: "[1,2,3]" },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/anonymous-ballots",
        { method: "POST", headers: json, body: '"x"' },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/anonymous-ballots",
        { method: "POST", headers: json, body: new Blob([new Uint8Array([0xff, 0xfe, 0x7b])]) },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/anonymous-ballots",
        { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" },
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      ["/v1/anonymous-ballots", { method: "POST", body: "{}" }, 415, "UNSUPPORTED_MEDIA_TYPE"],
      [
        "/v1/signed-ballots",
        { method: "POST", headers: json, body: JSON.stringify({ community: 1 }) },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/signed-ballots",
        { method: "POST", headers: json, body: "[".repeat(5000) },
        400,
        "MALFORMED_REQUEST",
      ],
      [
        "/v1/signed-ballots",
        { method: "POST", headers: json, body: "x".repeat(20_000) },
        413,
        "BODY_TOO_LARGE",
      ],
      ["/v1/signed-ballots", { method: "GET" }, 405, "METHOD_NOT_ALLOWED"],
      ["/v1/health", { method: "POST", headers: json, body: "{}" }, 405, "METHOD_NOT_ALLOWED"],
      ["/v1/nothing", { method: "GET" }, 404, "NOT_FOUND"],
      ["/", { method: "GET" }, 404, "NOT_FOUND"],
      [
        "/v1/anonymous-ballots?wait=maybe",
        { method: "POST", headers: json, body: "{}" },
        400,
        "MALFORMED_REQUEST",
      ],
    ];
    for (const [path, init, status, code] of cases) {
      const reply = await raw(url, path, init);
      expect(reply.status, `${init.method} ${path}`).toBe(status);
      expect(JSON.parse(reply.text).error.code, `${init.method} ${path}`).toBe(code);
      expect(typeof JSON.parse(reply.text).error.message).toBe("string");
    }
  });

  it("refuses a declared oversized body without reading it", async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const url = new URL(relayer.url);
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          "POST /v1/anonymous-ballots HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000000\r\n\r\n{",
        );
      });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk;
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    expect(reply).toContain("BODY_TOO_LARGE");
  });

  it("counts a body sent without a length (chunked) as it arrives: 413 past the limit, read in full below it", async () => {
    const chunked = (parts: string[]) =>
      raw(relayer.url, "/v1/signed-ballots", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit);
    const large = await chunked(Array(5).fill("x".repeat(4000)));
    expect(large.status).toBe(413);
    expect(JSON.parse(large.text).error).toMatchObject({
      code: "BODY_TOO_LARGE",
      maxBytes: 16_384,
    });
    const small = await chunked(['{"community":', "1}"]);
    expect(small.status).toBe(400);
    // Both parts arrived and parsed: the shape check answers, not the JSON parser.
    expect(JSON.parse(small.text).error).toMatchObject({
      code: "MALFORMED_REQUEST",
      field: "voter",
    });
  });

  it("survives 600 bad requests at once, then relays a good one", async () => {
    const { url } = relayer;
    const bodies: (string | Blob)[] = [
      "{",
      "[]",
      "0",
      "true",
      '{"community":"0x0000000000000000000000000000000000000000","proposalId":"1","proof":{}}',
      JSON.stringify({ community, proposalId: "-1", proof: null }),
      JSON.stringify({ community, voter: community, deadline: "1", signature: "0x00", ballot: {} }),
      JSON.stringify({ a: "x".repeat(10_000) }),
      new Blob([new Uint8Array(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))]),
    ];
    const requests = Array.from({ length: 600 }, (_, i) => {
      const path = i % 2 ? "/v1/anonymous-ballots" : "/v1/signed-ballots";
      return fetch(`${url}${path}`, {
        method: "POST",
        headers: { "content-type": i % 13 ? "application/json" : "text/html" },
        body: bodies[i % bodies.length],
      }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      });
    });
    const statuses = await Promise.all(requests);
    expect(statuses.every((status) => status >= 400 && status < 500)).toBe(true);
    expect((await get(url, "/v1/health")).status).toBe(200);
    const { reply } = await relayVoteOf(url, 1, 1);
    expect(reply.status).toBe(202);
  });

  it("answers 400 to a request line it cannot parse and keeps serving", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const url = new URL(relayer.url);
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write("\u0000\u0001GARBAGE / HTTP/9.9\r\n\r\n");
      });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk;
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await get(relayer.url, "/v1/health")).status).toBe(200);
  });
});

describe("floods", () => {
  it("limits each client with 429 and Retry-After, keyed per X-Forwarded-For behind a trusted proxy", async () => {
    const limited = await startRelayer(anvil.rpcUrl, {
      communities: [community],
      trustProxy: true,
      clientRateLimit: { capacity: 5, periodMs: 60_000 },
    });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const reply = await post(limited.url, "/v1/anonymous-ballots", "{", {
          "x-forwarded-for": "198.51.100.7",
        });
        statuses.push(reply.status);
        if (reply.status === 429) {
          retryAfter = reply.headers.get("retry-after");
          expect(reply.body.error).toMatchObject({ code: "RATE_LIMITED" });
        }
      }
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(11);
      // Another client is not affected.
      const otherClient = await post(limited.url, "/v1/anonymous-ballots", "{", {
        "x-forwarded-for": "198.51.100.7, 198.51.100.8",
      });
      expect(otherClient.status).toBe(400);
      // Nothing in the logs identifies either client.
      expect(limited.rawLogs.join("\n")).not.toMatch(/198\.51\.100/);
    } finally {
      await limited.close();
    }
  });

  it("keeps the client limiter bounded under a flood of distinct clients", async () => {
    const clientLimiter = createMemoryLimiter({
      capacity: 2,
      periodMs: 60_000,
      maxEntries: 500,
    });
    const bounded = await startRelayer(
      anvil.rpcUrl,
      { communities: [community], trustProxy: true },
      { clientLimiter },
    );
    try {
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            post(bounded.url, "/v1/anonymous-ballots", "{", {
              "x-forwarded-for": `10.0.${batch}.${i}`,
            }),
          ),
        );
      }
      expect(clientLimiter.size()).toBe(500);
      expect((await get(bounded.url, "/v1/health")).status).toBe(200);
    } finally {
      await bounded.close();
    }
  });

  it("answers 503 OVERLOADED past the in-flight cap (slow clients holding requests open)", async () => {
    const small = await startRelayer(anvil.rpcUrl, {
      communities: [community],
      maxConcurrentRequests: 3,
    });
    const url = new URL(small.url);
    const sockets = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const socket = connect(Number(url.port), url.hostname, () => {
              socket.write(
                "POST /v1/signed-ballots HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{",
              );
              resolve(socket);
            });
          }),
      ),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const busy = await post(small.url, "/v1/signed-ballots", "{}");
      expect(busy.status).toBe(503);
      expect(busy.body.error).toMatchObject({ code: "OVERLOADED" });
      expect(busy.headers.get("retry-after")).toBe("1");
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await get(small.url, "/v1/health")).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe("a failing node", () => {
  it("answers 503 RPC_UNAVAILABLE while the node is down, and recovers", async () => {
    const proxy = await startFlakyProxy(anvil.rpcUrl);
    const flaky = await startRelayer(proxy.url, { communities: [community], rpcTimeoutMs: 2000 });
    try {
      proxy.setMode("down");
      const health = await get(flaky.url, "/v1/health");
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: "degraded", error: { code: "RPC_UNAVAILABLE" } });
      const { signed, reply } = await relayVoteOf(flaky.url, 2, 0);
      expect(reply.status).toBe(503);
      expect(reply.body.error).toMatchObject({ code: "RPC_UNAVAILABLE" });
      expect(reply.headers.get("retry-after")).toBe("5");
      proxy.setMode("pass");
      const retried = await post(flaky.url, "/v1/signed-ballots", signedBody(signed));
      expect(retried.status).toBe(202);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("rebroadcasts when the node's answer to a send is lost: one transaction, counted once", async () => {
    const { publicClient } = clientsFor(anvil);
    const proxy = await startFlakyProxy(anvil.rpcUrl);
    const flaky = await startRelayer(
      proxy.url,
      { communities: [community], rpcTimeoutMs: 2000 },
      { retryDelayMs: 20 },
    );
    try {
      const before = await getTally(publicClient, { community, proposalId });
      const nonceBefore = await publicClient.getTransactionCount({
        address: flaky.relayer.address,
      });
      proxy.setMode("lose-next-send-answer");
      const sendsBefore = proxy.sendsForwarded();
      const { reply } = await relayVoteOf(flaky.url, 3, 1);
      expect(reply.status, JSON.stringify(reply.body)).toBe(202);
      expect(proxy.sendsForwarded() - sendsBefore).toBeGreaterThanOrEqual(2);
      const receipt = await publicClient.waitForTransactionReceipt({
        hash: reply.body.transactionHash as `0x${string}`,
      });
      expect(receipt.status).toBe("success");
      expect(await publicClient.getTransactionCount({ address: flaky.relayer.address })).toBe(
        nonceBefore + 1,
      );
      const after = await getTally(publicClient, { community, proposalId });
      expect(after.participation).toBe(before.participation + 1n);
      // The next request still gets the next nonce.
      expect((await relayVoteOf(flaky.url, 4, 1)).reply.status).toBe(202);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("reports an unknown outcome when every answer is lost; the same request later gets the hash that was mined", async () => {
    const { publicClient } = clientsFor(anvil);
    const proxy = await startFlakyProxy(anvil.rpcUrl);
    const flaky = await startRelayer(
      proxy.url,
      { communities: [community], rpcTimeoutMs: 2000 },
      { retryDelayMs: 20 },
    );
    try {
      const nonceBefore = await publicClient.getTransactionCount({
        address: flaky.relayer.address,
      });
      proxy.setMode("lose-send-answers");
      const { signed, reply } = await relayVoteOf(flaky.url, 7, 1);
      expect(reply.status).toBe(503);
      const hash = reply.body.error?.transactionHash as `0x${string}`;
      expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
      proxy.setMode("pass");
      // It was mined: the retry (with the voter's nonce, now used) is answered with that hash.
      expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
      const retried = await post(flaky.url, "/v1/signed-ballots", signedBody(signed));
      expect(retried.status).toBe(202);
      expect(retried.body).toEqual({ transactionHash: hash, duplicate: true });
      expect(await publicClient.getTransactionCount({ address: flaky.relayer.address })).toBe(
        nonceBefore + 1,
      );
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("reports an unknown outcome when sends never arrive, then relays the same request exactly once", async () => {
    const { publicClient } = clientsFor(anvil);
    const proxy = await startFlakyProxy(anvil.rpcUrl);
    const flaky = await startRelayer(
      proxy.url,
      { communities: [community], rpcTimeoutMs: 2000 },
      { retryDelayMs: 20 },
    );
    try {
      const nonceBefore = await publicClient.getTransactionCount({
        address: flaky.relayer.address,
      });
      proxy.setMode("drop-sends");
      const { signed, reply } = await relayVoteOf(flaky.url, 5, 0);
      expect(reply.status).toBe(503);
      expect(reply.body.error).toMatchObject({ code: "RPC_UNAVAILABLE" });
      expect(reply.body.error?.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
      proxy.setMode("pass");
      const retried = await post(flaky.url, "/v1/signed-ballots", signedBody(signed));
      expect(retried.status).toBe(202);
      await publicClient.waitForTransactionReceipt({
        hash: retried.body.transactionHash as `0x${string}`,
      });
      expect(await publicClient.getTransactionCount({ address: flaky.relayer.address })).toBe(
        nonceBefore + 1,
      );
      expect((await relayVoteOf(flaky.url, 6, 0)).reply.status, "the nonce is back in step").toBe(
        202,
      );
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("serialises concurrent sends: 8 ballots at once, 8 transactions with consecutive nonces", async () => {
    const { publicClient, wallet } = clientsFor(anvil);
    const { proposalId: fresh } = await proposeSync(wallet(1), {
      community,
      topic: 0,
      optionCount: 2,
      votingPeriod: 86_400,
      metadataURI: "poll",
    });
    const signed = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
        signBallot(wallet(i), { community, ballot: { proposalId: fresh, option: i % 2 } }),
      ),
    );
    const replies = await Promise.all(
      signed.map((ballot) => post(relayer.url, "/v1/signed-ballots", signedBody(ballot))),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(202));
    const receipts = await Promise.all(
      replies.map((reply) =>
        publicClient.waitForTransactionReceipt({
          hash: reply.body.transactionHash as `0x${string}`,
        }),
      ),
    );
    expect(receipts.every((receipt) => receipt.status === "success")).toBe(true);
    const transactions = await Promise.all(
      receipts.map((receipt) => publicClient.getTransaction({ hash: receipt.transactionHash })),
    );
    const nonces = transactions.map((tx) => tx.nonce).sort((a, b) => a - b);
    expect(nonces).toEqual(nonces.map((_, i) => (nonces[0] ?? 0) + i));
    const tally = await getTally(publicClient, { community, proposalId: fresh });
    expect(tally.tallies).toEqual([4n, 4n]);
  });
});
