// Backfill progress: a JSON `backfill` log line every 2 s, and on a terminal a one-line bar with the
// estimated time left on stderr (stdout stays JSON lines only).

/**
 * Seconds left at the rate seen so far, or undefined before there is a rate.
 *
 * @example
 * ```ts
 * etaSeconds({ fromBlock: 0n, startedMs: 0 }, 500n, 1_000n, 10_000); // => 10
 * ```
 */
export function etaSeconds(
  start: { fromBlock: bigint; startedMs: number },
  block: bigint,
  head: bigint,
  nowMs: number,
): number | undefined {
  const done = Number(block - start.fromBlock);
  const elapsed = (nowMs - start.startedMs) / 1000;
  if (done <= 0 || elapsed <= 0) return undefined;
  return Math.max(0, Math.round((Number(head - block) / done) * elapsed));
}

/**
 * The terminal bar: `backfill [#####-----]  52%  block 5200/10000  1234 events  ETA 1m05s`.
 *
 * @example
 * ```ts
 * progressBar(500n, 1_000n, 10, 65); // => "backfill [##########----------]  50%  block 500/1000  10 events  ETA 1m05s"
 * ```
 */
export function progressBar(
  block: bigint,
  head: bigint,
  events: number,
  eta: number | undefined,
): string {
  const ratio = head > 0n ? Math.min(1, Number(block) / Number(head)) : 1;
  const filled = Math.round(ratio * 20);
  const left =
    eta === undefined ? "" : `  ETA ${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, "0")}s`;
  return `backfill [${"#".repeat(filled)}${"-".repeat(20 - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%  block ${block}/${head}  ${events} events${left}`;
}
