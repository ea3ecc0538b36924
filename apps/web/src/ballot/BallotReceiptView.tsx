// After each ballot transaction: its hash (linked to the explorer where the chain has one) and what
// it did: "counted with mass X at snapshot S, in the tally from block B".

import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { explorerTxUrl } from "../config/appConfig.ts";
import { formatMass } from "../format/mass.ts";
import { formatMoment } from "../format/time.ts";
import type { ProposalView } from "../proposals/proposalView.ts";
import type { BallotTxState } from "./useBallotTx.ts";

/**
 * The transaction's progress and, once done, its receipt. `withHash={false}` leaves the transaction
 * line out (a batch shows it once for all its ballots).
 * @example
 * <BallotReceiptView state={state} proposal={proposal} />
 */
export function BallotReceiptView({
  state,
  proposal,
  withHash = true,
}: {
  state: BallotTxState;
  proposal: ProposalView;
  withHash?: boolean;
}) {
  const config = useAppConfig();
  if (state.phase === "idle") return null;
  const hash =
    "hash" in state ? state.hash : state.phase === "done" ? state.receipt.hash : undefined;
  const link = hash ? explorerTxUrl(config, hash) : undefined;
  const hashLine = withHash && hash && (
    <p>
      Transaction{" "}
      {link ? (
        <a className="hash" href={link} target="_blank" rel="noreferrer">
          {hash}
        </a>
      ) : (
        <span className="hash">{hash}</span>
      )}
    </p>
  );
  return (
    <div
      className={`receipt${state.phase === "failed" ? " failed" : ""}`}
      role={state.phase === "failed" ? "alert" : "status"}
      data-testid="receipt"
    >
      {state.phase === "signing" && <p>Confirm in your wallet…</p>}
      {state.phase === "mining" && <p>Sent; waiting for the block that includes it…</p>}
      {state.phase === "indexing" && (
        <p>Included in block {String(state.block)}; waiting for the indexer's tally…</p>
      )}
      {state.phase === "failed" && <p className="error-text">{state.message}</p>}
      {state.phase === "done" && (
        <p>
          {state.receipt.action === "vote" ? (
            <>
              <strong>Counted</strong> with mass{" "}
              <strong className="num">{formatMass(state.receipt.mass, proposal.mode)}</strong> at
              snapshot {formatMoment(proposal.snapshot)} (timepoint {String(proposal.snapshot)}),
            </>
          ) : (
            <>
              <strong>Retracted</strong>: your ballot no longer counts,
            </>
          )}{" "}
          {state.receipt.indexed ? "in the tally from block" : "from block"}{" "}
          <span className="num">{String(state.receipt.block)}</span>
          {state.receipt.indexed ? "." : " (the indexer has not shown that tally yet)."}
        </p>
      )}
      {hashLine}
    </div>
  );
}
