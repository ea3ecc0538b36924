// buildProposalState on hand-built decoded logs: the replay rules at the edges (what counts at the
// snapshot, what removal does, how ballots replace each other), checked without a chain.
import {
  type Address,
  type DecodeEventLogReturnType,
  getAddress,
  type Hash,
  zeroAddress,
} from "viem";
import { describe, expect, it } from "vitest";
import { createIncrementalTally, tally } from "../../src/engine/index.ts";
import type { liquidGovernorAbi } from "../../src/generated/abis.ts";
import {
  buildProposalState,
  type CommunityLog,
  followProposalState,
  ProposalNotFoundInLogsError,
  RecountBlockBeforeProposalError,
  RecountIncompleteLogsError,
  RecountInconsistentLogsError,
  RecountModeMismatchError,
  RecountUnsupportedModeError,
} from "../../src/recount/index.ts";

type Event = DecodeEventLogReturnType<typeof liquidGovernorAbi>;

const member = (i: number): Address =>
  getAddress(`0x${(0xa000 + i).toString(16).padStart(40, "0")}`);
const [alice, bob, carol, dave, erin] = [1, 2, 3, 4, 5].map(member) as [
  Address,
  Address,
  Address,
  Address,
  Address,
];
const hash = (n: bigint): Hash => `0x${n.toString(16).padStart(64, "0")}`;

/** Builds a chain of logs: `block(number, timestamp, ...events)` appends one block's events. */
function chain() {
  const logs: CommunityLog[] = [];
  return {
    logs,
    block(blockNumber: bigint, blockTimestamp: bigint, ...events: Event[]) {
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
      return this;
    },
  };
}

const topicCreated = (topic: number): Event => ({
  eventName: "TopicCreated",
  args: { topic, name: `topic ${topic}` },
});
const added = (account: Address, weight: bigint): Event => ({
  eventName: "MemberAdded",
  args: { account, weight },
});
const removed = (account: Address, previousWeight: bigint): Event => ({
  eventName: "MemberRemoved",
  args: { account, previousWeight },
});
const reweighted = (account: Address, previousWeight: bigint, newWeight: bigint): Event => ({
  eventName: "MemberWeightChanged",
  args: { account, previousWeight, newWeight },
});
const delegated = (
  delegator: Address,
  topic: number,
  to: Address,
  from: Address = zeroAddress,
): Event => ({
  eventName: "DelegateChanged",
  args: { delegator, topic, toDelegate: to, fromDelegate: from },
});
const created = (
  proposalId: bigint,
  snapshot: number,
  options: { topic?: number; mode?: number; optionCount?: number; period?: number } = {},
): Event => ({
  eventName: "ProposalCreated",
  args: {
    proposalId,
    proposer: alice,
    topic: options.topic ?? 0,
    mode: options.mode ?? 0,
    optionCount: options.optionCount ?? 2,
    snapshot,
    voteEnd: snapshot + 1 + (options.period ?? 1000),
    metadataHash: hash(proposalId),
    metadataURI: `poll ${proposalId}`,
  },
});
const vote = (voter: Address, proposalId: bigint, option: number): Event => ({
  eventName: "VoteCast",
  args: { voter, proposalId, option },
});
const quadratic = (voter: Address, proposalId: bigint, votes: number[]): Event => ({
  eventName: "QuadraticVoteCast",
  args: { voter, proposalId, votes },
});
const retracted = (voter: Address, proposalId: bigint): Event => ({
  eventName: "VoteRetracted",
  args: { voter, proposalId },
});

/** A community at t=100 with topics 0 and 1 and members alice..dave of weights 1, 2, 4, 8. */
function community() {
  return chain().block(
    1n,
    100n,
    topicCreated(0),
    topicCreated(1),
    added(alice, 1n),
    added(bob, 2n),
    added(carol, 4n),
    added(dave, 8n),
  );
}

