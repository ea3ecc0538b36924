// Anonymous ballots through the relayer: each way a proof can be wrong gets its own code, checked
// before anything is sent; valid ones are counted.
import {
  type AnonymousProof,
  addMembersWithIdentitiesSync,
  createAnonymousBallot,
  Group,
  getTally,
  Identity,
  type IdentityGroupSnapshot,
  liquidGovernorAbi,
  proposeSync,
  rebuildIdentityGroup,
  terminateProver,
} from "@plenum/sdk";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Anvil,
  anonymousBody,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  post,
  proposeAnonymous,
  startAnvil,
  startRelayer,
  type TestRelayer,
  tick,
} from "./support.ts";

let anvil: Anvil;
let community: Address;
let relayer: TestRelayer;
let proposal: bigint;
let otherProposal: bigint;
let publicProposal: bigint;
let group: IdentityGroupSnapshot;
const identities = [1, 2, 3, 4, 5].map((i) => new Identity(`plenum relayer test ${i}`));

function ballot(identity: Identity, option: number | "abstain" | "retract", proposalId = proposal) {
  return createAnonymousBallot({
    identity,
    group: proposalId === proposal ? group : group.group,
    chainId: 31337,
    community,
    proposalId,
    option,
  });
}

function send(proof: AnonymousProof, proposalId = proposal, query = "") {
  return post(
    relayer.url,
    `/v1/anonymous-ballots${query}`,
    anonymousBody(community, proposalId, proof),
  );
}

beforeAll(async () => {
  anvil = await startAnvil();
  const core = await deployTestCore(anvil);
  ({ community } = await createTestCommunity(anvil, core));
  const admin = clientsFor(anvil).wallet(0);
  await addMembersWithIdentitiesSync(admin, {
    community,
    members: identities.map((identity, i) => ({
      account: devAccount(i + 1).address,
      weight: 1,
      identity,
    })),
  });
  await tick(anvil);
  proposal = await proposeAnonymous(anvil, community, { optionCount: 3 });
  otherProposal = await proposeAnonymous(anvil, community, { optionCount: 3 });
  ({ proposalId: publicProposal } = await proposeSync(clientsFor(anvil).wallet(1), {
    community,
    topic: 0,
    optionCount: 3,
    votingPeriod: 3600,
    metadataURI: "poll",
  }));
  group = await rebuildIdentityGroup(clientsFor(anvil).publicClient, {
    community,
    proposalId: proposal,
  });
  relayer = await startRelayer(anvil.rpcUrl, {
    communities: [community],
    subjectRateLimit: { capacity: 3, periodMs: 60_000 },
  });
});

afterAll(async () => {
  await relayer?.close();
  await anvil?.stop();
  await terminateProver();
});

async function transactionsSent() {
  return clientsFor(anvil).publicClient.getTransactionCount({ address: relayer.relayer.address });
}

