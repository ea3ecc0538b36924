// createSync over final blocks, against a real anvil: chunked backfill, discovery of communities,
// resuming from a cursor, an unreliable RPC in front of the node, and the typed fatal errors.
import {
  communityFactoryAbi,
  createEventDecoder,
  deployments,
  fetchCommunityLogs,
  liquidGovernorAbi,
} from "@plenum/sdk";
import { type Address, createPublicClient, http, type PublicClient, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChainMismatchError,
  InvalidConfigError,
  RpcUnavailableError,
} from "../../src/internal/errors.ts";
import { createSync } from "../../src/sync/createSync.ts";
import { applyStep } from "../../src/sync/cursor.ts";
import type { SyncCursor, SyncStep } from "../../src/sync/types.ts";
import {
  type Anvil,
  addMembers,
  backfill,
  chainLogs,
  clientsFor,
  createModel,
  createTestCommunity,
  deployTestCore,
  startAnvil,
  startRpcProxy,
  type TestCore,
} from "./support.ts";

describe("createSync backfill", () => {
  let anvil: Anvil;
  let core: TestCore;
  let client: PublicClient;
  let startBlock: bigint;
  let head: bigint;
  let first: Address;
  let second: Address;
  let secondCreatedAt: bigint;

  beforeAll(async () => {
    anvil = await startAnvil();
    client = clientsFor(anvil).publicClient as PublicClient;
    const { testClient } = clientsFor(anvil);
    core = await deployTestCore(anvil);
    startBlock = 1n;
    ({ community: first } = await createTestCommunity(anvil, core));
    // 24 transactions of 12 members (MemberAdded and weight events each), with empty blocks between.
    for (let i = 0; i < 24; i++) {
      await addMembers(anvil, first, i * 12, 12);
      if (i % 3 === 0) await testClient.mine({ blocks: 3 });
      if (i === 11) {
        ({ community: second } = await createTestCommunity(anvil, core, { topics: ["Only"] }));
        secondCreatedAt = await client.getBlockNumber({ cacheTime: 0 });
        await addMembers(anvil, second, 1_000, 5);
      }
    }
    await addMembers(anvil, second, 2_000, 5);
    head = await client.getBlockNumber({ cacheTime: 0 });
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  const final = { tag: false, depth: 0 };

  it("backfills over many small chunks exactly what the SDK's fetchCommunityLogs reads", async () => {
    const sync = createSync({
      client,
      factory: core.factory,
      startBlock,
      finality: final,
      chunkSize: 4,
    });
    const started = performance.now();
    const steps = await backfill(sync);
    const seconds = (performance.now() - started) / 1000;
    const model = createModel();
    for (const step of steps) model.apply(step);
    const blockSteps = steps.filter((step) => step.type === "blocks");
    expect(blockSteps.length).toBe(Math.ceil(Number(head - startBlock + 1n) / 4));
    expect(steps.at(-1)).toEqual({ type: "live", head });
    expect(model.tip?.number).toBe(head);

    const logs = model.logs();
    for (const community of [first, second]) {
      const fromBlock = community === first ? startBlock : secondCreatedAt;
      const reference = await fetchCommunityLogs(client, { community, fromBlock, toBlock: head });
      const ours = logs
        .filter((log) => log.source === "community" && log.address === community)
        .map(({ source: _, address: __, ...log }) => log);
      expect(ours.length).toBeGreaterThan(community === first ? 24 * 12 : 10);
      expect(ours).toEqual(reference.logs);
    }
    expect(logs).toEqual(await chainLogs(client, core.factory, startBlock, head));
    expect(
      logs.filter((log) => log.source === "factory" && log.eventName === "CommunityCreated").length,
    ).toBe(2);
    expect(sync.stats.undecoded).toBe(0);
    console.info(
      `backfill: ${logs.length} logs over ${head} blocks in ${blockSteps.length} steps, ${sync.stats.requests} requests, ${Math.round(logs.length / seconds)} logs/s`,
    );
  });

  it("decodes like viem's parseEventLogs (the SDK's createEventDecoder, on every log of the chain)", async () => {
    const raw = await client.getLogs({
      address: [core.factory, first, second],
      fromBlock: 0n,
      toBlock: head,
    });
    const plain = (logs: readonly { eventName?: unknown; args?: unknown }[]) =>
      logs.map(({ eventName, args }) => ({ eventName, args }));
    for (const abi of [liquidGovernorAbi, communityFactoryAbi] as const) {
      const decode = createEventDecoder(abi as typeof liquidGovernorAbi);
      const ours = raw.flatMap((log) => {
        const event = decode(log);
        return event ? [event] : [];
      });
      const viems = parseEventLogs({ abi, logs: raw, strict: true });
      expect(ours.length).toBeGreaterThan(abi === liquidGovernorAbi ? 300 : 1);
      expect(plain(ours)).toEqual(plain(viems));
    }
  });

  it("catches a community created inside a range in the same step", async () => {
    const steps = await backfill(
      createSync({
        client,
        factory: core.factory,
        startBlock,
        finality: final,
        chunkSize: 100_000,
      }),
    );
    expect(steps.map((step) => step.type)).toEqual(["blocks", "live"]);
    const [step] = steps as [Extract<SyncStep, { type: "blocks" }>];
    const secondLogs = step.logs.filter((log) => log.address === second);
    // Its own initialisation events come in its creation block, before the factory's event.
    expect(secondLogs[0]?.blockNumber).toBe(secondCreatedAt);
    expect(secondLogs.filter((log) => log.eventName === "MemberAdded").length).toBe(10);
    expect(step.logs).toEqual(await chainLogs(client, core.factory, startBlock, head));
    // Blocks: every block with a log, and the last one.
    const withLogs = new Set(step.logs.map((log) => log.blockNumber));
    withLogs.add(head);
    expect(step.blocks.map((block) => block.number)).toEqual(
      [...withLogs].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  it("resumes from a cursor with exactly the remaining steps", async () => {
    // Final up to head - 6, then block by block: the cursor is tried in both parts.
    const options = {
      client,
      factory: core.factory,
      startBlock,
      finality: { tag: false, depth: 6 },
      chunkSize: 7,
    };
    const all = await backfill(createSync(options));
    expect(
      all.filter(
        (step) =>
          step.type === "blocks" &&
          step.blocks.length === Number(step.toBlock.number - step.fromBlock + 1n),
      ).length,
    ).toBeGreaterThan(0);
    let cursor: SyncCursor | undefined;
    for (let k = 0; k < all.length - 1; k++) {
      cursor = applyStep(cursor, all[k] as SyncStep);
      if (k % 4 !== 0 && k < all.length - 3) continue;
      const rest = await backfill(createSync({ ...options, cursor }));
      expect(rest, `after step ${k}`).toEqual(all.slice(k + 1));
    }
  });

  it("is exact through a proxy that drops 20% of requests, delays others and refuses wide ranges", async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl, {
      dropRate: 0.2,
      maxDelayMs: 15,
      maxLogRange: 6,
      seed: 7,
    });
    try {
      const flaky = createPublicClient({
        chain: anvil.chain,
        transport: http(proxy.url, { retryCount: 0, batch: true }),
      }) as PublicClient;
      const sync = createSync({
        client: flaky,
        factory: core.factory,
        startBlock,
        finality: { tag: false, depth: 5 },
        chunkSize: 64,
        retry: { attempts: 40, delayMs: 2, maxDelayMs: 20 },
      });
      const model = createModel();
      for (const step of await backfill(sync)) model.apply(step);
      expect(model.logs()).toEqual(await chainLogs(client, core.factory, startBlock, head));
      expect(proxy.counts.dropped).toBeGreaterThan(5);
      expect(proxy.counts.refusedRanges).toBeGreaterThan(0);
      expect(sync.stats.splits).toBeGreaterThan(0);
      expect(sync.stats.failures).toBeGreaterThanOrEqual(proxy.counts.dropped);
    } finally {
      await proxy.close();
    }
  });

  it("takes the factory and start block from the SDK's deployments by default", async () => {
    expect(deployments[31337].factory).toBe(core.factory);
    const steps = await backfill(createSync({ client, finality: final }));
    const model = createModel();
    for (const step of steps) model.apply(step);
    const from = BigInt(deployments[31337].startBlock);
    expect(steps[0]).toMatchObject({ type: "blocks", fromBlock: from });
    expect(model.logs()).toEqual(await chainLogs(client, core.factory, from, head));
  });

  it("stops with typed errors: wrong chain, bad configuration, a dead node", async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl, { chainId: 1 });
    try {
      const mainnetClaim = createPublicClient({ chain: anvil.chain, transport: http(proxy.url) });
      await expect(
        backfill(createSync({ client: mainnetClaim, factory: core.factory, startBlock })),
      ).rejects.toBeInstanceOf(ChainMismatchError);
    } finally {
      await proxy.close();
    }
    await expect(
      backfill(createSync({ client, chainId: 10, factory: core.factory, startBlock })),
    ).rejects.toMatchObject({
      name: "ChainMismatchError",
      expected: 10,
      actual: 31337,
      retryable: false,
    });
    expect(() => createSync({ client, chunkSize: 0, finality: { depth: -1 } })).toThrow(
      InvalidConfigError,
    );
    await expect(
      backfill(
        createSync({ client, factory: "0x000000000000000000000000000000000000dEaD", startBlock }),
      ),
    ).rejects.toBeInstanceOf(InvalidConfigError);
    const dead = createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0 }) });
    await expect(
      backfill(createSync({ client: dead, retry: { attempts: 3, delayMs: 1 } })),
    ).rejects.toMatchObject({ name: "RpcUnavailableError", retryable: true });
    expect(RpcUnavailableError).toBeDefined();
  });

  it("falls back to the finality depth when the node has no finalized tag", async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl, { noFinalizedTag: true });
    try {
      const noTag = createPublicClient({
        chain: anvil.chain,
        transport: http(proxy.url),
      }) as PublicClient;
      const steps = await backfill(
        createSync({
          client: noTag,
          factory: core.factory,
          startBlock,
          finality: { tag: true, depth: 5 },
          maxBlocksPerStep: 10,
          retry: { attempts: 3, delayMs: 1 },
        }),
      );
      const model = createModel();
      for (const step of steps) model.apply(step);
      expect(model.logs()).toEqual(await chainLogs(client, core.factory, startBlock, head));
      // Nothing was final while the tag was tried, then head - 5 was.
      const blockSteps = steps.filter((step) => step.type === "blocks");
      expect(blockSteps[0]?.finalized).toBe(-1n);
      expect(blockSteps.at(-1)?.finalized).toBe(head - 5n);
    } finally {
      await proxy.close();
    }
  });

  // Last: it mines blocks, which moves the head the tests above compare with.
  it("uses the node's finalized block when told to (anvil: 64 below the head)", async () => {
    await clientsFor(anvil).testClient.mine({ blocks: 70 });
    const tip = await client.getBlock({ blockTag: "latest" });
    const steps = await backfill(
      createSync({
        client,
        factory: core.factory,
        startBlock,
        finality: { tag: true, depth: 10_000 },
        chunkSize: 1_000,
      }),
    );
    const [range, ...unfinalized] = steps.filter((step) => step.type === "blocks");
    expect(range).toMatchObject({ fromBlock: startBlock, finalized: tip.number - 64n });
    expect(range?.toBlock.number).toBe(tip.number - 64n);
    // Above the finalized block, every header is in the steps.
    const numbers = unfinalized.flatMap((step) => step.blocks.map((block) => block.number));
    expect(numbers).toEqual(Array.from({ length: 64 }, (_, i) => tip.number - 63n + BigInt(i)));
  });
});
