"use client";
// Casts a secret ballot with the SDK's `voteAnonymously` (its checks, the sequence, the retry when
// another ballot of the identity overtook this one), proving in a Web Worker with circuit files this
// app serves, sending through the relayer, and following the ballot into the indexer's tally.
import {
  type AnonymousOption,
  rebuildIdentityGroup,
  serializeIdentity,
  voteAnonymously,
  waitForReceipt,
} from "@plenum/sdk";
import { useCallback, useState } from "react";
import type { Hash } from "viem";
import { useClient } from "wagmi";
import { txErrorMessage } from "../ballot/txMessages.ts";
import { waitForRevision } from "../ballot/useBallotTx.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { proposalGraphId } from "../proposals/ids.ts";
import { RELAYER_PATH } from "../relay/paths.ts";
import type { LoadedIdentity } from "./identityStore.ts";
import { loadCircuitFiles } from "./loadCircuitFiles.ts";
import { proveInWorker } from "./proveInWorker.ts";

/** Where a secret ballot stands. */
export type SecretBallotState =
  | { phase: "idle" }
  | { phase: "checking" }
  | { phase: "downloading"; depth: number; received: number; total: number | undefined }
  | { phase: "proving"; depth: number; since: number }
  | { phase: "relaying" }
  | { phase: "indexing"; hash: Hash; block: bigint }
  | {
      phase: "done";
      option: AnonymousOption;
      sequence: bigint;
      hash: Hash;
      block: bigint;
      indexed: boolean;
      depth: number;
      proofMs: number;
    }
  | { phase: "failed"; message: string };

/**
 * Casts secret ballots on `proposalId` and reports each step.
 * @example
 * const { state, cast } = useSecretBallot(13n);
 * await cast(loaded, 1);
 */
export function useSecretBallot(proposalId: bigint) {
  const { community, chainId, indexerUrl } = useAppConfig();
  const publicClient = useClient();
  const [state, setState] = useState<SecretBallotState>({ phase: "idle" });

  const cast = useCallback(
    async (loaded: LoadedIdentity, option: AnonymousOption): Promise<boolean> => {
      if (!publicClient) {
        setState({ phase: "failed", message: "No connection to the chain." });
        return false;
      }
      try {
        setState({ phase: "checking" });
        const group = await rebuildIdentityGroup(publicClient, { community, proposalId });
        // The depth of the group the proposal recorded: every member's proof looks the same.
        const depth = Math.max(1, group.depth);
        let proofMs = 0;
        const result = await voteAnonymously(publicClient, {
          identity: loaded.identity,
          community,
          proposalId,
          option,
          group,
          merkleTreeDepth: depth,
          relayerUrl: new URL(RELAYER_PATH, window.location.origin),
          relayer: { wait: true, timeout: 60_000 },
          prove: async (parameters) => {
            setState({ phase: "downloading", depth, received: 0, total: undefined });
            const files = await loadCircuitFiles(depth, (received, total) =>
              setState({ phase: "downloading", depth, received, total }),
            );
            const since = Date.now();
            setState({ phase: "proving", depth, since });
            const proof = await proveInWorker({
              identity: serializeIdentity(parameters.identity),
              group: group.group.export(),
              depth,
              chainId,
              community,
              proposalId,
              option: parameters.option,
              sequence: parameters.sequence,
              wasm: files.wasm,
              zkey: files.zkey,
            });
            proofMs = Date.now() - since;
            setState({ phase: "relaying" });
            return proof;
          },
        });
        const block =
          result.blockNumber ??
          (await waitForReceipt(publicClient, { hash: result.transactionHash })).blockNumber;
        setState({ phase: "indexing", hash: result.transactionHash, block });
        const indexed = await waitForRevision(
          indexerUrl,
          proposalGraphId(chainId, community, proposalId),
          block,
        );
        setState({
          phase: "done",
          option,
          sequence: result.sequence,
          hash: result.transactionHash,
          block,
          indexed,
          depth,
          proofMs,
        });
        return true;
      } catch (error) {
        setState({ phase: "failed", message: txErrorMessage(error) });
        return false;
      }
    },
    [publicClient, community, chainId, indexerUrl, proposalId],
  );

  return { state, cast };
}
