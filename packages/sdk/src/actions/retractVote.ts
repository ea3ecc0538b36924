import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

/** What {@link retractVote} needs besides transaction options. */
export interface RetractVoteArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
}

/** Parameters of {@link retractVote}. */
export type RetractVoteParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & RetractVoteArgs;

/** The transaction hash. */
export type RetractVoteReturnType = Hash;

/** A decoded revert ("0xf39F… has no ballot on proposal 12 to retract") or another SDK error. */
export type RetractVoteErrorType = ContractRevertError | BaseError;

function contractCall({ community, proposalId }: RetractVoteArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "retractVote",
    args: [proposalId],
  };
}

const write = defineWrite({
  name: "retractVote",
  contractCall,
  eventName: "VoteRetracted",
});

/**
 * Withdraws the sender's ballot; their mass flows back to their delegate chain.
 * @example
 * import { retractVote } from "@plenum/sdk";
 * const hash = await retractVote(walletClient, { community, proposalId: 12n });
 */
export const retractVote = Object.assign(write.send, {
  /**
   * Simulates {@link retractVote} without sending it; throws the decoded revert if it would fail.
   * @example
   * await retractVote.simulate(walletClient, { community, proposalId: 12n });
   */
  simulate: write.simulate,
  /**
   * The `retractVote` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = retractVote.call({ community, proposalId: 12n });
   */
  call: write.call,
  /**
   * Decodes the `VoteRetracted` event from a receipt's logs.
   * @example
   * const { args } = retractVote.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link retractVoteSync}. */
export type RetractVoteSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RetractVoteParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `VoteRetracted` event. */
export type RetractVoteSyncReturnType = GovernorEventArgs<"VoteRetracted"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link retractVoteSync}. */
export type RetractVoteSyncErrorType = RetractVoteErrorType;

/**
 * Retracts the sender's ballot and waits for it; returns the receipt and the `VoteRetracted` event.
 * @example
 * const { voter } = await retractVoteSync(walletClient, { community, proposalId: 12n });
 */
export const retractVoteSync = write.sync;
