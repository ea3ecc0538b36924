// The relayer on the service's server: mounted next to another module, and with its rate limits
// in the real Redis on 127.0.0.1:6379 (REDIS_URL to use another; skipped if none answers).
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { addMembersSync, proposeSync, signBallot } from "@plenum/sdk";
import { Hono } from "hono";
import { Redis } from "ioredis";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, silentLogger } from "../src/internal/logger.ts";
import { withDefaults } from "../src/relayer/config.ts";
import { createRelayer } from "../src/relayer/relayer.ts";
import { json } from "../src/server/json.ts";
import { createServer } from "../src/server/server.ts";
import type { ServerEnv } from "../src/server/types.ts";
import { redisReachable, redisUrl } from "./redis.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  devKey,
  get,
  post,
  RELAYER_INDEX,
  signedBody,
  startAnvil,
  startFlakyProxy,
  startRelayer,
  tick,
} from "./support.ts";

const redisAvailable = await redisReachable();
let anvil: Anvil;
let community: Address;

async function propose(): Promise<bigint> {
  const { proposalId } = await proposeSync(clientsFor(anvil).wallet(1), {
    community,
    topic: 0,
    optionCount: 2,
    votingPeriod: 86_400,
    metadataURI: "poll",
  });
  return proposalId;
}

beforeAll(async () => {
  anvil = await startAnvil();
  const core = await deployTestCore(anvil);
  ({ community } = await createTestCommunity(anvil, core));
  await addMembersSync(clientsFor(anvil).wallet(0), {
    community,
    members: [1, 2, 3].map((i) => ({ account: devAccount(i).address, weight: 1 })),
  });
  await tick(anvil);
});

afterAll(async () => {
  await anvil?.stop();
});

describe("the relayer mounted on the service's server", () => {
  it("serves its routes next to another module's; its client limit and in-flight cap stay on its own routes", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", sink: (line) => lines.push(line) });
    const relayer = createRelayer(
      withDefaults({
        privateKey: devKey(RELAYER_INDEX),
        rpcUrl: anvil.rpcUrl,
        communities: [community],
        clientRateLimit: { capacity: 2, periodMs: 60_000 },
        maxConcurrentRequests: 1,
      }),
      { logger },
    );
    let closedOther = false;
    const other = {
      name: "graphql",
      basePath: "/graphql",
      routes: new Hono<ServerEnv>().post("/", (c) => json(c, 200, { data: { ok: true } })),
      close: async () => {
        closedOther = true;
      },
    };
    const server = createServer({ modules: [relayer.module, other], logger });
    const { url, port } = await server.start();
    try {
      expect((await get(url, "/health")).body).toEqual({ status: "ok" });
      const health = await get(url, "/v1/health");
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: "ok", chainId: 31337, rateLimits: "memory" });
      // A slow client holds the relayer's one request slot (and takes its second token).
      const slow = await new Promise<Socket>((resolve) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(
            "POST /v1/signed-ballots HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{",
          );
          resolve(socket);
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const busy = await get(url, "/v1/health");
      expect(busy.status).toBe(503);
      expect(busy.body.error).toMatchObject({ code: "OVERLOADED" });
      // Neither the slot nor the client's budget is the other module's.
      for (let i = 0; i < 5; i++) {
        const answer = await post(url, "/graphql", { query: "{ ok }" });
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ data: { ok: true } });
      }
      slow.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The slot is free again, and the client's 2 per minute are spent.
      const limited = await get(url, "/v1/health");
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED" });
      expect((await get(url, "/v1/nothing")).body.error).toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await server.close();
    }
    expect(closedOther).toBe(true);
    const requests = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === "request")
      .map((line) => `${line.method} ${line.route} ${line.code ?? line.status}`);
    expect(requests.sort()).toEqual(
      [
        "GET /health 200",
        "GET /v1/health 200",
        "GET /v1/health OVERLOADED",
        ...Array(5).fill("POST /graphql 200"),
        "POST /v1/signed-ballots MALFORMED_REQUEST",
        "GET /v1/health RATE_LIMITED",
      ].sort(),
    );
  });
});

