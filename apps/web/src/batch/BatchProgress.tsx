// The bill-by-bill page's progress and receipts: the wallet's confirmation or signature, the relayer,
// the block, the indexer, then one "counted with mass X at snapshot S" receipt per bill.
import type { Hash } from "viem";
import { BallotReceiptView } from "../ballot/BallotReceiptView.tsx";
import type { BallotReceipt } from "../ballot/useBallotTx.ts";
import type { ProposalView } from "../proposals/proposalView.ts";

/** How the ballots go out: the member's own transaction, or one signature the relayer sends. */
export type Via = "transaction" | "relayer";

/** Where a batch stands: signing, with the relayer, mining, indexing, done (a receipt per bill) or failed. */
export type BatchState =
  | { phase: "idle" }
  | { phase: "signing"; via: Via }
  | { phase: "relaying" }
  | { phase: "mining"; via: Via; hash: Hash }
  | { phase: "indexing"; via: Via; hash: Hash; block: bigint }
  | {
      phase: "done";
      via: Via;
      hash: Hash;
      block: bigint;
      receipts: { proposal: ProposalView; receipt: BallotReceipt }[];
    }
  | { phase: "failed"; message: string; hash?: Hash | undefined };

/**
 * Where the batch stands, and once done, one receipt per bill (the ballot page's receipt view).
 * @example
 * <BatchProgress state={{ phase: "relaying" }} />
 */
export function BatchProgress({ state }: { state: BatchState }) {
  if (state.phase === "idle") return null;
  const relayed = "via" in state && state.via === "relayer";
  return (
    <div
      className={`receipt${state.phase === "failed" ? " failed" : ""}`}
      role={state.phase === "failed" ? "alert" : "status"}
      data-testid="batch-receipt"
    >
      {state.phase === "signing" &&
        (relayed ? (
          <p>Sign the ballots in your wallet (a signature, not a transaction: no gas)…</p>
        ) : (
          <p>Confirm in your wallet…</p>
        ))}
      {state.phase === "relaying" && <p>Signed; handing the ballots to the relayer…</p>}
      {state.phase === "mining" &&
        (relayed ? (
          <p>The relayer sent them; waiting for the block that includes its transaction…</p>
        ) : (
          <p>Sent; waiting for the block that includes it…</p>
        ))}
      {state.phase === "indexing" && (
        <p>Included in block {String(state.block)}; waiting for the indexer's tallies…</p>
      )}
      {state.phase === "failed" && <p className="error-text">{state.message}</p>}
      {state.phase === "done" && (
        <>
          <p>
            <strong>
              {state.receipts.length} {state.receipts.length === 1 ? "ballot" : "ballots"} counted
            </strong>{" "}
            {relayed ? "by one signature" : "in one transaction"},{" "}
            {state.receipts.every((r) => r.receipt.indexed)
              ? "in the tallies from block"
              : "from block"}{" "}
            <span className="num">{String(state.block)}</span>.
            {relayed && " The relayer sent the transaction and paid its gas."}
          </p>
          <ul className="batch-receipts">
            {state.receipts.map(({ proposal, receipt }) => (
              <li key={proposal.id}>
                #{String(proposal.proposalId)} {proposal.title}:
                <BallotReceiptView
                  state={{ phase: "done", receipt }}
                  proposal={proposal}
                  withHash={false}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {"hash" in state && state.hash && <p className="hash">Transaction {state.hash}</p>}
    </div>
  );
}
