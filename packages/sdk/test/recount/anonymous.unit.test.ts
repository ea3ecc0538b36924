// buildAnonymousProposalState on hand-built decoded logs: ballots replaced by nullifier and retracted
// in chain order, the group counted as it was at the creation (to the log), and the typed errors.
import { Group } from "@semaphore-protocol/group";
import { type Address, type DecodeEventLogReturnType, getAddress, type Hash } from "viem";
import { describe, expect, it } from "vitest";
import { GroupRootMismatchError } from "../../src/anonymous/errors.ts";
import { anonymousTally } from "../../src/engine/index.ts";
import type { liquidGovernorAbi } from "../../src/generated/abis.ts";
import {
  buildAnonymousProposalState,
  type CommunityLog,
  ProposalNotFoundInLogsError,
  RecountBlockBeforeProposalError,
  RecountInconsistentLogsError,
  RecountModeMismatchError,
} from "../../src/recount/index.ts";

type Event = DecodeEventLogReturnType<typeof liquidGovernorAbi>;

const member = (i: number): Address =>
  getAddress(`0x${(0xa000 + i).toString(16).padStart(40, "0")}`);
const hash = (n: bigint): Hash => `0x${n.toString(16).padStart(64, "0")}`;

interface LogChain {
  logs: CommunityLog[];
  /** Appends one block's events. */
  block(blockNumber: bigint, blockTimestamp: bigint, ...events: Event[]): LogChain;
}

function chain(): LogChain {
  const logs: CommunityLog[] = [];
  const self: LogChain = {
    logs,
    block(blockNumber, blockTimestamp, ...events) {
      events.forEach((event, logIndex) => {
        logs.push({
          ...event,
          blockNumber,
          blockHash: hash(blockNumber),
          blockTimestamp,
          logIndex,
          transactionHash: hash(blockNumber * 1000n + BigInt(logIndex)),
          transactionIndex: logIndex,
        } as CommunityLog);
      });
      return self;
    },
  };
  return self;
}

/** A model of the community's group that emits the events the contract would, with real roots. */
function identityGroup() {
  const group = new Group();
  return {
    group,
    register(account: Address, commitment: bigint): Event {
      group.addMember(commitment);
      return {
        eventName: "IdentityRegistered",
        args: { member: account, commitment, index: BigInt(group.size - 1), groupRoot: group.root },
      };
    },
    replace(account: Address, oldCommitment: bigint, newCommitment: bigint): Event {
      const index = group.indexOf(oldCommitment);
      group.updateMember(index, newCommitment);
      return {
        eventName: "IdentityReplaced",
        args: {
          member: account,
          oldCommitment,
          newCommitment,
          index: BigInt(index),
          groupRoot: group.root,
        },
      };
    },
    remove(account: Address, commitment: bigint): Event {
      const index = group.indexOf(commitment);
      group.removeMember(index);
      return {
        eventName: "IdentityRemoved",
        args: { member: account, commitment, index: BigInt(index), groupRoot: group.root },
      };
    },
    recorded(proposalId: bigint, identities: bigint): Event {
      return {
        eventName: "ProposalGroupRecorded",
        args: { proposalId, groupRoot: group.root, identities },
      };
    },
  };
}

const created = (
  proposalId: bigint,
  snapshot: number,
  options: { mode?: number; optionCount?: number; period?: number } = {},
): Event => ({
  eventName: "ProposalCreated",
  args: {
    proposalId,
    proposer: member(1),
    topic: 0,
    mode: options.mode ?? 2,
    optionCount: options.optionCount ?? 3,
    snapshot,
    voteEnd: snapshot + 1 + (options.period ?? 1000),
    metadataHash: hash(proposalId),
    metadataURI: `poll ${proposalId}`,
  },
});
const cast = (proposalId: bigint, nullifier: bigint, option: number): Event => ({
  eventName: "AnonymousVoteCast",
  args: { proposalId, nullifier, option },
});
const retracted = (proposalId: bigint, nullifier: bigint): Event => ({
  eventName: "AnonymousVoteRetracted",
  args: { proposalId, nullifier },
});
const quorumSet = (quorumBps: number): Event => ({ eventName: "QuorumSet", args: { quorumBps } });