describe("the relayer module's ready()", () => {
  it("is true while the node answers on the chain, false while it is down", async () => {
    const proxy = await startFlakyProxy(anvil.rpcUrl);
    const relayer = createRelayer(
      withDefaults({
        privateKey: devKey(RELAYER_INDEX),
        rpcUrl: proxy.url,
        communities: [community],
        rpcTimeoutMs: 1000,
      }),
      { logger: silentLogger },
    );
    try {
      expect(await relayer.module.ready?.()).toBe(true);
      proxy.setMode("down");
      expect(await relayer.module.ready?.()).toBe(false);
      proxy.setMode("pass");
      expect(await relayer.module.ready?.()).toBe(true);
    } finally {
      await relayer.close();
      await proxy.close();
    }
  });
});

describe.skipIf(!redisAvailable)("rate limits in Redis", () => {
  const prefix = `plenum:test:${randomBytes(6).toString("hex")}`;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(redisUrl);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("limits each client with 429 and Retry-After, keyed by a salted hash that names no address", async () => {
    const limited = await startRelayer(
      anvil.rpcUrl,
      {
        communities: [community],
        trustProxy: true,
        clientRateLimit: { capacity: 5, periodMs: 60_000 },
        redisUrl,
      },
      { redisKeyPrefix: prefix },
    );
    try {
      expect((await get(limited.url, "/v1/health")).body).toMatchObject({ rateLimits: "redis" });
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
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      // Another client is not affected.
      const otherClient = await post(limited.url, "/v1/anonymous-ballots", "{", {
        "x-forwarded-for": "198.51.100.7, 198.51.100.8",
      });
      expect(otherClient.status).toBe(400);
      // Three client keys: the /v1/health request's, 198.51.100.7's (8 requests) and 198.51.100.8's.
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(key).toMatch(new RegExp(`^${prefix}:client:c:[\\w-]{22}$`));
      expect(keys.join("\n")).not.toMatch(/198\.51\.100|127\.0\.0\.1/);
      expect((await Promise.all(keys.map((key) => redis.get(key)))).sort()).toEqual([
        "1",
        "1",
        "8",
      ]);
      expect(limited.rawLogs.join("\n")).not.toMatch(/198\.51\.100/);
    } finally {
      await limited.close();
    }
  });

  it("limits each voter across replicas, once the simulation accepted the ballot", async () => {
    const options = {
      communities: [community],
      subjectRateLimit: { capacity: 1, periodMs: 60_000 },
      redisUrl,
    };
    const replicaA = await startRelayer(anvil.rpcUrl, options, { redisKeyPrefix: prefix });
    const replicaB = await startRelayer(anvil.rpcUrl, options, { redisKeyPrefix: prefix });
    try {
      const { wallet, publicClient } = clientsFor(anvil);
      const [first, second] = [await propose(), await propose()];
      const sentBefore = await publicClient.getTransactionCount({
        address: replicaA.relayer.address,
      });
      // A forged signature is refused by the simulation and takes nothing from voter 2's budget.
      const forged = signedBody(
        await signBallot(wallet(3), { community, ballot: { proposalId: first, option: 1 } }),
      );
      const refused = await post(replicaA.url, "/v1/signed-ballots", {
        ...forged,
        voter: devAccount(2).address,
      });
      expect(refused.status).toBe(422);
      const voted = await post(
        replicaA.url,
        "/v1/signed-ballots",
        signedBody(
          await signBallot(wallet(2), { community, ballot: { proposalId: first, option: 1 } }),
        ),
      );
      expect(voted.status).toBe(202);
      // The other replica shares the voter's budget through Redis.
      const again = await post(
        replicaB.url,
        "/v1/signed-ballots",
        signedBody(
          await signBallot(wallet(2), { community, ballot: { proposalId: second, option: 0 } }),
        ),
      );
      expect(again.status).toBe(429);
      expect(again.body.error).toMatchObject({ code: "RATE_LIMITED" });
      expect(again.body.error?.message).toMatch(/^too many requests for this voter; try again in/);
      expect(Number(again.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(again.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      const voterKey = `${prefix}:subject:v:${devAccount(2).address.toLowerCase()}`;
      expect(await redis.get(voterKey)).toBe("2");
      expect(await redis.keys(`${prefix}:subject:*`)).toEqual([voterKey]);
      expect(await publicClient.getTransactionCount({ address: replicaA.relayer.address })).toBe(
        sentBefore + 1,
      );
    } finally {
      await replicaA.close();
      await replicaB.close();
    }
  });
});
