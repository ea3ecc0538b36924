"use client";
// The agenda's data, kept live: re-read when a ballot lands on one of the community's proposals or a
// proposal is created, and each time the subscriptions (re)open.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Address } from "viem";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { readFragment } from "../graphql/graphql.ts";
import { requestIndexer } from "../graphql/request.ts";
import { useDebouncedCallback } from "../live/useDebouncedCallback.ts";
import { type LiveStatus, useLiveSubscription } from "../live/useLiveSubscription.ts";
import { ProposalSummary, RevisionFields } from "../proposals/fragments.ts";
import { communityGraphId, memberGraphId } from "../proposals/ids.ts";
import { type ProposalView, type RevisionData, toProposalView } from "../proposals/proposalView.ts";
import {
  AgendaQuery,
  AllBallotsSubscription,
  NeedsVoteQuery,
  NewProposalsSubscription,
} from "./queries.ts";

/** One agenda row: the proposal and its latest tally revision (none before the first). */
export interface AgendaItem {
  proposal: ProposalView;
  revision: RevisionData | null;
}

/** What {@link useAgenda} returns. */
export interface AgendaState {
  items: AgendaItem[] | undefined;
  topics: { topic: number; name: string }[];
  error: Error | null;
  live: LiveStatus;
  /** Ids of proposals awaiting `member`'s own vote (undefined without a member). */
  needsVote: ReadonlySet<string> | undefined;
}

/**
 * The community's proposals with live tallies, and those awaiting `member`'s vote.
 * @example
 * const { items, live } = useAgenda(address);
 */
export function useAgenda(member: Address | undefined): AgendaState {
  const { indexerUrl, chainId, community } = useAppConfig();
  const communityId = communityGraphId(chainId, community);
  const agenda = useQuery({
    queryKey: ["agenda", indexerUrl, communityId],
    queryFn: ({ signal }) =>
      requestIndexer(indexerUrl, AgendaQuery, { community: communityId }, signal),
  });
  const memberId = member ? memberGraphId(chainId, community, member) : undefined;
  const needs = useQuery({
    queryKey: ["needs-vote", indexerUrl, memberId],
    enabled: memberId !== undefined,
    queryFn: ({ signal }) =>
      requestIndexer(indexerUrl, NeedsVoteQuery, { member: memberId as string }, signal),
  });
  const refresh = useDebouncedCallback(() => {
    void agenda.refetch();
    if (memberId) void needs.refetch();
  }, 120);
  const live = useLiveSubscription(
    AllBallotsSubscription,
    {},
    (data) => {
      if (data.ballots.proposal.startsWith(`${communityId}-`)) refresh();
    },
    refresh,
  );
  useLiveSubscription(NewProposalsSubscription, { community: communityId }, refresh, refresh);

  const items = useMemo(
    () =>
      agenda.data?.proposals.map((masked) => {
        const summary = readFragment(ProposalSummary, masked);
        return {
          proposal: toProposalView(summary),
          revision: summary.tally ? readFragment(RevisionFields, summary.tally) : null,
        };
      }),
    [agenda.data],
  );
  const needsVote = useMemo(
    () => (needs.data ? new Set(needs.data.needsVote.map((p) => p.id)) : undefined),
    [needs.data],
  );
  return {
    items,
    topics: agenda.data?.topics ?? [],
    error: agenda.error,
    live,
    needsVote,
  };
}
