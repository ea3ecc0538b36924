import type { GetTallyReturnType } from "../../actions/getTally.ts";
import type { ProposalStateName, VoteModeName } from "../../actions/internal/format.ts";
import { formatDuration, formatMass, renderTally } from "./format.ts";

/** Where a proposal stands at one block: what `plenum tally` shows. */
export interface ProposalStatus {
  proposalId: bigint;
  mode: VoteModeName;
  executable: boolean;
  /** Last second (chain time) at which ballots are accepted. */
  deadline: bigint;
  /** The contract's `state()` at `block`. */
  state: ProposalStateName;
  tally: GetTallyReturnType;
  /** The block the state was read at, with its timestamp (the chain's clock). */
  block: { number: bigint; timestamp: bigint };
  /** When a queued proposal may be executed (chain time), from its `ProposalQueued` event. */
  eta?: bigint | undefined;
  /** Option labels (from the proposal's metadata); by default Against/For for executable ones. */
  labels?: readonly string[] | undefined;
  /** The tally came from an indexer: the block of its revision, and whether that block is final. */
  indexed?: { block: bigint; final: boolean } | undefined;
}

const TERMINAL_EXECUTABLE: readonly ProposalStateName[] = [
  "defeated",
  "expired",
  "executed",
  "canceled",
];

/**
 * Whether nothing more can happen to a proposal: a poll once voting is over (or it was canceled);
 * an executable proposal once it is defeated, expired, executed or canceled.
 * @example
 * isFinal("succeeded", false) // true: a poll's result stands
 * isFinal("succeeded", true)  // false: it can still be queued and executed
 */
export function isFinal(state: ProposalStateName, executable: boolean): boolean {
  if (executable) return TERMINAL_EXECUTABLE.includes(state);
  return state !== "active" && state !== "pending";
}

/** The voting's result once voting is over: the state it closed in (a canceled proposal has none). */
function votingResult(status: ProposalStatus): "succeeded" | "defeated" | undefined {
  switch (status.state) {
    case "succeeded":
    case "queued":
    case "executed":
    case "expired":
      return "succeeded";
    case "defeated":
      return "defeated";
    default:
      return undefined;
  }
}

/** The options with the largest tally when several share it (a tie), else `[]`. */
function tiedOptions(tallies: readonly bigint[]): number[] {
  // biome-ignore lint/complexity/useMathMinMax: Math.max does not accept bigints.
  const best = tallies.reduce((a, b) => (b > a ? b : a), 0n);
  if (best === 0n) return [];
  const tied = tallies.flatMap((value, option) => (value === best ? [option] : []));
  return tied.length > 1 ? tied : [];
}

const capitalized = (state: string) => `${state[0]?.toUpperCase() ?? ""}${state.slice(1)}`;
const isoTime = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/**
 * The status as one JSON-ready object: the tally's fields, the state, whether it is final, the
 * chain time and, once voting is over, the result (`winner`: the passing option, `tie`: the tied
 * options).
 * @example
 * statusJson(status) // { proposalId: 3n, state: "succeeded", final: true, result: { state: "succeeded", winner: 1, … }, … }
 */
export function statusJson(status: ProposalStatus) {
  const { tally } = status;
  const result = votingResult(status);
  return {
    proposalId: status.proposalId,
    mode: status.mode,
    executable: status.executable,
    state: status.state,
    final: isFinal(status.state, status.executable),
    block: status.block.number,
    timestamp: status.block.timestamp,
    deadline: status.deadline,
    secondsLeft:
      status.state === "active" && status.deadline > status.block.timestamp
        ? status.deadline - status.block.timestamp
        : 0n,
    ...tally,
    ...(result
      ? {
          result: {
            state: result,
            winner: tally.passing ? tally.leading : null,
            tie: tiedOptions(tally.tallies),
            quorumReached: tally.quorumReached,
          },
        }
      : {}),
    ...(status.eta === undefined ? {} : { eta: status.eta }),
    ...(status.labels && status.labels.length > 0 ? { labels: status.labels } : {}),
    ...(status.indexed ? { indexed: status.indexed } : {}),
  };
}

