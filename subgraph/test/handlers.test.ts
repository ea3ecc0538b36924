// Unit tests of each handler: the real mappings compiled as graph build compiles them, run in the
// test host on hand-made events, with the entities they write checked field by field (and every write
// checked against schema.graphql by the host).
import { beforeAll, describe, expect, it } from "vitest";
import type { CallRequest } from "./support/host.ts";
import { createSubgraph, type Subgraph, type SubgraphLog } from "./support/subgraph.ts";

const CHAIN = 31337;
const FACTORY = "0x5fc8d32690cc91d4c39d9d3abcbd16989f875707";
const COMMUNITY = "0x8efa1819ff5b279077368d44b593a4543280e402";
const TIMELOCK = "0x23db4a08f2272df049a4932a4cc3a6dc1002b33e";
const ALICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const BOB = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const CAROL = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
const ZERO = "0x0000000000000000000000000000000000000000";
const caip = (address: string) => `eip155:${CHAIN}:${address}`;
const strip = (hex: string) => hex.slice(2);
const pad32 = (value: bigint) => value.toString(16).padStart(64, "0");
const member = (address: string) => `${COMMUNITY}${strip(address)}`;
const proposal = (id: bigint) => `${COMMUNITY}${pad32(id)}`;
/** `Bytes.concatI32` appends the i32 little-endian. */
const i32 = (n: number) => Buffer.from(Uint32Array.of(n >>> 0).buffer).toString("hex");

let logIndex = 0;
function at(
  block: number,
  eventName: string,
  args: Record<string, unknown>,
  address = COMMUNITY,
): SubgraphLog {
  return {
    address,
    eventName,
    args,
    blockNumber: BigInt(block),
    blockHash: `0x${block.toString(16).padStart(64, "0")}`,
    blockTimestamp: 1_700_000_000n + BigInt(block) * 12n,
    logIndex: logIndex++,
    transactionHash: `0x${(1000 + block).toString(16).padStart(64, "0")}`,
    transactionIndex: 0,
  };
}
const eventId = (log: SubgraphLog) => `${log.transactionHash}${i32(log.logIndex)}`;

const tallyCalls: CallRequest[] = [];
let subgraph: Subgraph;
const one = (entity: string, id: string) => subgraph.rows(entity).find((r) => r.id === id);

beforeAll(async () => {
  subgraph = await createSubgraph({
    chainId: CHAIN,
    factory: FACTORY,
    call: (request) => {
      tallyCalls.push(request);
      if (request.args[0] === 99n) return null; // a reverted call
      return [[5n, 7n, 0n], 1n, 13n, 40n];
    },
  });
});

describe("factory", () => {
  it("handleCommunityCreated writes the community and starts its template with the chain id", () => {
    logIndex = 0;
    // Initialisation logs come first in the transaction; graph-node runs them after the creation,
    // once the template exists.
    const block = [
      at(10, "TopicCreated", { topic: 0, name: "General" }),
      at(10, "QuorumSet", { quorumBps: 2000 }),
      at(10, "VotingPeriodSet", { votingPeriod: 3600, minVotingPeriod: 60 }),
      at(10, "ProposalThresholdSet", { proposalThreshold: 1n }),
      at(
        10,
        "CommunityCreated",
        {
          community: COMMUNITY,
          timelock: TIMELOCK,
          creator: ALICE,
          implementation: BOB,
          registrar: ALICE,
          bootstrapAdmin: ZERO,
        },
        FACTORY,
      ),
    ];
    subgraph.block(block);
    expect(one("Community", COMMUNITY)).toMatchObject({
      address: COMMUNITY,
      chainId: CHAIN,
      timelock: caip(TIMELOCK),
      creator: caip(ALICE),
      implementation: BOB,
      registrar: caip(ALICE),
      bootstrapAdmin: caip(ZERO),
      quorumBps: 2000,
      votingPeriod: 3600n,
      minVotingPeriod: 60n,
      proposalThreshold: 1n,
      memberCount: 0,
      totalWeight: 0n,
      blockNumber: 10n,
      logIndex: 4,
    });
    expect(subgraph.host.creations).toHaveLength(1);
    expect(subgraph.host.creations[0]?.params).toEqual([COMMUNITY]);
    expect(subgraph.host.creations[0]?.context.get("chainId")).toEqual({
      kind: "Int",
      value: CHAIN,
    });
  });
});

