import type { Address, Hex } from "viem";
import type { GetTallyReturnType } from "../actions/getTally.ts";

/**
 * A tally revision as the indexer serves it: the tally after one block that moved it, with what it
 * means (the same fields as `getTally`, read from the indexer instead of the contract).
 * @example
 * const { tally, blockNumber, finalized } = revision;
 */
export interface IndexedTallyRevision {
  /** The block the revision reflects. */
  blockNumber: bigint;
  blockTimestamp: bigint;
  /** Whether that block is final (it can no longer be reorganised). */
  finalized: boolean;
  tally: GetTallyReturnType;
}

/**
 * A proposal as the indexer knows it, with the option labels of its metadata document.
 * @example
 * const { title, labels } = proposal; // "Bill 1: …", ["Against", "For"]
 */
export interface IndexedProposal {
  /** The GraphQL id, `eip155:<chain>:<community>-<proposal>`. */
  id: string;
  proposalId: bigint;
  mode: "single" | "quadratic" | "anonymous";
  executable: boolean;
  optionCount: number;
  /** End of voting (Unix seconds, chain time). */
  voteEnd: bigint;
  /** From the metadata document once the indexer fetched and hash-checked it; else undefined. */
  title: string | undefined;
  /** Likewise, when the document has one. */
  description: string | undefined;
  /**
   * The document's option labels when it names every option, else `["Against", "For"]` for an
   * executable proposal, else `[]`.
   */
  labels: readonly string[];
  /** `queued`, `executed` or `canceled`, else null. */
  lifecycle: string | null;
}

/**
 * The GraphQL id of a proposal: `eip155:<chainId>:<community in lower case>-<proposalId>`.
 * @example
 * indexedProposalId(31337, "0x8EFa1819Ff5B279077368d44B593a4543280e402", 1n)
 * // "eip155:31337:0x8efa1819ff5b279077368d44b593a4543280e402-1"
 */
export function indexedProposalId(chainId: number, community: Address, proposalId: bigint): string {
  return `eip155:${chainId}:${community.toLowerCase()}-${proposalId}`;
}

/** The revision fields every query and subscription here selects. */
export const revisionFields =
  "blockNumber blockTimestamp finalized tallies abstain participation totalMass quorum quorumMet leader passing";

/** The proposal fields {@link toIndexedProposal} reads. */
export const proposalFields =
  "id proposalId mode executable optionCount voteEnd title description options metadataUri metadataHash metadataStatus lifecycle";

/** A revision as GraphQL returns it (BigInt scalars as decimal strings). */
export interface RevisionJson {
  blockNumber: string;
  blockTimestamp: string;
  finalized: boolean;
  tallies: string[];
  abstain: string;
  participation: string;
  totalMass: string;
  quorum: string | null;
  quorumMet: boolean | null;
  leader: number | null;
  passing: boolean | null;
}

/**
 * Converts a revision from its GraphQL form.
 * @example
 * const revision = toIndexedRevision(data.proposal.tally);
 */
export function toIndexedRevision(json: RevisionJson): IndexedTallyRevision {
  return {
    blockNumber: BigInt(json.blockNumber),
    blockTimestamp: BigInt(json.blockTimestamp),
    finalized: json.finalized,
    tally: {
      tallies: json.tallies.map(BigInt),
      abstain: BigInt(json.abstain),
      participation: BigInt(json.participation),
      totalMass: BigInt(json.totalMass),
      quorum: BigInt(json.quorum ?? 0),
      quorumReached: json.quorumMet ?? false,
      leading: json.leader,
      passing: json.passing ?? false,
    },
  };
}

/** A proposal as GraphQL returns it. */
export interface ProposalJson {
  id: string;
  proposalId: string;
  mode: string;
  executable: boolean;
  optionCount: number;
  voteEnd: string;
  title: string | null;
  description: string | null;
  options: string[] | null;
  metadataUri: string;
  metadataHash: Hex;
  metadataStatus: string | null;
  lifecycle: string | null;
}

/**
 * Converts a proposal from its GraphQL form, with the option labels of its metadata document (which
 * the indexer fetched from wherever it lives and checked against `metadataHash`).
 * @example
 * const proposal = toIndexedProposal(data.proposal);
 */
export function toIndexedProposal(json: ProposalJson): IndexedProposal {
  const labels = json.options?.length === json.optionCount ? json.options : undefined;
  return {
    id: json.id,
    proposalId: BigInt(json.proposalId),
    mode: json.mode as IndexedProposal["mode"],
    executable: json.executable,
    optionCount: json.optionCount,
    voteEnd: BigInt(json.voteEnd),
    title: json.title ?? undefined,
    description: json.description ?? undefined,
    labels: labels ?? (json.executable ? ["Against", "For"] : []),
    lifecycle: json.lifecycle,
  };
}
