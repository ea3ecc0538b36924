// What the proposal page reads from the indexer, and the subscriptions that keep it live.
import { graphql } from "../graphql/graphql.ts";
import { ProposalSummary, RevisionFields } from "../proposals/fragments.ts";

/**
 * One proposal with its tally timeline and current ballots.
 * @example
 * const data = await requestIndexer(indexerUrl, ProposalQuery, { id });
 */
export const ProposalQuery = graphql(
  `
  query Proposal($id: ID!) {
    proposal(id: $id) {
      ...ProposalSummary
      proposer
      blockNumber
      transactionHash
      groupIdentities
      tallyRevisions(orderBy: blockNumber, orderDirection: desc, first: 100) { ...RevisionFields }
      ballots(orderBy: blockNumber, orderDirection: desc, first: 1000) {
        id
        voter
        option
        votes
        abstain
        kind
        blockNumber
        transactionHash
        member { weight }
      }
    }
  }
`,
  [ProposalSummary, RevisionFields],
);

/**
 * Each new tally revision of one proposal (after a reorg, the corrected one flagged `replacing`).
 * @example
 * useLiveSubscription(TallySubscription, { proposal: id }, onRevision);
 */
export const TallySubscription = graphql(`
  subscription Tally($proposal: ID!) {
    tallyRevisions(proposal: $proposal) { replacing revision { blockNumber } }
  }
`);

/**
 * The proposal's tally revision of one block, if the indexer has it.
 * @example
 * const data = await requestIndexer(indexerUrl, RevisionAtQuery, { proposal: id, block: "42" });
 */
export const RevisionAtQuery = graphql(`
  query RevisionAt($proposal: String!, $block: BigInt!) {
    tallyRevisions(where: { proposal: $proposal, blockNumber: $block }, first: 1) {
      blockNumber
    }
  }
`);
