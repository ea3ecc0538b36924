// Masses and shares for people: single-choice masses are weights (whole numbers), quadratic ones
// carry the SDK's fixed-point scale (√weight × 10^9) and are shown as decimals.
import { QUADRATIC_SCALE } from "@plenum/sdk";
import type { Mode } from "../proposals/proposalView.ts";

/**
 * A mass as text: `"77"` for a single-choice or anonymous proposal, `"14.89"` for a quadratic one.
 * @example
 * formatMass(14_890_000_000n, "quadratic") // "14.89"
 * formatMass(77n, "single") // "77"
 */
export function formatMass(mass: bigint | string, mode: Mode, decimals = 2): string {
  const value = BigInt(mass);
  if (mode !== "quadratic") return value.toLocaleString("en-US");
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(decimals);
  // Rounded half up to `decimals` places.
  const scaled = (abs * unit * 2n + QUADRATIC_SCALE) / (QUADRATIC_SCALE * 2n);
  const whole = scaled / unit;
  const fraction = (scaled % unit).toString().padStart(decimals, "0");
  return `${negative ? "-" : ""}${whole.toLocaleString("en-US")}${decimals > 0 ? `.${fraction}` : ""}`;
}

/**
 * The unit a mass is counted in, for labels: weight units, or quadratic voice mass.
 * @example
 * massUnit("single") // "weight"
 */
export function massUnit(mode: Mode): string {
  if (mode === "quadratic") return "quadratic mass";
  if (mode === "anonymous") return "identities";
  return "weight";
}

/**
 * A share in basis points as a percentage: `5684` → `"56.8%"`.
 * @example
 * formatBps(5684) // "56.8%"
 */
export function formatBps(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return "–";
  const text = (bps / 100).toFixed(1).replace(/\.0$/, "");
  return `${text}%`;
}

/**
 * `part` as a percentage of `whole` for a bar's width (0 when `whole` is 0).
 * @example
 * percentOf(1n, 4n) // 25
 */
export function percentOf(part: bigint | string, whole: bigint | string): number {
  const w = BigInt(whole);
  if (w === 0n) return 0;
  return Number((BigInt(part) * 10_000n) / w) / 100;
}
