// The current public ballots: who, what, with which weight, the mass the voter carries at the
// latest tally revision (the indexer's run of the SDK's tally engine), and how the ballot changed.
import { caipAddress, shortAddress } from "../format/address.ts";
import { formatMass } from "../format/mass.ts";
import type { ProposalView } from "../proposals/proposalView.ts";
import type { BallotEventData, CarriedSummary } from "./useBallotDetails.ts";
import type { BallotData } from "./useProposal.ts";

/**
 * What a ballot chose, in words.
 * @example
 * ballotChoice({ option: 1, votes: null, abstain: false }, ["Against", "For"]) // "For"
 */
export function ballotChoice(
  ballot: Pick<BallotData, "option" | "votes" | "abstain">,
  labels: readonly string[],
): string {
  if (ballot.abstain) return "Abstain";
  if (ballot.votes) {
    return ballot.votes
      .map((v, i) => (v === "0" ? undefined : `${labels[i] ?? `Option ${i + 1}`} ${v}`))
      .filter(Boolean)
      .join(", ");
  }
  return ballot.option === null ? "–" : (labels[ballot.option] ?? `Option ${ballot.option + 1}`);
}

/**
 * The ballots table.
 * @example
 * <BallotList proposal={proposal} ballots={ballots} carried={carried} history={history} />
 */
export function BallotList({
  proposal,
  ballots,
  carried,
  history,
}: {
  proposal: ProposalView;
  ballots: readonly BallotData[];
  /** Per ballot id: what its voter carries at the latest revision. */
  carried?: ReadonlyMap<string, CarriedSummary> | undefined;
  /** Per ballot id: its casts, changes and retractions, oldest first. */
  history?: ReadonlyMap<string, readonly BallotEventData[]> | undefined;
}) {
  if (proposal.mode === "anonymous") {
    return (
      <p className="muted">Secret ballots: voters are not shown, only the count per option.</p>
    );
  }
  if (ballots.length === 0) return <p className="muted">No ballots yet.</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take keyboard focus (WCAG 2.1.1; axe scrollable-region-focusable).
    <section className="table-wrap" tabIndex={0} aria-label="Ballots (scrolls sideways)">
      <table>
        <caption className="visually-hidden">Current ballots, latest first</caption>
        <thead>
          <tr>
            <th scope="col">Voter</th>
            <th scope="col">Choice</th>
            <th scope="col">Own weight</th>
            <th scope="col">Carries</th>
            <th scope="col">Block</th>
          </tr>
        </thead>
        <tbody>
          {ballots.map((b) => (
            <tr key={b.id}>
              <td>
                <span className="hash nowrap" title={caipAddress(b.voter)}>
                  {shortAddress(caipAddress(b.voter))}
                </span>
              </td>
              <td>
                {ballotChoice(b, proposal.labels)}
                {b.kind === "changed" && <span className="badge">changed</span>}
                <BallotHistory events={history?.get(b.id)} labels={proposal.labels} />
              </td>
              <td className="num">{b.member ? b.member.weight : "not a member"}</td>
              <td className="num" data-testid={`carries-${caipAddress(b.voter)}`}>
                {carriedText(carried?.get(b.id), proposal)}
              </td>
              <td className="num">{b.blockNumber}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * What a voter carries, in words: the total (their own mass included) and for how many others.
 * @example
 * carriedText({ carried: "19", others: 2 }, proposal) // "19 (+2 members)"
 */
export function carriedText(c: CarriedSummary | undefined, proposal: Pick<ProposalView, "mode">) {
  if (!c) return "…";
  const total = formatMass(c.carried, proposal.mode);
  return c.others === 0
    ? total
    : `${total} (+${c.others} ${c.others === 1 ? "member" : "members"})`;
}

/** A changed ballot's history, folded. */
function BallotHistory({
  events,
  labels,
}: {
  events: readonly BallotEventData[] | undefined;
  labels: readonly string[];
}) {
  if (!events || events.length < 2) return null;
  return (
    <details className="ballot-history">
      <summary>History ({events.length})</summary>
      <ol>
        {events.map((e) => (
          <li key={e.id}>
            {e.kind} {e.kind === "retracted" ? "" : ballotChoice(e, labels)} · block {e.blockNumber}
          </li>
        ))}
      </ol>
    </details>
  );
}
