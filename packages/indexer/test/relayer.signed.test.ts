// Signed public ballots (EIP-712, castVoteBySig / castVotesBySig) relayed through a real relayer to
// a real anvil, counted by the contract.
import {
  addMembersSync,
  getBallot,
  getTally,
  proposeSync,
  signBallot,
  signBallots,
} from "@plenum/sdk";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  get,
  post,
  RELAYER_INDEX,
  signedBody,
  startAnvil,
  startRelayer,
  type TestRelayer,
  tick,
} from "./support.ts";

let anvil: Anvil;
let community: Address;
let other: Address;
let relayer: TestRelayer;
let factoryRelayer: TestRelayer;
let proposalA: bigint;
let proposalB: bigint;
let quadratic: bigint;
const voters = [1, 2, 3, 4, 5];

beforeAll(async () => {
  anvil = await startAnvil();
  const core = await deployTestCore(anvil);
  ({ community } = await createTestCommunity(anvil, core));
  ({ community: other } = await createTestCommunity(anvil, core));
  const { wallet } = clientsFor(anvil);
  const admin = wallet(0);
  await addMembersSync(admin, {
    community,
    members: voters.map((i) => ({ account: devAccount(i).address, weight: i })),
  });
  await tick(anvil);
  const propose = async (mode: "single" | "quadratic", optionCount: number) =>
    (
      await proposeSync(wallet(1), {
        community,
        topic: 0,
        mode,
        optionCount,
        votingPeriod: 3600,
        metadataURI: "poll",
      })
    ).proposalId;
  proposalA = await propose("single", 2);
  proposalB = await propose("single", 3);
  quadratic = await propose("quadratic", 3);
  relayer = await startRelayer(anvil.rpcUrl, { communities: [community] });
  factoryRelayer = await startRelayer(anvil.rpcUrl, {
    factory: { address: core.factory, startBlock: 0n },
  });
});

afterAll(async () => {
  await relayer?.close();
  await factoryRelayer?.close();
  await anvil?.stop();
});

