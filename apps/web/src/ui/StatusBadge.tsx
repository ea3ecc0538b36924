// A proposal's status and mode as short badges, in words.
import type { Mode, ProposalStatus } from "../proposals/proposalView.ts";

const STATUS_TEXT: Record<ProposalStatus, string> = {
  open: "Open",
  closed: "Closed",
  canceled: "Canceled",
  queued: "Queued",
  executed: "Executed",
};

const MODE_TEXT: Record<Mode, string> = {
  single: "Single choice",
  quadratic: "Quadratic",
  anonymous: "Secret ballot",
};

/**
 * The status badge.
 * @example
 * <StatusBadge status="open" />
 */
export function StatusBadge({ status }: { status: ProposalStatus }) {
  return (
    <span className={`badge${status === "open" ? " badge-ok" : ""}`}>{STATUS_TEXT[status]}</span>
  );
}

/**
 * The mode's name for people.
 * @example
 * modeText("quadratic") // "Quadratic"
 */
export function modeText(mode: Mode): string {
  return MODE_TEXT[mode];
}
