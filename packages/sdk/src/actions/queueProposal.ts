import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import {
  type ActionsFromLogs,
  encodeActions,
  type ProposalAction,
  withActions,
} from "./internal/proposal.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

/** What {@link queueProposal.call} needs: the proposal and the very actions it was created with. */
export interface QueueProposalArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The executable proposal. */
  proposalId: bigint;
  /** Its actions, exactly as proposed. */
  actions: readonly ProposalAction[];
}

/** Parameters of {@link queueProposal}; `actions` may be left out to read them from the chain's logs. */
export type QueueProposalParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & ActionsFromLogs<QueueProposalArgs>;

/** The transaction hash. */
export type QueueProposalReturnType = Hash;

/** A decoded revert ("proposal 7 is defeated and cannot be queued") or another SDK error. */
export type QueueProposalErrorType = ContractRevertError | BaseError;

function contractCall(args: QueueProposalArgs): ContractCall {
  return {
    address: args.community,
    abi: liquidGovernorAbi,
    functionName: "queue",
    args: [args.proposalId, ...encodeActions(args.actions)],
  };
}

const write = defineWrite({
  name: "queueProposal",
  contractCall,
  resolve: async (client, parameters: ActionsFromLogs<QueueProposalArgs>) =>
    contractCall(await withActions(client, parameters)),
  eventName: "ProposalQueued",
  simulated: (simulation): { request: unknown } => simulation,
});

/**
 * Schedules a succeeded executable proposal in the community's timelock.
 * @example
 * import { queueProposal } from "@plenum/sdk";
 * const hash = await queueProposal(walletClient, { community, proposalId: 7n });
 */
export const queueProposal = Object.assign(write.send, {
  /**
   * Simulates {@link queueProposal} without sending it; throws the decoded revert if it would fail.
   * @example
   * await queueProposal.simulate(walletClient, { community, proposalId: 7n });
   */
  simulate: write.simulate,
  /**
   * The `queue` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = queueProposal.call({ community, proposalId: 7n, actions });
   */
  call: write.call,
  /**
   * Decodes the `ProposalQueued` event from a receipt's logs.
   * @example
   * const { args } = queueProposal.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link queueProposalSync}. */
export type QueueProposalSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = QueueProposalParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `ProposalQueued` event (`etaSeconds`: when it may execute). */
export type QueueProposalSyncReturnType = GovernorEventArgs<"ProposalQueued"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link queueProposalSync}. */
export type QueueProposalSyncErrorType = QueueProposalErrorType;

/**
 * Schedules a succeeded executable proposal in the community's timelock, and waits for it; returns the receipt and the `ProposalQueued` event.
 * @example
 * const { etaSeconds } = await queueProposalSync(walletClient, { community, proposalId: 7n });
 */
export const queueProposalSync = write.sync;