describe("settings and topics", () => {
  it("handleTopicCreated writes an immutable topic", () => {
    expect(one("Topic", `${COMMUNITY}${i32(0)}`)).toMatchObject({
      community: COMMUNITY,
      topic: 0,
      name: "General",
      logIndex: 0,
    });
  });
  it("handleQuorumSet, handleVotingPeriodSet, handleProposalThresholdSet keep a settings history", () => {
    const kinds = subgraph
      .rows("SettingsEvent")
      .map((r) => [r.kind, r.quorumBps, r.votingPeriod, r.proposalThreshold]);
    expect(kinds).toEqual([
      ["quorum", 2000, null, null],
      ["votingPeriod", null, 3600n, null],
      ["proposalThreshold", null, null, 1n],
    ]);
  });
});

describe("membership", () => {
  it("handleMemberAdded writes the member, a MemberEvent, and the community's totals", () => {
    const added = [
      at(11, "MemberAdded", { account: ALICE, weight: 10n }),
      at(11, "MemberAdded", { account: BOB, weight: 4n }),
      at(11, "MemberAdded", { account: CAROL, weight: 1n }),
    ];
    subgraph.block(added);
    expect(one("Member", member(ALICE))).toMatchObject({
      community: COMMUNITY,
      account: caip(ALICE),
      address: ALICE,
      weight: 10n,
      lastChange: "added",
      blockNumber: 11n,
    });
    expect(one("MemberEvent", eventId(added[1] as SubgraphLog))).toMatchObject({
      member: member(BOB),
      account: caip(BOB),
      kind: "added",
      weight: 4n,
      previousWeight: 0n,
    });
    expect(one("Community", COMMUNITY)).toMatchObject({ memberCount: 3, totalWeight: 15n });
  });

  it("handleMemberWeightChanged updates the weight and keeps the history", () => {
    const changed = at(12, "MemberWeightChanged", {
      account: BOB,
      previousWeight: 4n,
      newWeight: 9n,
    });
    subgraph.block([changed]);
    expect(one("Member", member(BOB))).toMatchObject({ weight: 9n, lastChange: "changed" });
    expect(one("MemberEvent", eventId(changed))).toMatchObject({
      kind: "changed",
      weight: 9n,
      previousWeight: 4n,
    });
    expect(one("Community", COMMUNITY)).toMatchObject({ memberCount: 3, totalWeight: 20n });
  });
});

describe("delegation", () => {
  it("handleDelegateChanged sets, moves and clears a per-topic delegation with its history", () => {
    const set = at(13, "DelegateChanged", {
      delegator: CAROL,
      topic: 0,
      toDelegate: BOB,
      fromDelegate: ZERO,
    });
    subgraph.block([set]);
    const id = `${member(CAROL)}${i32(0)}`;
    expect(one("Delegation", id)).toMatchObject({
      community: COMMUNITY,
      topic: 0,
      topicEntity: `${COMMUNITY}${i32(0)}`,
      delegator: caip(CAROL),
      delegatorMember: member(CAROL),
      delegate: caip(BOB),
      delegateMember: member(BOB),
    });
    const moved = at(14, "DelegateChanged", {
      delegator: CAROL,
      topic: 0,
      toDelegate: ALICE,
      fromDelegate: BOB,
    });
    subgraph.block([moved]);
    expect(one("Delegation", id)).toMatchObject({ delegate: caip(ALICE), blockNumber: 14n });
    expect(one("DelegationEvent", eventId(moved))).toMatchObject({
      delegation: id,
      delegationEntity: id,
      delegate: caip(ALICE),
      previousDelegate: caip(BOB),
    });
    const cleared = at(15, "DelegateChanged", {
      delegator: CAROL,
      topic: 0,
      toDelegate: ZERO,
      fromDelegate: ALICE,
    });
    subgraph.block([cleared]);
    expect(one("Delegation", id)).toBeUndefined();
    expect(one("DelegationEvent", eventId(cleared))).toMatchObject({
      delegate: null,
      previousDelegate: caip(ALICE),
    });
    // Delegate again, for the removal below.
    subgraph.block([
      at(16, "DelegateChanged", {
        delegator: BOB,
        topic: 0,
        toDelegate: ALICE,
        fromDelegate: ZERO,
      }),
    ]);
    expect(subgraph.rows("DelegationEvent")).toHaveLength(4);
  });
});

