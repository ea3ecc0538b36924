// createSync at the head of a real anvil: new blocks by polling and by WebSocket newHeads, reorgs made
// with anvil_reorg, anvil_rollback and evm_revert at depths 1 to 10, resuming across a reorg, and a
// reorg deeper than the finality depth.
import { liquidGovernorAbi } from "@plenum/sdk";
import {
  type Address,
  createPublicClient,
  encodeFunctionData,
  type Hash,
  http,
  type PublicClient,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReorgTooDeepError } from "../../src/internal/errors.ts";
import { bloomMayContain } from "../../src/sync/bloom.ts";
import { type CreateSyncOptions, createSync } from "../../src/sync/createSync.ts";
import {
  type Anvil,
  addMembers,
  backfill,
  chainLogs,
  clientsFor,
  createModel,
  createTestCommunity,
  deployTestCore,
  follow,
  memberAddress,
  startAnvil,
  startRpcProxy,
  type TestCore,
} from "./support.ts";

describe("createSync at the head", () => {
  let anvil: Anvil;
  let core: TestCore;
  let client: PublicClient;
  let community: Address;
  let admin: Address;
  let nextMember = 0;
  const startBlock = 1n;

  const latest = () => client.getBlock({ blockTag: "latest" });
  const rpc = (method: string, params: unknown[]) =>
    clientsFor(anvil).testClient.request({ method, params } as never) as Promise<unknown>;
  /** One addMembers transaction of fresh members (its own block): 4 members, 4+ events. */
  const addFresh = async () => {
    await addMembers(anvil, community, nextMember, 4);
    nextMember += 4;
  };
  /** The same as a transaction request for anvil_reorg. */
  const freshTx = () => {
    const accounts = Array.from({ length: 3 }, (_, i) => memberAddress(nextMember + i));
    nextMember += 3;
    return {
      from: admin,
      to: community,
      gas: "0x989680",
      data: encodeFunctionData({
        abi: liquidGovernorAbi,
        functionName: "addMembers",
        args: [accounts, accounts.map(() => 2n)],
      }),
    };
  };
  const options = (): CreateSyncOptions => ({
    client,
    factory: core.factory,
    startBlock,
    finality: { tag: false, depth: 12 },
    chunkSize: 50,
    pollingInterval: 20,
  });
  const expectFinalChain = async (logs: unknown) => {
    const head = (await latest()).number;
    expect(logs).toEqual(await chainLogs(client, core.factory, startBlock, head));
  };

  beforeAll(async () => {
    anvil = await startAnvil();
    client = clientsFor(anvil).publicClient as PublicClient;
    core = await deployTestCore(anvil);
    ({ community, admin } = await createTestCommunity(anvil, core));
    for (let i = 0; i < 15; i++) await addFresh();
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  it("follows new blocks by polling", async () => {
    const controller = new AbortController();
    const run = follow(createSync({ ...options(), signal: controller.signal }));
    await run.until(() => run.steps.some((step) => step.type === "live"));
    for (let i = 0; i < 3; i++) await addFresh();
    const head = await latest();
    await run.until(() => run.model.tip?.hash === head.hash);
    await expectFinalChain(run.model.logs());
    // Unfinalized blocks come with every header.
    const last = [...run.steps].reverse().find((step) => step.type === "blocks");
    if (last?.type !== "blocks") throw new Error("no blocks step");
    expect(last.blocks.map((block) => block.number)).toEqual(
      Array.from(
        { length: Number(last.toBlock.number - last.fromBlock + 1n) },
        (_, i) => last.fromBlock + BigInt(i),
      ),
    );
    controller.abort();
    await run.running;
    expect(run.error).toBeUndefined();
  });

  it("follows new heads over a WebSocket subscription", async () => {
    const controller = new AbortController();
    const sync = createSync({
      ...options(),
      // Polling once a minute: only the subscription can bring the new blocks in time.
      pollingInterval: 60_000,
      webSocketUrl: anvil.rpcUrl.replace("http://", "ws://"),
      signal: controller.signal,
    });
    const run = follow(sync);
    await run.until(() => run.steps.some((step) => step.type === "live"));
    for (let i = 0; i < 3; i++) {
      await addFresh();
      const head = await latest();
      await run.until(() => run.model.tip?.hash === head.hash, 20_000);
    }
    expect(sync.stats.wsHeads).toBeGreaterThanOrEqual(3);
    await expectFinalChain(run.model.logs());
    controller.abort();
    await run.running;
    expect(run.error).toBeUndefined();
  });

  it("follows the head and its reorgs exactly through a proxy that drops 20% of requests", async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl, {
      dropRate: 0.2,
      maxDelayMs: 10,
      maxLogRange: 6,
      seed: 3,
    });
    const controller = new AbortController();
    try {
      const flaky = createPublicClient({
        chain: anvil.chain,
        transport: http(proxy.url, { retryCount: 0 }),
      }) as PublicClient;
      const sync = createSync({
        ...options(),
        client: flaky,
        retry: { attempts: 40, delayMs: 2, maxDelayMs: 20 },
        signal: controller.signal,
      });
      const run = follow(sync);
      await run.until(() => run.steps.some((step) => step.type === "live"));
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 3; i++) await addFresh();
        let head = await latest();
        await run.until(() => run.model.tip?.hash === head.hash);
        await rpc("anvil_reorg", [2 + round, [[freshTx(), 0]]]);
        head = await latest();
        await run.until(() => run.model.tip?.hash === head.hash);
        await expectFinalChain(run.model.logs());
      }
      expect(run.model.reorgs.map((reorg) => reorg.depth)).toEqual([2, 3, 4]);
      expect(proxy.counts.dropped).toBeGreaterThan(5);
      controller.abort();
      await run.running;
      expect(run.error).toBeUndefined();
    } finally {
      controller.abort();
      await proxy.close();
    }
  });

  it("reads a block's logs bloom: its community is in it, an address that logged nothing is not", async () => {
    await addFresh();
    const block = await latest();
    expect(bloomMayContain(block.logsBloom, [community])).toBe(true);
    expect(bloomMayContain(block.logsBloom, [core.factory])).toBe(false);
    expect(bloomMayContain(block.logsBloom, [core.factory, community])).toBe(true);
    await clientsFor(anvil).testClient.mine({ blocks: 1 });
    // An empty block's bloom is all zeros, which some chains also send for blocks with logs.
    expect(bloomMayContain((await latest()).logsBloom, [core.factory])).toBe(true);
  });

  it("rolls back and re-applies reorgs from anvil_reorg, anvil_rollback and evm_revert at depths 1 to 10", async () => {
    const controller = new AbortController();
    const run = follow(createSync({ ...options(), signal: controller.signal }));
    await run.until(() => run.steps.some((step) => step.type === "live"));
    const caughtUp = async () => {
      const head = await latest();
      await run.until(() => run.model.tip?.hash === head.hash);
      return head;
    };
    const expectReorg = async (count: number, ancestor: bigint, depth: number) => {
      await run.until(() => run.model.reorgs.length === count);
      const reorg = run.model.reorgs.at(-1);
      expect(reorg?.ancestor.number).toBe(ancestor);
      expect(reorg?.depth).toBe(depth);
      expect(reorg?.ancestor.hash).toBe((await client.getBlock({ blockNumber: ancestor })).hash);
    };
    let reorgs = 0;
    for (let depth = 1; depth <= 10; depth++) {
      // anvil_reorg: the last `depth` blocks (each with members added) are replaced by as many
      // blocks that add other members, in other blocks.
      for (let i = 0; i < depth; i++) await addFresh();
      const before = await caughtUp();
      const replacements = Array.from({ length: Math.ceil(depth / 2) }, (_, i) => [
        freshTx(),
        (i * 2) % depth,
      ]);
      await rpc("anvil_reorg", [depth, replacements]);
      await expectReorg(++reorgs, before.number - BigInt(depth), depth);
      await caughtUp();
      await expectFinalChain(run.model.logs());

      // anvil_rollback: the chain gets shorter, then grows again with other blocks.
      if (depth % 3 === 1) {
        const tip = await caughtUp();
        await rpc("anvil_rollback", [depth]);
        await expectReorg(++reorgs, tip.number - BigInt(depth), depth);
        await addFresh();
        await caughtUp();
        await expectFinalChain(run.model.logs());
      }
      // evm_revert to a snapshot taken `depth` blocks ago.
      if (depth % 3 === 2) {
        const snapshot = (await rpc("evm_snapshot", [])) as Hash;
        const base = await latest();
        for (let i = 0; i < depth; i++) await addFresh();
        await caughtUp();
        await rpc("evm_revert", [snapshot]);
        await expectReorg(++reorgs, base.number, depth);
        await addFresh();
        await caughtUp();
        await expectFinalChain(run.model.logs());
      }
    }
    controller.abort();
    await run.running;
    expect(run.error).toBeUndefined();
  });

  it("resumes across a reorg that happened while it was stopped", async () => {
    const first = createSync(options());
    await backfill(first);
    const cursor = first.cursor;
    if (!cursor) throw new Error("no cursor");
    for (let i = 0; i < 4; i++) await addFresh();
    // Replace the last block it saw and the four after it.
    const head = (await latest()).number;
    await rpc("anvil_reorg", [5, [[freshTx(), 2]]]);
    const steps = await backfill(createSync({ ...options(), cursor }));
    expect(steps[0]).toMatchObject({ type: "reorg", depth: 1 });
    expect(steps[0]?.type === "reorg" && steps[0].ancestor.number).toBe(head - 5n);
    // After the reorg it emits the new chain from the ancestor on, exactly.
    const model = createModel();
    for (const step of steps) model.apply(step);
    const final = await chainLogs(client, core.factory, startBlock, (await latest()).number);
    expect(model.logs()).toEqual(final.filter((log) => log.blockNumber > head - 5n));
    expect(model.logs().length).toBeGreaterThan(0);
  });

  it("stops with ReorgTooDeepError when a reorg goes below the finality depth", async () => {
    const controller = new AbortController();
    const run = follow(
      createSync({ ...options(), finality: { tag: false, depth: 3 }, signal: controller.signal }),
    );
    await run.until(() => run.steps.some((step) => step.type === "live"));
    for (let i = 0; i < 5; i++) await addFresh();
    const head = await latest();
    await run.until(() => run.model.tip?.hash === head.hash);
    await rpc("anvil_reorg", [5, []]);
    await run.running;
    expect(run.error).toBeInstanceOf(ReorgTooDeepError);
    expect(run.error).toMatchObject({
      retryable: false,
      tip: head.number,
      finalized: head.number - 3n,
    });
  });
});
