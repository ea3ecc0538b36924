"use client";
// The audit: recount a proposal in this browser from the chain's event logs with the SDK's
// `verifyProposal` (which also reads the contract's own tally at the same block), fetch the indexer's
// tally as of that block, and show whether all three agree, line by line.
import { type FetchProgress, type VerifyProposalReturnType, verifyProposal } from "@plenum/sdk";
import { useRouter, useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { useClient } from "wagmi";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { formatMass } from "../format/mass.ts";
import { requestIndexer } from "../graphql/request.ts";
import { proposalGraphId } from "../proposals/ids.ts";
import type { Mode } from "../proposals/proposalView.ts";
import { ScrollRegion } from "../ui/ScrollRegion.tsx";
import { type Comparison, compareTallies, type Totals } from "./compareTallies.ts";
import { CommunityStartQuery, IndexerTallyQuery } from "./queries.ts";

type AuditState =
  | { phase: "idle" }
  | { phase: "running"; progress: FetchProgress | undefined }
  | {
      phase: "done";
      proposalId: bigint;
      result: VerifyProposalReturnType;
      indexerBlock: bigint | undefined;
      comparison: Comparison;
      ms: number;
    }
  | { phase: "failed"; message: string };

/** How long to let the indexer catch up with the recount's block before calling a difference. */
const INDEXER_CATCH_UP_MS = 5_000;

/**
 * The audit page's content.
 * @example
 * <AuditView />
 */
export function AuditView() {
  const { community, chainId, indexerUrl } = useAppConfig();
  const publicClient = useClient();
  const params = useSearchParams();
  const router = useRouter();
  const ids = useId();
  const [input, setInput] = useState(params.get("proposal") ?? "");
  const [state, setState] = useState<AuditState>({ phase: "idle" });

  const run = async (text: string) => {
    if (!/^\d{1,78}$/.test(text.trim())) {
      setState({ phase: "failed", message: "Give a proposal number, e.g. 1." });
      return;
    }
    if (!publicClient) {
      setState({ phase: "failed", message: "No connection to the chain." });
      return;
    }
    const proposalId = BigInt(text.trim());
    router.replace(`/audit?proposal=${proposalId}`, { scroll: false });
    setState({ phase: "running", progress: undefined });
    const started = performance.now();
    try {
      const start = await requestIndexer(indexerUrl, CommunityStartQuery, { address: community });
      const fromBlock = BigInt(start.communities[0]?.blockNumber ?? 0);
      const result = await verifyProposal(publicClient, {
        community,
        fromBlock,
        proposalId,
        onProgress: (progress) => setState({ phase: "running", progress }),
      });
      const id = proposalGraphId(chainId, community, proposalId);
      const deadline = Date.now() + INDEXER_CATCH_UP_MS;
      let indexer: (Totals & { blockNumber: string }) | undefined;
      let comparison: Comparison;
      for (;;) {
        const data = await requestIndexer(indexerUrl, IndexerTallyQuery, {
          proposal: id,
          block: String(result.blockNumber),
        });
        indexer = data.tallyRevisions[0] as (Totals & { blockNumber: string }) | undefined;
        comparison = compareTallies(result.onChain, result.recount, indexer);
        if (comparison.match || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      setState({
        phase: "done",
        proposalId,
        result,
        indexerBlock: indexer ? BigInt(indexer.blockNumber) : undefined,
        comparison,
        ms: performance.now() - started,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      setState({ phase: "failed", message: message ?? "The recount failed." });
    }
  };

  return (
    <>
      <h1>Audit a proposal</h1>
      <p>
        Your browser fetches the community's events from the chain ({"RPC"}, not the indexer),
        recounts the proposal with the SDK's tally engine, and compares the result with the
        contract's own tally and with the indexer's, at the same block. Nothing here is trusted from
        this website's server.
      </p>
      <form
        className="audit-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(input);
        }}
      >
        <label htmlFor={`${ids}-proposal`}>Proposal number</label>
        <input
          id={`${ids}-proposal`}
          inputMode="numeric"
          value={input}
          onChange={(event) => setInput(event.target.value)}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={state.phase === "running"}
        >
          Recount in this browser
        </button>
      </form>
      <AuditResult state={state} />
    </>
  );
}

function AuditResult({ state }: { state: AuditState }) {
  if (state.phase === "idle") return null;
  if (state.phase === "running") {
    const p = state.progress;
    return (
      <div className="receipt" role="status" data-testid="audit-result">
        <p>
          {p === undefined
            ? "Starting the recount…"
            : p.phase === "logs"
              ? `Reading the chain's logs: ${p.done} of ${p.total} blocks, ${p.logs} events…`
              : `Reading block times: ${p.done} of ${p.total}…`}
        </p>
        <progress aria-label="Recount" max={p?.total} value={p?.done} />
      </div>
    );
  }
  if (state.phase === "failed") {
    return (
      <div className="receipt failed" role="alert" data-testid="audit-result">
        <p className="error-text">The recount could not finish: {state.message}</p>
      </div>
    );
  }
  const { result, comparison, proposalId, indexerBlock } = state;
  const mode = result.recount.proposal.mode as Mode;
  const show = (value: bigint | undefined, key: string) =>
    value === undefined
      ? "—"
      : key === "total mass" ||
          key === "participation" ||
          key.startsWith("option") ||
          key === "abstain"
        ? formatMass(value, mode)
        : String(value);
  return (
    <div
      className={`receipt${comparison.match ? "" : " failed"}`}
      role="status"
      data-testid="audit-result"
    >
      <p>
        <strong>{comparison.match ? "Match" : "Mismatch"}</strong>: proposal {String(proposalId)} at
        block <span className="num">{String(result.blockNumber)}</span>
        {comparison.match
          ? " — the recount from the chain's logs equals the contract's tally and the indexer's."
          : " — the sources disagree on the lines marked below."}{" "}
        Recounted {result.recount.ballotsCount}{" "}
        {result.recount.ballotsCount === 1 ? "ballot" : "ballots"} in {(state.ms / 1000).toFixed(1)}{" "}
        s.
      </p>
      {!comparison.match && result.differences.length > 0 && (
        <ul>
          {result.differences.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      <ScrollRegion label="Tally by source (scrolls sideways)">
        <table className="audit-table">
          <caption>
            Tally of proposal {String(proposalId)} by source (the indexer's as of block{" "}
            {indexerBlock === undefined ? "—" : String(indexerBlock)})
          </caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">On chain</th>
              <th scope="col">Recount</th>
              <th scope="col">Indexer</th>
              <th scope="col">Agree</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr key={row.key} data-testid={`audit-${row.key.replace(/ /g, "-")}`}>
                <th scope="row">
                  {row.option === undefined ? capitalise(row.key) : `Option ${row.option + 1}`}
                </th>
                <td className="num">{show(row.onChain, row.key)}</td>
                <td className="num">{show(row.recount, row.key)}</td>
                <td className="num">{show(row.indexer, row.key)}</td>
                <td>{row.matches ? "✓ yes" : "✗ no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
