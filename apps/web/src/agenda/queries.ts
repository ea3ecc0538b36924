// What the agenda reads from the indexer, and the subscriptions that keep it live.
import { graphql } from "../graphql/graphql.ts";
import { ProposalSummary } from "../proposals/fragments.ts";

/**
 * The community's topics and proposals with their latest tallies, newest first.
 * @example
 * const data = await requestIndexer(indexerUrl, AgendaQuery, { community: communityId });
 */
export const AgendaQuery = graphql(
  `
  query Agenda($community: String!) {
    topics(where: { community: $community }, orderBy: topic) { topic name }
    proposals(where: { community: $community }, orderBy: proposalId, orderDirection: desc, first: 1000) {
      ...ProposalSummary
    }
  }
`,
  [ProposalSummary],
);

/**
 * The open public proposals a member has not voted on themselves.
 * @example
 * const data = await requestIndexer(indexerUrl, NeedsVoteQuery, { member: memberId });
 */
export const NeedsVoteQuery = graphql(`
  query NeedsVote($member: ID!) {
    needsVote(member: $member) { id }
  }
`);

/**
 * Every ballot cast, changed or retracted (all proposals); the agenda re-reads tallies on each.
 * @example
 * useLiveSubscription(AllBallotsSubscription, {}, onBallot);
 */
export const AllBallotsSubscription = graphql(`
  subscription AllBallots {
    ballots { id proposal removed }
  }
`);

/**
 * Each new (or reorganised-away) proposal of the community.
 * @example
 * useLiveSubscription(NewProposalsSubscription, { community: communityId }, onProposal);
 */
export const NewProposalsSubscription = graphql(`
  subscription NewProposals($community: ID!) {
    proposals(community: $community) { id removed }
  }
`);
