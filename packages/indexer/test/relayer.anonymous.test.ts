// Anonymous ballots through the relayer: each way a proof can be wrong gets its own code, checked
// before anything is sent; valid ones are counted; old proofs sent again are refused (STALE_BALLOT)
// without a transaction.
import {
  type AnonymousProof,
  addMembersWithIdentitiesSync,
  castAnonymousVoteSync,
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
  startFlakyProxy,
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

function ballot(
  identity: Identity,
  option: number | "abstain" | "retract",
  { sequence = 1n, proposalId = proposal } = {},
) {
  return createAnonymousBallot({
    identity,
    group: proposalId === proposal ? group : group.group,
    chainId: 31337,
    community,
    proposalId,
    option,
    sequence,
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

  it("STALE_BALLOT: an earlier proof sent again after a change is refused and costs the relayer no transaction", async () => {
    const { publicClient } = clientsFor(anvil);
    const identity = identities[4] as Identity;
    const toZero = await ballot(identity, 0, { sequence: 1n });
    const toOne = await ballot(identity, 1, { sequence: 2n });
    const first = await send(toZero, proposal, "?wait=1");
    expect(first.status).toBe(200);
    expect((await send(toOne, proposal, "?wait=1")).status).toBe(200);
    const before = await transactionsSent();
    const tallyBefore = (await getTally(publicClient, { community, proposalId: proposal })).tallies;

    // The replay is in the relayer's dedupe window, but its ballot no longer stands: the simulation
    // refuses it. Sent again and again, it never takes from the nullifier's budget (3 a minute).
    for (let i = 0; i < 4; i++) {
      const replay = await send(toZero, proposal, "?wait=1");
      expect(replay.status).toBe(409);
      expect(replay.body.error).toMatchObject({
        code: "STALE_BALLOT",
        lastSequence: "2",
        contractError: {
          name: "AnonymousStaleBallot",
          args: [proposal.toString(), toZero.nullifier.toString(), "1", "2"],
        },
      });
      expect(replay.body.error?.message).toContain(
        "(the contract reverts with AnonymousStaleBallot)",
      );
    }
    expect(await transactionsSent()).toBe(before);
    expect((await getTally(publicClient, { community, proposalId: proposal })).tallies).toEqual(
      tallyBefore,
    );
    const current = await publicClient.readContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName: "anonymousBallotOf",
      args: [proposal, toZero.nullifier],
    });
    expect(current).toEqual([true, 1, 2n]);
    // The current ballot's proof again is a client retrying: its first answer.
    expect((await send(toOne)).body).toMatchObject({ duplicate: true });

    // A ballot sent by someone else (ballot 3), then this relayer's own earlier one (ballot 2) and
    // that one again: all refused by the simulation.
    const toTwo = await ballot(identity, 2, { sequence: 3n });
    await castAnonymousVoteSync(clientsFor(anvil).wallet(9), {
      community,
      proposalId: proposal,
      proof: toTwo,
    });
    for (const proof of [toOne, toTwo]) {
      const reply = await send(proof);
      expect(reply.status).toBe(409);
      expect(reply.body.error).toMatchObject({ code: "STALE_BALLOT", lastSequence: "3" });
    }
    expect(await transactionsSent()).toBe(before);
    // The voter's next ballot still goes through: replays used none of the nullifier's budget.
    const next = await send(await ballot(identity, 0, { sequence: 4n }), proposal, "?wait=1");
    expect(next.status, JSON.stringify(next.body)).toBe(200);
  });

  it("STALE_BALLOT: a ballot overtaken by one this relayer has in flight is refused before the chain shows it", async () => {
    const { publicClient, testClient } = clientsFor(anvil);
    const identity = identities[1] as Identity;
    const [toZero, toTwo, toOne] = [
      await ballot(identity, 0, { sequence: 1n }),
      await ballot(identity, 2, { sequence: 1n }),
      await ballot(identity, 1, { sequence: 2n }),
    ];
    const before = await transactionsSent();
    await testClient.setAutomine(false);
    try {
      expect((await send(toZero)).status).toBe(202);
      // Ballot 1 is pending: the simulation would accept another ballot 1, the relayer does not.
      const racing = await send(toTwo);
      expect(racing.status).toBe(409);
      expect(racing.body.error).toMatchObject({
        code: "STALE_BALLOT",
        sequence: "1",
        lastSequence: "1",
      });
      expect(racing.body.error?.message).toContain("not mined yet");
      // Ballot 2 goes after it.
      expect((await send(toOne)).status).toBe(202);
      await testClient.mine({ blocks: 1 });
    } finally {
      await testClient.setAutomine(true);
    }
    expect(await transactionsSent()).toBe(before + 2);
    expect(
      await publicClient.readContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "anonymousBallotOf",
        args: [proposal, toZero.nullifier],
      }),
    ).toEqual([true, 1, 2n]);
    // Two requests with the same sequence at once: one is sent, the other refused.
    const both = [
      await ballot(identity, 0, { sequence: 3n }),
      await ballot(identity, 2, { sequence: 3n }),
    ];
    const replies = await Promise.all(both.map((proof) => send(proof)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([202, 409]);
    expect(await transactionsSent()).toBe(before + 3);
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
      sequence: 1n,
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
    const proof = await ballot(identities[1] as Identity, 0, { sequence: 9n });
    const points = [...proof.points] as unknown as AnonymousProof["points"];
    (points as unknown as bigint[])[0] = (proof.points[0] + 1n) % 2n ** 250n;
    const tampered = await send({ ...proof, points });
    expect(tampered.status).toBe(422);
    expect(tampered.body.error).toMatchObject({ code: "INVALID_PROOF" });
    const otherOption = await send({ ...proof, message: proof.message + 1n });
    expect(otherOption.body.error).toMatchObject({ code: "INVALID_PROOF" });
    const laterSequence = await send({ ...proof, message: proof.message + 0x100n });
    expect(laterSequence.body.error).toMatchObject({ code: "INVALID_PROOF" });
    const otherNullifier = await send({ ...proof, nullifier: proof.nullifier + 1n });
    expect(otherNullifier.body.error).toMatchObject({ code: "INVALID_PROOF" });
  });

  it("INVALID_MESSAGE: an option the proposal lacks or a sequence out of range, refused before verifying", async () => {
    const before = await transactionsSent();
    const proof = await ballot(identities[1] as Identity, 7, { sequence: 9n });
    const badOption = await send(proof);
    expect(badOption.status).toBe(422);
    expect(badOption.body.error).toMatchObject({
      code: "INVALID_MESSAGE",
      option: 7,
      sequence: "9",
      optionCount: 3,
    });
    expect(badOption.body.error?.message).toContain("proposal");
    let verified = 0;
    const strict = await startRelayer(
      anvil.rpcUrl,
      { communities: [community] },
      {
        verifyProof: async () => {
          verified++;
          return true;
        },
      },
    );
    try {
      for (const message of [
        1n, // sequence 0
        (1n << 72n) | 1n, // sequence 2^64
        (1n << 8n) | 200n, // option 200
      ]) {
        const reply = await post(
          strict.url,
          "/v1/anonymous-ballots",
          anonymousBody(community, proposal, { ...proof, message }),
        );
        expect(reply.status).toBe(422);
        expect(reply.body.error).toMatchObject({ code: "INVALID_MESSAGE" });
      }
    } finally {
      await strict.close();
    }
    expect(verified).toBe(0);
    expect(await transactionsSent()).toBe(before);
  });

  it("NO_BALLOT, WRONG_MODE: the simulation's contract errors", async () => {
    const before = await transactionsSent();
    const retract = await send(await ballot(identities[3] as Identity, "retract"));
    expect(retract.status).toBe(409);
    expect(retract.body.error).toMatchObject({
      code: "NO_BALLOT",
      contractError: { name: "AnonymousNoBallot" },
    });
    const onPublic = await send(
      await ballot(identities[1] as Identity, 0, { proposalId: publicProposal }),
      publicProposal,
    );
    expect(onPublic.body.error).toMatchObject({
      code: "WRONG_MODE",
      contractError: { name: "VotingWrongMode" },
    });
    expect(await transactionsSent()).toBe(before);
  });

  it("RATE_LIMITED: a few submissions per nullifier per minute, counted only for ballots that would count", async () => {
    const identity = identities[2] as Identity;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    let sequence = 0n;
    for (const option of [0, 1, 2, 0] as const) {
      sequence++;
      const reply = await send(await ballot(identity, option, { sequence }));
      statuses.push(reply.status);
      if (reply.status === 429) {
        retryAfter = reply.headers.get("retry-after");
        expect(reply.body.error).toMatchObject({ code: "RATE_LIMITED" });
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    // 3 per 1-minute window opened by the first ballot: the wait is what is left of that window.
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(30);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // Another identity is not affected.
    expect((await send(await ballot(identities[3] as Identity, 1))).status).toBe(202);
  });

  it("a ballot whose send never reached the node is sent afresh when retried, not refused as its own rival", async () => {
    const { publicClient } = clientsFor(anvil);
    const proxy = await startFlakyProxy(anvil.rpcUrl);
    const flaky = await startRelayer(
      proxy.url,
      { communities: [community], rpcTimeoutMs: 2000 },
      { retryDelayMs: 20 },
    );
    try {
      const proof = await ballot(identities[3] as Identity, 2, { sequence: 2n });
      const body = anonymousBody(community, proposal, proof);
      proxy.setMode("drop-sends");
      const lost = await post(flaky.url, "/v1/anonymous-ballots", body);
      expect(lost.status).toBe(503);
      expect(lost.body.error).toMatchObject({ code: "RPC_UNAVAILABLE" });
      proxy.setMode("pass");
      const retried = await post(flaky.url, "/v1/anonymous-ballots", body);
      expect(retried.status, JSON.stringify(retried.body)).toBe(202);
      await publicClient.waitForTransactionReceipt({
        hash: retried.body.transactionHash as `0x${string}`,
      });
      // Another ballot 2 of the same identity is a rival, and by now the chain shows ballot 2.
      const rival = await post(
        flaky.url,
        "/v1/anonymous-ballots",
        anonymousBody(
          community,
          proposal,
          await ballot(identities[3] as Identity, 0, { sequence: 2n }),
        ),
      );
      expect(rival.body.error).toMatchObject({ code: "STALE_BALLOT", lastSequence: "2" });
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("PROPOSAL_CLOSED once voting has ended", async () => {
    const { testClient } = clientsFor(anvil);
    const proof = await ballot(identities[1] as Identity, 1, { sequence: 10n });
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
