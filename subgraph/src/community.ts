// A community (the LiquidGovernor proxy and its facets): membership and weights, topics, per-topic
// delegations, settings, proposals and their lifecycle, public and anonymous ballots, identities.
// Every log becomes one immutable `*Event` entity (the facts) and updates the current-state entities.
// After each ballot event the proposal's tally is the contract's own answer: `proposalTally`, a
// declared eth_call in the manifest. Nothing here recounts.
import { Address, BigInt, Bytes, ethereum, log, store } from "@graphprotocol/graph-ts";
import {
  AnonymousBallot,
  Ballot,
  BallotEvent,
  Community,
  Delegation,
  DelegationEvent,
  Identity,
  IdentityEvent,
  Member,
  MemberEvent,
  Proposal,
  ProposalAction,
  ProposalEvent,
  SettingsEvent,
  TallyRevision,
  Topic,
} from "../generated/schema";
import {
  AnonymousVoteCast,
  AnonymousVoteRetracted,
  DelegateChanged,
  IdentityRegistered,
  IdentityRemoved,
  IdentityReplaced,
  LiquidGovernor,
  MemberAdded,
  MemberRemoved,
  MemberWeightChanged,
  ProposalActions,
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalGroupRecorded,
  ProposalQueued,
  ProposalThresholdSet,
  QuadraticVoteCast,
  QuorumSet,
  TopicCreated,
  VoteCast,
  VoteRetracted,
  VotingPeriodSet,
} from "../generated/templates/Community/LiquidGovernor";
import {
  ABSTAIN,
  account,
  eventId,
  memberId,
  modeName,
  proposalEntityId,
  toBytes32,
  topicId,
} from "./helpers";

// ---------------------------------------------------------------- membership

function loadCommunity(event: ethereum.Event): Community | null {
  const community = Community.load(event.address);
  if (community == null) {
    log.error("Community {} emitted {} before its CommunityCreated was indexed", [
      event.address.toHexString(),
      event.transaction.hash.toHexString(),
    ]);
  }
  return community;
}

function memberEvent(
  event: ethereum.Event,
  member: Address,
  kind: string,
  weight: BigInt,
  previousWeight: BigInt,
): void {
  const row = new MemberEvent(eventId(event));
  row.community = event.address;
  row.member = memberId(event.address, member);
  row.account = account(member);
  row.kind = kind;
  row.weight = weight;
  row.previousWeight = previousWeight;
  row.blockNumber = event.block.number;
  row.blockTimestamp = event.block.timestamp;
  row.logIndex = event.logIndex.toI32();
  row.transactionHash = event.transaction.hash;
  row.save();
}

/** Writes the member's current weight (creating the Member on an addition or re-admission). */
function saveMember(event: ethereum.Event, address: Address, weight: BigInt, kind: string): void {
  const id = memberId(event.address, address);
  let member = Member.load(id);
  if (member == null) {
    member = new Member(id);
    member.community = event.address;
    member.account = account(address);
    member.address = address;
  }
  member.weight = weight;
  member.lastChange = kind;
  member.blockNumber = event.block.number;
  member.blockTimestamp = event.block.timestamp;
  member.logIndex = event.logIndex.toI32();
  member.transactionHash = event.transaction.hash;
  member.save();
}

export function handleMemberAdded(event: MemberAdded): void {
  const weight = event.params.weight;
  saveMember(event, event.params.account, weight, "added");
  memberEvent(event, event.params.account, "added", weight, BigInt.zero());
  const community = loadCommunity(event);
  if (community == null) return;
  community.memberCount = community.memberCount + 1;
  community.totalWeight = community.totalWeight.plus(weight);
  community.save();
}

export function handleMemberWeightChanged(event: MemberWeightChanged): void {
  const weight = event.params.newWeight;
  const previous = event.params.previousWeight;
  saveMember(event, event.params.account, weight, "changed");
  memberEvent(event, event.params.account, "changed", weight, previous);
  const community = loadCommunity(event);
  if (community == null) return;
  community.totalWeight = community.totalWeight.plus(weight).minus(previous);
  community.save();
}

