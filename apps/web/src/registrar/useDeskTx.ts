"use client";
// One registrar or governance transaction: sent through the SDK from the connected wallet, followed
// to its block, and described in plain words (the SDK's decoded errors: "0x3C44… is not the
// registrar").
import { waitForReceipt } from "@plenum/sdk";
import { useState } from "react";
import type { Account, Chain, Client, Hash, Transport } from "viem";
import { useClient, useConnectorClient } from "wagmi";
import { txErrorMessage } from "../ballot/txMessages.ts";

/** Where a desk transaction stands. */
export type DeskTxState =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "mining"; hash: Hash }
  | { phase: "done"; hash: Hash; block: bigint; text: string }
  | { phase: "failed"; message: string };

/**
 * Runs one kind of desk transaction and reports it.
 * @example
 * const tx = useDeskTx();
 * await tx.run((client) => createTopic(client, { community, name }), "Topic created");
 */
export function useDeskTx() {
  const { data: walletClient } = useConnectorClient();
  const publicClient = useClient();
  const [state, setState] = useState<DeskTxState>({ phase: "idle" });
  const run = async (
    send: (client: Client<Transport, Chain, Account>) => Promise<Hash>,
    doneText: string,
  ): Promise<boolean> => {
    if (!walletClient || !publicClient) {
      setState({ phase: "failed", message: "Connect the registrar's wallet first." });
      return false;
    }
    try {
      setState({ phase: "signing" });
      const hash = await send(walletClient as Client<Transport, Chain, Account>);
      setState({ phase: "mining", hash });
      const receipt = await waitForReceipt(publicClient, { hash, pollingInterval: 250 });
      if (receipt.status !== "success") {
        setState({ phase: "failed", message: "The transaction was included but reverted." });
        return false;
      }
      setState({ phase: "done", hash, block: receipt.blockNumber, text: doneText });
      return true;
    } catch (error) {
      setState({ phase: "failed", message: txErrorMessage(error) });
      return false;
    }
  };
  return { state, run, busy: state.phase === "signing" || state.phase === "mining" };
}
