// What the governance desk reads from the indexer: the community's topics and its executable proposals.
import { graphql } from "../graphql/graphql.ts";
import { ProposalSummary } from "../proposals/fragments.ts";

/**
 * Topics, and executable proposals with their queue time.
 * @example
 * const data = await requestIndexer(indexerUrl, DeskQuery, { community });
 */
export const DeskQuery = graphql(
  `
  query Desk($community: String!) {
    topics(where: { community: $community }, orderBy: topic, first: 100) { topic name }
    proposals(
      where: { community: $community, executable: true }
      orderBy: proposalId
      orderDirection: desc
      first: 100
    ) {
      ...ProposalSummary
      eta
    }
  }
`,
  [ProposalSummary],
);
