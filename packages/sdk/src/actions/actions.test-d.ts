// Type-level checks of the write actions' public shape: the client's chain and account flow into the
// parameters, and each form (`action`, `.simulate`, `.call`, `.extractEvent(s)`, `…Sync`) keeps its
// exported types. `tsc --noEmit` runs them.
import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  Hex,
  PrivateKeyAccount,
  TransactionReceipt,
  Transport,
} from "viem";
import type { foundry } from "viem/chains";
import { describe, expectTypeOf, test } from "vitest";
import type { Identity } from "../anonymous/identity.ts";
import type { AnonymousProof } from "../anonymous/proof.ts";
import {
  type AddMembersArgs,
  type AddMembersParameters,
  type AddMembersSyncParameters,
  type AddMembersSyncReturnType,
  addMembers,
  addMembersSync,
} from "./addMembers.ts";
import {
  type CastAnonymousVoteSyncReturnType,
  castAnonymousVote,
  castAnonymousVoteSync,
} from "./castAnonymousVote.ts";
import {
  type CastVoteArgs,
  type CastVoteParameters,
  type CastVoteReturnType,
  type CastVoteSyncParameters,
  type CastVoteSyncReturnType,
  castVote,
  castVoteSync,
} from "./castVote.ts";
import { createCommunity } from "./createCommunity.ts";
import { createTopic } from "./createTopic.ts";
import { type GetAnonymousBallotReturnType, getAnonymousBallot } from "./getAnonymousBallot.ts";
import type { GovernorEventArgs } from "./internal/types.ts";
import {
  type QueueProposalArgs,
  type QueueProposalParameters,
  queueProposal,
  queueProposalSync,
} from "./queueProposal.ts";
import { type RegisterIdentityParameters, registerIdentity } from "./registerIdentity.ts";
import { type RelayVoteParameters, relayVote, relayVoteSync } from "./relayVote.ts";
import { removeMembersWithIdentities } from "./removeMembersWithIdentities.ts";
import {
  type ReplaceIdentityArgs,
  replaceIdentity,
  replaceIdentitySync,
} from "./replaceIdentity.ts";
import { type VoteAnonymouslyReturnType, voteAnonymously } from "./voteAnonymously.ts";

type Foundry = typeof foundry;
declare const withAccount: Client<Transport, Foundry, PrivateKeyAccount>;
declare const withoutAccount: Client<Transport, Foundry, undefined>;
declare const community: Address;
declare const signature: Hex;

describe("write actions", () => {
  test("the client's chain and account type the parameters", () => {
    expectTypeOf(castVote<Foundry, PrivateKeyAccount>)
      .parameter(1)
      .toEqualTypeOf<CastVoteParameters<Foundry, PrivateKeyAccount>>();
    expectTypeOf(castVoteSync<Chain | undefined, Account | undefined>)
      .parameter(1)
      .toEqualTypeOf<CastVoteSyncParameters>();
    expectTypeOf(addMembers<Foundry, undefined>)
      .parameter(1)
      .toEqualTypeOf<AddMembersParameters<Foundry, undefined>>();
    expectTypeOf(addMembersSync<Foundry, PrivateKeyAccount>)
      .parameter(1)
      .toEqualTypeOf<AddMembersSyncParameters<Foundry, PrivateKeyAccount>>();
    expectTypeOf(queueProposal<Foundry, PrivateKeyAccount>)
      .parameter(1)
      .toEqualTypeOf<QueueProposalParameters<Foundry, PrivateKeyAccount>>();
    expectTypeOf(relayVote<Foundry, undefined>)
      .parameter(1)
      .toEqualTypeOf<RelayVoteParameters<Foundry, undefined>>();
  });

  test("`account` is optional only when the client has one", () => {
    const ballot = { community, proposalId: 1n, option: 0 } as const;
    expectTypeOf(castVote(withAccount, ballot)).resolves.toEqualTypeOf<Hash>();
    expectTypeOf(
      castVote(withoutAccount, { ...ballot, account: community }),
    ).resolves.toEqualTypeOf<Hash>();
    // @ts-expect-error: a client without an account needs `account`
    castVote(withoutAccount, ballot);
    const signed = { community, ballot: {} as never, voter: community, deadline: 0n, signature };
    expectTypeOf(relayVote(withAccount, { ...signed, nonce: 1n })).resolves.toEqualTypeOf<Hash>();
    // @ts-expect-error: a relay's `nonce` is the signed bigint, not the transaction's
    relayVote(withAccount, { ...signed, nonce: 1 });
  });

  test("each form keeps its return type", () => {
    expectTypeOf(castVote).returns.resolves.toEqualTypeOf<CastVoteReturnType>();
    expectTypeOf(castVoteSync).returns.resolves.toEqualTypeOf<CastVoteSyncReturnType>();
    expectTypeOf(addMembersSync).returns.resolves.toEqualTypeOf<AddMembersSyncReturnType>();
    expectTypeOf(relayVoteSync).returns.resolves.toHaveProperty("eventName");
    expectTypeOf(queueProposalSync).returns.resolves.toEqualTypeOf<
      GovernorEventArgs<"ProposalQueued"> & { receipt: TransactionReceipt }
    >();
    expectTypeOf(castVote.simulate).returns.resolves.toEqualTypeOf<{ request: unknown }>();
    expectTypeOf(addMembers.simulate).returns.resolves.toEqualTypeOf<{
      result: undefined;
      request: unknown;
    }>();
    expectTypeOf(createTopic.simulate).returns.resolves.toEqualTypeOf<{
      result: number;
      request: unknown;
    }>();
    expectTypeOf(createCommunity.simulate).returns.resolves.toEqualTypeOf<{
      result: { community: Address; timelock: Address };
      request: unknown;
    }>();
    expectTypeOf(castVote.call).parameters.toEqualTypeOf<[CastVoteArgs]>();
    expectTypeOf(addMembers.call).parameters.toEqualTypeOf<[AddMembersArgs]>();
    expectTypeOf(queueProposal.call).parameters.toEqualTypeOf<[QueueProposalArgs]>();
    expectTypeOf(castVote.call).returns.toEqualTypeOf<{
      to: Address;
      data: `0x${string}`;
      value?: bigint | undefined;
    }>();
  });

  test("extractEvent decodes the action's events", () => {
    expectTypeOf(castVote.extractEvent)
      .returns.toHaveProperty("eventName")
      .toEqualTypeOf<"VoteCast">();
    expectTypeOf(castVote.extractEvent)
      .returns.toHaveProperty("args")
      .toEqualTypeOf<GovernorEventArgs<"VoteCast">>();
    expectTypeOf(addMembers.extractEvents)
      .returns.items.toHaveProperty("eventName")
      .toEqualTypeOf<"MemberAdded">();
    expectTypeOf(addMembers.extractEvent).returns.toEqualTypeOf<
      ReturnType<typeof addMembers.extractEvents>[number]
    >();
    expectTypeOf(relayVote.extractEvent)
      .returns.toHaveProperty("eventName")
      .toEqualTypeOf<"VoteCast" | "QuadraticVoteCast" | "VoteRetracted">();
    expectTypeOf(createCommunity.extractEvent)
      .returns.toHaveProperty("eventName")
      .toEqualTypeOf<"CommunityCreated">();
    expectTypeOf<Hash>().toEqualTypeOf<CastVoteReturnType>();
  });
});

