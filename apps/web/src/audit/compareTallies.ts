// The audit's comparison: the contract's tally, the browser's recount from the chain's logs and the
// indexer's tally, line by line.

/** One source's totals, as decimal strings or bigints. */
export interface Totals {
  tallies: readonly (bigint | string)[];
  abstain: bigint | string;
  participation: bigint | string;
  totalMass: bigint | string;
}

/** One line of the comparison. */
export interface ComparisonRow {
  /** "option 0" … , "abstain", "participation", "total mass". */
  key: string;
  /** The option index for a tally line. */
  option?: number;
  onChain: bigint;
  recount: bigint;
  indexer: bigint | undefined;
  matches: boolean;
}

/** The comparison and its verdict. */
export interface Comparison {
  rows: ComparisonRow[];
  /** Every source agrees on every line (a missing indexer tally is a mismatch). */
  match: boolean;
}

/**
 * Compares the three tallies line by line.
 * @example
 * compareTallies(onChain, recount, indexer).match // true when all three agree
 */
export function compareTallies(
  onChain: Totals,
  recount: Totals,
  indexer: Totals | undefined,
): Comparison {
  const line = (
    key: string,
    pick: (t: Totals) => bigint | string | undefined,
    option?: number,
  ): ComparisonRow => {
    const a = BigInt(pick(onChain) ?? 0);
    const b = BigInt(pick(recount) ?? 0);
    const raw = indexer ? pick(indexer) : undefined;
    const c = raw === undefined ? undefined : BigInt(raw);
    return {
      key,
      ...(option === undefined ? {} : { option }),
      onChain: a,
      recount: b,
      indexer: c,
      matches: a === b && c === a,
    };
  };
  const options = Math.max(onChain.tallies.length, recount.tallies.length);
  const rows = [
    ...Array.from({ length: options }, (_, i) => line(`option ${i}`, (t) => t.tallies[i], i)),
    line("abstain", (t) => t.abstain),
    line("participation", (t) => t.participation),
    line("total mass", (t) => t.totalMass),
  ];
  return { rows, match: rows.every((row) => row.matches) };
}
