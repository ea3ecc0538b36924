import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

/** What {@link cancelProposal} needs besides transaction options. */
export interface CancelProposalArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal (the sender must be its proposer, and nobody may have voted yet). */
  proposalId: bigint;
}

/** Parameters of {@link cancelProposal}. */
export type CancelProposalParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & CancelProposalArgs;

/** The transaction hash. */
export type CancelProposalReturnType = Hash;

/** A decoded revert ("proposal 12 already has votes and can no longer be canceled") or another SDK error. */
export type CancelProposalErrorType = ContractRevertError | BaseError;

function contractCall({ community, proposalId }: CancelProposalArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "cancel",
    args: [proposalId],
  };
}

const write = defineWrite({
  name: "cancelProposal",
  contractCall,
  eventName: "ProposalCanceled",
});

/**
 * Cancels a proposal: only its proposer, only while nobody has voted on it.
 * @example
 * import { cancelProposal } from "@plenum/sdk";
 * const hash = await cancelProposal(walletClient, { community, proposalId: 12n });
 */
export const cancelProposal = Object.assign(write.send, {
  /**
   * Simulates {@link cancelProposal} without sending it; throws the decoded revert if it would fail.
   * @example
   * await cancelProposal.simulate(walletClient, { community, proposalId: 12n });
   */
  simulate: write.simulate,
  /**
   * The `cancel` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = cancelProposal.call({ community, proposalId: 12n });
   */
  call: write.call,
  /**
   * Decodes the `ProposalCanceled` event from a receipt's logs.
   * @example
   * const { args } = cancelProposal.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link cancelProposalSync}. */
export type CancelProposalSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = CancelProposalParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `ProposalCanceled` event. */
export type CancelProposalSyncReturnType = GovernorEventArgs<"ProposalCanceled"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link cancelProposalSync}. */
export type CancelProposalSyncErrorType = CancelProposalErrorType;

/**
 * Cancels a proposal and waits for it; returns the receipt and the `ProposalCanceled` event.
 * @example
 * await cancelProposalSync(walletClient, { community, proposalId: 12n });
 */
export const cancelProposalSync = write.sync;
