// Tally revisions: a proposal's tally at a block, computed from the community's logs with the SDK's
// recount (the one place where events become snapshot state) and engine.
import {
  anonymousTally,
  type BuildProposalStateReturnType,
  buildAnonymousProposalState,
  buildProposalState,
  type CommunityLog,
  createIncrementalTally,
  followProposalState,
  type ProposalSnapshotState,
  quadraticMass,
  type RecountMode,
  type TallyOutcome,
  tally,
  tallyOutcome,
} from "@plenum/sdk";
import type { StepRows } from "../store/rows.ts";
import {
  type AnonymousGroup,
  type CommunityState,
  type ProposalState,
  proposalLogs,
} from "./state.ts";

/**
 * A proposal's tally at one block, with what it means and how much mass is still idle.
 *
 * @example
 * ```ts
 * const snapshot: TallySnapshot = computeTally(logs, 1n, "single", 120n);
 * console.log(snapshot.tallies, snapshot.idleMass);
 * ```
 */
export interface TallySnapshot {
  tallies: bigint[];
  abstain: bigint;
  participation: bigint;
  totalMass: bigint;
  /**
   * Mass of members whose delegation chain reaches no voter (they, or a delegate up their chain,
   * could still vote); for an anonymous proposal, identities of the group without a ballot.
   */
  idleMass: bigint;
  /** The quorum in basis points at the snapshot, when the logs hold one. */
  quorumBps: number | undefined;
  /** Quorum, leader and passing as the contract decides them, when the quorum is known. */
  outcome: TallyOutcome | undefined;
  /** Current ballots. */
  ballots: number;
  /** Anonymous only: the group rebuilt from identity events disagrees with the recorded root. */
  groupMismatch: boolean;
}

/**
 * The tally of `proposalId` after block `atBlock`, from its community's logs: `buildProposalState` or
 * `buildAnonymousProposalState`, then `tally` or `anonymousTally`, then `tallyOutcome`. `cache` (a
 * proposal's `ProposalState`) keeps what only the logs up to the creation decide between revisions: a
 * public proposal's snapshot weights and delegations, an anonymous proposal's rebuilt identity group.
 *
 * @example
 * ```ts
 * const { tallies, participation } = computeTally(community.logs, 1n, "quadratic", 340n);
 * ```
 */
export function computeTally(
  logs: readonly CommunityLog[],
  proposalId: bigint,
  mode: RecountMode,
  atBlock: bigint,
  cache: {
    group?: AnonymousGroup | undefined;
    snapshotState?: ProposalSnapshotState | undefined;
  } = {},
): TallySnapshot {
  if (mode === "anonymous") {
    const state = buildAnonymousProposalState(logs, proposalId, { atBlock, group: cache.group });
    cache.group = state.group;
    const { ballots, identities, optionCount } = state.input;
    const result = anonymousTally(ballots, identities, optionCount);
    const { quorumBps, executable } = state.proposal;
    return {
      ...result,
      idleMass: result.totalMass - result.participation,
      quorumBps,
      outcome:
        quorumBps === undefined ? undefined : tallyOutcome(result, { quorumBps, executable }),
      ballots: ballots.size,
      groupMismatch: state.group.mismatch !== undefined,
    };
  }
  const state = buildProposalState(logs, proposalId, {
    atBlock,
    snapshotState: cache.snapshotState,
  });
  cache.snapshotState = state.snapshotState;
  const { input } = state;
  const result = tally(input);
  let idleMass = 0n;
  for (const [member, carrier] of result.target) {
    if (carrier !== null) continue;
    const weight = input.weights.get(member) ?? 0n;
    idleMass += input.mode === "quadratic" ? quadraticMass(weight) : weight;
  }
  return publicSnapshot(state, {
    tallies: result.tallies,
    abstain: result.abstain,
    participation: result.participation,
    totalMass: result.totalMass,
    idleMass,
  });
}

