// How the tally swung: each revision (a block that moved it) with the options' masses and turnout.
import { formatBps, formatMass } from "../format/mass.ts";
import { formatMoment } from "../format/time.ts";
import type { ProposalView, RevisionData } from "../proposals/proposalView.ts";

/**
 * The timeline of tally revisions as a table, newest first.
 * @example
 * <TallyTimeline proposal={proposal} revisions={revisions} />
 */
export function TallyTimeline({
  proposal,
  revisions,
}: {
  proposal: ProposalView;
  revisions: readonly RevisionData[];
}) {
  if (revisions.length === 0) return <p className="muted">No revisions yet.</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take keyboard focus (WCAG 2.1.1; axe scrollable-region-focusable).
    <section className="table-wrap" tabIndex={0} aria-label="Tally timeline (scrolls sideways)">
      <table>
        <caption className="visually-hidden">
          Tally after each block that changed it, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Block</th>
            <th scope="col">Time</th>
            {proposal.labels.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
            <th scope="col">Abstain</th>
            <th scope="col">Turnout</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.id}>
              <td className="num">{r.blockNumber}</td>
              <td className="nowrap">{formatMoment(r.blockTimestamp, false)}</td>
              {r.tallies.map((t, i) => (
                <td className="num" key={proposal.labels[i] ?? i}>
                  {formatMass(t, proposal.mode)}
                </td>
              ))}
              <td className="num">{formatMass(r.abstain, proposal.mode)}</td>
              <td className="num">{formatBps(r.turnoutBps)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
