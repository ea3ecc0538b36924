// Whether live updates are arriving, in words (the dot is decoration).
import type { LiveStatus } from "../live/useLiveSubscription.ts";

const TEXT: Record<LiveStatus, string> = {
  connecting: "Connecting to live updates…",
  live: "Live",
  reconnecting: "Live updates lost, reconnecting…",
};

/**
 * Shows the live-update status.
 * @example
 * <LiveIndicator status="live" />
 */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span className="live" data-status={status} role="status">
      {TEXT[status]}
    </span>
  );
}