describe("proposals", () => {
  it("handleProposalCreated writes the proposal with its metadata fields", () => {
    subgraph.block([
      at(20, "ProposalCreated", {
        proposalId: 1n,
        proposer: ALICE,
        topic: 0,
        mode: 0,
        optionCount: 3,
        snapshot: 1_700_000_239n,
        voteEnd: 1_700_003_840n,
        metadataHash: `0x${"ab".repeat(32)}`,
        metadataURI: "ipfs://bafy-proposal-1",
      }),
    ]);
    expect(one("Proposal", proposal(1n))).toMatchObject({
      community: COMMUNITY,
      proposalId: 1n,
      proposer: caip(ALICE),
      topic: 0,
      topicEntity: `${COMMUNITY}${i32(0)}`,
      mode: "single",
      optionCount: 3,
      snapshot: 1_700_000_239n,
      voteEnd: 1_700_003_840n,
      metadataHash: `0x${"ab".repeat(32)}`,
      metadataUri: "ipfs://bafy-proposal-1",
      executable: false,
      ballotCount: 0,
    });
  });

  it("handleProposalActions marks it executable and writes each action", () => {
    subgraph.block([
      at(21, "ProposalCreated", {
        proposalId: 2n,
        proposer: BOB,
        topic: 0,
        mode: 0,
        optionCount: 2,
        snapshot: 1_700_000_251n,
        voteEnd: 1_700_003_852n,
        metadataHash: `0x${"cd".repeat(32)}`,
        metadataURI: "Raise the budget",
      }),
      at(21, "ProposalActions", {
        proposalId: 2n,
        targets: [COMMUNITY, TIMELOCK],
        values: [0n, 5n],
        calldatas: ["0x", "0xdeadbeef"],
      }),
    ]);
    expect(one("Proposal", proposal(2n))).toMatchObject({ executable: true });
    expect(subgraph.rows("ProposalAction")).toEqual([
      {
        id: `${proposal(2n)}${i32(0)}`,
        proposal: proposal(2n),
        index: 0,
        target: COMMUNITY,
        value: 0n,
        calldata: "0x",
      },
      {
        id: `${proposal(2n)}${i32(1)}`,
        proposal: proposal(2n),
        index: 1,
        target: TIMELOCK,
        value: 5n,
        calldata: "0xdeadbeef",
      },
    ]);
  });

  it("handleProposalQueued, handleProposalExecuted, handleProposalCanceled record the lifecycle", () => {
    const queued = at(22, "ProposalQueued", { proposalId: 2n, etaSeconds: 1_700_009_000n });
    subgraph.block([queued]);
    expect(one("Proposal", proposal(2n))).toMatchObject({
      lifecycle: "queued",
      eta: 1_700_009_000n,
    });
    expect(one("ProposalEvent", eventId(queued))).toMatchObject({
      kind: "queued",
      eta: 1_700_009_000n,
      proposal: proposal(2n),
    });
    const executed = at(23, "ProposalExecuted", { proposalId: 2n });
    subgraph.block([executed]);
    expect(one("Proposal", proposal(2n))).toMatchObject({ lifecycle: "executed" });
    expect(one("ProposalEvent", eventId(executed))).toMatchObject({
      kind: "executed",
      eta: null,
    });
    subgraph.block([
      at(24, "ProposalCreated", {
        proposalId: 3n,
        proposer: BOB,
        topic: 0,
        mode: 1,
        optionCount: 2,
        snapshot: 1_700_000_287n,
        voteEnd: 1_700_003_888n,
        metadataHash: `0x${"ee".repeat(32)}`,
        metadataURI: "Quadratic",
      }),
    ]);
    const canceled = at(25, "ProposalCanceled", { proposalId: 3n });
    subgraph.block([canceled]);
    expect(one("Proposal", proposal(3n))).toMatchObject({
      mode: "quadratic",
      lifecycle: "canceled",
    });
  });
});