/** Four identities (commitments 11..14) at t=100, one replaced (12 -> 22) and one removed (14). */
function community() {
  const g = identityGroup();
  const c = chain().block(
    1n,
    100n,
    quorumSet(2_500),
    g.register(member(1), 11n),
    g.register(member(2), 12n),
    g.register(member(3), 13n),
    g.register(member(4), 14n),
  );
  c.block(2n, 101n, g.replace(member(2), 12n, 22n), g.remove(member(4), 14n));
  return { ...c, g };
}

describe("buildAnonymousProposalState()", () => {
  it("buildAnonymousProposalState() replays casts, replacements by nullifier and retractions in chain order", () => {
    const { logs, g, block } = community();
    block(3n, 110n, created(1n, 109), g.recorded(1n, 3n))
      .block(4n, 111n, cast(1n, 0xa1n, 0), cast(1n, 0xa2n, 2), cast(1n, 0xa3n, 255))
      .block(5n, 112n, cast(1n, 0xa1n, 1), cast(1n, 0xa1n, 2), retracted(1n, 0xa2n))
      .block(6n, 113n, cast(1n, 0xa2n, 0));
    const at = (atBlock?: bigint) => buildAnonymousProposalState(logs, 1n, { atBlock });
    const state = at();
    expect(state.proposal).toMatchObject({
      id: 1n,
      mode: "anonymous",
      optionCount: 3,
      quorumBps: 2_500,
      executable: false,
    });
    expect(state.input).toEqual({
      mode: "anonymous",
      optionCount: 3,
      identities: 3n,
      ballots: new Map([
        [0xa1n, { type: "option", option: 2 }],
        [0xa3n, { type: "abstain" }],
        [0xa2n, { type: "option", option: 0 }],
      ]),
    });
    expect(state).toMatchObject({ ballotsCount: 3, ballotEvents: 7, atBlock: 6n });
    expect(state.group).toEqual({
      recorded: { root: g.group.root, identities: 3n },
      rebuilt: { root: g.group.root, identities: 3n },
      mismatch: undefined,
    });
    const { ballots, identities, optionCount } = state.input;
    expect(anonymousTally(ballots, identities, optionCount)).toEqual({
      tallies: [1n, 0n, 1n],
      abstain: 1n,
      participation: 3n,
      totalMass: 3n,
    });
    expect(at(4n).input.ballots).toEqual(
      new Map([
        [0xa1n, { type: "option", option: 0 }],
        [0xa2n, { type: "option", option: 2 }],
        [0xa3n, { type: "abstain" }],
      ]),
    );
    expect(at(5n).input.ballots.has(0xa2n)).toBe(false);
    expect(() => at(2n)).toThrow(RecountBlockBeforeProposalError);
  });

  it("buildAnonymousProposalState() counts identity changes logged before the creation, in its block too, and none after", () => {
    const base = community();
    const { g } = base;
    const before = g.register(member(5), 15n);
    const recorded = g.recorded(1n, 4n);
    const rootAtCreation = g.group.root;
    const after = g.register(member(6), 16n);
    const later = g.replace(member(1), 11n, 21n);
    const { logs } = base
      .block(3n, 110n, before, created(1n, 109), recorded, after)
      .block(4n, 111n, later, cast(1n, 7n, 1));
    const state = buildAnonymousProposalState(logs, 1n);
    expect(state.group.recorded).toEqual({ root: rootAtCreation, identities: 4n });
    expect(state.group.rebuilt).toEqual({ root: rootAtCreation, identities: 4n });
    expect(state.input.identities).toBe(4n);
  });

  it("buildAnonymousProposalState() reports a recorded root the identity events do not give", () => {
    const base = community();
    const { logs } = base.block(3n, 110n, created(1n, 109), {
      eventName: "ProposalGroupRecorded",
      args: { proposalId: 1n, groupRoot: 12345n, identities: 3n },
    });
    const { group } = buildAnonymousProposalState(logs, 1n);
    expect(group.rebuilt).toBeUndefined();
    expect(group.mismatch).toBeInstanceOf(GroupRootMismatchError);
    expect(group.mismatch?.expected).toBe(12345n);
    expect(group.mismatch?.rebuilt).toBe(base.g.group.root);
  });

  it("buildAnonymousProposalState() reuses a group passed from an earlier call instead of rebuilding it", () => {
    const { logs, g, block } = community();
    block(3n, 110n, created(1n, 109), g.recorded(1n, 3n))
      .block(4n, 111n, cast(1n, 0xa1n, 0))
      .block(5n, 112n, cast(1n, 0xa2n, 1));
    const first = buildAnonymousProposalState(logs, 1n, { atBlock: 4n });
    const next = buildAnonymousProposalState(logs, 1n, { atBlock: 5n, group: first.group });
    expect(next.group).toEqual(buildAnonymousProposalState(logs, 1n, { atBlock: 5n }).group);
    expect(next.group.rebuilt).toBe(first.group.rebuilt);
    expect(next.input.ballots.size).toBe(2);
    // What is passed is what comes back: the identity events are not replayed again.
    const stale = { rebuilt: { root: 7n, identities: 9n }, mismatch: undefined };
    expect(buildAnonymousProposalState(logs, 1n, { group: stale }).group).toEqual({
      recorded: { root: g.group.root, identities: 3n },
      rebuilt: { root: 7n, identities: 9n },
      mismatch: undefined,
    });
  });

  it("buildAnonymousProposalState() throws typed errors for missing, public or contradictory logs", () => {
    const base = () => {
      const c = community();
      return c.block(3n, 110n, created(1n, 109), c.g.recorded(1n, 3n));
    };
    expect(() => buildAnonymousProposalState(base().logs, 2n)).toThrow(ProposalNotFoundInLogsError);
    expect(() =>
      buildAnonymousProposalState(
        community().block(3n, 110n, created(1n, 109, { mode: 0 })).logs,
        1n,
      ),
    ).toThrow(RecountModeMismatchError);
    expect(() =>
      buildAnonymousProposalState(community().block(3n, 110n, created(1n, 109)).logs, 1n),
    ).toThrow("no ProposalGroupRecorded for an anonymous proposal");
    const contradictions: [Event[], string][] = [
      [[retracted(1n, 5n)], "AnonymousVoteRetracted without a ballot (nullifier 0x5"],
      [[cast(1n, 5n, 3)], "AnonymousVoteCast for option 3"],
      [
        [cast(1n, 1n, 0), cast(1n, 2n, 0), cast(1n, 3n, 0), cast(1n, 4n, 0)],
        "4 ballots in a group of 3",
      ],
    ];
    for (const [events, message] of contradictions) {
      const logs = base().block(4n, 111n, ...events).logs;
      expect(() => buildAnonymousProposalState(logs, 1n)).toThrow(RecountInconsistentLogsError);
      expect(() => buildAnonymousProposalState(logs, 1n)).toThrow(message);
    }
    expect(() =>
      buildAnonymousProposalState(base().block(4n, 2000n, cast(1n, 5n, 0)).logs, 1n),
    ).toThrow("anonymous ballot after voteEnd");
    const early = community();
    early.block(3n, 110n, cast(1n, 5n, 0), created(1n, 109), early.g.recorded(1n, 3n));
    expect(() => buildAnonymousProposalState(early.logs, 1n)).toThrow(
      "anonymous ballot before the proposal was created",
    );
  });
});