describe("identity and anonymous-ballot actions", () => {
  const identity = {} as Identity;
  const proof = {} as AnonymousProof;
  test("identities take an Identity or a bare commitment", () => {
    expectTypeOf(registerIdentity<Foundry, PrivateKeyAccount>)
      .parameter(1)
      .toEqualTypeOf<RegisterIdentityParameters<Foundry, PrivateKeyAccount>>();
    expectTypeOf(
      registerIdentity(withAccount, { community, identity }),
    ).resolves.toEqualTypeOf<Hash>();
    expectTypeOf(
      registerIdentity(withAccount, { community, identity: 123n }),
    ).resolves.toEqualTypeOf<Hash>();
    // @ts-expect-error: a commitment is a bigint, not a number
    registerIdentity(withAccount, { community, identity: 123 });
  });

  test("siblings are optional for the action, required for its call", () => {
    expectTypeOf(
      replaceIdentity(withAccount, { community, identity }),
    ).resolves.toEqualTypeOf<Hash>();
    expectTypeOf(replaceIdentity.call).parameters.toEqualTypeOf<[ReplaceIdentityArgs]>();
    // @ts-expect-error: `.call` cannot read the chain, so it needs the siblings
    replaceIdentity.call({ community, identity });
    removeMembersWithIdentities.call({ community, accounts: [community], siblings: [[1n, 2n]] });
    expectTypeOf(replaceIdentitySync)
      .returns.resolves.toHaveProperty("newCommitment")
      .toEqualTypeOf<bigint>();
  });

  test("castAnonymousVote needs only some account, and its Sync form tells cast from retracted", () => {
    expectTypeOf(
      castAnonymousVote(withAccount, { community, proposalId: 1n, proof }),
    ).resolves.toEqualTypeOf<Hash>();
    expectTypeOf(
      castAnonymousVoteSync,
    ).returns.resolves.toEqualTypeOf<CastAnonymousVoteSyncReturnType>();
    expectTypeOf<CastAnonymousVoteSyncReturnType["eventName"]>().toEqualTypeOf<
      "AnonymousVoteCast" | "AnonymousVoteRetracted"
    >();
    expectTypeOf(castAnonymousVote.extractEvent)
      .returns.toHaveProperty("eventName")
      .toEqualTypeOf<"AnonymousVoteCast">();
  });

  test("voteAnonymously works with a client without an account (relayed)", () => {
    expectTypeOf(
      voteAnonymously(withoutAccount, {
        identity,
        community,
        proposalId: 1n,
        option: "retract",
        relayerUrl: "https://relay.example.org",
      }),
    ).resolves.toEqualTypeOf<VoteAnonymouslyReturnType>();
    // @ts-expect-error: options are indexes, "abstain" or "retract"
    voteAnonymously(withoutAccount, { identity, community, proposalId: 1n, option: "yes" });
    expectTypeOf<VoteAnonymouslyReturnType["sequence"]>().toEqualTypeOf<bigint>();
  });

  test("getAnonymousBallot takes a nullifier or an identity, and always returns the sequence", () => {
    expectTypeOf(
      getAnonymousBallot(withoutAccount, { community, proposalId: 1n, nullifier: 2n }),
    ).resolves.toEqualTypeOf<GetAnonymousBallotReturnType>();
    expectTypeOf(
      getAnonymousBallot(withoutAccount, { community, proposalId: 1n, identity }),
    ).resolves.toEqualTypeOf<GetAnonymousBallotReturnType>();
    // @ts-expect-error: one or the other, not both
    getAnonymousBallot(withoutAccount, { community, proposalId: 1n, nullifier: 2n, identity });
    expectTypeOf<GetAnonymousBallotReturnType["sequence"]>().toEqualTypeOf<bigint>();
  });
});
