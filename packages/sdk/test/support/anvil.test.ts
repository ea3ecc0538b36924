import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  liquidGovernorAbi,
  startAnvil,
} from "./anvil.ts";

describe("test harness", () => {
  let anvil: Anvil;
  beforeAll(async () => {
    anvil = await startAnvil();
  });
  afterAll(async () => {
    await anvil.stop();
  });

  it("deploys the core and creates a community with its topics", async () => {
    const core = await deployTestCore(anvil);
    const { community, admin } = await createTestCommunity(anvil, core, { topics: ["A", "B"] });
    const { publicClient } = clientsFor(anvil);
    const read = (functionName: "topicCount" | "maxDepth") =>
      publicClient.readContract({ address: community, abi: liquidGovernorAbi, functionName });
    expect(await read("topicCount")).toBe(2);
    expect(await read("maxDepth")).toBe(8);
    const registrarRole = await publicClient.readContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName: "REGISTRAR_ROLE",
    });
    expect(
      await publicClient.readContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "hasRole",
        args: [registrarRole, admin],
      }),
    ).toBe(true);
  });
});

describe("startAnvil", () => {
  it("gives anvils started at the same moment their own ports and chains", async () => {
    const anvils = await Promise.all(Array.from({ length: 6 }, () => startAnvil({ accounts: 1 })));
    try {
      expect(new Set(anvils.map((a) => a.rpcUrl)).size).toBe(anvils.length);
      // A transaction on one chain is not seen by another: each answers from its own state.
      await clientsFor(anvils[0] as Anvil).testClient.mine({ blocks: 3 });
      const heights = await Promise.all(
        anvils.map((a) => clientsFor(a).publicClient.getBlockNumber()),
      );
      expect(heights).toEqual([3n, 0n, 0n, 0n, 0n, 0n]);
    } finally {
      await Promise.all(anvils.map((a) => a.stop()));
    }
  });
});
