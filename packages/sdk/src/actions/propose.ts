import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import { encodeProposal, type ProposalInput } from "./internal/proposal.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

/** What {@link propose} needs besides transaction options. */
export interface ProposeArgs extends ProposalInput {
  /** The community (its proxy address). */
  community: Address;
}

/** Parameters of {@link propose}. */
export type ProposeParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & ProposeArgs;

/** The transaction hash. */
export type ProposeReturnType = Hash;

/** A decoded revert ("a voting period of 30 seconds is shorter than the community's minimum of 1 hour") or another SDK error. */
export type ProposeErrorType = ContractRevertError | BaseError;

function contractCall({ community, ...proposal }: ProposeArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "propose",
    args: [encodeProposal(proposal)],
  };
}

const write = defineWrite({
  name: "propose",
  contractCall,
  eventName: "ProposalCreated",
  simulated: (simulation) => simulation as { result: bigint; request: unknown },
});

/**
 * Creates a poll (a proposal without actions).
 * @example
 * import { propose } from "@plenum/sdk";
 * const hash = await propose(walletClient, { community, topic: 0, optionCount: 3, metadataURI: "ipfs://bafy…" });
 */
export const propose = Object.assign(write.send, {
  /**
   * Simulates {@link propose} without sending it; throws the decoded revert if it would fail.
   * @example
   * const { result: proposalId } = await propose.simulate(walletClient, { community, topic: 0, metadataURI: "Library hours" });
   */
  simulate: write.simulate,
  /**
   * The `propose` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = propose.call({ community, topic: 1, mode: "quadratic", optionCount: 4, metadataURI: "Budget split" });
   */
  call: write.call,
  /**
   * Decodes the `ProposalCreated` event from a receipt's logs.
   * @example
   * const { args } = propose.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link proposeSync}. */
export type ProposeSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = ProposeParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `ProposalCreated` event (`proposalId`, `snapshot`, `voteEnd`, …). */
export type ProposeSyncReturnType = GovernorEventArgs<"ProposalCreated"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link proposeSync}. */
export type ProposeSyncErrorType = ProposeErrorType;

/**
 * Creates a poll and waits for it; returns the receipt and the `ProposalCreated` event.
 * @example
 * const { proposalId, voteEnd } = await proposeSync(walletClient, { community, topic: 0, metadataURI: "Library hours" });
 */
export const proposeSync = write.sync;