describe("public ballots", () => {
  it("handleVoteCast writes the ballot, its history and the contract's tally from the declared call", () => {
    const cast = at(30, "VoteCast", { voter: ALICE, proposalId: 1n, option: 2 });
    const abstain = at(30, "VoteCast", { voter: BOB, proposalId: 1n, option: 255 });
    subgraph.block([cast, abstain]);
    const id = `${proposal(1n)}${strip(ALICE)}`;
    expect(one("Ballot", id)).toMatchObject({
      proposal: proposal(1n),
      voter: caip(ALICE),
      member: member(ALICE),
      option: 2,
      abstain: false,
      kind: "cast",
    });
    expect(one("Ballot", `${proposal(1n)}${strip(BOB)}`)).toMatchObject({
      option: null,
      abstain: true,
    });
    expect(one("BallotEvent", eventId(cast))).toMatchObject({
      ballot: id,
      ballotEntity: id,
      voter: caip(ALICE),
      kind: "cast",
      option: 2,
      abstain: false,
    });
    const call = tallyCalls.at(-1);
    expect(call).toMatchObject({
      address: COMMUNITY,
      functionName: "proposalTally",
      signature: "proposalTally(uint256):(uint256[],uint256,uint256,uint256)",
      args: [1n],
      blockNumber: 30n,
    });
    const revision = `${proposal(1n)}${i32(30)}`;
    expect(one("TallyRevision", revision)).toMatchObject({
      proposal: proposal(1n),
      tallies: [5n, 7n, 0n],
      abstain: 1n,
      participation: 13n,
      totalMass: 40n,
      ballots: 2,
      leader: 1,
      tie: false,
      blockNumber: 30n,
    });
    expect(one("Proposal", proposal(1n))).toMatchObject({ ballotCount: 2, tally: revision });
  });

  it("a changed ballot is `changed`; handleVoteRetracted removes it and keeps the history", () => {
    const changed = at(31, "VoteCast", { voter: ALICE, proposalId: 1n, option: 0 });
    subgraph.block([changed]);
    const id = `${proposal(1n)}${strip(ALICE)}`;
    expect(one("Ballot", id)).toMatchObject({ option: 0, kind: "changed" });
    const retracted = at(32, "VoteRetracted", { voter: ALICE, proposalId: 1n });
    subgraph.block([retracted]);
    expect(one("Ballot", id)).toBeUndefined();
    expect(one("BallotEvent", eventId(retracted))).toMatchObject({
      kind: "retracted",
      ballot: id,
      option: null,
    });
    expect(one("Proposal", proposal(1n))).toMatchObject({ ballotCount: 1 });
    expect(
      subgraph
        .rows("BallotEvent")
        .filter((r) => r.ballot === id)
        .map((r) => r.kind),
    ).toEqual(["cast", "changed", "retracted"]);
  });

  it("handleQuadraticVoteCast stores the vector; all zeros abstains", () => {
    subgraph.block([
      at(33, "QuadraticVoteCast", { voter: ALICE, proposalId: 3n, votes: [1, 3] }),
      at(33, "QuadraticVoteCast", { voter: BOB, proposalId: 3n, votes: [0, 0] }),
    ]);
    expect(one("Ballot", `${proposal(3n)}${strip(ALICE)}`)).toMatchObject({
      votes: [1n, 3n],
      option: null,
      abstain: false,
    });
    expect(one("Ballot", `${proposal(3n)}${strip(BOB)}`)).toMatchObject({
      votes: [0n, 0n],
      abstain: true,
    });
  });

  it("a reverted proposalTally call leaves no revision and logs a warning", () => {
    subgraph.block([
      at(34, "ProposalCreated", {
        proposalId: 99n,
        proposer: ALICE,
        topic: 0,
        mode: 0,
        optionCount: 2,
        snapshot: 1_700_000_407n,
        voteEnd: 1_700_004_008n,
        metadataHash: `0x${"00".repeat(32)}`,
        metadataURI: "",
      }),
      at(34, "VoteCast", { voter: ALICE, proposalId: 99n, option: 1 }),
    ]);
    expect(one("Proposal", proposal(99n))).toMatchObject({ ballotCount: 1, tally: null });
    expect(subgraph.host.logs.at(-1)).toMatchObject({ level: "warning" });
  });
});

