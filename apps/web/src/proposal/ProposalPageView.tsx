"use client";
// A proposal: what it is, its live tally with how final it is, quorum, how the tally swung, the
// ballots, and the connected member's own ballot.
import Link from "next/link";
import { MyBallotPanel } from "../ballot/MyBallotPanel.tsx";
import { useChainNow } from "../clock/useChainNow.ts";
import { WhyThisTally } from "../explain/WhyThisTally.tsx";
import { caipAddress, shortAddress } from "../format/address.ts";
import { formatMoment, timeLeft } from "../format/time.ts";
import { proposalStatus } from "../proposals/proposalView.ts";
import { LiveIndicator } from "../ui/LiveIndicator.tsx";
import { QuorumProgress } from "../ui/QuorumProgress.tsx";
import { modeText, StatusBadge } from "../ui/StatusBadge.tsx";
import { TallyBars } from "../ui/TallyBars.tsx";
import { BallotList } from "./BallotList.tsx";
import { TallyTimeline } from "./TallyTimeline.tsx";
import { TentativeLabel } from "./TentativeLabel.tsx";
import { useBallotDetails } from "./useBallotDetails.ts";
import { useProposal } from "./useProposal.ts";

/**
 * The proposal page's content.
 * @example
 * <ProposalPageView proposalId={3n} />
 */
export function ProposalPageView({ proposalId }: { proposalId: bigint }) {
  const { proposal, proposer, revisions, ballots, error, live, refresh } = useProposal(proposalId);
  const now = useChainNow(1_000);
  const details = useBallotDetails(
    proposalId,
    ballots,
    revisions[0]?.blockNumber,
    proposal ? proposal.mode !== "anonymous" : false,
  );
  if (error) {
    return (
      <p role="alert" className="error-text">
        Could not read proposal {String(proposalId)} from the indexer: {error.message}
      </p>
    );
  }
  if (proposal === null) {
    return (
      <>
        <h1>Proposal {String(proposalId)} not found</h1>
        <p>
          The indexer knows no proposal {String(proposalId)} in this community.{" "}
          <Link href="/">Back to the agenda</Link>
        </p>
      </>
    );
  }
  if (!proposal) {
    return (
      <div aria-busy="true">
        <p role="status" className="visually-hidden">
          Loading proposal…
        </p>
        <div className="skeleton" />
      </div>
    );
  }
  const latest = revisions[0];
  const status = now === undefined ? undefined : proposalStatus(proposal, now);
  return (
    <>
      <p>
        <Link href="/">← Agenda</Link>
      </p>
      <div className="card-head">
        <h1>
          #{String(proposal.proposalId)} {proposal.title}
        </h1>
        {status && <StatusBadge status={status} />}
      </div>
      {proposal.description && <p className="proposal-description">{proposal.description}</p>}
      <ul className="facts">
        <li>{modeText(proposal.mode)}</li>
        <li>Topic: {proposal.topicName}</li>
        <li>Snapshot {formatMoment(proposal.snapshot)}</li>
        <li>Voting ends {formatMoment(proposal.voteEnd)}</li>
        {now !== undefined && <li>{timeLeft(now, proposal.voteEnd)}</li>}
        {proposer && <li>Proposed by {shortAddress(caipAddress(proposer))}</li>}
        {proposal.executable && <li>Executes actions if it passes</li>}
      </ul>
      <div className="layout-proposal">
        <section aria-labelledby="tally-heading" className="card area-tally">
          <div className="card-head">
            <h2 id="tally-heading">Tally</h2>
            <LiveIndicator status={live} />
          </div>
          {latest ? (
            <>
              <TallyBars
                caption={`Tally of proposal ${proposal.proposalId}`}
                labels={proposal.labels}
                tallies={latest.tallies}
                abstain={latest.abstain}
                mode={proposal.mode}
                leader={latest.leader}
              />
              <QuorumProgress revision={latest} mode={proposal.mode} />
              <TentativeLabel
                block={latest.blockNumber}
                finalized={latest.finalized}
                voteEnd={proposal.voteEnd}
                now={now}
              />
            </>
          ) : (
            <p className="muted">No tally yet.</p>
          )}
        </section>
        <div className="area-ballot">
          <MyBallotPanel
            proposal={proposal}
            status={status}
            ballots={ballots}
            block={latest?.blockNumber}
            onChanged={refresh}
          />
        </div>
        <div className="area-details">
          {latest && proposal.mode !== "anonymous" && (
            <WhyThisTally proposal={proposal} block={latest.blockNumber} />
          )}
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">How the tally moved</h2>
            <TallyTimeline proposal={proposal} revisions={revisions} />
          </section>
          <section aria-labelledby="ballots-heading">
            <h2 id="ballots-heading">Ballots ({ballots.length})</h2>
            <BallotList
              proposal={proposal}
              ballots={ballots}
              carried={details.carried}
              history={details.history}
            />
          </section>
        </div>
      </div>
    </>
  );
}
