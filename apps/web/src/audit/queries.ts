// What the audit reads from the indexer: where the community's logs start, and the proposal's tally
// as the indexer had it at a block.
import { graphql } from "../graphql/graphql.ts";

/**
 * The community's creation block: the recount scans the chain's logs from there.
 * @example
 * const data = await requestIndexer(indexerUrl, CommunityStartQuery, { address: community });
 */
export const CommunityStartQuery = graphql(`
  query CommunityStart($address: Bytes!) {
    communities(where: { address: $address }, first: 1) { blockNumber }
  }
`);

/**
 * The proposal's last tally revision at or before a block.
 * @example
 * const data = await requestIndexer(indexerUrl, IndexerTallyQuery, { proposal: id, block: "42" });
 */
export const IndexerTallyQuery = graphql(`
  query IndexerTally($proposal: String!, $block: BigInt!) {
    tallyRevisions(
      where: { proposal: $proposal, blockNumber_lte: $block }
      orderBy: blockNumber
      orderDirection: desc
      first: 1
    ) {
      blockNumber
      tallies
      abstain
      participation
      totalMass
    }
  }
`);
