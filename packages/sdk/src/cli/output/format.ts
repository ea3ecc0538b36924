/** JSON.stringify that writes bigints as decimal strings (they exceed 2^53). */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item) => (typeof item === "bigint" ? item.toString() : item),
    2,
  );
}

/**
 * Formats a mass for people: single-choice masses are weights; quadratic masses carry 9 decimals.
 * @example
 * formatMass(4_500_000_000n, "quadratic") // "4.5"
 */
export function formatMass(mass: bigint, mode: "single" | "quadratic"): string {
  if (mode === "single") return mass.toLocaleString("en-US");
  const whole = mass / 1_000_000_000n;
  const fraction = (mass % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return `${whole.toLocaleString("en-US")}${fraction ? `.${fraction.slice(0, 3)}` : ""}`;
}

/**
 * Renders a tally as horizontal bars, one line per option plus abstain and participation.
 * @example
 * renderTally({ tallies: [3n, 1n], abstain: 0n, participation: 4n, totalMass: 10n }, "single")
 */
export function renderTally(
  tally: { tallies: readonly bigint[]; abstain: bigint; participation: bigint; totalMass: bigint },
  mode: "single" | "quadratic",
  labels: readonly string[] = [],
  width = 30,
): string {
  // biome-ignore lint/complexity/useMathMinMax: Math.max does not accept bigints.
  const max = tally.tallies.reduce((a, b) => (b > a ? b : a), 0n);
  // Labels up to 24 characters are shown whole; longer ones are cut.
  const column = Math.min(24, Math.max(12, ...labels.map((label) => label.length)));
  const lines = tally.tallies.map((value, index) => {
    const filled = max === 0n ? 0 : Number((value * BigInt(width)) / max);
    const label = (labels[index] ?? `option ${index}`).padEnd(column).slice(0, column);
    return `${label} ${"█".repeat(filled).padEnd(width)} ${formatMass(value, mode)}`;
  });
  const share =
    tally.totalMass === 0n
      ? "0"
      : ((Number(tally.participation) / Number(tally.totalMass)) * 100).toFixed(1);
  lines.push(`${"abstain".padEnd(column)} ${"".padEnd(width)} ${formatMass(tally.abstain, mode)}`);
  lines.push(
    `participation ${formatMass(tally.participation, mode)} of ${formatMass(tally.totalMass, mode)} (${share}%)`,
  );
  return lines.join("\n");
}

/**
 * A span of seconds for people, to the second under an hour and to the minute above:
 * `45s`, `12m 5s`, `3h 20m`, `2d 3h`.
 * @example
 * formatDuration(3_725n) // "1h 2m"
 */
export function formatDuration(seconds: bigint | number): string {
  let s = BigInt(seconds);
  if (s < 0n) s = 0n;
  const days = s / 86_400n;
  const hours = (s % 86_400n) / 3_600n;
  const minutes = (s % 3_600n) / 60n;
  const rest = s % 60n;
  if (days > 0n) return hours > 0n ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0n) return minutes > 0n ? `${hours}h ${minutes}m` : `${hours}h`;
  if (minutes > 0n) return rest > 0n ? `${minutes}m ${rest}s` : `${minutes}m`;
  return `${rest}s`;
}

/**
 * One JSON document on one line (NDJSON), bigints as decimal strings.
 * @example
 * toJsonLine({ proposalId: 3n, state: "active" }) // '{"proposalId":"3","state":"active"}'
 */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item));
}