describe("anonymous ballots and identities", () => {
  const nullifier = 2n ** 253n + 12345n;
  it("handleIdentityRegistered, handleIdentityReplaced, handleIdentityRemoved keep the identity and its history", () => {
    subgraph.block([
      at(40, "IdentityRegistered", { member: ALICE, commitment: 111n, index: 0n, groupRoot: 7n }),
    ]);
    expect(one("Identity", member(ALICE))).toMatchObject({
      account: caip(ALICE),
      member: member(ALICE),
      commitment: 111n,
      leafIndex: 0n,
      groupRoot: 7n,
      kind: "registered",
    });
    const replaced = at(41, "IdentityReplaced", {
      member: ALICE,
      oldCommitment: 111n,
      newCommitment: 222n,
      index: 0n,
      groupRoot: 8n,
    });
    subgraph.block([replaced]);
    expect(one("Identity", member(ALICE))).toMatchObject({
      commitment: 222n,
      groupRoot: 8n,
      kind: "replaced",
    });
    expect(one("IdentityEvent", eventId(replaced))).toMatchObject({
      identity: member(ALICE),
      commitment: 222n,
      oldCommitment: 111n,
    });
    subgraph.block([
      at(42, "IdentityRemoved", { member: ALICE, commitment: 222n, index: 0n, groupRoot: 9n }),
    ]);
    expect(one("Identity", member(ALICE))).toMatchObject({ kind: "removed", groupRoot: 9n });
    expect(subgraph.rows("IdentityEvent").map((r) => r.kind)).toEqual([
      "registered",
      "replaced",
      "removed",
    ]);
  });

  it("handleProposalGroupRecorded, handleAnonymousVoteCast and handleAnonymousVoteRetracted", () => {
    subgraph.block([
      at(43, "ProposalCreated", {
        proposalId: 4n,
        proposer: ALICE,
        topic: 0,
        mode: 2,
        optionCount: 3,
        snapshot: 1_700_000_515n,
        voteEnd: 1_700_004_116n,
        metadataHash: `0x${"44".repeat(32)}`,
        metadataURI: "Anonymous",
      }),
      at(43, "ProposalGroupRecorded", { proposalId: 4n, groupRoot: 9n, identities: 3n }),
    ]);
    expect(one("Proposal", proposal(4n))).toMatchObject({
      mode: "anonymous",
      groupRoot: 9n,
      groupIdentities: 3n,
    });
    const id = `${proposal(4n)}${pad32(nullifier)}`;
    subgraph.block([at(44, "AnonymousVoteCast", { proposalId: 4n, nullifier, option: 1 })]);
    expect(one("AnonymousBallot", id)).toMatchObject({
      nullifier,
      option: 1,
      abstain: false,
      kind: "cast",
    });
    subgraph.block([at(45, "AnonymousVoteCast", { proposalId: 4n, nullifier, option: 255 })]);
    expect(one("AnonymousBallot", id)).toMatchObject({
      option: null,
      abstain: true,
      kind: "changed",
    });
    const retracted = at(46, "AnonymousVoteRetracted", { proposalId: 4n, nullifier });
    subgraph.block([retracted]);
    expect(one("AnonymousBallot", id)).toBeUndefined();
    expect(one("BallotEvent", eventId(retracted))).toMatchObject({
      nullifier,
      kind: "retracted",
      anonymousBallotEntity: id,
      ballot: id,
    });
    expect(one("Proposal", proposal(4n))).toMatchObject({
      ballotCount: 0,
      tally: `${proposal(4n)}${i32(46)}`,
    });
  });
});

describe("removal", () => {
  it("handleMemberRemoved removes the member, keeps their history and the delegations to them", () => {
    const removed = at(50, "MemberRemoved", { account: ALICE, previousWeight: 10n });
    subgraph.block([removed]);
    expect(one("Member", member(ALICE))).toBeUndefined();
    expect(one("MemberEvent", eventId(removed))).toMatchObject({
      kind: "removed",
      weight: 0n,
      previousWeight: 10n,
    });
    expect(one("Community", COMMUNITY)).toMatchObject({ memberCount: 2, totalWeight: 10n });
    // BOB's delegation to ALICE stays until BOB chooses again (SPEC.md).
    expect(one("Delegation", `${member(BOB)}${i32(0)}`)).toMatchObject({ delegate: caip(ALICE) });
    expect(subgraph.host.logs.filter((l) => l.level === "error" || l.level === "critical")).toEqual(
      [],
    );
  });
});