export function handleMemberRemoved(event: MemberRemoved): void {
  // The contract cleared the member's own delegations just before (DelegateChanged logs); weight
  // delegated to them stays where it is until those delegators choose again, as SPEC.md says.
  const previous = event.params.previousWeight;
  store.remove("Member", memberId(event.address, event.params.account).toHexString());
  memberEvent(event, event.params.account, "removed", BigInt.zero(), previous);
  const community = loadCommunity(event);
  if (community == null) return;
  community.memberCount = community.memberCount - 1;
  community.totalWeight = community.totalWeight.minus(previous);
  community.save();
}

// ---------------------------------------------------------------- topics and delegation

export function handleTopicCreated(event: TopicCreated): void {
  const topic = new Topic(topicId(event.address, event.params.topic));
  topic.community = event.address;
  topic.topic = event.params.topic;
  topic.name = event.params.name;
  topic.blockNumber = event.block.number;
  topic.blockTimestamp = event.block.timestamp;
  topic.logIndex = event.logIndex.toI32();
  topic.transactionHash = event.transaction.hash;
  topic.save();
}

export function handleDelegateChanged(event: DelegateChanged): void {
  const topic = event.params.topic;
  const delegator = event.params.delegator;
  const to = event.params.toDelegate;
  const from = event.params.fromDelegate;
  const id = memberId(event.address, delegator).concatI32(topic);

  if (to.equals(Address.zero())) {
    store.remove("Delegation", id.toHexString());
  } else {
    let delegation = Delegation.load(id);
    if (delegation == null) {
      delegation = new Delegation(id);
      delegation.community = event.address;
      delegation.topic = topic;
      delegation.topicEntity = topicId(event.address, topic);
      delegation.delegator = account(delegator);
      delegation.delegatorMember = memberId(event.address, delegator);
    }
    delegation.delegate = account(to);
    delegation.delegateMember = memberId(event.address, to);
    delegation.blockNumber = event.block.number;
    delegation.blockTimestamp = event.block.timestamp;
    delegation.logIndex = event.logIndex.toI32();
    delegation.transactionHash = event.transaction.hash;
    delegation.save();
  }

  const row = new DelegationEvent(eventId(event));
  row.community = event.address;
  row.delegation = id.toHexString();
  row.delegationEntity = id;
  row.topic = topic;
  row.topicEntity = topicId(event.address, topic);
  row.delegator = account(delegator);
  row.delegatorMember = memberId(event.address, delegator);
  if (!to.equals(Address.zero())) {
    row.delegate = account(to);
    row.delegateMember = memberId(event.address, to);
  }
  if (!from.equals(Address.zero())) row.previousDelegate = account(from);
  row.blockNumber = event.block.number;
  row.blockTimestamp = event.block.timestamp;
  row.logIndex = event.logIndex.toI32();
  row.transactionHash = event.transaction.hash;
  row.save();
}

// ---------------------------------------------------------------- settings

function settingsEvent(event: ethereum.Event, kind: string): SettingsEvent {
  const row = new SettingsEvent(eventId(event));
  row.community = event.address;
  row.kind = kind;
  row.blockNumber = event.block.number;
  row.blockTimestamp = event.block.timestamp;
  row.logIndex = event.logIndex.toI32();
  row.transactionHash = event.transaction.hash;
  return row;
}

export function handleQuorumSet(event: QuorumSet): void {
  const row = settingsEvent(event, "quorum");
  row.quorumBps = event.params.quorumBps;
  row.save();
  const community = loadCommunity(event);
  if (community == null) return;
  community.quorumBps = event.params.quorumBps;
  community.save();
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  const row = settingsEvent(event, "votingPeriod");
  row.votingPeriod = event.params.votingPeriod;
  row.minVotingPeriod = event.params.minVotingPeriod;
  row.save();
  const community = loadCommunity(event);
  if (community == null) return;
  community.votingPeriod = event.params.votingPeriod;
  community.minVotingPeriod = event.params.minVotingPeriod;
  community.save();
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  const row = settingsEvent(event, "proposalThreshold");
  row.proposalThreshold = event.params.proposalThreshold;
  row.save();
  const community = loadCommunity(event);
  if (community == null) return;
  community.proposalThreshold = event.params.proposalThreshold;
  community.save();
}

