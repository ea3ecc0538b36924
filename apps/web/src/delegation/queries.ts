// What the delegation page reads: the member's delegates and delegators per topic, the topics, and
// the community's current delegations (for the trees below the member).
import { graphql } from "../graphql/graphql.ts";

/**
 * A member's delegations both ways, the community's topics and its current delegations.
 * @example
 * const data = await requestIndexer(indexerUrl, DelegationsQuery, { member: memberId, community: communityId });
 */
export const DelegationsQuery = graphql(`
  query Delegations($member: ID!, $community: String!) {
    member(id: $member) {
      weight
      delegations(first: 100) { topic delegate }
      delegators(first: 1000) { topic delegator }
    }
    topics(where: { community: $community }, orderBy: topic) { topic name }
    delegations(where: { community: $community }, first: 1000) {
      topic
      delegator
      delegate
      delegatorMember { weight }
      delegateMember { weight }
    }
  }
`);
