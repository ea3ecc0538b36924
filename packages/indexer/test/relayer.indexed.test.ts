// The relayer mounted in `plenum-indexer start` (in process, on a real anvil): its community list is
// the indexer's store. A community created after the start is served once indexed, an unknown address
// gets UNKNOWN_COMMUNITY, a community whose creation a reorg removed is no longer served, and
// COMMUNITIES narrows the indexed list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCliConfig } from "../src/cli/config.ts";
import { runService, type Service } from "../src/cli/run.ts";
import { silentLogger } from "../src/internal/logger.ts";
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
  startAnvil,
  type TestCore,
} from "./support.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A well-formed signed ballot for a proposal that does not exist: past the community check, the chain refuses its signature (INVALID_SIGNATURE). */
const probe = (community: string) => ({
  community,
  voter: devAccount(1).address,
  deadline: "4000000000",
  signature: `0x${"11".repeat(65)}`,
  ballot: { proposalId: "999", option: 0 },
});

describe("the relayer mounted in the indexer serves the indexer's communities", () => {
  let anvil: Anvil;
  let core: TestCore;
  let before: `0x${string}`;
  let startBlock: bigint;
  const services: Service[] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const env = {
      RPC_URL: anvil.rpcUrl,
      FACTORY: core.factory,
      START_BLOCK: String(startBlock),
      POLLING_INTERVAL: "50",
      PORT: "0",
      NO_METADATA: "1",
      RELAYER_PRIVATE_KEY: devKey(RELAYER_INDEX),
      ...extra,
    };
    const service = await runService(loadCliConfig(["start", "--memory"], env), {
      logger: silentLogger,
      env,
    });
    services.push(service);
    const url = service.url as string;
    for (let i = 0; i < 400; i++) {
      if ((await fetch(`${url}/ready`)).status === 200) return url;
      await sleep(50);
    }
    throw new Error("the indexer did not get ready");
  };

  /** The error code the relayer answers a probe of `community` with. */
  const codeFor = async (url: string, community: string) =>
    (await post(url, "/v1/signed-ballots", probe(community))).body.error?.code;

  /** Waits until the probe's code satisfies `done`; returns it. */
  const until = async (url: string, community: string, done: (code: unknown) => boolean) => {
    let code: unknown;
    for (let i = 0; i < 200; i++) {
      code = await codeFor(url, community);
      if (done(code)) return code;
      await sleep(50);
    }
    throw new Error(`still ${String(code)} for ${community}`);
  };

  beforeAll(async () => {
    anvil = await startAnvil();
    core = await deployTestCore(anvil);
    startBlock = (await clientsFor(anvil).publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    ({ community: before } = await createTestCommunity(anvil, core));
  });
  afterAll(async () => {
    for (const service of services) await service.stop();
    await anvil?.stop();
  });

  it("serves indexed communities (a new one once indexed), refuses others, and drops one a reorg removed", async () => {
    const url = await start();
    // Indexed in the backfill: past the community check, the chain refuses the made-up signature.
    expect(await codeFor(url, before)).toBe("INVALID_SIGNATURE");
    const unknown = await post(url, "/v1/signed-ballots", probe(devAccount(7).address));
    expect(unknown.status).toBe(403);
    expect(unknown.body.error).toEqual({
      code: "UNKNOWN_COMMUNITY",
      message: `this relayer does not serve community ${devAccount(7).address}`,
      community: devAccount(7).address,
    });

    // Created after the start: served as soon as the indexer has it.
    const { community: later } = await createTestCommunity(anvil, core);
    expect(await until(url, later, (code) => code !== "UNKNOWN_COMMUNITY")).toBe(
      "INVALID_SIGNATURE",
    );

    // A community whose creation is reorganised away stops being served.
    const { testClient } = clientsFor(anvil);
    const snapshot = await testClient.snapshot();
    const { community: doomed } = await createTestCommunity(anvil, core);
    expect(await until(url, doomed, (code) => code !== "UNKNOWN_COMMUNITY")).toBe(
      "INVALID_SIGNATURE",
    );
    let health = await get(url, "/v1/health");
    expect(health.body.communities).toMatchObject({
      source: "indexer",
      allowList: [],
      indexedCommunities: 3,
    });
    await testClient.revert({ id: snapshot });
    await testClient.mine({ blocks: 3 });
    expect(await until(url, doomed, (code) => code === "UNKNOWN_COMMUNITY")).toBe(
      "UNKNOWN_COMMUNITY",
    );
    expect(await codeFor(url, later)).toBe("INVALID_SIGNATURE");
    expect(await codeFor(url, before)).toBe("INVALID_SIGNATURE");
    // The export, mounted by start too, agrees with GraphQL after the reorg.
    const exported = await fetch(
      `${url}/export/communities.csv?columns=address&orderBy=blockNumber`,
    );
    const graphql = await post(url, "/graphql", {
      query: "{ communities(orderBy: blockNumber) { address } }",
    });
    const addresses = (graphql.body.data as { communities: { address: string }[] }).communities;
    expect(addresses.map((c) => c.address)).toEqual([before.toLowerCase(), later.toLowerCase()]);
    expect(await exported.text()).toBe(
      `address\r\n${addresses.map((c) => `${c.address}\r\n`).join("")}`,
    );
    health = await get(url, "/v1/health");
    const head = await clientsFor(anvil).publicClient.getBlockNumber({ cacheTime: 0 });
    expect(health.body.communities).toEqual({
      source: "indexer",
      allowList: [],
      indexedCommunities: 2,
      indexedBlock: head.toString(),
    });
  });

  it("narrows the indexed communities to COMMUNITIES when it is set", async () => {
    const { community: listed } = await createTestCommunity(anvil, core);
    const url = await start({ COMMUNITIES: listed, EXPORT_RATE_LIMIT: "2/1m" });
    expect(await codeFor(url, listed)).toBe("INVALID_SIGNATURE");
    expect(await codeFor(url, before)).toBe("UNKNOWN_COMMUNITY");
    const health = await get(url, "/v1/health");
    expect(health.body.communities).toMatchObject({
      source: "indexer",
      allowList: [listed],
      indexedCommunities: 3,
    });
    // EXPORT_RATE_LIMIT: the third export request in a minute is refused (the index counts once).
    expect((await fetch(`${url}/export`)).status).toBe(200);
    expect((await fetch(`${url}/export/topics.ndjson`)).status).toBe(200);
    const limited = await fetch(`${url}/export/topics.ndjson`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
  });
});
