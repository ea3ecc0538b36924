// "Why this tally": where a member's mass goes in a proposal's latest tally, and whom a voter carries,
// as the indexer computes them with the SDK's tally engine.
import { graphql } from "../graphql/graphql.ts";

/**
 * A member's explanation and, if they voted, the members they carry, at the latest revision.
 * @example
 * const data = await requestIndexer(indexerUrl, ExplainQuery, { id, member: address });
 */
export const ExplainQuery = graphql(`
  query Explain($id: ID!, $member: String!) {
    proposal(id: $id) {
      tally {
        blockNumber
        explain(member: $member) { member kind carrier path reason mass }
        carried(voter: $member) { voter carried members { member mass } }
      }
    }
  }
`);
