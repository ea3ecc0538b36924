// Who carries a member on a proposal: the first delegate up their chain on its topic with a ballot
// of their own (the contracts' rule: a voter's mass goes to the nearest voting delegate above them).

/** What a ballot says, as the dashboard shows it. */
export interface BallotChoice {
  option: number | null;
  abstain: boolean;
  votes: readonly string[] | null;
}

/** The answer for one proposal. */
export type Carrier =
  | { kind: "none-delegated" }
  | { kind: "nobody-voted"; chain: readonly string[] }
  | { kind: "carried"; voter: string; via: readonly string[]; ballot: BallotChoice };

/**
 * Finds who carries the member: `chain` runs from the member (first) to their last delegate;
 * `ballots` maps voters' ids to their ballot on the proposal.
 * @example
 * carrierOf(["eip155:1:0xme", "eip155:1:0xa", "eip155:1:0xb"], new Map([["eip155:1:0xb", ballot]]))
 * // { kind: "carried", voter: "eip155:1:0xb", via: ["eip155:1:0xa"], ballot }
 */
export function carrierOf(
  chain: readonly string[],
  ballots: ReadonlyMap<string, BallotChoice>,
): Carrier {
  const delegates = chain.slice(1);
  if (delegates.length === 0) return { kind: "none-delegated" };
  for (const [i, voter] of delegates.entries()) {
    const ballot = ballots.get(voter);
    if (ballot) return { kind: "carried", voter, via: delegates.slice(0, i), ballot };
  }
  return { kind: "nobody-voted", chain: delegates };
}

/**
 * A ballot in words: the option's label, "Abstain", or a quadratic allocation.
 * @example
 * choiceText({ option: 1, abstain: false, votes: null }, ["Against", "For"]) // "For"
 * choiceText({ option: null, abstain: false, votes: ["2", "0", "1"] }, ["A", "B", "C"]) // "A 2, C 1"
 */
export function choiceText(ballot: BallotChoice, labels: readonly string[]): string {
  if (ballot.abstain) return "Abstain";
  if (ballot.votes) {
    const parts = ballot.votes
      .map((v, i) => ({ v, label: labels[i] ?? `Option ${i + 1}` }))
      .filter(({ v }) => v !== "0")
      .map(({ v, label }) => `${label} ${v}`);
    return parts.length > 0 ? parts.join(", ") : "Abstain";
  }
  if (ballot.option === null) return "—";
  return labels[ballot.option] ?? `Option ${ballot.option + 1}`;
}