// ---------------------------------------------------------------- proposals

function loadProposal(event: ethereum.Event, proposalId: BigInt): Proposal | null {
  const proposal = Proposal.load(proposalEntityId(event.address, proposalId));
  if (proposal == null) {
    log.error("Proposal {} of {} is unknown (log in {})", [
      proposalId.toString(),
      event.address.toHexString(),
      event.transaction.hash.toHexString(),
    ]);
  }
  return proposal;
}

export function handleProposalCreated(event: ProposalCreated): void {
  const p = event.params;
  const proposal = new Proposal(proposalEntityId(event.address, p.proposalId));
  proposal.community = event.address;
  proposal.proposalId = p.proposalId;
  proposal.proposer = account(p.proposer);
  proposal.topic = p.topic;
  proposal.topicEntity = topicId(event.address, p.topic);
  proposal.mode = modeName(p.mode);
  proposal.optionCount = p.optionCount;
  proposal.snapshot = p.snapshot;
  proposal.voteEnd = p.voteEnd;
  proposal.metadataHash = p.metadataHash;
  proposal.metadataUri = p.metadataURI;
  proposal.executable = false;
  proposal.ballotCount = 0;
  proposal.blockNumber = event.block.number;
  proposal.blockTimestamp = event.block.timestamp;
  proposal.logIndex = event.logIndex.toI32();
  proposal.transactionHash = event.transaction.hash;
  proposal.save();
}

export function handleProposalActions(event: ProposalActions): void {
  const proposal = loadProposal(event, event.params.proposalId);
  if (proposal == null) return;
  proposal.executable = true;
  proposal.save();
  const targets = event.params.targets;
  const values = event.params.values;
  const calldatas = event.params.calldatas;
  for (let i = 0; i < targets.length; i++) {
    const action = new ProposalAction(proposal.id.concatI32(i));
    action.proposal = proposal.id;
    action.index = i;
    action.target = targets[i];
    action.value = values[i];
    action.calldata = calldatas[i];
    action.save();
  }
}

export function handleProposalGroupRecorded(event: ProposalGroupRecorded): void {
  const proposal = loadProposal(event, event.params.proposalId);
  if (proposal == null) return;
  proposal.groupRoot = event.params.groupRoot;
  proposal.groupIdentities = event.params.identities;
  proposal.save();
}

function lifecycle(
  event: ethereum.Event,
  proposalId: BigInt,
  kind: string,
  eta: BigInt | null,
): void {
  const proposal = loadProposal(event, proposalId);
  if (proposal == null) return;
  proposal.lifecycle = kind;
  if (eta !== null) proposal.eta = eta;
  proposal.save();
  const row = new ProposalEvent(eventId(event));
  row.community = event.address;
  row.proposal = proposal.id;
  row.kind = kind;
  if (eta !== null) row.eta = eta;
  row.blockNumber = event.block.number;
  row.blockTimestamp = event.block.timestamp;
  row.logIndex = event.logIndex.toI32();
  row.transactionHash = event.transaction.hash;
  row.save();
}

export function handleProposalCanceled(event: ProposalCanceled): void {
  lifecycle(event, event.params.proposalId, "canceled", null);
}

export function handleProposalQueued(event: ProposalQueued): void {
  lifecycle(event, event.params.proposalId, "queued", event.params.etaSeconds);
}

export function handleProposalExecuted(event: ProposalExecuted): void {
  lifecycle(event, event.params.proposalId, "executed", null);
}

// ---------------------------------------------------------------- ballots

/** The BallotEvent every cast, change and retraction writes; the caller fills in the ballot's side. */
function ballotEvent(
  event: ethereum.Event,
  proposal: Proposal,
  ballot: Bytes,
  kind: string,
): BallotEvent {
  const row = new BallotEvent(eventId(event));
  row.community = event.address;
  row.proposal = proposal.id;
  row.ballot = ballot.toHexString();
  row.kind = kind;
  row.abstain = false;
  row.blockNumber = event.block.number;
  row.blockTimestamp = event.block.timestamp;
  row.logIndex = event.logIndex.toI32();
  row.transactionHash = event.transaction.hash;
  return row;
}

