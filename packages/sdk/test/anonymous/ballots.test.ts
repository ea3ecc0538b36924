// Anonymous ballots on real anvil with real Semaphore proofs (depth 3 circuits, ~0.3–0.5 s each): cast
// from any account, counted, replaced, retracted, relayed over HTTP; ballot sequences (old proofs sent
// again are refused); key rotation; the typed errors.
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castAnonymousVote, castAnonymousVoteSync } from "../../src/actions/castAnonymousVote.ts";
import { getAnonymousBallot } from "../../src/actions/getAnonymousBallot.ts";
import { getAnonymousScope } from "../../src/actions/getAnonymousScope.ts";
import { getProposalGroup } from "../../src/actions/getProposalGroup.ts";
import { getTally } from "../../src/actions/getTally.ts";
import { proposeSync } from "../../src/actions/propose.ts";
import { registerIdentitiesSync } from "../../src/actions/registerIdentities.ts";
import { relayAnonymousBallot } from "../../src/actions/relayAnonymousBallot.ts";
import { relaySignedBallots } from "../../src/actions/relaySignedBallots.ts";
import { replaceIdentitySync } from "../../src/actions/replaceIdentity.ts";
import { signBallot } from "../../src/actions/signBallot.ts";
import { voteAnonymously } from "../../src/actions/voteAnonymously.ts";
import {
  AnonymousBallotError,
  IdentityNotInGroupError,
  ProofForAnotherProposalError,
  ProofRootMismatchError,
  RelayerError,
} from "../../src/anonymous/errors.ts";
import { type IdentityGroupSnapshot, rebuildIdentityGroup } from "../../src/anonymous/group.ts";
import { createIdentity, type Identity } from "../../src/anonymous/identity.ts";
import {
  type AnonymousOption,
  type AnonymousProof,
  anonymousMessage,
  anonymousNullifier,
  anonymousScope,
  type CreateAnonymousBallotParameters,
  checkAnonymousBallot,
  createAnonymousBallot,
  terminateProver,
  verifyAnonymousBallot,
} from "../../src/anonymous/proof.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { liquidGovernorAbi } from "../../src/generated/abis.ts";
import {
  createWorld,
  proposeAnonymous,
  rejectionOf,
  type StubRelayer,
  startStubRelayer,
  stranger,
  type World,
} from "./setup.ts";

const CHAIN_ID = 31337;