describe("POST /v1/anonymous-ballots", () => {
  it("relays a valid ballot (?wait=1: after it is mined) and the contract counts it", async () => {
    const proof = await ballot(identities[0] as Identity, 2);
    const reply = await send(proof, proposal, "?wait=1");
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ status: "success" });
    const tally = await getTally(clientsFor(anvil).publicClient, {
      community,
      proposalId: proposal,
    });
    expect(tally.tallies).toEqual([0n, 0n, 1n]);
    const again = await send(proof);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ transactionHash: reply.body.transactionHash, duplicate: true });
  });

  it("sends a replayed proof again once the ballot has moved on (a vote back to that option)", async () => {
    const { publicClient } = clientsFor(anvil);
    const identity = identities[4] as Identity;
    const toZero = await ballot(identity, 0);
    const toOne = await ballot(identity, 1);
    const first = await send(toZero, proposal, "?wait=1");
    expect(first.status).toBe(200);
    expect((await send(toOne, proposal, "?wait=1")).status).toBe(200);
    const replay = await send(toZero, proposal, "?wait=1");
    expect(replay.status).toBe(200);
    expect(replay.body.duplicate).toBeUndefined();
    expect(replay.body.transactionHash).not.toBe(first.body.transactionHash);
    const current = await publicClient.readContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName: "anonymousBallotOf",
      args: [proposal, toZero.nullifier],
    });
    expect(current).toEqual([true, 0]);
    // Now the ballot matches the proof again: a retry is a duplicate.
    expect((await send(toZero)).body).toMatchObject({ duplicate: true });
  });

  it("SCOPE_MISMATCH: a proof made for another proposal", async () => {
    const proof = await ballot(identities[1] as Identity, 0);
    const before = await transactionsSent();
    const reply = await send(proof, otherProposal);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: "SCOPE_MISMATCH",
      given: proof.scope.toString(),
    });
    expect(reply.body.error?.expected).not.toBe(proof.scope.toString());
    expect(await transactionsSent()).toBe(before);
  });

  it("ROOT_MISMATCH: a proof against a group the proposal did not record", async () => {
    const forged = new Group([...identities.map((identity) => identity.commitment), 4242n]);
    const proof = await createAnonymousBallot({
      identity: identities[1] as Identity,
      group: forged,
      chainId: 31337,
      community,
      proposalId: proposal,
      option: 0,
    });
    const reply = await send(proof);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({
      code: "ROOT_MISMATCH",
      expected: group.root.toString(),
      given: forged.root.toString(),
    });
  });

  it("INVALID_PROOF: a tampered point or message fails off-chain verification", async () => {
    const proof = await ballot(identities[1] as Identity, 0);
    const points = [...proof.points] as unknown as AnonymousProof["points"];
    (points as unknown as bigint[])[0] = (proof.points[0] + 1n) % 2n ** 250n;
    const tampered = await send({ ...proof, points });
    expect(tampered.status).toBe(422);
    expect(tampered.body.error).toMatchObject({ code: "INVALID_PROOF" });
    const otherOption = await send({ ...proof, message: 1n });
    expect(otherOption.body.error).toMatchObject({ code: "INVALID_PROOF" });
    const otherNullifier = await send({ ...proof, nullifier: proof.nullifier + 1n });
    expect(otherNullifier.body.error).toMatchObject({ code: "INVALID_PROOF" });
  });

  it("INVALID_OPTION, NO_BALLOT, WRONG_MODE: the simulation's contract errors", async () => {
    const before = await transactionsSent();
    const badOption = await send(await ballot(identities[1] as Identity, 7));
    expect(badOption.status).toBe(422);
    expect(badOption.body.error).toMatchObject({
      code: "INVALID_OPTION",
      contractError: { name: "AnonymousInvalidOption", args: [proposal.toString(), "7", 3] },
    });
    const retract = await send(await ballot(identities[3] as Identity, "retract"));
    expect(retract.status).toBe(409);
    expect(retract.body.error).toMatchObject({
      code: "NO_BALLOT",
      contractError: { name: "AnonymousNoBallot" },
    });
    const onPublic = await send(
      await ballot(identities[1] as Identity, 0, publicProposal),
      publicProposal,
    );
    expect(onPublic.body.error).toMatchObject({
      code: "WRONG_MODE",
      contractError: { name: "VotingWrongMode" },
    });
    expect(await transactionsSent()).toBe(before);
  });

  it("RATE_LIMITED: a few submissions per nullifier per minute, counted only for verified proofs", async () => {
    const identity = identities[2] as Identity;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (const option of [0, 1, 2, 0] as const) {
      const reply = await send(await ballot(identity, option));
      statuses.push(reply.status);
      if (reply.status === 429) {
        retryAfter = reply.headers.get("retry-after");
        expect(reply.body.error).toMatchObject({ code: "RATE_LIMITED" });
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(10);
    expect(Number(retryAfter)).toBeLessThanOrEqual(20);
    // Another identity is not affected.
    expect((await send(await ballot(identities[3] as Identity, 1))).status).toBe(202);
  });

  it("PROPOSAL_CLOSED once voting has ended", async () => {
    const { testClient } = clientsFor(anvil);
    const proof = await ballot(identities[1] as Identity, 1);
    await testClient.increaseTime({ seconds: 7200 });
    await testClient.mine({ blocks: 1 });
    const reply = await send(proof);
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({
      code: "PROPOSAL_CLOSED",
      contractError: { name: "VotingClosed" },
    });
  });
});
