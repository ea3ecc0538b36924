"use client";
// A convention's bill-by-bill agenda: the member picks a choice on as many open single-choice bills
// as they like and sends them all as one `castVotes` transaction (the SDK's), then sees each counted.
import { castVotes } from "@plenum/sdk";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { Hash } from "viem";
import { useConnection, useConnectorClient, usePublicClient } from "wagmi";
import { useAgenda } from "../agenda/useAgenda.ts";
import { txErrorMessage } from "../ballot/txMessages.ts";
import { waitForRevision } from "../ballot/useBallotTx.ts";
import { useChainNow } from "../clock/useChainNow.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { requestIndexer } from "../graphql/request.ts";
import { memberGraphId } from "../proposals/ids.ts";
import { proposalStatus } from "../proposals/proposalView.ts";
import { MyBallotsQuery } from "./queries.ts";

type Phase =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "mining"; hash: Hash }
  | { phase: "done"; hash: Hash; block: bigint; count: number; indexed: boolean }
  | { phase: "failed"; message: string };

/**
 * The bill-by-bill voting page's content.
 * @example
 * <BatchVote />
 */
export function BatchVote() {
  const config = useAppConfig();
  const { address, status, chainId } = useConnection();
  const { items } = useAgenda(address);
  const now = useChainNow();
  const { data: walletClient } = useConnectorClient();
  const publicClient = usePublicClient();
  const memberId = address ? memberGraphId(config.chainId, config.community, address) : undefined;
  const mine = useQuery({
    queryKey: ["my-ballots", config.indexerUrl, memberId],
    enabled: memberId !== undefined,
    queryFn: ({ signal }) =>
      requestIndexer(config.indexerUrl, MyBallotsQuery, { member: memberId as string }, signal),
  });
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [state, setState] = useState<Phase>({ phase: "idle" });

  // In agenda order (oldest first), as a convention takes them.
  const bills = (items ?? [])
    .filter(
      (item) =>
        item.proposal.mode === "single" &&
        now !== undefined &&
        proposalStatus(item.proposal, now) === "open",
    )
    .sort((a, b) => (a.proposal.proposalId < b.proposal.proposalId ? -1 : 1));
  const current = new Map(
    (mine.data?.member?.ballots ?? []).map((b) => [
      b.proposal.id,
      b.abstain ? "abstain" : String(b.option),
    ]),
  );
  const picked = Object.entries(choices).filter(([, choice]) => choice !== "");
  const busy = state.phase === "signing" || state.phase === "mining";

  const send = async () => {
    if (!walletClient || !publicClient || picked.length === 0) return;
    const byId = new Map(bills.map((b) => [b.proposal.id, b.proposal.proposalId]));
    const ballots = picked.map(([id, choice]) => {
      const proposalId = byId.get(id) as bigint;
      return choice === "retract"
        ? { proposalId, retract: true as const }
        : { proposalId, option: choice === "abstain" ? ("abstain" as const) : Number(choice) };
    });
    try {
      setState({ phase: "signing" });
      const hash = await castVotes(walletClient, {
        account: walletClient.account,
        community: config.community,
        ballots,
      });
      setState({ phase: "mining", hash });
      const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 250 });
      if (receipt.status !== "success") {
        setState({ phase: "failed", message: "The transaction was included but reverted." });
        return;
      }
      const indexed = await Promise.all(
        picked.map(([id]) => waitForRevision(config.indexerUrl, id, receipt.blockNumber)),
      );
      setState({
        phase: "done",
        hash,
        block: receipt.blockNumber,
        count: ballots.length,
        indexed: indexed.every(Boolean),
      });
      setChoices({});
      await mine.refetch();
    } catch (error) {
      setState({ phase: "failed", message: txErrorMessage(error) });
    }
  };

  let notice: string | undefined;
  if (status !== "connected" || !address) notice = "Connect a wallet to vote on the bills.";
  else if (chainId !== config.chainId) notice = `Switch your wallet to ${config.chainName}.`;

  return (
    <>
      <h1>Vote bill by bill</h1>
      <p className="muted">
        Pick a choice on each bill you want to vote on, then send them all in one transaction. Bills
        you leave on “no change” keep your current ballot (or your delegate's).
      </p>
      {notice && <p role="status">{notice}</p>}
      {!items && <div className="skeleton" aria-busy="true" />}
      {items && bills.length === 0 && <p>No open single-choice bills.</p>}
      {bills.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Open bills and your choices</caption>
              <thead>
                <tr>
                  <th scope="col">Bill</th>
                  <th scope="col">Your ballot now</th>
                  <th scope="col">Your choice</th>
                </tr>
              </thead>
              <tbody>
                {bills.map(({ proposal }) => {
                  const held = current.get(proposal.id);
                  const selectId = `choice-${proposal.proposalId}`;
                  return (
                    <tr key={proposal.id}>
                      <td>
                        <label htmlFor={selectId}>
                          #{String(proposal.proposalId)} {proposal.title}
                        </label>{" "}
                        <Link href={`/proposals/${proposal.proposalId}`} className="nowrap">
                          details
                          <span className="visually-hidden">
                            {" "}
                            of #{String(proposal.proposalId)}
                          </span>
                        </Link>
                      </td>
                      <td>
                        {held === undefined
                          ? "none"
                          : held === "abstain"
                            ? "Abstain"
                            : (proposal.labels[Number(held)] ?? held)}
                      </td>
                      <td>
                        <select
                          id={selectId}
                          value={choices[proposal.id] ?? ""}
                          onChange={(event) =>
                            setChoices({ ...choices, [proposal.id]: event.target.value })
                          }
                        >
                          <option value="">No change</option>
                          {proposal.labels.map((label, index) => (
                            <option key={label} value={String(index)}>
                              {label}
                            </option>
                          ))}
                          <option value="abstain">Abstain</option>
                          {held !== undefined && <option value="retract">Retract my ballot</option>}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p>
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || picked.length === 0 || notice !== undefined}
            >
              Send {picked.length} {picked.length === 1 ? "ballot" : "ballots"} in one transaction
            </button>
          </p>
        </form>
      )}
      {state.phase !== "idle" && (
        <div
          className={`receipt${state.phase === "failed" ? " failed" : ""}`}
          role={state.phase === "failed" ? "alert" : "status"}
          data-testid="batch-receipt"
        >
          {state.phase === "signing" && <p>Confirm in your wallet…</p>}
          {state.phase === "mining" && <p>Sent; waiting for the block that includes it…</p>}
          {state.phase === "failed" && <p className="error-text">{state.message}</p>}
          {state.phase === "done" && (
            <p>
              <strong>{state.count} ballots counted</strong> in one transaction,{" "}
              {state.indexed ? "in the tallies from block" : "from block"}{" "}
              <span className="num">{String(state.block)}</span>.
            </p>
          )}
          {"hash" in state && <p className="hash">Transaction {state.hash}</p>}
        </div>
      )}
    </>
  );
}
