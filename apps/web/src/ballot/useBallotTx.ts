"use client";
// Sends a ballot transaction through the SDK and follows it to the end: the wallet's signature, the
// block that includes it (the receipt, not the send: a node answers before it seals), the mass the
// voter carries there (read at that block through the SDK), and the indexer's tally of that block.
import { getCarriedMass, waitForReceipt } from "@plenum/sdk";
import { useCallback, useState } from "react";
import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import { useClient, useConnectorClient } from "wagmi";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { requestIndexer } from "../graphql/request.ts";
import { RevisionAtQuery } from "../proposal/queries.ts";
import { proposalGraphId } from "../proposals/ids.ts";
import { txErrorMessage } from "./txMessages.ts";

/** What a ballot transaction did, for the receipt. */
export interface BallotReceipt {
  action: "vote" | "retract";
  hash: Hash;
  block: bigint;
  /** The mass the voter carries at that block (0 after a retraction). */
  mass: bigint;
  /** Whether the indexer's tally of that block has arrived (it may lag or be down). */
  indexed: boolean;
}

/** Where a ballot transaction stands. */
export type BallotTxState =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "mining"; hash: Hash }
  | { phase: "indexing"; hash: Hash; block: bigint }
  | { phase: "done"; receipt: BallotReceipt }
  | { phase: "failed"; message: string; hash?: Hash | undefined };

/** A wallet client as the SDK's writes take it. */
export type WalletClient = Client<Transport, Chain, Account>;

/** How long to wait for the indexer's tally of the block (ms) before showing the receipt without it. */
const INDEXER_WAIT_MS = 15_000;

/**
 * Runs ballot transactions for `proposalId` and reports their progress.
 * @example
 * const { state, run } = useBallotTx(3n);
 * await run("vote", (client, account) => castVote(client, { account, community, proposalId: 3n, option: 1 }));
 */
export function useBallotTx(proposalId: bigint) {
  const { community, chainId, indexerUrl } = useAppConfig();
  const { data: walletClient } = useConnectorClient();
  // A plain client with the one action it needs (not `usePublicClient`, whose every public action
  // would join the first load).
  const publicClient = useClient();
  const [state, setState] = useState<BallotTxState>({ phase: "idle" });

  const run = useCallback(
    async (
      action: BallotReceipt["action"],
      send: (client: WalletClient, account: Address) => Promise<Hash>,
    ): Promise<BallotReceipt | undefined> => {
      if (!walletClient || !publicClient) {
        setState({ phase: "failed", message: "Connect a wallet first." });
        return undefined;
      }
      let hash: Hash | undefined;
      try {
        setState({ phase: "signing" });
        hash = await send(walletClient as WalletClient, walletClient.account.address);
        setState({ phase: "mining", hash });
        const receipt = await waitForReceipt(publicClient, {
          hash,
          pollingInterval: 250,
        });
        if (receipt.status !== "success") {
          setState({
            phase: "failed",
            hash,
            message: "The transaction was included but reverted.",
          });
          return undefined;
        }
        const block = receipt.blockNumber;
        setState({ phase: "indexing", hash, block });
        const result = await readBallotReceipt(publicClient, {
          community,
          chainId,
          indexerUrl,
          proposalId,
          voter: walletClient.account.address,
          action,
          hash,
          block,
        });
        setState({ phase: "done", receipt: result });
        return result;
      } catch (error) {
        setState({ phase: "failed", hash, message: txErrorMessage(error) });
        return undefined;
      }
    },
    [walletClient, publicClient, community, chainId, indexerUrl, proposalId],
  );

  return { state, run, reset: () => setState({ phase: "idle" }) };
}

/** What {@link readBallotReceipt} needs: the ballot, the transaction that carried it, and where to look. */
export interface ReadBallotReceiptParameters {
  community: Address;
  chainId: number;
  indexerUrl: string;
  proposalId: bigint;
  voter: Address;
  action: BallotReceipt["action"];
  hash: Hash;
  /** The block that included the transaction. */
  block: bigint;
}

/**
 * The receipt of one ballot in a mined transaction (sent by the voter or by a relayer): the mass
 * the voter carries at that block (read through the SDK) and whether the indexer's tally of that
 * block has arrived (waited for up to 15 s).
 * @example
 * const receipt = await readBallotReceipt(publicClient, { community, chainId: 31337, indexerUrl, proposalId: 2n, voter, action: "vote", hash, block: 80n });
 * receipt.mass // 3n
 */
export async function readBallotReceipt(
  client: Client,
  parameters: ReadBallotReceiptParameters,
): Promise<BallotReceipt> {
  const { community, chainId, indexerUrl, proposalId, voter, action, hash, block } = parameters;
  const [mass, indexed] = await Promise.all([
    action === "vote"
      ? getCarriedMass(client, { community, proposalId, voter, blockNumber: block })
      : Promise.resolve(0n),
    waitForRevision(indexerUrl, proposalGraphId(chainId, community, proposalId), block),
  ]);
  return { action, hash, block, mass, indexed };
}

/**
 * Polls the indexer until it has the proposal's tally revision of `block`; false after 15 s.
 * @example
 * const indexed = await waitForRevision("/api/indexer", proposalGraphId(31337, community, 2n), 80n);
 */
export async function waitForRevision(
  indexerUrl: string,
  proposal: string,
  block: bigint,
): Promise<boolean> {
  const deadline = Date.now() + INDEXER_WAIT_MS;
  while (Date.now() < deadline) {
    try {
      const data = await requestIndexer(indexerUrl, RevisionAtQuery, {
        proposal,
        block: String(block),
      });
      if (data.tallyRevisions.length > 0) return true;
    } catch {
      // The indexer may be restarting: keep trying until the deadline.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
