"use client";
// One proposal's data, kept live: re-read when its tally moves or a ballot lands (and whenever the
// subscriptions reopen), so the page never needs a reload.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { type ResultOf, readFragment } from "../graphql/graphql.ts";
import { requestIndexer } from "../graphql/request.ts";
import { useDebouncedCallback } from "../live/useDebouncedCallback.ts";
import { type LiveStatus, useLiveSubscription } from "../live/useLiveSubscription.ts";
import { ProposalSummary, RevisionFields } from "../proposals/fragments.ts";
import { proposalGraphId } from "../proposals/ids.ts";
import { type ProposalView, type RevisionData, toProposalView } from "../proposals/proposalView.ts";
import { ProposalQuery, TallySubscription } from "./queries.ts";

type ProposalData = NonNullable<ResultOf<typeof ProposalQuery>["proposal"]>;

/** A current ballot as the page lists it. */
export type BallotData = ProposalData["ballots"][number];

/** What {@link useProposal} returns. */
export interface ProposalState {
  /** Undefined while loading; null when the indexer does not know the proposal. */
  proposal: ProposalView | null | undefined;
  proposer: string | undefined;
  /** Latest first. */
  revisions: RevisionData[];
  ballots: BallotData[];
  error: Error | null;
  live: LiveStatus;
  /** Re-reads now (after a transaction). */
  refresh: () => void;
}

/**
 * Reads a proposal of the configured community and follows it live.
 * @example
 * const { proposal, revisions, ballots, live } = useProposal(3n);
 */
export function useProposal(proposalId: bigint): ProposalState {
  const { indexerUrl, chainId, community } = useAppConfig();
  const id = proposalGraphId(chainId, community, proposalId);
  const query = useQuery({
    queryKey: ["proposal", indexerUrl, id],
    queryFn: ({ signal }) => requestIndexer(indexerUrl, ProposalQuery, { id }, signal),
  });
  const refresh = useDebouncedCallback(() => void query.refetch(), 60);
  const live = useLiveSubscription(TallySubscription, { proposal: id }, refresh, refresh);

  return useMemo(() => {
    const data = query.data?.proposal;
    if (query.data && !data) {
      return {
        proposal: null,
        proposer: undefined,
        revisions: [],
        ballots: [],
        error: query.error,
        live,
        refresh,
      };
    }
    return {
      proposal: data ? toProposalView(readFragment(ProposalSummary, data)) : undefined,
      proposer: data?.proposer,
      revisions: data ? data.tallyRevisions.map((r) => readFragment(RevisionFields, r)) : [],
      ballots: data?.ballots ?? [],
      error: query.error,
      live,
      refresh,
    };
  }, [query.data, query.error, live, refresh]);
}
