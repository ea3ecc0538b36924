// What the bill-by-bill page reads besides the agenda: the member's current public ballots.
import { graphql } from "../graphql/graphql.ts";

/**
 * The member's current ballots (which proposal, which option).
 * @example
 * const data = await requestIndexer(indexerUrl, MyBallotsQuery, { member: memberId });
 */
export const MyBallotsQuery = graphql(`
  query MyBallots($member: ID!) {
    member(id: $member) {
      ballots(first: 1000) { proposal { id } option abstain }
    }
  }
`);
