// A desk transaction's progress and outcome.
import type { DeskTxState } from "./useDeskTx.ts";

/**
 * Shows where a desk transaction stands.
 * @example
 * <DeskTxView state={tx.state} testId="members-tx" />
 */
export function DeskTxView({ state, testId }: { state: DeskTxState; testId: string }) {
  if (state.phase === "idle") return null;
  return (
    <div
      className={`receipt${state.phase === "failed" ? " failed" : ""}`}
      role={state.phase === "failed" ? "alert" : "status"}
      data-testid={testId}
    >
      {state.phase === "signing" && <p>Confirm in your wallet…</p>}
      {state.phase === "mining" && <p>Sent; waiting for the block that includes it…</p>}
      {state.phase === "failed" && <p className="error-text">{state.message}</p>}
      {state.phase === "done" && (
        <p>
          <strong>{state.text}</strong> in block <span className="num">{String(state.block)}</span>{" "}
          (transaction <span className="hash">{state.hash}</span>).
        </p>
      )}
    </div>
  );
}