/**
 * The status for people: a header with the state and the time left (chain time), the tally bars,
 * then what the numbers mean now, or once voting is over the result, what comes next for an
 * executable proposal, and a plain "final" line when nothing more can happen.
 * @example
 * console.log(renderStatus(status))
 */
export function renderStatus(status: ProposalStatus): string {
  const { proposalId, tally, state, executable } = status;
  const massMode = status.mode === "quadratic" ? "quadratic" : "single";
  const labels =
    status.labels && status.labels.length > 0
      ? status.labels
      : executable
        ? ["Against", "For"]
        : [];
  const label = (option: number) => labels[option] ?? `option ${option}`;
  const mass = (value: bigint) => formatMass(value, massMode);
  const now = status.block.timestamp;

  const when =
    state === "active"
      ? `closes ${isoTime(status.deadline)} (chain time; ${formatDuration(
          status.deadline > now ? status.deadline - now : 0n,
        )} left)`
      : state === "canceled"
        ? "withdrawn by its proposer"
        : `voting closed ${isoTime(status.deadline)} (chain time)`;
  const lines = [
    `proposal ${proposalId} · ${status.mode}${executable ? " · executable" : ""} · ${capitalized(state)} · ${when}`,
    renderTally(tally, massMode, labels),
  ];
  if (status.indexed) {
    lines.push(
      `as of block ${status.indexed.block} (${status.indexed.final ? "final" : "may change"}; from the indexer)`,
    );
  }
  const quorum = `quorum ${mass(tally.quorum)}`;
  const anonymous =
    status.mode === "anonymous" ? ` · one vote per identity (${tally.totalMass} in the group)` : "";

  if (state === "active") {
    lines.push(
      `${quorum} ${tally.quorumReached ? "reached" : "not reached"} · ${
        tally.passing ? `passing (${label(tally.leading ?? 0)})` : "not passing"
      } so far${anonymous}`,
    );
    return lines.join("\n");
  }

  const result = votingResult(status);
  if (result) {
    const tie = tiedOptions(tally.tallies);
    const winner =
      tally.passing && tally.leading !== null
        ? `winner ${label(tally.leading)}`
        : tie.length > 0
          ? `tie between ${tie.map(label).join(" and ")}, no winner`
          : tally.leading !== null
            ? `no winner (${label(tally.leading)} has the most votes)`
            : "no winner (no votes for any option)";
    lines.push(
      `result: ${capitalized(result)} · ${winner} · ${quorum} ${
        tally.quorumReached ? "met" : "not met"
      } (participation ${mass(tally.participation)} of ${mass(tally.totalMass)})${anonymous}`,
    );
  }

  if (executable) {
    if (state === "succeeded") {
      lines.push(`next: queue it in the timelock (plenum queue ${proposalId})`);
    } else if (state === "queued") {
      const eta = status.eta;
      lines.push(
        eta === undefined
          ? `queued in the timelock; next: plenum execute ${proposalId} once its delay is over`
          : eta > now
            ? `queued in the timelock: executable from ${isoTime(eta)} (chain time; in ${formatDuration(eta - now)})`
            : `queued in the timelock: executable now (plenum execute ${proposalId})`,
      );
    } else if (state === "executed") {
      lines.push("executed: the timelock ran its actions");
    }
  }

  if (isFinal(state, executable)) {
    const why =
      state === "canceled"
        ? "it was canceled"
        : state === "executed"
          ? "it was executed"
          : state === "expired"
            ? "it expired"
            : executable
              ? "it was defeated"
              : "voting is over and the result stands";
    lines.push(`final: ${why}; nothing more can happen to proposal ${proposalId}.`);
  }
  return lines.join("\n");
}
