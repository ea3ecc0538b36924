import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  Log,
  TransactionReceipt,
  Transport,
} from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import type { Call, GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import {
  type ContractCall,
  firstEvent,
  sendWrite,
  simulateWrite,
  toCall,
  waitForSuccess,
} from "./internal/write.ts";

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

/**
 * Cancels a proposal: only its proposer, only while nobody has voted on it.
 * @example
 * import { cancelProposal } from "@plenum/sdk";
 * const hash = await cancelProposal(walletClient, { community, proposalId: 12n });
 */
export async function cancelProposal<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: CancelProposalParameters<chain, account>,
): Promise<CancelProposalReturnType> {
  const call = contractCall(parameters);
  return sendWrite(client, parameters, call);
}

/**
 * Simulates {@link cancelProposal} without sending it; throws the decoded revert if it would fail.
 * @example
 * await cancelProposal.simulate(walletClient, { community, proposalId: 12n });
 */
cancelProposal.simulate = async <
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: CancelProposalParameters<chain, account>,
): Promise<{ result: undefined; request: unknown }> => {
  const call = contractCall(parameters);
  return (await simulateWrite(client, parameters, call)) as never;
};

/**
 * The `cancel` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
 * @example
 * const call = cancelProposal.call({ community, proposalId: 12n });
 */
cancelProposal.call = (args: CancelProposalArgs): Call => toCall(contractCall(args));

/**
 * Decodes the `ProposalCanceled` event from a receipt's logs.
 * @example
 * const { args } = cancelProposal.extractEvent(receipt.logs);
 */
cancelProposal.extractEvent = (logs: readonly Log[]) => firstEvent(logs, "ProposalCanceled");

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
export async function cancelProposalSync<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: CancelProposalSyncParameters<chain, account>,
): Promise<CancelProposalSyncReturnType> {
  const hash = await cancelProposal(client, parameters);
  const receipt = await waitForSuccess(client, hash, parameters);
  const { args } = firstEvent(receipt.logs, "ProposalCanceled", parameters.community);
  return { ...args, receipt };
}
