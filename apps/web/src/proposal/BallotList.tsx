// The current public ballots: who, what, with which weight, and whether they changed their mind.
import { caipAddress, shortAddress } from "../format/address.ts";
import type { ProposalView } from "../proposals/proposalView.ts";
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
 * <BallotList proposal={proposal} ballots={ballots} />
 */
export function BallotList({
  proposal,
  ballots,
}: {
  proposal: ProposalView;
  ballots: readonly BallotData[];
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
            <th scope="col">Weight</th>
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
              </td>
              <td className="num">{b.member ? b.member.weight : "not a member"}</td>
              <td className="num">{b.blockNumber}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