/**
 * The contract's tally after this block, from the declared `proposalTally` call: one TallyRevision per
 * (proposal, block), rewritten by each ballot event of the block (the call answers for the block's end).
 */
function recordTally(event: ethereum.Event, proposal: Proposal): void {
  const id = proposal.id.concatI32(event.block.number.toI32());
  const result = LiquidGovernor.bind(event.address).try_proposalTally(proposal.proposalId);
  if (result.reverted) {
    log.warning("proposalTally({}) reverted at block {}", [
      proposal.proposalId.toString(),
      event.block.number.toString(),
    ]);
    return;
  }
  const tallies = result.value.getTallies();
  let best = BigInt.zero();
  let leaders = 0;
  let leader = -1;
  for (let i = 0; i < tallies.length; i++) {
    const value = tallies[i];
    if (value.gt(best)) {
      best = value;
      leaders = 1;
      leader = i;
    } else if (value.equals(best) && !best.isZero()) {
      leaders++;
    }
  }
  const revision = new TallyRevision(id);
  revision.community = event.address;
  revision.proposal = proposal.id;
  revision.tallies = tallies;
  revision.abstain = result.value.getAbstain();
  revision.participation = result.value.getParticipation();
  revision.totalMass = result.value.getTotalMass();
  revision.ballots = proposal.ballotCount;
  if (leaders == 1) revision.leader = leader;
  revision.tie = leaders > 1;
  revision.blockNumber = event.block.number;
  revision.blockTimestamp = event.block.timestamp;
  revision.blockHash = event.block.hash;
  revision.save();
  proposal.tally = id;
  proposal.save();
}

function setPosition(ballot: Ballot, event: ethereum.Event): void {
  ballot.blockNumber = event.block.number;
  ballot.blockTimestamp = event.block.timestamp;
  ballot.logIndex = event.logIndex.toI32();
  ballot.transactionHash = event.transaction.hash;
}

/** A public cast or change: `option` for single choice (or ABSTAIN), `votes` for quadratic. */
function publicBallot(
  event: ethereum.Event,
  proposalId: BigInt,
  voter: Address,
  option: i32,
  votes: Array<BigInt> | null,
): void {
  const proposal = loadProposal(event, proposalId);
  if (proposal == null) return;
  const id = proposal.id.concat(voter);
  let ballot = Ballot.load(id);
  const kind = ballot == null ? "cast" : "changed";
  if (ballot == null) {
    ballot = new Ballot(id);
    ballot.community = event.address;
    ballot.proposal = proposal.id;
    ballot.voter = account(voter);
    ballot.member = memberId(event.address, voter);
    proposal.ballotCount = proposal.ballotCount + 1;
  }
  let abstain = option == ABSTAIN;
  if (votes != null) {
    abstain = true;
    for (let i = 0; i < votes.length; i++) if (!votes[i].isZero()) abstain = false;
    ballot.votes = votes;
    ballot.unset("option");
  } else {
    ballot.votes = null;
    if (abstain) ballot.unset("option");
    else ballot.option = option;
  }
  ballot.abstain = abstain;
  ballot.kind = kind;
  setPosition(ballot, event);
  ballot.save();

  const row = ballotEvent(event, proposal, id, kind);
  row.ballotEntity = id;
  row.voter = account(voter);
  row.abstain = abstain;
  if (votes != null) row.votes = votes;
  else if (!abstain) row.option = option;
  row.save();
  proposal.save();
  recordTally(event, proposal);
}

export function handleVoteCast(event: VoteCast): void {
  publicBallot(event, event.params.proposalId, event.params.voter, event.params.option, null);
}

export function handleQuadraticVoteCast(event: QuadraticVoteCast): void {
  publicBallot(event, event.params.proposalId, event.params.voter, 0, event.params.votes);
}

export function handleVoteRetracted(event: VoteRetracted): void {
  const proposal = loadProposal(event, event.params.proposalId);
  if (proposal == null) return;
  const id = proposal.id.concat(event.params.voter);
  if (Ballot.load(id) != null) {
    store.remove("Ballot", id.toHexString());
    proposal.ballotCount = proposal.ballotCount - 1;
  }
  const row = ballotEvent(event, proposal, id, "retracted");
  row.ballotEntity = id;
  row.voter = account(event.params.voter);
  row.save();
  proposal.save();
  recordTally(event, proposal);
}

