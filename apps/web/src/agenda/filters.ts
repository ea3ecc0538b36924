// The agenda's filters and the test each proposal must pass.
import type { Mode, ProposalStatus, ProposalView } from "../proposals/proposalView.ts";

/** What the agenda shows. */
export interface AgendaFilters {
  status: "all" | "open" | "closed";
  /** A topic number, or all. */
  topic: "all" | number;
  mode: "all" | Mode;
  /** Only proposals on which the connected member has no ballot of their own. */
  needsMyVote: boolean;
}

/** The agenda's filters at first: open proposals of every topic and mode. */
export const DEFAULT_FILTERS: AgendaFilters = {
  status: "all",
  topic: "all",
  mode: "all",
  needsMyVote: false,
};

/**
 * Whether a proposal passes the filters; `needsVote` holds the ids of proposals awaiting the member's vote.
 * @example
 * matchesFilters(proposal, "open", { ...DEFAULT_FILTERS, mode: "quadratic" }, new Set())
 */
export function matchesFilters(
  proposal: Pick<ProposalView, "id" | "topic" | "mode">,
  status: ProposalStatus,
  filters: AgendaFilters,
  needsVote: ReadonlySet<string> | undefined,
): boolean {
  if (filters.status === "open" && status !== "open") return false;
  if (filters.status === "closed" && status === "open") return false;
  if (filters.topic !== "all" && proposal.topic !== filters.topic) return false;
  if (filters.mode !== "all" && proposal.mode !== filters.mode) return false;
  if (filters.needsMyVote && !needsVote?.has(proposal.id)) return false;
  return true;
}
