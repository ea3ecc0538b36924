// What the member dashboard reads from the indexer: the member, their delegations both ways, the
// proposals that need their vote, their ballot history, and their delegation chain per topic.
import { graphql } from "../graphql/graphql.ts";
import { ProposalSummary } from "../proposals/fragments.ts";

/**
 * The connected member's record.
 * @example
 * const data = await requestIndexer(indexerUrl, DashboardQuery, { member, voter, community });
 */
export const DashboardQuery = graphql(
  `
  query Dashboard($member: ID!, $voter: String!, $community: String!) {
    member(id: $member) {
      weight
      delegations(first: 100) { topic delegate }
      delegators(first: 1000) { topic delegator }
    }
    topics(where: { community: $community }, orderBy: topic, first: 100) { topic name }
    needsVote(member: $member) { ...ProposalSummary }
    ballotEvents(
      where: { voter: $voter }
      orderBy: blockNumber
      orderDirection: desc
      first: 100
    ) {
      id
      kind
      option
      abstain
      votes
      blockNumber
      blockTimestamp
      transactionHash
      proposal { ...ProposalSummary }
    }
  }
`,
  [ProposalSummary],
);

/**
 * A member's delegation chain on a topic (CAIP-10 ids from the member to the last delegate).
 * @example
 * const data = await requestIndexer(indexerUrl, ChainQuery, { member, topic: 0 });
 */
export const ChainQuery = graphql(`
  query MemberChain($member: ID!, $topic: Int!) {
    member(id: $member) { chain(topic: $topic) }
  }
`);

/**
 * The public ballots of some voters on some proposals (what the member's delegates did).
 * @example
 * const data = await requestIndexer(indexerUrl, DelegateBallotsQuery, { proposals, voters });
 */
export const DelegateBallotsQuery = graphql(`
  query DelegateBallots($proposals: [String!]!, $voters: [String!]!) {
    ballots(where: { proposal_in: $proposals, voter_in: $voters }, first: 1000) {
      voter
      option
      abstain
      votes
      proposal { id }
    }
  }
`);
