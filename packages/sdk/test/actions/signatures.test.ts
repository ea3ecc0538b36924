import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBallot } from "../../src/actions/getBallot.ts";
import { proposeSync } from "../../src/actions/propose.ts";
import { relayVote, relayVoteSync } from "../../src/actions/relayVote.ts";
import { relayVotes, relayVotesSync } from "../../src/actions/relayVotes.ts";
import { signBallot } from "../../src/actions/signBallot.ts";
import { signBallots } from "../../src/actions/signBallots.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { liquidGovernorAbi } from "../../src/generated/abis.ts";
import { sendRaw } from "../support/sendRaw.ts";
import { createWorld, rejectionOf, type World } from "./setup.ts";

describe("signed ballots", () => {
  let world: World;
  let community: Address;
  let single: bigint;
  let quadratic: bigint;
  const m = (i: number) => {
    const member = world.members[i];
    if (!member) throw new Error(`no member ${i}`);
    return member;
  };
  const relayer = () => world.clients.wallet(12); // not a member: anyone may relay
  const nonceOf = (voter: Address) =>
    world.clients.publicClient.readContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName: "nonces",
      args: [voter],
    });
  const ballotOf = (proposalId: bigint, voter: Address) =>
    getBallot(world.clients.publicClient, { community, proposalId, voter });

  beforeAll(async () => {
    world = await createWorld({ weights: [4, 9] });
    community = world.community;
    ({ proposalId: single } = await proposeSync(m(0), {
      community,
      topic: 0,
      optionCount: 3,
      metadataURI: "Single",
    }));
    ({ proposalId: quadratic } = await proposeSync(m(0), {
      community,
      topic: 0,
      mode: "quadratic",
      metadataURI: "Quadratic",
    }));
  });
  afterAll(async () => {
    await world.stop();
  });

  it("signBallot() + relayVoteSync(): another account relays a member's single-choice ballot", async () => {
    const voter = m(0).account.address;
    const signed = await signBallot(m(0), { community, ballot: { proposalId: single, option: 2 } });
    expect(signed).toMatchObject({
      community,
      voter,
      nonce: 0n,
      ballot: { proposalId: single, option: 2, votes: [] },
    });
    const result = await relayVoteSync(relayer(), signed);
    expect(result.receipt.from).toBe(relayer().account.address.toLowerCase());
    expect(result).toMatchObject({ eventName: "VoteCast", voter, proposalId: single, option: 2 });
    expect(await ballotOf(single, voter)).toMatchObject({ option: 2 });
    expect(await nonceOf(voter)).toBe(1n);
  });

  it("relayVote() relays a quadratic ballot; relayVote.extractEvent() decodes it", async () => {
    const voter = m(1).account.address;
    const signed = await signBallot(m(1), {
      community,
      ballot: { proposalId: quadratic, votes: [3, 0] },
    });
    const hash = await relayVote(relayer(), signed);
    const receipt = await world.clients.publicClient.waitForTransactionReceipt({ hash });
    const event = relayVote.extractEvent(receipt.logs);
    expect(event.eventName).toBe("QuadraticVoteCast");
    expect(event.args).toEqual({ voter, proposalId: quadratic, votes: [3, 0] });
  });

  it("a replayed or altered signature is refused in plain words", async () => {
    const voter = m(1).account.address;
    const signed = await signBallot(m(1), { community, ballot: { proposalId: single, option: 1 } });
    await relayVoteSync(relayer(), signed);
    const replay = await rejectionOf(relayVote(relayer(), signed));
    expect(replay).toBeInstanceOf(ContractRevertError);
    expect((replay as ContractRevertError).shortMessage).toBe(`the signature is not ${voter}'s`);
    const fresh = await signBallot(m(1), { community, ballot: { proposalId: single, option: 1 } });
    const altered = await rejectionOf(
      relayVote(relayer(), { ...fresh, ballot: { ...fresh.ballot, option: 0 } }),
    );
    expect((altered as ContractRevertError).errorName).toBe("VotingInvalidSignature");
  });

  it("an expired signature says when it expired", async () => {
    const signed = await signBallot(m(0), {
      community,
      ballot: { proposalId: single, option: 0 },
      deadline: 1_700_000_000n,
    });
    const error = await rejectionOf(relayVote(relayer(), signed));
    expect((error as ContractRevertError).shortMessage).toBe(
      "the signature expired at 2023-11-14T22:13:20Z",
    );
  });

  it("signBallots() + relayVotesSync(): one signature carries ballots on several proposals", async () => {
    const voter = m(0).account.address;
    const nonce = await nonceOf(voter);
    const signed = await signBallots(m(0), {
      community,
      ballots: [
        { proposalId: single, option: "abstain" },
        { proposalId: quadratic, votes: [0, 2n] },
      ],
    });
    expect(signed.nonce).toBe(nonce);
    expect(signed.ballots).toEqual([
      { proposalId: single, option: 255, votes: [] },
      { proposalId: quadratic, option: 0, votes: [0, 2] },
    ]);
    const { votes, receipt } = await relayVotesSync(relayer(), signed);
    expect(receipt.status).toBe("success");
    expect(votes).toEqual([
      { eventName: "VoteCast", voter, proposalId: single, option: 255 },
      { eventName: "QuadraticVoteCast", voter, proposalId: quadratic, votes: [0, 2] },
    ]);
    expect(await nonceOf(voter)).toBe(nonce + 1n);
  });

  it("messages signed ahead with explicit nonces relay in order; retracts work too", async () => {
    const voter = m(0).account.address;
    const nonce = await nonceOf(voter);
    const first = await signBallots(m(0), {
      community,
      ballots: [{ proposalId: single, option: 1 }],
      nonce,
    });
    const second = await signBallots(m(0), {
      community,
      ballots: [
        { proposalId: single, retract: true },
        { proposalId: quadratic, retract: true },
      ],
      nonce: nonce + 1n,
    });
    const hash = await relayVotes(relayer(), first);
    await world.clients.publicClient.waitForTransactionReceipt({ hash });
    expect(await ballotOf(single, voter)).toMatchObject({ option: 1 });
    const { votes } = await relayVotesSync(relayer(), second);
    expect(votes.map((v) => v.eventName)).toEqual(["VoteRetracted", "VoteRetracted"]);
    expect(await ballotOf(single, voter)).toEqual({ hasVoted: false });
    expect(await ballotOf(quadratic, voter)).toEqual({ hasVoted: false });
  });

  it("relayVote.call() and relayVotes.call() produce calldata a relayer can send raw", async () => {
    const voter = m(0).account.address;
    const one = await signBallot(m(0), {
      community,
      ballot: { proposalId: quadratic, votes: [1, 1] },
    });
    await sendRaw(relayer(), world.clients.publicClient, relayVote.call(one));
    expect(await ballotOf(quadratic, voter)).toMatchObject({ votes: [1, 1] });
    const many = await signBallots(m(0), {
      community,
      ballots: [{ proposalId: quadratic, votes: [2, 0] }],
    });
    await sendRaw(relayer(), world.clients.publicClient, relayVotes.call(many));
    expect(await ballotOf(quadratic, voter)).toMatchObject({ votes: [2, 0] });
  });
});
