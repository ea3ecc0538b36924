// Turnout against the quorum: a bar with the quorum marked, and the same in words.
import { formatBps, formatMass, percentOf } from "../format/mass.ts";
import type { Mode, RevisionData } from "../proposals/proposalView.ts";

/**
 * Shows participation, turnout and whether the quorum is met.
 * @example
 * <QuorumProgress revision={revision} mode="single" />
 */
export function QuorumProgress({
  revision,
  mode,
}: {
  revision: Pick<
    RevisionData,
    "participation" | "totalMass" | "quorum" | "quorumMet" | "turnoutBps"
  >;
  mode: Mode;
}) {
  const turnout = percentOf(revision.participation, revision.totalMass);
  const quorumAt = revision.quorum ? percentOf(revision.quorum, revision.totalMass) : undefined;
  return (
    <div className="progress">
      <span>
        Turnout <strong className="num">{formatBps(revision.turnoutBps)}</strong>{" "}
        <span className="muted num">
          ({formatMass(revision.participation, mode)} of {formatMass(revision.totalMass, mode)})
        </span>
        {revision.quorum !== null && (
          <>
            {" · "}quorum <span className="num">{formatMass(revision.quorum, mode)}</span>{" "}
            {revision.quorumMet ? (
              <span className="badge badge-ok">met</span>
            ) : (
              <span className="badge badge-warn">not met</span>
            )}
          </>
        )}
      </span>
      <span className="progress-track" aria-hidden="true">
        <span className="progress-fill" style={{ width: `${Math.min(100, turnout)}%` }} />
        {quorumAt !== undefined && (
          <span className="progress-mark" style={{ left: `${quorumAt}%` }} />
        )}
      </span>
    </div>
  );
}