export function handleAnonymousVoteCast(event: AnonymousVoteCast): void {
  const proposal = loadProposal(event, event.params.proposalId);
  if (proposal == null) return;
  const option = event.params.option;
  const abstain = option == ABSTAIN;
  const id = proposal.id.concat(toBytes32(event.params.nullifier));
  let ballot = AnonymousBallot.load(id);
  const kind = ballot == null ? "cast" : "changed";
  if (ballot == null) {
    ballot = new AnonymousBallot(id);
    ballot.community = event.address;
    ballot.proposal = proposal.id;
    ballot.nullifier = event.params.nullifier;
    proposal.ballotCount = proposal.ballotCount + 1;
  }
  if (abstain) ballot.unset("option");
  else ballot.option = option;
  ballot.abstain = abstain;
  ballot.kind = kind;
  ballot.blockNumber = event.block.number;
  ballot.blockTimestamp = event.block.timestamp;
  ballot.logIndex = event.logIndex.toI32();
  ballot.transactionHash = event.transaction.hash;
  ballot.save();

  const row = ballotEvent(event, proposal, id, kind);
  row.anonymousBallotEntity = id;
  row.nullifier = event.params.nullifier;
  row.abstain = abstain;
  if (!abstain) row.option = option;
  row.save();
  proposal.save();
  recordTally(event, proposal);
}

export function handleAnonymousVoteRetracted(event: AnonymousVoteRetracted): void {
  const proposal = loadProposal(event, event.params.proposalId);
  if (proposal == null) return;
  const id = proposal.id.concat(toBytes32(event.params.nullifier));
  if (AnonymousBallot.load(id) != null) {
    store.remove("AnonymousBallot", id.toHexString());
    proposal.ballotCount = proposal.ballotCount - 1;
  }
  const row = ballotEvent(event, proposal, id, "retracted");
  row.anonymousBallotEntity = id;
  row.nullifier = event.params.nullifier;
  row.save();
  proposal.save();
  recordTally(event, proposal);
}

// ---------------------------------------------------------------- identities

function identity(
  event: ethereum.Event,
  member: Address,
  kind: string,
  commitment: BigInt,
  oldCommitment: BigInt | null,
  index: BigInt,
  groupRoot: BigInt,
): void {
  const id = memberId(event.address, member);
  let current = Identity.load(id);
  if (current == null) {
    current = new Identity(id);
    current.community = event.address;
    current.account = account(member);
    current.member = id;
  }
  current.commitment = commitment;
  current.leafIndex = index;
  current.groupRoot = groupRoot;
  current.kind = kind;
  current.blockNumber = event.block.number;
  current.blockTimestamp = event.block.timestamp;
  current.logIndex = event.logIndex.toI32();
  current.transactionHash = event.transaction.hash;
  current.save();

  const row = new IdentityEvent(eventId(event));
  row.community = event.address;
  row.identity = id;
  row.account = account(member);
  row.kind = kind;
  row.commitment = commitment;
  if (oldCommitment !== null) row.oldCommitment = oldCommitment;
  row.leafIndex = index;
  row.groupRoot = groupRoot;
  row.blockNumber = event.block.number;
  row.blockTimestamp = event.block.timestamp;
  row.logIndex = event.logIndex.toI32();
  row.transactionHash = event.transaction.hash;
  row.save();
}

export function handleIdentityRegistered(event: IdentityRegistered): void {
  const p = event.params;
  identity(event, p.member, "registered", p.commitment, null, p.index, p.groupRoot);
}

export function handleIdentityReplaced(event: IdentityReplaced): void {
  const p = event.params;
  identity(event, p.member, "replaced", p.newCommitment, p.oldCommitment, p.index, p.groupRoot);
}

export function handleIdentityRemoved(event: IdentityRemoved): void {
  const p = event.params;
  identity(event, p.member, "removed", p.commitment, null, p.index, p.groupRoot);
}