describe("buildProposalState()", () => {
  it("buildProposalState() rebuilds weights, the topic's graph and ballots", () => {
    const { logs } = community()
      .block(
        2n,
        101n,
        delegated(alice, 0, bob),
        delegated(bob, 0, carol),
        delegated(dave, 1, carol),
      )
      .block(3n, 110n, created(1n, 109))
      .block(4n, 111n, vote(carol, 1n, 1), vote(dave, 1n, 255));
    const state = buildProposalState(logs, 1n);
    expect(state.proposal).toMatchObject({
      id: 1n,
      mode: "single",
      optionCount: 2,
      topic: 0,
      snapshot: 109n,
      voteEnd: 1110n,
      createdAt: { blockNumber: 3n, blockTimestamp: 110n },
      canceled: false,
    });
    expect(state.input.weights).toEqual(
      new Map([
        [alice, 1n],
        [bob, 2n],
        [carol, 4n],
        [dave, 8n],
      ]),
    );
    // Topic 1's edge (dave -> carol) is not part of topic 0's graph.
    expect(state.input.delegations).toEqual(
      new Map([
        [alice, bob],
        [bob, carol],
      ]),
    );
    expect(state.input.ballots).toEqual(
      new Map([
        [carol, { type: "option", option: 1 }],
        [dave, { type: "abstain" }],
      ]),
    );
    expect(state).toMatchObject({
      membersCount: 4,
      delegationsCount: 2,
      ballotsCount: 2,
      atBlock: 4n,
    });
    const result = tally(state.input);
    expect(result.tallies).toEqual([0n, 7n]);
    expect(result.abstain).toBe(8n);
    expect(result.participation).toBe(15n);
    expect(result.totalMass).toBe(15n);
  });

  it("buildProposalState() ignores every event of blocks stamped after the snapshot, even before the creation in the same block", () => {
    const { logs } = community()
      // Stamped exactly at the snapshot: counts.
      .block(2n, 109n, delegated(alice, 0, bob), reweighted(carol, 4n, 5n))
      // An earlier block with the creation's timestamp (anvil mines several blocks per second): ignored.
      .block(3n, 110n, added(erin, 16n), reweighted(dave, 8n, 9n))
      // The creation's own block, before the creation: ignored too.
      .block(
        4n,
        110n,
        delegated(bob, 0, carol),
        created(1n, 109),
        delegated(carol, 0, dave, zeroAddress),
      );
    const state = buildProposalState(logs, 1n);
    expect(state.input.weights).toEqual(
      new Map([
        [alice, 1n],
        [bob, 2n],
        [carol, 5n],
        [dave, 8n],
      ]),
    );
    expect(state.input.delegations).toEqual(new Map([[alice, bob]]));
  });

  it("buildProposalState() keeps weight delegated to a removed member stopped there, and clears the removed member's own edges", () => {
    const { logs } = community()
      .block(2n, 101n, delegated(alice, 0, bob), delegated(bob, 0, carol), delegated(bob, 1, dave))
      // removeMember(bob): every outgoing edge is cleared first, then MemberRemoved.
      .block(
        3n,
        102n,
        delegated(bob, 0, zeroAddress, carol),
        delegated(bob, 1, zeroAddress, dave),
        removed(bob, 2n),
      )
      .block(4n, 110n, created(1n, 109))
      .block(5n, 111n, vote(carol, 1n, 0));
    const state = buildProposalState(logs, 1n);
    expect(state.input.weights.has(bob)).toBe(false);
    // alice still points at bob, who is no member: her weight stops there.
    expect(state.input.delegations).toEqual(new Map([[alice, bob]]));
    const result = tally(state.input);
    expect(result.tallies).toEqual([4n, 0n]);
    expect(result.totalMass).toBe(13n);
  });

  it("buildProposalState() revives edges into a member who was removed and added again before the snapshot", () => {
    const { logs } = community()
      .block(2n, 101n, delegated(alice, 0, bob))
      .block(3n, 102n, removed(bob, 2n))
      .block(4n, 103n, added(bob, 3n))
      .block(5n, 110n, created(1n, 109))
      .block(6n, 111n, vote(bob, 1n, 1));
    const state = buildProposalState(logs, 1n);
    expect(state.input.weights.get(bob)).toBe(3n);
    expect(tally(state.input).tallies).toEqual([0n, 4n]);
  });

  it("buildProposalState() ignores re-weights, removals and delegations after the snapshot", () => {
    const { logs } = community()
      .block(2n, 110n, created(1n, 109))
      .block(3n, 111n, reweighted(dave, 8n, 80n), delegated(alice, 0, dave), added(erin, 32n))
      .block(4n, 112n, delegated(bob, 0, zeroAddress, zeroAddress), removed(carol, 4n))
      .block(5n, 113n, vote(dave, 1n, 0));
    const state = buildProposalState(logs, 1n);
    expect(state.input.weights).toEqual(
      new Map([
        [alice, 1n],
        [bob, 2n],
        [carol, 4n],
        [dave, 8n],
      ]),
    );
    expect(state.input.delegations.size).toBe(0);
    expect(tally(state.input).tallies).toEqual([8n, 0n]);
  });

  it("buildProposalState() reuses a snapshot state passed from an earlier call for the same proposal", () => {
    const { logs } = community()
      .block(2n, 101n, delegated(alice, 0, bob), reweighted(dave, 8n, 9n))
      .block(3n, 110n, created(1n, 109))
      .block(4n, 111n, vote(bob, 1n, 0), reweighted(carol, 4n, 40n))
      .block(5n, 112n, vote(dave, 1n, 1), retracted(bob, 1n));
    const first = buildProposalState(logs, 1n, { atBlock: 4n });
    expect(first.snapshotState).toEqual({
      weights: new Map([
        [alice, 1n],
        [bob, 2n],
        [carol, 4n],
        [dave, 9n],
      ]),
      delegations: new Map([[alice, bob]]),
      topicCreated: true,
    });
    for (const atBlock of [3n, 4n, 5n]) {
      const fresh = buildProposalState(logs, 1n, { atBlock });
      const reused = buildProposalState(logs, 1n, { atBlock, snapshotState: first.snapshotState });
      expect(reused).toEqual(fresh);
      expect(reused.input.weights).toBe(first.snapshotState.weights);
    }
    // What is passed is what is counted: the snapshot events are not replayed again.
    const other = {
      weights: new Map([
        [bob, 3n],
        [dave, 5n],
      ]),
      delegations: new Map(),
      topicCreated: true,
    };
    const { input } = buildProposalState(logs, 1n, { snapshotState: other });
    expect(tally(input).tallies).toEqual([0n, 5n]);
    expect(() =>
      buildProposalState(logs, 1n, { snapshotState: { ...other, topicCreated: false } }),
    ).toThrow(RecountIncompleteLogsError);
  });

  it("buildProposalState() keeps each voter's latest ballot, in chain order, up to atBlock", () => {
    const chainLogs = community()
      .block(2n, 101n, delegated(alice, 0, bob))
      .block(3n, 110n, created(1n, 109, { optionCount: 3 }))
      .block(4n, 111n, vote(bob, 1n, 0), vote(carol, 1n, 2))
      .block(5n, 112n, vote(bob, 1n, 2), retracted(carol, 1n))
      // Retract and re-cast in one block: order within the block decides.
      .block(6n, 113n, retracted(bob, 1n), vote(bob, 1n, 1), vote(carol, 1n, 255))
      .block(7n, 114n, vote(carol, 1n, 0), retracted(carol, 1n)).logs;
    const at = (atBlock: bigint) => {
      const { input } = buildProposalState(chainLogs, 1n, { atBlock });
      return input.ballots;
    };
    expect(() => at(2n)).toThrow(RecountBlockBeforeProposalError);
    expect(at(3n).size).toBe(0);
    expect(at(4n)).toEqual(
      new Map([
        [bob, { type: "option", option: 0 }],
        [carol, { type: "option", option: 2 }],
      ]),
    );
    expect(at(5n)).toEqual(new Map([[bob, { type: "option", option: 2 }]]));
    expect(at(6n)).toEqual(
      new Map([
        [bob, { type: "option", option: 1 }],
        [carol, { type: "abstain" }],
      ]),
    );
    expect(at(7n)).toEqual(new Map([[bob, { type: "option", option: 1 }]]));
    expect(tally(buildProposalState(chainLogs, 1n).input).tallies).toEqual([0n, 3n, 0n]);
    // The same logs in any order give the same state.
    const shuffled = [...chainLogs].reverse();
    expect(buildProposalState(shuffled, 1n, { atBlock: 6n }).input.ballots).toEqual(at(6n));
  });

  it("buildProposalState() reads quadratic ballots as bigint vectors and ignores other proposals", () => {
    const { logs } = community()
      .block(2n, 101n, delegated(alice, 1, carol))
      .block(3n, 110n, created(1n, 109, { topic: 1, mode: 1, optionCount: 3 }), created(2n, 109))
      .block(
        4n,
        111n,
        quadratic(carol, 1n, [1, 0, 1]),
        vote(carol, 2n, 1),
        quadratic(dave, 1n, [0, 0, 0]),
      );
    const state = buildProposalState(logs, 1n);
    expect(state.proposal.mode).toBe("quadratic");
    expect(state.input.delegations).toEqual(new Map([[alice, carol]]));
    expect(state.input.ballots).toEqual(
      new Map([
        [carol, { type: "quadratic", votes: [1n, 0n, 1n] }],
        [dave, { type: "quadratic", votes: [0n, 0n, 0n] }],
      ]),
    );
    const result = tally(state.input);
    // carol alone gives 10^9 per vote; alice (√1) follows carol's (√4) allocation at half scale.
    expect(result.tallies).toEqual([1_500_000_000n, 0n, 1_500_000_000n]);
    expect(result.abstain).toBe(2_828_427_124n);
  });

  it("buildProposalState() records lifecycle events up to the block", () => {
    const { logs } = community()
      .block(2n, 110n, created(1n, 109))
      .block(3n, 120n, { eventName: "ProposalCanceled", args: { proposalId: 1n } });
    expect(buildProposalState(logs, 1n, { atBlock: 2n }).proposal.canceled).toBe(false);
    expect(buildProposalState(logs, 1n).proposal.canceled).toBe(true);
  });

  it("buildProposalState() reads the quorum in effect at the snapshot and whether the proposal has actions", () => {
    const quorumSet = (quorumBps: number): Event => ({
      eventName: "QuorumSet",
      args: { quorumBps },
    });
    const actions = (proposalId: bigint): Event => ({
      eventName: "ProposalActions",
      args: { proposalId, targets: [alice], values: [0n], calldatas: ["0x"] },
    });
    expect(
      buildProposalState(community().block(2n, 110n, created(1n, 109)).logs, 1n).proposal,
    ).toMatchObject({ quorumBps: undefined, executable: false });
    const { logs } = chain()
      .block(1n, 100n, topicCreated(0), quorumSet(2_000), added(alice, 1n))
      .block(2n, 109n, quorumSet(2_500), quorumSet(3_000))
      // Stamped after the snapshot (the creation's own second): not this proposal's quorum.
      .block(3n, 110n, quorumSet(9_000), created(1n, 109), actions(1n), created(2n, 109));
    expect(buildProposalState(logs, 1n).proposal).toMatchObject({
      quorumBps: 3_000,
      executable: true,
    });
    expect(buildProposalState(logs, 2n).proposal).toMatchObject({
      quorumBps: 3_000,
      executable: false,
    });
  });

  it("buildProposalState() throws typed errors for missing, unsupported or contradictory logs", () => {
    const base = () => community().block(2n, 110n, created(1n, 109));
    expect(() => buildProposalState(base().logs, 2n)).toThrow(ProposalNotFoundInLogsError);
    expect(() => buildProposalState(base().logs, 2n)).toThrow(
      "Proposal 2 is not in the community's logs.",
    );
    // Anonymous proposals have their own builder; a mode this SDK does not know has none.
    expect(() =>
      buildProposalState(community().block(2n, 110n, created(1n, 109, { mode: 2 })).logs, 1n),
    ).toThrow(RecountModeMismatchError);
    expect(() =>
      buildProposalState(community().block(2n, 110n, created(1n, 109, { mode: 3 })).logs, 1n),
    ).toThrow(new RecountUnsupportedModeError({ proposalId: 1n, mode: 3 }).shortMessage);
    // Logs fetched from a block after the community's deployment miss its TopicCreated.
    const late = chain().block(5n, 100n, added(alice, 1n)).block(6n, 110n, created(1n, 109));
    expect(() => buildProposalState(late.logs, 1n)).toThrow(RecountIncompleteLogsError);
    const inconsistent = [
      chain().block(1n, 100n, topicCreated(0), removed(alice, 1n)),
      community().block(2n, 101n, reweighted(bob, 3n, 5n)),
      community().block(2n, 101n, delegated(alice, 0, bob, carol)),
      community().block(2n, 101n, delegated(alice, 0, erin)),
      community().block(2n, 101n, delegated(alice, 0, bob), removed(alice, 1n)),
    ];
    for (const logs of inconsistent) {
      expect(() => buildProposalState(logs.block(9n, 110n, created(1n, 109)).logs, 1n)).toThrow(
        RecountInconsistentLogsError,
      );
    }
    const ballots = [
      [retracted(bob, 1n)],
      [vote(erin, 1n, 0)],
      [vote(bob, 1n, 2)],
      [quadratic(bob, 1n, [1, 0])],
    ];
    for (const events of ballots) {
      expect(() => buildProposalState(base().block(3n, 111n, ...events).logs, 1n)).toThrow(
        RecountInconsistentLogsError,
      );
    }
    expect(() => buildProposalState(base().block(3n, 2000n, vote(bob, 1n, 0)).logs, 1n)).toThrow(
      "ballot after voteEnd",
    );
  });
});

