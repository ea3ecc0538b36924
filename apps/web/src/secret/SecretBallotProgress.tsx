// Where a secret ballot stands while it is checked, its circuit files fetched, proved in the
// background and relayed; then its receipt.
import { useEffect, useState } from "react";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { explorerTxUrl } from "../config/appConfig.ts";
import type { ProposalView } from "../proposals/proposalView.ts";
import type { SecretBallotState } from "./useSecretBallot.ts";

const MB = 1024 * 1024;
const megabytes = (bytes: number) => (bytes / MB).toFixed(1);

/**
 * The progress of a secret ballot and its receipt.
 * @example
 * <SecretBallotProgress state={state} proposal={proposal} />
 */
export function SecretBallotProgress({
  state,
  proposal,
}: {
  state: SecretBallotState;
  proposal: ProposalView;
}) {
  const config = useAppConfig();
  const now = useTicker(state.phase === "proving");
  if (state.phase === "idle") return null;
  const choice = (option: unknown) =>
    option === "abstain"
      ? "Abstain"
      : option === "retract"
        ? "retraction"
        : (proposal.labels[Number(option)] ?? `option ${String(option)}`);
  let line: React.ReactNode;
  switch (state.phase) {
    case "checking":
      line = <p>Checking the proposal and your last ballot, rebuilding its group…</p>;
      break;
    case "downloading":
      line = (
        <>
          <p>
            Fetching the circuit files for depth {state.depth}: {megabytes(state.received)}
            {state.total ? ` of ${megabytes(state.total)}` : ""} MB…
          </p>
          <progress
            aria-label="Circuit files fetched"
            max={state.total ?? undefined}
            value={state.total ? state.received : undefined}
          />
        </>
      );
      break;
    case "proving":
      line = (
        <>
          <p>
            Proving in the background (depth {state.depth}):{" "}
            <span className="num">{((now - state.since) / 1000).toFixed(0)}</span> s… You can keep
            using the page.
          </p>
          <progress aria-label="Proving" />
        </>
      );
      break;
    case "relaying":
      line = <p>Proof made; the relayer is sending it…</p>;
      break;
    case "indexing":
      line = <p>Included in block {String(state.block)}; waiting for the indexer's tally…</p>;
      break;
    case "failed":
      line = <p className="error-text">Not counted: {state.message}</p>;
      break;
    case "done":
      line = (
        <p>
          <strong>{state.option === "retract" ? "Retracted" : "Counted"}</strong>
          {state.option === "retract"
            ? ": your secret ballot no longer counts"
            : `: your secret ballot for ${choice(state.option)} (ballot ${state.sequence} of this identity)`}
          , {state.indexed ? "in the tally from block" : "from block"}{" "}
          <span className="num">{String(state.block)}</span>
          {state.indexed ? "." : " (the indexer has not shown that tally yet)."} Proved in{" "}
          {(state.proofMs / 1000).toFixed(1)} s at depth {state.depth}, sent by the relayer.
        </p>
      );
      break;
  }
  const hash = state.phase === "done" || state.phase === "indexing" ? state.hash : undefined;
  const link = hash ? explorerTxUrl(config, hash) : undefined;
  return (
    <div
      className={`receipt${state.phase === "failed" ? " failed" : ""}`}
      role={state.phase === "failed" ? "alert" : "status"}
      data-testid="secret-receipt"
    >
      {line}
      {hash && (
        <p>
          Relayer's transaction{" "}
          {link ? (
            <a className="hash" href={link} target="_blank" rel="noreferrer">
              {hash}
            </a>
          ) : (
            <span className="hash">{hash}</span>
          )}
        </p>
      )}
    </div>
  );
}

/** The current time, every second while `on`. */
function useTicker(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}
