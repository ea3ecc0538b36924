// Time spans and moments for people.

/**
 * A span of seconds for people: `45s`, `12m`, `3h 20m`, `2d 3h`.
 * @example
 * formatSpan(3_725n) // "1h 2m"
 */
export function formatSpan(seconds: bigint): string {
  const s = seconds < 0n ? 0n : seconds;
  const days = s / 86_400n;
  const hours = (s % 86_400n) / 3_600n;
  const minutes = (s % 3_600n) / 60n;
  if (days > 0n) return hours > 0n ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0n) return minutes > 0n ? `${hours}h ${minutes}m` : `${hours}h`;
  if (minutes > 0n) return `${minutes}m`;
  return `${s}s`;
}

/**
 * "3d 4h left" while open, "ended 2h ago" after.
 * @example
 * timeLeft(1_000n, 1_000n + 3_600n) // "1h left"
 */
export function timeLeft(now: bigint, voteEnd: bigint): string {
  return now < voteEnd
    ? `${formatSpan(voteEnd - now)} left`
    : `ended ${formatSpan(now - voteEnd)} ago`;
}

/**
 * A chain timestamp as a local date and time (without the year when `withYear` is false).
 * @example
 * formatMoment(1_760_000_000n) // "9 Oct 2025, 08:53"
 */
export function formatMoment(seconds: bigint | string, withYear = true): string {
  return new Date(Number(seconds) * 1000).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
  });
}
