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
