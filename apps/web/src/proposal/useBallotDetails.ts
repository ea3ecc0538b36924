"use client";
// Per ballot of a public proposal: the mass its voter carries at the latest revision (as the
// indexer's run of the SDK's tally engine reports it for every voter in one request, not recounted
// here) and its change history.
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import type { ResultOf } from "../graphql/graphql.ts";
import { requestIndexer } from "../graphql/request.ts";
import { proposalGraphId } from "../proposals/ids.ts";
import { BallotHistoryQuery, CarriersQuery } from "./ballotQueries.ts";
import type { BallotData } from "./useProposal.ts";

/** What a voter carries: the total (their own included) and how many others. */
export interface CarriedSummary {
  carried: string;
  others: number;
}

/** One event of a ballot's history. */
export type BallotEventData = ResultOf<typeof BallotHistoryQuery>["ballotEvents"][number];

/**
 * Reads, for each ballot, what its voter carries and the ballot's history; re-read when `block` moves.
 * @example
 * const { carried, history } = useBallotDetails(1n, ballots, latest?.blockNumber, true);
 */
export function useBallotDetails(
  proposalId: bigint,
  ballots: readonly BallotData[],
  block: string | undefined,
  enabled: boolean,
): { carried: Map<string, CarriedSummary>; history: Map<string, BallotEventData[]> } {
  const { indexerUrl, chainId, community } = useAppConfig();
  const id = proposalGraphId(chainId, community, proposalId);
  const carried = useQuery({
    queryKey: ["carriers", indexerUrl, id, block],
    enabled: enabled && block !== undefined,
    queryFn: ({ signal }) => requestIndexer(indexerUrl, CarriersQuery, { id }, signal),
  });
  const events = useQuery({
    queryKey: ["ballot-history", indexerUrl, id, block],
    enabled: enabled && block !== undefined,
    queryFn: ({ signal }) =>
      requestIndexer(indexerUrl, BallotHistoryQuery, { proposal: id }, signal),
  });
  const byVoter = new Map<string, CarriedSummary>();
  for (const c of carried.data?.proposal?.tally?.carriers ?? []) {
    const others = c.members.filter((m) => m.member.toLowerCase() !== c.voter.toLowerCase());
    byVoter.set(c.voter.toLowerCase(), { carried: c.carried, others: others.length });
  }
  const carriedBy = new Map<string, CarriedSummary>();
  for (const b of ballots) {
    const c = byVoter.get(b.voter.toLowerCase());
    if (c) carriedBy.set(b.id, c);
  }
  const history = new Map<string, BallotEventData[]>();
  for (const e of events.data?.ballotEvents ?? []) {
    const list = history.get(e.ballot) ?? [];
    list.push(e);
    history.set(e.ballot, list);
  }
  return { carried: carriedBy, history };
}
