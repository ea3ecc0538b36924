import { parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity, createCommunitySync } from "../../src/actions/createCommunity.ts";
import { createTopic, createTopicSync } from "../../src/actions/createTopic.ts";
import { deployCore } from "../../src/actions/deployCore.ts";
import { getCommunitySettings } from "../../src/actions/getCommunitySettings.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { communityFactoryAbi, liquidGovernorAbi } from "../../src/generated/abis.ts";
import { type Anvil, clientsFor, startAnvil } from "../support/anvil.ts";
import { rejectionOf } from "./setup.ts";

describe("community actions", () => {
  let anvil: Anvil;
  let clients: ReturnType<typeof clientsFor>;
  let factory: `0x${string}`;
  beforeAll(async () => {
    anvil = await startAnvil();
    clients = clientsFor(anvil);
  });
  afterAll(async () => {
    await anvil.stop();
  });

  const settings = (registrar: `0x${string}` | null) => ({
    topics: ["General", "Budget"],
    votingPeriod: 3 * 24 * 3600,
    quorumBps: 1500,
    timelockDelay: 600,
    registrar,
  });

  it("deployCore() deploys PoseidonT3, the facets, the verifier, the governor and the factory, wired together", async () => {
    const deployer = clients.wallet(0);
    const core = await deployCore(deployer);
    factory = core.factory;
    // PoseidonT3 through the CREATE2 deployer, admin facet, verifier, anonymous facet, governor, factory.
    expect(core.transactionHashes).toHaveLength(6);
    expect(core.poseidonT3).toBe("0x3333333C0A88F9BE4fd23ed0536F9B6c427e3B93");
    const read = clients.publicClient;
    expect((await read.getCode({ address: core.poseidonT3 }))?.length).toBeGreaterThan(2);
    // A second deployment on the same chain finds PoseidonT3 in place and deploys the other five.
    const again = await deployCore(deployer);
    expect(again.transactionHashes).toHaveLength(5);
    expect(
      await read.readContract({
        address: core.governorImplementation,
        abi: liquidGovernorAbi,
        functionName: "anonymousFacet",
      }),
    ).toBe(core.anonymousFacet);
    expect(
      await read.readContract({
        address: core.anonymousFacet,
        abi: liquidGovernorAbi,
        functionName: "semaphoreVerifier",
      }),
    ).toBe(core.semaphoreVerifier);
    expect(
      await read.readContract({
        address: core.factory,
        abi: communityFactoryAbi,
        functionName: "governorImplementation",
      }),
    ).toBe(core.governorImplementation);
    expect(
      await read.readContract({
        address: core.governorImplementation,
        abi: liquidGovernorAbi,
        functionName: "adminFacet",
      }),
    ).toBe(core.adminFacet);
  });

  it("createCommunitySync() returns the community and timelock from CommunityCreated", async () => {
    const admin = clients.wallet(0);
    const result = await createCommunitySync(admin, {
      factory,
      ...settings(admin.account.address),
      bootstrapAdmin: admin.account.address,
      maxDepth: 4,
    });
    expect(result.receipt.status).toBe("success");
    expect(result.creator).toBe(admin.account.address);
    expect(result.registrar).toBe(admin.account.address);
    expect(result.bootstrapAdmin).toBe(admin.account.address);
    const read = await getCommunitySettings(clients.publicClient, { community: result.community });
    expect(read).toEqual({
      timelock: result.timelock,
      votingPeriod: 3 * 24 * 3600,
      minVotingPeriod: 3600,
      quorumBps: 1500,
      proposalThreshold: 1n,
      topicCount: 2,
      maxTopics: 16,
      maxDepth: 4,
      memberCount: 0,
      totalWeight: 0n,
      proposalCount: 0n,
    });
  });

  it("createCommunity.simulate() predicts the addresses that createCommunity() then gets", async () => {
    const admin = clients.wallet(1);
    const { result } = await createCommunity.simulate(admin, { factory, ...settings(null) });
    const hash = await createCommunity(admin, { factory, ...settings(null) });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    const { args } = createCommunity.extractEvent(receipt.logs);
    expect(args.community).toBe(result.community);
    expect(args.timelock).toBe(result.timelock);
    expect(args.registrar).toBe("0x0000000000000000000000000000000000000000");
  });

  it("createCommunity.call() builds calldata that creates a community when sent raw", async () => {
    const admin = clients.wallet(2);
    const call = createCommunity.call({ factory, ...settings(admin.account.address) });
    expect(call.to).toBe(factory);
    const hash = await admin.sendTransaction(call);
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    const [created] = parseEventLogs({
      abi: communityFactoryAbi,
      logs: receipt.logs,
      eventName: "CommunityCreated",
    });
    expect(created?.args.creator).toBe(admin.account.address);
  });

  it("createCommunity() explains an invalid setting", async () => {
    const error = await rejectionOf(
      createCommunity(clients.wallet(0), { factory, ...settings(null), quorumBps: 12_000 }),
    );
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).shortMessage).toBe(
      "quorum must be at most 10000 basis points (100%), not 12000",
    );
    const depth = await rejectionOf(
      createCommunity(clients.wallet(0), { factory, ...settings(null), maxDepth: 20 }),
    );
    expect((depth as ContractRevertError).shortMessage).toBe(
      "maxDepth must be between 1 and 16, not 20",
    );
  });

  it("createTopicSync() creates a topic; only governance may", async () => {
    const admin = clients.wallet(0);
    const { community } = await createCommunitySync(admin, {
      factory,
      ...settings(admin.account.address),
      bootstrapAdmin: admin.account.address,
    });
    const { result } = await createTopic.simulate(admin, { community, name: "Housing" });
    expect(result).toBe(2);
    const created = await createTopicSync(admin, { community, name: "Housing" });
    expect(created).toMatchObject({ topic: 2, name: "Housing" });
    const outsider = clients.wallet(5);
    const error = await rejectionOf(createTopic(outsider, { community, name: "Parking" }));
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).toBe("AccessControlUnauthorizedAccount");
    expect((error as ContractRevertError).shortMessage).toBe(
      `${outsider.account.address} does not have the governance (DEFAULT_ADMIN_ROLE) role`,
    );
    const hash = await admin.sendTransaction(createTopic.call({ community, name: "Parking" }));
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    expect(createTopic.extractEvent(receipt.logs).args).toEqual({ topic: 3, name: "Parking" });
  });
});
