/** Basis points in 100%: a quorum of 2,000 is 20%. */
const BPS = 10_000n;

/**
 * What a tally means (SPEC.md, "Outcome"): the quorum, whether participation reaches it, the leading
 * option, and whether the proposal would succeed if voting ended with this tally.
 *
 * @example
 * ```ts
 * const result = { quorum: 4n, quorumReached: true, leading: 1, passing: true };
 * result.passing; // => true
 * ```
 */
export interface TallyOutcome {
  /** Participation needed: ⌈quorumBps · totalMass / 10,000⌉, as the contract's `quorum()`. */
  quorum: bigint;
  /** participation · 10,000 ≥ quorumBps · totalMass. */
  quorumReached: boolean;
  /** The option with the strictly largest non-zero tally, or `null` (a tie, or no votes for any option). */
  leading: number | null;
  /** Quorum reached and a strict winner; for an executable proposal, For (1) beats Against (0). */
  passing: boolean;
}

/**
 * The outcome of a tally of any mode, exactly as the contracts decide success at `voteEnd`: quorum
 * is met when `participation ≥ quorumBps / 10,000 · totalMass`; the winner is the option with the
 * strictly largest tally; a proposal with actions (`executable`) succeeds when For > Against.
 *
 * @example
 * ```ts
 * import { tallyOutcome } from "@plenum/sdk/engine";
 * const totals = { tallies: [3n, 5n], participation: 9n, totalMass: 40n };
 * const outcome = tallyOutcome(totals, { quorumBps: 2_500, executable: false });
 * outcome; // => { quorum: 10n, quorumReached: false, leading: 1, passing: false }
 * tallyOutcome(totals, { quorumBps: 2_000, executable: true }).passing; // => true
 * ```
 */
export function tallyOutcome(
  totals: { tallies: readonly bigint[]; participation: bigint; totalMass: bigint },
  settings: { quorumBps: number | bigint; executable: boolean },
): TallyOutcome {
  const { tallies, participation, totalMass } = totals;
  const quorumBps = BigInt(settings.quorumBps);
  const needed = quorumBps * totalMass;
  const quorum = (needed + BPS - 1n) / BPS;
  const quorumReached = participation * BPS >= needed;
  return { quorum, quorumReached, ...tallyWinner(tallies, quorumReached, settings.executable) };
}

/**
 * The second half of {@link tallyOutcome}, for callers that already know whether quorum is met (the
 * contract's `quorum(id)` gives it as a mass): the strictly leading option, and whether the proposal
 * passes: quorum and a strict winner, or for an executable proposal quorum and For (1) > Against (0).
 *
 * @example
 * ```ts
 * import { tallyWinner } from "@plenum/sdk/engine";
 * tallyWinner([4n, 4n, 1n], true, false); // => { leading: null, passing: false }
 * tallyWinner([2n, 5n], true, true); // => { leading: 1, passing: true }
 * ```
 */
export function tallyWinner(
  tallies: readonly bigint[],
  quorumReached: boolean,
  executable: boolean,
): { leading: number | null; passing: boolean } {
  let best = 0n;
  let leading: number | null = null;
  tallies.forEach((value, option) => {
    if (value > best) {
      best = value;
      leading = option;
    } else if (value === best) {
      leading = null;
    }
  });
  const passing = executable
    ? quorumReached && (tallies[1] ?? 0n) > (tallies[0] ?? 0n)
    : quorumReached && leading !== null;
  return { leading, passing };
}
