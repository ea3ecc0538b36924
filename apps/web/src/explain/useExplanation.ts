"use client";
// A member's explanation on a proposal, re-read whenever the tally moves (its block is in the key).
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import type { ResultOf } from "../graphql/graphql.ts";
import { requestIndexer } from "../graphql/request.ts";
import { proposalGraphId } from "../proposals/ids.ts";
import { ExplainQuery } from "./queries.ts";

type Tally = NonNullable<NonNullable<ResultOf<typeof ExplainQuery>["proposal"]>["tally"]>;

/** Where a member's mass goes, and (for a voter) whom they carry. */
export type ExplanationData = Pick<Tally, "blockNumber" | "explain" | "carried">;

/**
 * Reads the explanation of `member` on `proposalId` at the tally revision of block `block`.
 * @example
 * const { data } = useExplanation(1n, address, latest?.blockNumber);
 */
export function useExplanation(
  proposalId: bigint,
  member: string | undefined,
  block: string | undefined,
) {
  const { indexerUrl, chainId, community } = useAppConfig();
  const id = proposalGraphId(chainId, community, proposalId);
  return useQuery({
    queryKey: ["explain", indexerUrl, id, member?.toLowerCase(), block],
    enabled: Boolean(member && block),
    queryFn: async ({ signal }) => {
      const data = await requestIndexer(
        indexerUrl,
        ExplainQuery,
        { id, member: member as string },
        signal,
      );
      return (data.proposal?.tally ?? null) as ExplanationData | null;
    },
  });
}