describe("POST /v1/signed-ballots", () => {
  it("relays one signed ballot per voter, and the contract counts each", async () => {
    const { wallet, publicClient } = clientsFor(anvil);
    for (const i of voters) {
      const signed = await signBallot(wallet(i), {
        community,
        ballot: { proposalId: proposalA, option: i % 2 },
      });
      const reply = await post(relayer.url, "/v1/signed-ballots", signedBody(signed));
      expect(reply.status, JSON.stringify(reply.body)).toBe(202);
      expect(reply.body.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    }
    const tally = await getTally(publicClient, { community, proposalId: proposalA });
    // Weights 1..5: odd voters (1, 3, 5) chose option 1, even ones (2, 4) option 0.
    expect(tally.tallies).toEqual([6n, 9n]);
    expect(tally.participation).toBe(15n);
  });

  it("relays a signed batch (castVotesBySig) with a quadratic ballot, and ?wait=1 returns the mined block", async () => {
    const { wallet, publicClient } = clientsFor(anvil);
    const signed = await signBallots(wallet(4), {
      community,
      ballots: [
        { proposalId: proposalB, option: 2 },
        { proposalId: quadratic, votes: [2, 0, 0] },
      ],
    });
    const reply = await post(relayer.url, "/v1/signed-ballots?wait=1", signedBody(signed));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ status: "success" });
    expect(BigInt(reply.body.blockNumber as string)).toBeGreaterThan(0n);
    expect(
      await getBallot(publicClient, {
        community,
        proposalId: proposalB,
        voter: devAccount(4).address,
      }),
    ).toMatchObject({ hasVoted: true, option: 2 });
    const tally = await getTally(publicClient, { community, proposalId: proposalB });
    expect(tally.tallies).toEqual([0n, 0n, 4n]);
  });

  it("answers a repeated request with the first hash and sends nothing new", async () => {
    const { wallet, publicClient } = clientsFor(anvil);
    const signed = await signBallot(wallet(1), {
      community,
      ballot: { proposalId: proposalB, option: 0 },
    });
    const relayerAddress = relayer.relayer.address;
    const first = await post(relayer.url, "/v1/signed-ballots", signedBody(signed));
    expect(first.status).toBe(202);
    const sent = await publicClient.getTransactionCount({ address: relayerAddress });
    const again = await post(relayer.url, "/v1/signed-ballots", signedBody(signed));
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ transactionHash: first.body.transactionHash, duplicate: true });
    expect(await publicClient.getTransactionCount({ address: relayerAddress })).toBe(sent);
  });

  it("refuses a nonce already used (NONCE_MISMATCH) before simulating", async () => {
    const { wallet } = clientsFor(anvil);
    const signed = await signBallot(wallet(2), {
      community,
      ballot: { proposalId: proposalB, option: 1 },
      nonce: 0n,
    });
    const reply = await post(relayer.url, "/v1/signed-ballots", signedBody(signed));
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({ code: "NONCE_MISMATCH", expected: "1", given: "0" });
  });

  it("names the contract error of a failed simulation: a signature by someone else", async () => {
    const { wallet } = clientsFor(anvil);
    const signed = await signBallot(wallet(3), {
      community,
      ballot: { proposalId: proposalB, option: 1 },
    });
    const forged = { ...signedBody(signed), voter: devAccount(5).address };
    delete (forged as { nonce?: string }).nonce;
    const reply = await post(relayer.url, "/v1/signed-ballots", forged);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: "INVALID_SIGNATURE",
      contractError: { name: "VotingInvalidSignature", args: [devAccount(5).address] },
    });
    expect(reply.body.error?.message).toMatch(/VotingInvalidSignature/);
  });

  it("maps closed proposals, expired signatures, wrong modes and non-members to their codes", async () => {
    const { wallet, testClient } = clientsFor(anvil);
    const notMember = await signBallot(wallet(9), {
      community,
      ballot: { proposalId: proposalB, option: 1 },
    });
    const rejected = await post(relayer.url, "/v1/signed-ballots", signedBody(notMember));
    expect(rejected.body.error).toMatchObject({
      code: "BALLOT_REJECTED",
      contractError: { name: "VotingNotMemberAtSnapshot" },
    });
    const wrongMode = await signBallot(wallet(3), {
      community,
      ballot: { proposalId: quadratic, option: 1 },
    });
    const mode = await post(relayer.url, "/v1/signed-ballots", signedBody(wrongMode));
    expect(mode.body.error).toMatchObject({ code: "WRONG_MODE" });

    const late = await signBallot(wallet(3), {
      community,
      ballot: { proposalId: proposalB, option: 1 },
      deadline: 1n,
    });
    const expired = await post(relayer.url, "/v1/signed-ballots", signedBody(late));
    expect(expired.status).toBe(422);
    expect(expired.body.error).toMatchObject({ code: "SIGNATURE_EXPIRED" });

    const unknown = await signBallot(wallet(3), {
      community,
      ballot: { proposalId: 999n, option: 1 },
    });
    const missing = await post(relayer.url, "/v1/signed-ballots", signedBody(unknown));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "PROPOSAL_NOT_FOUND" });

    await testClient.increaseTime({ seconds: 7200 });
    await testClient.mine({ blocks: 1 });
    const afterEnd = await signBallot(wallet(3), {
      community,
      ballot: { proposalId: proposalB, option: 1 },
      deadline: 2n ** 40n,
    });
    const closed = await post(relayer.url, "/v1/signed-ballots", signedBody(afterEnd));
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({
      code: "PROPOSAL_CLOSED",
      contractError: { name: "VotingClosed" },
    });
    expect(closed.body.error?.message).toMatch(/^voting on proposal \d+ closed at .*VotingClosed/);
  });

  it("refuses communities it does not serve; factory mode serves every community of the factory", async () => {
    const { wallet } = clientsFor(anvil);
    const signed = await signBallot(wallet(1), {
      community: other,
      ballot: { proposalId: 1n, option: 0 },
    });
    const refused = await post(relayer.url, "/v1/signed-ballots", signedBody(signed));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "UNKNOWN_COMMUNITY", community: other });
    // Served by the factory relayer: it gets past the community check to the chain's answer.
    const served = await post(factoryRelayer.url, "/v1/signed-ballots", signedBody(signed));
    expect(served.body.error?.code).toBe("PROPOSAL_NOT_FOUND");
    const stranger = { ...signedBody(signed), community: devAccount(7).address };
    const notFactory = await post(factoryRelayer.url, "/v1/signed-ballots", stranger);
    expect(notFactory.body.error?.code).toBe("UNKNOWN_COMMUNITY");
  });
});

describe("GET /v1/health", () => {
  it("reports the relayer's address, chain, balance and communities", async () => {
    const reply = await get(relayer.url, "/v1/health");
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      status: "ok",
      relayer: devAccount(RELAYER_INDEX).address,
      chainId: 31337,
      communities: { allowList: [community], factory: null },
    });
    expect(BigInt(reply.body.balance as string)).toBeGreaterThan(0n);
    expect(reply.body.transactionsSent).toBeGreaterThanOrEqual(6);
    const factory = await get(factoryRelayer.url, "/v1/health");
    expect(factory.body.communities).toMatchObject({ factoryCommunities: 2 });
  });
});
