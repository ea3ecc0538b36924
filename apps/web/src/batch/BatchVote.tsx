"use client";
// A convention's bill-by-bill agenda: the member picks a choice on as many open single-choice bills
// as they like and sends them all as one `castVotes` transaction (the SDK's), or signs them once
// (EIP-712, `signBallots`) for the relayer to send with `castVotesBySig` and pay the gas; then sees
// each counted.
import { castVotes, relaySignedBallots, signBallots, waitForReceipt } from "@plenum/sdk";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { Hash } from "viem";
import { useConnection, useConnectorClient, usePublicClient } from "wagmi";
import { useAgenda } from "../agenda/useAgenda.ts";
import { txErrorMessage } from "../ballot/txMessages.ts";
import { type BallotReceipt, readBallotReceipt } from "../ballot/useBallotTx.ts";
import { useChainNow } from "../clock/useChainNow.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { requestIndexer } from "../graphql/request.ts";
import { memberGraphId } from "../proposals/ids.ts";
import { type ProposalView, proposalStatus } from "../proposals/proposalView.ts";
import { RELAYER_PATH } from "../relay/paths.ts";
import { relayerErrorMessage } from "../relay/relayerMessages.ts";
import { BatchProgress, type BatchState, type Via } from "./BatchProgress.tsx";
import { MyBallotsQuery } from "./queries.ts";
import "./batch.css";

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
  const [state, setState] = useState<BatchState>({ phase: "idle" });

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
  const busy = !["idle", "done", "failed"].includes(state.phase);

  const send = async (via: Via) => {
    if (!walletClient || !publicClient || picked.length === 0) return;
    const byId = new Map(bills.map((b) => [b.proposal.id, b.proposal]));
    const chosen = picked.map(([id, choice]) => {
      const proposal = byId.get(id) as ProposalView;
      const { proposalId } = proposal;
      const ballot =
        choice === "retract"
          ? { proposalId, retract: true as const }
          : { proposalId, option: choice === "abstain" ? ("abstain" as const) : Number(choice) };
      const action: BallotReceipt["action"] = choice === "retract" ? "retract" : "vote";
      return { proposal, ballot, action };
    });
    const ballots = chosen.map((c) => c.ballot);
    let hash: Hash | undefined;
    try {
      setState({ phase: "signing", via });
      if (via === "transaction") {
        hash = await castVotes(walletClient, {
          account: walletClient.account,
          community: config.community,
          ballots,
        });
      } else {
        const signed = await signBallots(walletClient, {
          account: walletClient.account,
          community: config.community,
          ballots,
        });
        // The chain's clock, not the computer's: a signature past its deadline is refused on chain.
        if (now !== undefined && signed.deadline <= now) {
          setState({
            phase: "failed",
            message:
              "Your signature expired before it could be sent. Nothing was sent; sign again.",
          });
          return;
        }
        setState({ phase: "relaying" });
        ({ transactionHash: hash } = await relaySignedBallots({
          relayerUrl: new URL(RELAYER_PATH, window.location.origin),
          ...signed,
        }));
      }
      setState({ phase: "mining", via, hash });
      const receipt = await waitForReceipt(publicClient, { hash, pollingInterval: 250 });
      if (receipt.status !== "success") {
        setState({ phase: "failed", hash, message: "The transaction was included but reverted." });
        return;
      }
      const block = receipt.blockNumber;
      setState({ phase: "indexing", via, hash, block });
      const sent = hash;
      const receipts = await Promise.all(
        chosen.map(async ({ proposal, action }) => ({
          proposal,
          receipt: await readBallotReceipt(publicClient, {
            community: config.community,
            chainId: config.chainId,
            indexerUrl: config.indexerUrl,
            proposalId: proposal.proposalId,
            voter: walletClient.account.address,
            action,
            hash: sent,
            block,
          }),
        })),
      );
      setState({ phase: "done", via, hash, block, receipts });
      setChoices({});
      await mine.refetch();
    } catch (error) {
      setState({
        phase: "failed",
        hash,
        message: via === "relayer" ? relayerErrorMessage(error) : txErrorMessage(error),
      });
    }
  };

  let notice: string | undefined;
  if (status !== "connected" || !address) notice = "Connect a wallet to vote on the bills.";
  else if (chainId !== config.chainId) notice = `Switch your wallet to ${config.chainName}.`;

  return (
    <>
      <h1>Vote bill by bill</h1>
      <p className="muted">
        Pick a choice on each bill you want to vote on, then send them all in one transaction, or
        sign them once and let the relayer send them (it pays the gas). Bills you leave on “no
        change” keep your current ballot (or your delegate's).
      </p>
      {notice && <p role="status">{notice}</p>}
      {!items && <div className="skeleton" aria-busy="true" />}
      {items && bills.length === 0 && <p>No open single-choice bills.</p>}
      {bills.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send("transaction");
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
          <p className="batch-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || picked.length === 0 || notice !== undefined}
            >
              Send {picked.length} {picked.length === 1 ? "ballot" : "ballots"} in one transaction
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || picked.length === 0 || notice !== undefined}
              onClick={() => void send("relayer")}
            >
              Sign {picked.length} {picked.length === 1 ? "ballot" : "ballots"} once, no gas
            </button>
          </p>
        </form>
      )}
      <BatchProgress state={state} />
    </>
  );
}
