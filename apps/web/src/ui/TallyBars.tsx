// A tally as an accessible bar chart: one row per option (and abstain), each with its label, a bar
// drawn to scale and its value as text; the leading option is named in words, not by colour alone.
import { formatMass } from "../format/mass.ts";
import type { Mode } from "../proposals/proposalView.ts";

/** What {@link TallyBars} draws. */
export interface TallyBarsProps {
  labels: readonly string[];
  tallies: readonly (bigint | string)[];
  abstain: bigint | string;
  mode: Mode;
  /** The strictly leading option, if any. */
  leader: number | null;
  /** The chart's accessible name. */
  caption: string;
}

/**
 * Draws a tally.
 * @example
 * <TallyBars caption="Tally" labels={["Against", "For"]} tallies={["10", "77"]} abstain="0" mode="single" leader={1} />
 */
export function TallyBars({ labels, tallies, abstain, mode, leader, caption }: TallyBarsProps) {
  const values = tallies.map((t) => BigInt(t));
  const abstained = BigInt(abstain);
  const max = [...values, abstained].reduce((a, b) => (b > a ? b : a), 0n);
  const rows = [
    ...values.map((value, index) => ({
      key: `o${index}`,
      label: labels[index] ?? `Option ${index + 1}`,
      value,
      leading: leader === index,
      abstain: false,
    })),
    { key: "abstain", label: "Abstain", value: abstained, leading: false, abstain: true },
  ];
  return (
    <figure className="tally" aria-label={caption}>
      <figcaption className="visually-hidden">{caption}</figcaption>
      {rows.map((row) => {
        const width = max === 0n ? 0 : Number((row.value * 1000n) / max) / 10;
        return (
          <div
            key={row.key}
            className={`tally-row${row.leading ? " leading" : ""}${row.abstain ? " abstain" : ""}`}
          >
            <span className="tally-label">
              {row.label}
              {row.leading && <span className="visually-hidden"> (leading)</span>}
            </span>
            <span className="tally-track" aria-hidden="true">
              <span className="tally-fill" style={{ width: `${width}%` }} />
            </span>
            <span className="num" data-testid={`tally-${row.key}`}>
              {formatMass(row.value, mode)}
              {row.leading && (
                <span aria-hidden="true" title="leading">
                  {" "}
                  ▲
                </span>
              )}
            </span>
          </div>
        );
      })}
    </figure>
  );
}
