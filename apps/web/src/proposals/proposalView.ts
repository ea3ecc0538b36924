// A proposal as the pages present it: labels, title, description and mode from the indexer's record
// (the indexer fetches the metadata document and checks it against its hash), and its state against
// the chain's clock.
import type { ResultOf } from "../graphql/graphql.ts";
import type { ProposalSummary, RevisionFields } from "./fragments.ts";

/** A tally revision as GraphQL returns it. */
export type RevisionData = ResultOf<typeof RevisionFields>;

/** The voting modes. */
export type Mode = "single" | "quadratic" | "anonymous";

/** Where a proposal stands, for people. */
export type ProposalStatus = "open" | "closed" | "canceled" | "queued" | "executed";

/** A proposal ready to show. */
export interface ProposalView {
  id: string;
  proposalId: bigint;
  title: string;
  /** The metadata document's description, when it has one (untrusted text: shown as plain text). */
  description: string | undefined;
  mode: Mode;
  topic: number;
  topicName: string;
  labels: readonly string[];
  snapshot: bigint;
  voteEnd: bigint;
  executable: boolean;
  lifecycle: string | null;
}

/** The summary fields {@link toProposalView} reads (the fragment's data, unmasked). */
export interface ProposalSummaryData {
  id: string;
  proposalId: string;
  mode: string;
  topic: number;
  topicEntity: { name: string } | null;
  title: string | null;
  description: string | null;
  options: readonly string[] | null;
  metadataUri: string;
  metadataHash: `0x${string}`;
  optionCount: number;
  snapshot: string;
  voteEnd: string;
  executable: boolean;
  lifecycle: string | null;
}

/**
 * Shapes a proposal for display: its option labels (from the checked metadata document when it names
 * every option, "Against"/"For" for an executable one, else "Option 1…n") and a title.
 * @example
 * const view = toProposalView(readFragment(ProposalSummary, data.proposal));
 * view.labels // ["Against", "For"]
 */
export function toProposalView(data: ProposalSummaryData): ProposalView {
  const labels =
    (data.options?.length === data.optionCount ? data.options : undefined) ??
    (data.executable
      ? ["Against", "For"]
      : Array.from({ length: data.optionCount }, (_, i) => `Option ${i + 1}`));
  return {
    id: data.id,
    proposalId: BigInt(data.proposalId),
    title: data.title ?? `Proposal ${data.proposalId}`,
    description: data.description ?? undefined,
    mode: data.mode as Mode,
    topic: data.topic,
    topicName: data.topicEntity?.name ?? `Topic ${data.topic}`,
    labels,
    snapshot: BigInt(data.snapshot),
    voteEnd: BigInt(data.voteEnd),
    executable: data.executable,
    lifecycle: data.lifecycle,
  };
}

/**
 * Where a proposal stands at chain time `now` (Unix seconds).
 * @example
 * proposalStatus({ lifecycle: null, voteEnd: 100n }, 50n) // "open"
 */
export function proposalStatus(
  proposal: Pick<ProposalView, "lifecycle" | "voteEnd">,
  now: bigint,
): ProposalStatus {
  if (
    proposal.lifecycle === "canceled" ||
    proposal.lifecycle === "queued" ||
    proposal.lifecycle === "executed"
  ) {
    return proposal.lifecycle;
  }
  return now < proposal.voteEnd ? "open" : "closed";
}

/** The summary fragment's type, re-exported for readers of this module. */
export type { ProposalSummary };
