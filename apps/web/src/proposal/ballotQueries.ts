// What the ballot list reads besides the ballots: the mass each voter carries at the latest tally
// revision (the SDK's tally engine, run by the indexer) and the ballots' change history.
import { graphql } from "../graphql/graphql.ts";

/**
 * Every voter who carries mass on a proposal at its latest tally revision, and for whom (one recount
 * at the indexer for all of them).
 * @example
 * const data = await requestIndexer(indexerUrl, CarriersQuery, { id });
 */
export const CarriersQuery = graphql(`
  query Carriers($id: ID!) {
    proposal(id: $id) {
      tally {
        blockNumber
        carriers { voter carried members { member } }
      }
    }
  }
`);

/**
 * Every cast, change and retraction of a proposal's public ballots, oldest first.
 * @example
 * const data = await requestIndexer(indexerUrl, BallotHistoryQuery, { proposal: id });
 */
export const BallotHistoryQuery = graphql(`
  query BallotHistory($proposal: String!) {
    ballotEvents(where: { proposal: $proposal }, orderBy: blockNumber, first: 1000) {
      id
      ballot
      kind
      option
      votes
      abstain
      blockNumber
    }
  }
`);
