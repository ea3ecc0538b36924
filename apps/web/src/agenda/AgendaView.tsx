"use client";
// The community's agenda: every proposal with its live tally, turnout against quorum, time left,
// mode, topic and status, filtered as the person chooses.
import Link from "next/link";
import { useState } from "react";
import { useConnection } from "wagmi";
import { useChainNow } from "../clock/useChainNow.ts";
import { timeLeft } from "../format/time.ts";
import { proposalStatus } from "../proposals/proposalView.ts";
import { LiveIndicator } from "../ui/LiveIndicator.tsx";
import { QuorumProgress } from "../ui/QuorumProgress.tsx";
import { modeText, StatusBadge } from "../ui/StatusBadge.tsx";
import { TallyBars } from "../ui/TallyBars.tsx";
import { AgendaFiltersForm } from "./AgendaFiltersForm.tsx";
import { DEFAULT_FILTERS, matchesFilters } from "./filters.ts";
import { type AgendaItem, useAgenda } from "./useAgenda.ts";

/**
 * The agenda page's content.
 * @example
 * <AgendaView />
 */
export function AgendaView() {
  const { address } = useConnection();
  const { items, topics, error, live, needsVote } = useAgenda(address);
  const now = useChainNow();
  const [filters, setFilters] = useState(DEFAULT_FILTERS);
  const shown = items?.filter((item) =>
    matchesFilters(item.proposal, proposalStatus(item.proposal, now ?? 0n), filters, needsVote),
  );
  return (
    <>
      <div className="card-head">
        <h1>Agenda</h1>
        <LiveIndicator status={live} />
      </div>
      <AgendaFiltersForm
        filters={filters}
        onChange={setFilters}
        topics={topics}
        canFilterMine={address !== undefined}
      />
      {error && (
        <p role="alert" className="error-text">
          Could not read the agenda from the indexer: {error.message}
        </p>
      )}
      {!items && !error && (
        <div aria-busy="true" className="proposal-list">
          <p role="status" className="visually-hidden">
            Loading proposals…
          </p>
          <div className="skeleton" />
          <div className="skeleton" />
          <div className="skeleton" />
        </div>
      )}
      {shown && (
        <>
          <p className="muted" aria-live="polite">
            {shown.length} of {items?.length} proposals
          </p>
          <ul className="proposal-list" aria-label="Proposals">
            {shown.map((item) => (
              <AgendaRow key={item.proposal.id} item={item} now={now} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function AgendaRow({ item, now }: { item: AgendaItem; now: bigint | undefined }) {
  const { proposal, revision } = item;
  const status = now === undefined ? undefined : proposalStatus(proposal, now);
  const headingId = `p-${proposal.proposalId}`;
  return (
    <li className="card" aria-labelledby={headingId} data-proposal={String(proposal.proposalId)}>
      <div className="card-head">
        <h2 id={headingId}>
          <Link href={`/proposals/${proposal.proposalId}`}>
            #{String(proposal.proposalId)} {proposal.title}
          </Link>
        </h2>
        {status && <StatusBadge status={status} />}
      </div>
      <ul className="facts">
        <li>{modeText(proposal.mode)}</li>
        <li>Topic: {proposal.topicName}</li>
        {now !== undefined && <li>{timeLeft(now, proposal.voteEnd)}</li>}
        {revision && <li>{revision.ballots} ballots</li>}
      </ul>
      {revision ? (
        <>
          <TallyBars
            caption={`Tally of proposal ${proposal.proposalId}`}
            labels={proposal.labels}
            tallies={revision.tallies}
            abstain={revision.abstain}
            mode={proposal.mode}
            leader={revision.leader}
          />
          <QuorumProgress revision={revision} mode={proposal.mode} />
        </>
      ) : (
        <p className="muted">No tally yet.</p>
      )}
    </li>
  );
}
