import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castQuadraticVote, castQuadraticVoteSync } from "../../src/actions/castQuadraticVote.ts";
import { castVote, castVoteSync } from "../../src/actions/castVote.ts";
import { castVotes, castVotesSync } from "../../src/actions/castVotes.ts";
import { delegateSync } from "../../src/actions/delegate.ts";
import { getBallot } from "../../src/actions/getBallot.ts";
import { getCarriedMass } from "../../src/actions/getCarriedMass.ts";
import { getTally } from "../../src/actions/getTally.ts";
import { proposeSync } from "../../src/actions/propose.ts";
import { retractVote, retractVoteSync } from "../../src/actions/retractVote.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { sendRaw } from "../support/sendRaw.ts";
import { createWorld, JAN_1_2030, rejectionOf, type World } from "./setup.ts";

describe("vote actions", () => {
  let world: World;
  let community: Address;
  let single: bigint;
  let quadratic: bigint;
  // Weights: m[0] 25, m[1] 4, m[2] 9, m[3] 1, m[4] 16; m[4] delegates to m[1] in topic 0.
  const m = (i: number) => {
    const member = world.members[i];
    if (!member) throw new Error(`no member ${i}`);
    return member;
  };

  beforeAll(async () => {
    world = await createWorld({ weights: [25, 4, 9, 1, 16] });
    community = world.community;
    await delegateSync(m(4), { community, topics: [0], to: m(1).account.address });
    await world.advance(1);
    ({ proposalId: single } = await proposeSync(m(0), {
      community,
      topic: 0,
      optionCount: 3,
      metadataURI: "Library hours",
    }));
    ({ proposalId: quadratic } = await proposeSync(m(0), {
      community,
      topic: 1,
      mode: "quadratic",
      optionCount: 3,
      metadataURI: "Budget split",
    }));
  });
  afterAll(async () => {
    await world.stop();
  });

  it("castVoteSync() casts a ballot and returns the decoded VoteCast event", async () => {
    const result = await castVoteSync(m(1), { community, proposalId: single, option: 1 });
    expect(result.receipt.status).toBe("success");
    expect(result).toMatchObject({ voter: m(1).account.address, proposalId: single, option: 1 });
    // m[1] carries m[4], who delegated to them in topic 0.
    expect(
      await getCarriedMass(world.clients.publicClient, {
        community,
        proposalId: single,
        voter: m(1).account.address,
      }),
    ).toBe(20n);
    expect(
      await getBallot(world.clients.publicClient, {
        community,
        proposalId: single,
        voter: m(1).account.address,
      }),
    ).toEqual({ hasVoted: true, option: 1, votes: undefined });
  });

  it("castVote() returns the hash and castVote.extractEvent() decodes the receipt", async () => {
    const hash = await castVote(m(2), { community, proposalId: single, option: "abstain" });
    const receipt = await world.clients.publicClient.waitForTransactionReceipt({ hash });
    const { eventName, args } = castVote.extractEvent(receipt.logs);
    expect(eventName).toBe("VoteCast");
    expect(args).toEqual({ voter: m(2).account.address, proposalId: single, option: 255 });
    const ballot = await getBallot(world.clients.publicClient, {
      community,
      proposalId: single,
      voter: m(2).account.address,
    });
    expect(ballot).toEqual({ hasVoted: true, option: "abstain", votes: undefined });
  });

  it("getTally() reports tallies, quorum, the leading option and whether it passes", async () => {
    const tally = await getTally(world.clients.publicClient, { community, proposalId: single });
    expect(tally).toEqual({
      tallies: [0n, 20n, 0n],
      abstain: 9n,
      participation: 29n,
      totalMass: 55n,
      quorum: 11n,
      quorumReached: true,
      leading: 1,
      passing: true,
    });
  });

  it("castQuadraticVoteSync() casts a vector costing Σv² and returns QuadraticVoteCast", async () => {
    const result = await castQuadraticVoteSync(m(0), {
      community,
      proposalId: quadratic,
      votes: [3, 4, 0],
    });
    expect(result).toMatchObject({
      voter: m(0).account.address,
      proposalId: quadratic,
      votes: [3, 4, 0],
    });
    const tally = await getTally(world.clients.publicClient, { community, proposalId: quadratic });
    expect(tally.tallies).toEqual([3_000_000_000n, 4_000_000_000n, 0n]);
    expect(tally.leading).toBe(1);
    const ballot = await getBallot(world.clients.publicClient, {
      community,
      proposalId: quadratic,
      voter: m(0).account.address,
    });
    expect(ballot).toEqual({ hasVoted: true, option: undefined, votes: [3, 4, 0] });
  });

  it("castQuadraticVote() rejects an over-budget ballot before simulating, with the contract's error", async () => {
    const nonce = await world.clients.publicClient.getTransactionCount({
      address: m(0).account.address,
    });
    const error = await rejectionOf(
      castQuadraticVote(m(0), { community, proposalId: quadratic, votes: [7n, 0n, 0n] }),
    );
    expect(error).toBeInstanceOf(ContractRevertError);
    const revert = error as ContractRevertError;
    expect(revert.shortMessage).toBe("quadratic ballot costs 49 credits, you have 25");
    expect(revert.errorName).toBe("VotingQuadraticCreditsExceeded");
    expect(revert.args).toEqual([m(0).account.address, 49n, 25n]);
    expect(revert.data).toBeUndefined(); // found by the pre-flight check, not by the chain
    expect(
      await world.clients.publicClient.getTransactionCount({ address: m(0).account.address }),
    ).toBe(nonce);
  });

  it("castVotes() decodes the same over-budget revert from the chain", async () => {
    const error = await rejectionOf(
      castVotes(m(0), { community, ballots: [{ proposalId: quadratic, votes: [0, 0, 7] }] }),
    );
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).shortMessage).toBe(
      "quadratic ballot costs 49 credits, you have 25",
    );
    expect((error as ContractRevertError).data).toMatch(/^0x/);
  });

  it("castQuadraticVote() checks the vote count and the mode first", async () => {
    const count = await rejectionOf(
      castQuadraticVote(m(0), { community, proposalId: quadratic, votes: [1, 1] }),
    );
    expect((count as ContractRevertError).shortMessage).toBe(
      `a quadratic ballot on proposal ${quadratic} needs 3 entries, one per option; it has 2`,
    );
    const mode = await rejectionOf(
      castQuadraticVote(m(0), { community, proposalId: single, votes: [1, 0, 0] }),
    );
    expect((mode as ContractRevertError).errorName).toBe("VotingWrongMode");
    expect((mode as ContractRevertError).shortMessage).toBe(
      `the ballot does not match proposal ${single}'s voting mode (single-choice or quadratic)`,
    );
  });

  it("castVote() checks the option range before simulating", async () => {
    const error = await rejectionOf(castVote(m(3), { community, proposalId: single, option: 5 }));
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).shortMessage).toBe(
      `proposal ${single} has options 0 to 2, not 5`,
    );
    expect((error as ContractRevertError).data).toBeUndefined();
  });

  it("castVote() by a non-member fails with a plain message", async () => {
    const outsider = world.clients.wallet(10);
    const error = await rejectionOf(
      castVote(outsider, { community, proposalId: single, option: 0 }),
    );
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).toBe("VotingNotMemberAtSnapshot");
    expect((error as ContractRevertError).shortMessage).toBe(
      `${outsider.account.address} was not a member when proposal ${single} was created`,
    );
  });

  it("retractVoteSync() withdraws a ballot; retracting again explains there is none", async () => {
    const result = await retractVoteSync(m(2), { community, proposalId: single });
    expect(result).toMatchObject({ voter: m(2).account.address, proposalId: single });
    expect(
      await getBallot(world.clients.publicClient, {
        community,
        proposalId: single,
        voter: m(2).account.address,
      }),
    ).toEqual({ hasVoted: false });
    const error = await rejectionOf(retractVote(m(2), { community, proposalId: single }));
    expect((error as ContractRevertError).shortMessage).toBe(
      `${m(2).account.address} has no ballot on proposal ${single} to retract`,
    );
  });

  it("castVotesSync() mixes single, quadratic and retract ballots and returns every event", async () => {
    const { votes, receipt } = await castVotesSync(m(3), {
      community,
      ballots: [
        { proposalId: single, option: 0 },
        { proposalId: quadratic, votes: [1, 0, 0] },
        { proposalId: single, retract: true },
      ],
    });
    expect(receipt.status).toBe("success");
    const voter = m(3).account.address;
    expect(votes).toEqual([
      { eventName: "VoteCast", voter, proposalId: single, option: 0 },
      { eventName: "QuadraticVoteCast", voter, proposalId: quadratic, votes: [1, 0, 0] },
      { eventName: "VoteRetracted", voter, proposalId: single },
    ]);
    expect(castVotes.extractEvents(receipt.logs).map((log) => log.eventName)).toEqual([
      "VoteCast",
      "QuadraticVoteCast",
      "VoteRetracted",
    ]);
  });

  it("call builders produce calldata that votes when sent raw", async () => {
    const voter = m(2);
    const publicClient = world.clients.publicClient;
    const send = (call: { to: Address; data: `0x${string}` }) => sendRaw(voter, publicClient, call);
    await send(castVote.call({ community, proposalId: single, option: 2 }));
    expect(
      await getBallot(publicClient, {
        community,
        proposalId: single,
        voter: voter.account.address,
      }),
    ).toMatchObject({ option: 2 });
    await send(castQuadraticVote.call({ community, proposalId: quadratic, votes: [0, 0, 3] }));
    expect(
      await getBallot(publicClient, {
        community,
        proposalId: quadratic,
        voter: voter.account.address,
      }),
    ).toMatchObject({ votes: [0, 0, 3] });
    await send(retractVote.call({ community, proposalId: quadratic }));
    await send(castVotes.call({ community, ballots: [{ proposalId: single, option: 0 }] }));
    expect(
      await getBallot(publicClient, {
        community,
        proposalId: quadratic,
        voter: voter.account.address,
      }),
    ).toEqual({ hasVoted: false });
    expect(
      await getBallot(publicClient, {
        community,
        proposalId: single,
        voter: voter.account.address,
      }),
    ).toMatchObject({ option: 0 });
  });

  it("castVote.simulate() checks a ballot without sending it", async () => {
    const { request } = await castVote.simulate(m(3), { community, proposalId: single, option: 2 });
    expect(request).toMatchObject({ functionName: "castVote", args: [single, 2] });
    expect(
      await getBallot(world.clients.publicClient, {
        community,
        proposalId: single,
        voter: m(3).account.address,
      }),
    ).toEqual({ hasVoted: false });
  });

  it("voting after the deadline fails with the time voting closed", async () => {
    await world.clients.testClient.setNextBlockTimestamp({ timestamp: BigInt(JAN_1_2030) });
    const { proposalId, voteEnd } = await proposeSync(m(0), {
      community,
      topic: 2,
      votingPeriod: 3600,
      metadataURI: "A short poll",
    });
    expect(voteEnd).toBe(JAN_1_2030 + 3600);
    await world.advance(3601);
    const error = await rejectionOf(castVote(m(1), { community, proposalId, option: 0 }));
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).toBe("VotingClosed");
    expect((error as ContractRevertError).shortMessage).toBe(
      `voting on proposal ${proposalId} closed at 2030-01-01T01:00:00Z`,
    );
  });
});
