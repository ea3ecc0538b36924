// The GraphQL selections shared by the agenda and the proposal page.
import { graphql } from "../graphql/graphql.ts";

/**
 * A tally revision as the pages show it.
 * @example
 * const revision = readFragment(RevisionFields, data.proposal.tally);
 */
export const RevisionFields = graphql(`
  fragment RevisionFields on TallyRevision {
    id
    blockNumber
    blockTimestamp
    finalized
    tallies
    abstain
    participation
    totalMass
    quorum
    quorumBps
    quorumMet
    turnoutBps
    leader
    tie
    passing
    ballots
  }
`);

/**
 * A proposal's summary: what an agenda row shows.
 * @example
 * const proposal = readFragment(ProposalSummary, data.proposals[0]);
 */
export const ProposalSummary = graphql(
  `
  fragment ProposalSummary on Proposal {
    id
    proposalId
    mode
    topic
    topicEntity { name }
    title
    description
    options
    metadataUri
    metadataHash
    metadataStatus
    optionCount
    snapshot
    voteEnd
    executable
    lifecycle
    blockTimestamp
    tally { ...RevisionFields }
  }
`,
  [RevisionFields],
);
