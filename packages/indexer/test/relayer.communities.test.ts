// The relayer's community registry in factory mode, on a real anvil: it finds every community the factory
// created by scanning CommunityCreated logs in chunks (the SDK's getLogsChunked), and keeps its progress.
import type { PublicClient } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunityRegistry } from "../src/relayer/communities.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  startAnvil,
} from "./support.ts";

describe("createCommunityRegistry() in factory mode", () => {
  let anvil: Anvil;
  let core: Awaited<ReturnType<typeof deployTestCore>>;

  beforeAll(async () => {
    anvil = await startAnvil();
    core = await deployTestCore(anvil);
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it("serves every community the factory created, scanning one block per request, and nothing else", async () => {
    const first = await createTestCommunity(anvil, core);
    const second = await createTestCommunity(anvil, core);
    const publicClient = clientsFor(anvil).publicClient as PublicClient;
    const latest = await publicClient.getBlockNumber();
    const registry = createCommunityRegistry({
      client: publicClient,
      communities: [],
      factory: { address: core.factory, startBlock: 0n },
      chunkSize: 1n,
      rescanIntervalMs: 0,
    });
    expect(await registry.isServed(first.community)).toBe(true);
    expect(await registry.isServed(second.community)).toBe(true);
    expect(await registry.isServed(devAccount(3).address)).toBe(false);
    expect(registry.describe()).toEqual({
      source: "scan",
      allowList: [],
      factory: core.factory,
      factoryCommunities: 2,
      scannedToBlock: latest.toString(),
    });

    const third = await createTestCommunity(anvil, core);
    expect(await registry.isServed(third.community)).toBe(true);
    expect(registry.describe().factoryCommunities).toBe(3);
  });
});
