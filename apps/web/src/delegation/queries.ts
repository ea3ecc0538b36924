// What the delegation page reads: the member's delegates and delegators per topic, and the topics.
import { graphql } from "../graphql/graphql.ts";

/**
 * A member's delegations both ways, and the community's topics.
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
  }
`);
