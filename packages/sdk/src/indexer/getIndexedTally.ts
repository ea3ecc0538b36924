import type { Address } from "viem";
import { IndexedProposalNotFoundError } from "./errors.ts";
import { graphqlEndpoint, type IndexerRequestOptions, queryIndexer } from "./request.ts";
import {
  type IndexedProposal,
  type IndexedTallyRevision,
  indexedProposalId,
  type ProposalJson,
  proposalFields,
  type RevisionJson,
  revisionFields,
  toIndexedProposal,
  toIndexedRevision,
} from "./tally.ts";

/** Parameters of {@link getIndexedTally}. */
export interface GetIndexedTallyParameters extends IndexerRequestOptions {
  chainId: number;
  /** The community (its proxy address). */
  community: Address;
  proposalId: bigint;
}

/** The proposal and its latest tally revision (null before the indexer computed one). */
export interface GetIndexedTallyReturnType {
  proposal: IndexedProposal;
  revision: IndexedTallyRevision | null;
}

/**
 * Reads a proposal and its latest tally revision from a Plenum indexer's GraphQL API, with the
 * option labels of its metadata.
 * @throws IndexedProposalNotFoundError when the indexer does not know the proposal; IndexerError
 * when it cannot be reached or refuses.
 * @example
 * import { getIndexedTally } from "@plenum/sdk";
 * const { proposal, revision } = await getIndexedTally({
 *   indexerUrl: "http://127.0.0.1:8548",
 *   chainId: 31337,
 *   community: "0x8EFa1819Ff5B279077368d44B593a4543280e402",
 *   proposalId: 1n,
 * });
 * console.log(proposal.labels, revision?.tally.tallies, revision?.blockNumber);
 */
export async function getIndexedTally(
  parameters: GetIndexedTallyParameters,
): Promise<GetIndexedTallyReturnType> {
  const id = indexedProposalId(parameters.chainId, parameters.community, parameters.proposalId);
  const data = await queryIndexer<{
    proposal: (ProposalJson & { tally: RevisionJson | null }) | null;
  }>(
    parameters,
    `query ($id: ID!) { proposal(id: $id) { ${proposalFields} tally { ${revisionFields} } } }`,
    { id },
  );
  if (!data.proposal) {
    throw new IndexedProposalNotFoundError(
      id,
      new URL(graphqlEndpoint(parameters.indexerUrl)).origin,
    );
  }
  return {
    proposal: toIndexedProposal(data.proposal),
    revision: data.proposal.tally ? toIndexedRevision(data.proposal.tally) : null,
  };
}
