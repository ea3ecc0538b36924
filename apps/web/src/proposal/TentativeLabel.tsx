// How final a tally is: "as of block N, final" once voting is over and the block can no longer be
// reorganised, otherwise "may still change until <deadline>".
import { formatMoment } from "../format/time.ts";

/**
 * The tally's standing in words.
 * @example
 * <TentativeLabel block="42" finalized={false} voteEnd={1_760_000_000n} now={1_759_990_000n} />
 */
export function TentativeLabel({
  block,
  finalized,
  voteEnd,
  now,
}: {
  block: string;
  finalized: boolean;
  voteEnd: bigint;
  now: bigint | undefined;
}) {
  const over = now !== undefined && now >= voteEnd;
  return (
    <p className="muted" data-testid="tentative">
      As of block <span className="num">{block}</span>,{" "}
      {over && finalized ? (
        <strong>final</strong>
      ) : over ? (
        <>voting is over; final once block {block} can no longer be reorganised</>
      ) : (
        <>
          <strong>tentative</strong>: may still change until {formatMoment(voteEnd)}
        </>
      )}
      .
    </p>
  );
}