describe("anonymous ballots", () => {
  let world: World;
  let community: Address;
  let relayer: StubRelayer;
  let poll: bigint; // 3 options, recorded with ids[0..4]
  let group: IdentityGroupSnapshot;
  const ids: Identity[] = Array.from({ length: 5 }, () => createIdentity());
  const client = () => world.clients.publicClient;
  const member = (i: number) => {
    const wallet = world.members[i];
    if (!wallet) throw new Error(`no member ${i}`);
    return wallet;
  };
  const tally = async (proposalId: bigint) => {
    const { tallies, abstain, participation, totalMass } = await getTally(client(), {
      community,
      proposalId,
    });
    return { tallies, abstain, participation, totalMass };
  };
  const ballot = (
    identity: Identity,
    option: AnonymousOption,
    { sequence = 1n, proposalId = poll, g = group } = {},
  ) =>
    createAnonymousBallot({
      identity,
      group: g,
      chainId: CHAIN_ID,
      community,
      proposalId,
      option,
      sequence,
    });

  beforeAll(async () => {
    world = await createWorld({ weights: [1, 1, 1, 1, 1, 1] });
    community = world.community;
    await registerIdentitiesSync(world.admin, {
      community,
      identities: ids.map((identity, i) => ({
        account: member(i).account.address,
        identity,
      })),
    });
    poll = await proposeAnonymous(world, { optionCount: 3 });
    group = await rebuildIdentityGroup(client(), { community, proposalId: poll });
    relayer = await startStubRelayer(world);
  });
  afterAll(async () => {
    await relayer?.close();
    await world?.stop();
    await terminateProver();
  });

  let first: AnonymousProof;
  it("castAnonymousVoteSync() from a non-member account counts a proven ballot", async () => {
    first = await ballot(ids[0] as Identity, 1);
    expect(first).toMatchObject({
      merkleTreeDepth: 3n,
      merkleTreeRoot: group.root,
      message: (1n << 8n) | 1n, // sequence 1, option 1
      nullifier: anonymousNullifier({
        identity: ids[0] as Identity,
        chainId: CHAIN_ID,
        community,
        proposalId: poll,
      }),
      scope: anonymousScope({ chainId: CHAIN_ID, community, proposalId: poll }),
    });
    expect(first.points).toHaveLength(8);
    expect(await verifyAnonymousBallot(first)).toBe(true);
    expect(first.scope).toBe(await getAnonymousScope(client(), { community, proposalId: poll }));

    const result = await castAnonymousVoteSync(stranger(world), {
      community,
      proposalId: poll,
      proof: first,
    });
    // Mostly the Groth16 pairing check (~285k gas).
    expect(result.receipt.gasUsed).toBeLessThan(400_000n);
    expect(result).toMatchObject({
      eventName: "AnonymousVoteCast",
      proposalId: poll,
      nullifier: first.nullifier,
      option: 1,
    });
    expect(await tally(poll)).toEqual({
      tallies: [0n, 1n, 0n],
      abstain: 0n,
      participation: 1n,
      totalMass: 5n,
    });
    expect(
      await getAnonymousBallot(client(), {
        community,
        proposalId: poll,
        nullifier: first.nullifier,
      }),
    ).toEqual({ hasVoted: true, nullifier: first.nullifier, option: 1, sequence: 1n });
  });

  let again: AnonymousProof;
  it("a second ballot of the same identity, with a higher sequence, replaces the first (same nullifier)", async () => {
    again = await ballot(ids[0] as Identity, 2, { sequence: 2n });
    expect(again.nullifier).toBe(first.nullifier);
    await castAnonymousVoteSync(stranger(world), { community, proposalId: poll, proof: again });
    expect((await tally(poll)).tallies).toEqual([0n, 0n, 1n]);
    expect((await tally(poll)).participation).toBe(1n);
    // The identity alone finds its ballot: getAnonymousBallot computes the nullifier locally.
    expect(
      await getAnonymousBallot(client(), {
        community,
        proposalId: poll,
        identity: ids[0] as Identity,
      }),
    ).toEqual({ hasVoted: true, nullifier: first.nullifier, option: 2, sequence: 2n });
  });

  it("replaying the earlier proof after the change fails with AnonymousStaleBallot, and the tally keeps the change", async () => {
    const before = await tally(poll);
    const replay = await rejectionOf(
      castAnonymousVote(stranger(world), { community, proposalId: poll, proof: first }),
    );
    expect(replay).toBeInstanceOf(ContractRevertError);
    const stale = replay as ContractRevertError;
    expect(stale.is("AnonymousStaleBallot")).toBe(true);
    expect(stale.args).toEqual([poll, first.nullifier, 1n, 2n]);
    // Caught by the simulation: nothing was sent.
    expect(stale.data).toMatch(/^0x/);
    expect(stale.shortMessage).toBe(
      `this identity already sent ballot number 2 on proposal ${poll}; ballot number 1 is older or a replay (prove it again with a number above 2)`,
    );
    // The same proof once more is a replay too (its sequence is not above the last).
    const twice = await rejectionOf(
      castAnonymousVote(stranger(world), { community, proposalId: poll, proof: again }),
    );
    expect((twice as ContractRevertError).args).toEqual([poll, first.nullifier, 2n, 2n]);
    // Sent without a simulation, the replay is mined and reverts.
    const hash = await stranger(world).writeContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName: "castAnonymousVote",
      args: [poll, first],
      gas: 1_000_000n,
    });
    expect((await client().waitForTransactionReceipt({ hash })).status).toBe("reverted");
    expect(await tally(poll)).toEqual(before);
    expect(
      await getAnonymousBallot(client(), {
        community,
        proposalId: poll,
        nullifier: first.nullifier,
      }),
    ).toMatchObject({ hasVoted: true, option: 2, sequence: 2n });
  });

  it("voteAnonymously() rebuilds the group, proves with the next sequence and sends from any account", async () => {
    const { transactionHash, relayed, nullifier, sequence, proof } = await voteAnonymously(
      stranger(world, 17),
      {
        identity: ids[1] as Identity,
        community,
        proposalId: poll,
        option: "abstain",
      },
    );
    expect(relayed).toBe(false);
    expect(sequence).toBe(1n);
    expect(proof.message).toBe(anonymousMessage({ option: "abstain", sequence: 1n }));
    const receipt = await client().waitForTransactionReceipt({ hash: transactionHash });
    expect(receipt.status).toBe("success");
    expect(receipt.from.toLowerCase()).toBe(stranger(world, 17).account.address.toLowerCase());
    expect(await getAnonymousBallot(client(), { community, proposalId: poll, nullifier })).toEqual({
      hasVoted: true,
      nullifier,
      option: "abstain",
      sequence: 1n,
    });
    expect(await tally(poll)).toMatchObject({ abstain: 1n, participation: 2n });
  });

  it("voteAnonymously() with relayerUrl hands the ballot to the relayer as decimal strings", async () => {
    const { transactionHash, relayed, proof } = await voteAnonymously(client(), {
      identity: ids[2] as Identity,
      community,
      proposalId: poll,
      option: 0,
      relayerUrl: relayer.url,
      group,
    });
    expect(relayed).toBe(true);
    const request = relayer.requests.at(-1);
    expect(request?.path).toBe("/v1/anonymous-ballots");
    expect(request?.body).toEqual({
      community,
      proposalId: poll.toString(),
      proof: {
        merkleTreeDepth: "3",
        merkleTreeRoot: group.root.toString(),
        nullifier: proof.nullifier.toString(),
        message: "256", // sequence 1, option 0
        scope: proof.scope.toString(),
        points: proof.points.map(String),
      },
    });
    const receipt = await client().waitForTransactionReceipt({ hash: transactionHash });
    expect(receipt.status).toBe("success");
    expect((await tally(poll)).tallies).toEqual([1n, 0n, 1n]);
  });

  it("a 'retract' proof withdraws the ballot; the earlier ballot sent again cannot undo that", async () => {
    const retract = await ballot(ids[0] as Identity, "retract", { sequence: 3n });
    const result = await castAnonymousVoteSync(stranger(world), {
      community,
      proposalId: poll,
      proof: retract,
    });
    expect(result.eventName).toBe("AnonymousVoteRetracted");
    expect((await tally(poll)).tallies).toEqual([1n, 0n, 0n]);
    expect(
      await getAnonymousBallot(client(), {
        community,
        proposalId: poll,
        nullifier: first.nullifier,
      }),
    ).toEqual({ hasVoted: false, nullifier: first.nullifier, sequence: 3n });
    const replay = (await rejectionOf(
      castAnonymousVote(stranger(world), { community, proposalId: poll, proof: again }),
    )) as ContractRevertError;
    expect(replay.errorName).toBe("AnonymousStaleBallot");
    expect(replay.args).toEqual([poll, first.nullifier, 2n, 3n]);
    expect((await tally(poll)).tallies).toEqual([1n, 0n, 0n]);
  });

  it("voteAnonymously() with prove hands the ballot to a custom prover (a browser's worker) and sends its proof", async () => {
    const other = await proposeAnonymous(world, { optionCount: 2 });
    const calls: CreateAnonymousBallotParameters[] = [];
    const result = await voteAnonymously(client(), {
      identity: ids[0] as Identity,
      community,
      proposalId: other,
      option: 1,
      relayerUrl: relayer.url,
      prove: async (parameters) => {
        calls.push(parameters);
        return createAnonymousBallot(parameters);
      },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ proposalId: other, option: 1, sequence: 1n, community });
    expect(result).toMatchObject({ relayed: true, sequence: 1n });
    await client().waitForTransactionReceipt({ hash: result.transactionHash });
    expect((await tally(other)).tallies).toEqual([0n, 1n]);
    // An identity outside the group is refused before the prover is called.
    await expect(
      voteAnonymously(client(), {
        identity: createIdentity(),
        community,
        proposalId: other,
        option: 0,
        relayerUrl: relayer.url,
        prove: async (parameters) => {
          calls.push(parameters);
          return createAnonymousBallot(parameters);
        },
      }),
    ).rejects.toBeInstanceOf(IdentityNotInGroupError);
    expect(calls).toHaveLength(1);
  });

  it("voteAnonymously() reads the last sequence each time: change, retract, vote again", async () => {
    const identity = ids[1] as Identity;
    const vote = async (option: AnonymousOption) => {
      const result = await voteAnonymously(client(), {
        identity,
        community,
        proposalId: poll,
        option,
        relayerUrl: relayer.url,
      });
      await client().waitForTransactionReceipt({ hash: result.transactionHash });
      return result;
    };
    expect((await vote(2)).sequence).toBe(2n);
    expect((await vote("retract")).sequence).toBe(3n);
    const again = await vote(1);
    expect(again.sequence).toBe(4n);
    expect(await getAnonymousBallot(client(), { community, proposalId: poll, identity })).toEqual({
      hasVoted: true,
      nullifier: again.nullifier,
      option: 1,
      sequence: 4n,
    });
    expect(await tally(poll)).toMatchObject({ tallies: [1n, 1n, 0n], abstain: 0n });
    // An explicit sequence that is not above the last is refused before any proving.
    const explicit = (await rejectionOf(
      voteAnonymously(client(), {
        identity,
        community,
        proposalId: poll,
        option: 0,
        sequence: 4n,
        relayerUrl: relayer.url,
      }),
    )) as ContractRevertError;
    expect(explicit.errorName).toBe("AnonymousStaleBallot");
    expect(explicit.data).toBeUndefined();
    expect(explicit.args).toEqual([poll, again.nullifier, 4n, 4n]);
  });

  it("voteAnonymously() proves once more with a fresh sequence when another ballot of the identity overtakes it", async () => {
    const identity = ids[1] as Identity;
    // Another device of the same member sends ballot 5 (option 2) while this one proves ballot 5
    // (option 0): the relayer refuses the latter as stale, and it is proven again as ballot 6.
    const otherDevice = await ballot(identity, 2, { sequence: 5n });
    let calls = 0;
    const racing: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) {
        await castAnonymousVoteSync(stranger(world), {
          community,
          proposalId: poll,
          proof: otherDevice,
        });
      }
      return fetch(input, init);
    };
    const result = await voteAnonymously(client(), {
      identity,
      community,
      proposalId: poll,
      option: 0,
      relayerUrl: relayer.url,
      relayer: { fetch: racing },
    });
    await client().waitForTransactionReceipt({ hash: result.transactionHash });
    expect(calls).toBe(2);
    expect(result.sequence).toBe(6n);
    expect(
      await getAnonymousBallot(client(), { community, proposalId: poll, identity }),
    ).toMatchObject({ hasVoted: true, option: 0, sequence: 6n });

    // A relayer that still has a ballot of the identity in flight names its sequence; the chain
    // cannot show it yet, so the retry goes above the relayer's.
    let answered = false;
    const busy: typeof fetch = async (input, init) => {
      if (answered) return fetch(input, init);
      answered = true;
      return new Response(
        JSON.stringify({
          error: { code: "STALE_BALLOT", message: "ballot 9 is in flight", lastSequence: "9" },
        }),
        { status: 409, headers: { "content-type": "application/json" } },
      );
    };
    const overtaken = await voteAnonymously(client(), {
      identity,
      community,
      proposalId: poll,
      option: 1,
      relayerUrl: relayer.url,
      relayer: { fetch: busy },
    });
    await client().waitForTransactionReceipt({ hash: overtaken.transactionHash });
    expect(overtaken.sequence).toBe(10n);
    expect(overtaken.proof.message).toBe(anonymousMessage({ option: 1, sequence: 10n }));
  });

  it("an identity outside the proposal's group gets IdentityNotInGroupError before any proving", async () => {
    const error = await rejectionOf(ballot(createIdentity(), 1));
    expect(error).toBeInstanceOf(IdentityNotInGroupError);
    expect((error as IdentityNotInGroupError).shortMessage).toBe(
      `this identity is not in the group of proposal ${poll}`,
    );
    const late = await rejectionOf(
      voteAnonymously(stranger(world), {
        identity: createIdentity(),
        community,
        proposalId: poll,
        option: 1,
      }),
    );
    expect(late).toBeInstanceOf(IdentityNotInGroupError);
  });

  it("a proof made for another proposal fails checkAnonymousBallot() and the contract, typed", async () => {
    const other = await proposeAnonymous(world);
    const proof = await ballot(ids[3] as Identity, 1);
    const error = (() => {
      try {
        checkAnonymousBallot(proof, { chainId: CHAIN_ID, community, proposalId: other });
      } catch (e) {
        return e as ProofForAnotherProposalError;
      }
    })();
    expect(error).toBeInstanceOf(ProofForAnotherProposalError);
    expect(error?.shortMessage).toBe(
      `proof made for another proposal: its scope is not that of proposal ${other}`,
    );
    expect(() =>
      checkAnonymousBallot(proof, {
        chainId: CHAIN_ID,
        community,
        proposalId: poll,
        root: group.root + 1n,
      }),
    ).toThrow(ProofRootMismatchError);
    checkAnonymousBallot(proof, {
      chainId: CHAIN_ID,
      community,
      proposalId: poll,
      root: group.root,
    });

    const revert = await rejectionOf(
      castAnonymousVote(stranger(world), { community, proposalId: other, proof }),
    );
    expect(revert).toBeInstanceOf(ContractRevertError);
    expect((revert as ContractRevertError).errorName).toBe("AnonymousScopeMismatch");
    expect((revert as ContractRevertError).shortMessage).toBe(
      `proof made for another proposal: its scope is not that of proposal ${other}`,
    );
    // A group built for one proposal is not taken for another.
    await expect(ballot(ids[3] as Identity, 1, { proposalId: other })).rejects.toBeInstanceOf(
      AnonymousBallotError,
    );
  });

  it("a tampered proof fails off-chain verification and the contract; a malformed message is refused first", async () => {
    const proof = await ballot(ids[4] as Identity, 1);
    // Option 2 instead of 1, and a later sequence: well-formed messages the proof was not made for.
    for (const message of [proof.message + 1n, proof.message + 0x100n]) {
      const tampered = { ...proof, message };
      expect(await verifyAnonymousBallot(tampered)).toBe(false);
      const revert = await rejectionOf(
        castAnonymousVote(stranger(world), { community, proposalId: poll, proof: tampered }),
      );
      expect((revert as ContractRevertError).errorName).toBe("AnonymousInvalidProof");
    }
    // Sequence 0, a sequence above 2^64 - 1, an option the proposal lacks.
    for (const message of [1n, (1n << 72n) | 1n, (1n << 8n) | 3n]) {
      const revert = (await rejectionOf(
        castAnonymousVote(stranger(world), {
          community,
          proposalId: poll,
          proof: { ...proof, message },
        }),
      )) as ContractRevertError;
      expect(revert.errorName).toBe("AnonymousInvalidMessage");
      expect(revert.args).toEqual([poll, message, 3]);
    }
  });

  it("voteAnonymously() checks the proposal and the ballot before proving: option range, retraction, mode", async () => {
    const invalid = (await rejectionOf(
      voteAnonymously(stranger(world), {
        identity: ids[4] as Identity,
        community,
        proposalId: poll,
        option: 5,
      }),
    )) as ContractRevertError;
    expect(invalid.errorName).toBe("AnonymousInvalidMessage");
    // The option is the message's low byte; ids[4] has no ballot yet, so the sequence is 1.
    expect(invalid.args).toEqual([poll, (1n << 8n) | 5n, 3]);
    expect(invalid.data).toBeUndefined();
    expect(invalid.shortMessage).toBe(
      `ballot 1 for option 5 is not valid on proposal ${poll}: its options are 0 to 2, abstain or retract`,
    );
    const noBallot = (await rejectionOf(
      voteAnonymously(stranger(world), {
        identity: ids[4] as Identity,
        community,
        proposalId: poll,
        option: "retract",
      }),
    )) as ContractRevertError;
    expect(noBallot.errorName).toBe("AnonymousNoBallot");
    await expect(
      voteAnonymously(stranger(world), {
        identity: ids[4] as Identity,
        community,
        proposalId: poll,
        option: 40,
      }),
    ).rejects.toBeInstanceOf(AnonymousBallotError);
    const { proposalId: publicPoll } = await proposeSync(member(0), {
      community,
      topic: 0,
      metadataURI: "A public poll",
    });
    const wrongMode = await rejectionOf(
      voteAnonymously(stranger(world), {
        identity: ids[4] as Identity,
        community,
        proposalId: publicPoll,
        option: 1,
      }),
    );
    expect((wrongMode as ContractRevertError).errorName).toBe("VotingWrongMode");
  });

  it("key rotation: after replaceIdentity, the new key votes on new proposals, the old one on old proposals only", async () => {
    const rotated = createIdentity();
    await replaceIdentitySync(member(3), { community, identity: rotated });
    const next = await proposeAnonymous(world, { optionCount: 2 });
    const nextGroup = await rebuildIdentityGroup(client(), { community, proposalId: next });
    expect(nextGroup.root).toBe(
      (await getProposalGroup(client(), { community, proposalId: next })).root,
    );

    const old = await rejectionOf(
      ballot(ids[3] as Identity, 1, { proposalId: next, g: nextGroup }),
    );
    expect(old).toBeInstanceOf(IdentityNotInGroupError);
    expect((old as IdentityNotInGroupError).shortMessage).toBe(
      `this identity is not in the group of proposal ${next}`,
    );

    const fresh = await ballot(rotated, 1, { proposalId: next, g: nextGroup });
    await castAnonymousVoteSync(stranger(world), { community, proposalId: next, proof: fresh });
    expect((await tally(next)).tallies).toEqual([0n, 1n]);

    // The proposal created before the rotation recorded the old key, which still votes there.
    const before = (await tally(poll)).tallies;
    const stillValid = await ballot(ids[3] as Identity, 2);
    await castAnonymousVoteSync(stranger(world), {
      community,
      proposalId: poll,
      proof: stillValid,
    });
    expect((await tally(poll)).tallies).toEqual([before[0], before[1], (before[2] ?? 0n) + 1n]);
  });

  it("relayAnonymousBallot() and relaySignedBallots() turn error answers into RelayerError", async () => {
    relayer.failNext(
      422,
      { error: { code: "INVALID_PROOF", message: "the proof does not verify", field: "proof" } },
      {},
    );
    const invalid = await rejectionOf(
      relayAnonymousBallot({ relayerUrl: relayer.url, community, proposalId: poll, proof: first }),
    );
    expect(invalid).toBeInstanceOf(RelayerError);
    expect(invalid).toMatchObject({
      code: "INVALID_PROOF",
      status: 422,
      shortMessage: "the proof does not verify",
      body: { field: "proof" },
      retryable: false,
    });

    relayer.failNext(
      429,
      { error: { code: "RATE_LIMITED", message: "slow down" } },
      {
        "retry-after": "7",
      },
    );
    const limited = (await rejectionOf(
      relayAnonymousBallot({
        relayerUrl: `${relayer.url}/`,
        community,
        proposalId: poll,
        proof: first,
      }),
    )) as RelayerError;
    expect({
      code: limited.code,
      retryAfter: limited.retryAfter,
      retryable: limited.retryable,
    }).toEqual({ code: "RATE_LIMITED", retryAfter: 7, retryable: true });

    const signed = await signBallot(member(5), {
      community,
      ballot: { proposalId: poll, option: 1 },
    });
    relayer.failNext(409, { error: { code: "NONCE_MISMATCH", message: "stale nonce" } });
    const stale = (await rejectionOf(
      relaySignedBallots({ relayerUrl: relayer.url, wait: true, ...signed }),
    )) as RelayerError;
    expect(stale.code).toBe("NONCE_MISMATCH");
    const request = relayer.requests.at(-1);
    expect(request).toMatchObject({ path: "/v1/signed-ballots", search: "?wait=1" });
    expect(request?.body).toEqual({
      community,
      voter: signed.voter,
      deadline: signed.deadline.toString(),
      nonce: signed.nonce.toString(),
      signature: signed.signature,
      ballot: { proposalId: poll.toString(), option: 1 },
    });

    const unreachable = (await rejectionOf(
      relayAnonymousBallot({
        relayerUrl: "http://127.0.0.1:9",
        community,
        proposalId: poll,
        proof: first,
      }),
    )) as RelayerError;
    expect(unreachable).toMatchObject({ code: "UNREACHABLE", status: 0, retryable: true });
  });
});