/**
 * The tally of `proposalId` after block `atBlock`, the revision after the proposal's previous one:
 * what `computeTally` gives for the same logs (the indexer's tests compare every field at every
 * block), at a cost that grows with the block's ballots instead of the community's history. A
 * public proposal's first revision replays its logs with `followProposalState` and starts an
 * incremental tally (`createIncrementalTally`) on its snapshot; each later one replays only the
 * proposal's logs since (`advance`), feeding each ballot set or retracted to that tally. Anonymous
 * proposals are recounted by `computeTally` (their group is cached). Revisions of a proposal must
 * come in block order.
 *
 * @example
 * ```ts
 * const snapshot = followTally(community, proposal, 1n, block.number);
 * rows.tallyRevisions.push(revisionRow({ id, proposal: proposal.id, community: community.id, block }, snapshot));
 * ```
 */
export function followTally(
  community: CommunityState,
  proposal: ProposalState,
  proposalId: bigint,
  atBlock: bigint,
): TallySnapshot {
  if (proposal.mode === "anonymous") {
    return computeTally(
      proposalLogs(community, proposal),
      proposalId,
      "anonymous",
      atBlock,
      proposal,
    );
  }
  const { own } = proposal;
  let end = proposal.live?.applied ?? 0;
  while (end < own.length && (own[end] as CommunityLog).blockNumber <= atBlock) end++;
  let live = proposal.live;
  if (!live) {
    const logs = community.logs.slice(0, proposal.prefix).concat(own.slice(0, end));
    const follower = followProposalState(logs, proposalId, {
      atBlock,
      snapshotState: proposal.snapshotState,
    });
    proposal.snapshotState = follower.state.snapshotState;
    live = { follower, tally: createIncrementalTally(follower.state.input), applied: end };
    proposal.live = live;
  } else {
    const { tally: incremental } = live;
    live.follower.advance(own.slice(live.applied, end), {
      atBlock,
      onBallot: (voter, ballot) => {
        if (ballot) incremental.set(voter, ballot);
        else incremental.delete(voter);
      },
    });
    live.applied = end;
  }
  const totals = live.tally.totals();
  return publicSnapshot(live.follower.state, {
    ...totals,
    idleMass: totals.totalMass - totals.participation,
  });
}

/** A public proposal's snapshot from its recounted state and its tally's totals. */
function publicSnapshot(
  state: BuildProposalStateReturnType,
  totals: Pick<TallySnapshot, "tallies" | "abstain" | "participation" | "totalMass" | "idleMass">,
): TallySnapshot {
  const { quorumBps, executable } = state.proposal;
  return {
    ...totals,
    quorumBps,
    outcome: quorumBps === undefined ? undefined : tallyOutcome(totals, { quorumBps, executable }),
    ballots: state.input.ballots.size,
    groupMismatch: false,
  };
}

/**
 * The `tally_revisions` row of a snapshot.
 *
 * @example
 * ```ts
 * rows.tallyRevisions.push(revisionRow({ id, proposal, community, block }, computeTally(logs, 1n, "single", block.number)));
 * ```
 */
export function revisionRow(
  where: {
    id: string;
    proposal: string;
    community: string;
    block: { number: bigint; hash: string; timestamp: bigint };
  },
  snapshot: TallySnapshot,
): StepRows["tallyRevisions"][number] {
  const { outcome } = snapshot;
  let best = 0n;
  for (const value of snapshot.tallies) if (value > best) best = value;
  return {
    id: where.id,
    proposal: where.proposal,
    community: where.community,
    blockNumber: where.block.number,
    blockHash: where.block.hash,
    blockTimestamp: where.block.timestamp,
    tallies: snapshot.tallies,
    abstain: snapshot.abstain,
    participation: snapshot.participation,
    totalMass: snapshot.totalMass,
    idleMass: snapshot.idleMass,
    quorum: outcome?.quorum ?? null,
    quorumBps: snapshot.quorumBps ?? null,
    quorumMet: outcome?.quorumReached ?? null,
    leader: outcome?.leading ?? leaderOf(snapshot.tallies),
    tie: best > 0n && snapshot.tallies.filter((v) => v === best).length > 1,
    passing: outcome?.passing ?? null,
    ballots: snapshot.ballots,
    groupMismatch: snapshot.groupMismatch,
  };
}

/** The strictly largest non-zero tally's option (as `tallyOutcome` decides it), when no quorum is known. */
function leaderOf(tallies: readonly bigint[]): number | null {
  return tallyOutcome(
    { tallies, participation: 0n, totalMass: 0n },
    { quorumBps: 0, executable: false },
  ).leading;
}