describe("followProposalState()", () => {
  /** The logs of block `n`. */
  const ofBlock = (logs: readonly CommunityLog[], n: bigint) =>
    logs.filter((log) => log.blockNumber === n);

  it("followProposalState() advanced block by block equals buildProposalState() at every block, and an incremental tally fed by onBallot equals tally()", () => {
    const chainLogs = community()
      .block(2n, 101n, delegated(alice, 0, bob), delegated(bob, 0, carol))
      .block(3n, 110n, created(1n, 109, { optionCount: 3 }), created(2n, 109))
      .block(4n, 111n, vote(bob, 1n, 0), vote(carol, 1n, 2), vote(dave, 2n, 1))
      .block(5n, 112n, vote(bob, 1n, 2), retracted(carol, 1n))
      .block(6n, 113n, retracted(bob, 1n), vote(bob, 1n, 1), vote(carol, 1n, 255))
      .block(7n, 114n, { eventName: "ProposalCanceled", args: { proposalId: 1n } })
      .block(8n, 115n, vote(carol, 1n, 0), retracted(carol, 1n), vote(alice, 1n, 0)).logs;
    const upTo3 = chainLogs.filter((log) => log.blockNumber <= 3n);
    const follower = followProposalState(upTo3, 1n, { atBlock: 3n });
    expect(follower.state).toEqual(buildProposalState(chainLogs, 1n, { atBlock: 3n }));
    const live = createIncrementalTally(follower.state.input);
    const heard: [Address, string | undefined][] = [];
    for (let n = 4n; n <= 8n; n++) {
      const state = follower.advance(ofBlock(chainLogs, n), {
        atBlock: n,
        onBallot: (voter, ballot) => {
          heard.push([voter, ballot?.type]);
          if (ballot) live.set(voter, ballot);
          else live.delete(voter);
        },
      });
      expect(state, `block ${n}`).toBe(follower.state);
      expect(state, `block ${n}`).toEqual(buildProposalState(chainLogs, 1n, { atBlock: n }));
      const { carried: _c, target: _t, ...totals } = tally(state.input);
      expect(live.totals(), `block ${n}`).toEqual(totals);
      expect(live.ballots, `block ${n}`).toEqual(state.input.ballots);
    }
    expect(follower.state.proposal.canceled).toBe(true);
    expect(heard).toEqual([
      [bob, "option"],
      [carol, "option"],
      [bob, "option"],
      [carol, undefined],
      [bob, undefined],
      [bob, "option"],
      [carol, "abstain"],
      [carol, "option"],
      [carol, undefined],
      [alice, "option"],
    ]);
  });

  it("followProposalState() refuses logs out of order or after atBlock, and ballots buildProposalState() refuses", () => {
    const logs = community()
      .block(2n, 110n, created(1n, 109))
      .block(3n, 111n, vote(bob, 1n, 0))
      .block(4n, 112n, vote(carol, 1n, 1)).logs;
    const follower = () => followProposalState(logs.slice(0, -1), 1n, { atBlock: 3n });
    // Block 3 again: already replayed.
    expect(() => follower().advance(ofBlock(logs, 3n))).toThrow(RecountInconsistentLogsError);
    expect(() => follower().advance(ofBlock(logs, 4n), { atBlock: 3n })).toThrow("after block 3");
    const state = follower().advance(ofBlock(logs, 4n), { atBlock: 5n });
    expect(state.atBlock).toBe(5n);
    expect(state).toEqual(buildProposalState(logs, 1n, { atBlock: 5n }));
    const later = chain().block(5n, 113n, vote(erin, 1n, 0)).logs;
    expect(() => follower().advance(later)).toThrow("ballot from a non-member at the snapshot");
  });
});
