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

/** What {@link executeProposal.call} needs: the proposal and the very actions it was created with. */
export interface ExecuteProposalArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The executable proposal. */
  proposalId: bigint;
  /** Its actions, exactly as proposed. */
  actions: readonly ProposalAction[];
  /** Wei to forward with the call (for actions that send ether); 0 by default. */
  value?: bigint | undefined;
}

/** Parameters of {@link executeProposal}; `actions` may be left out to read them from the chain's logs. */
export type ExecuteProposalParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & ActionsFromLogs<ExecuteProposalArgs>;

/** The transaction hash. */
export type ExecuteProposalReturnType = Hash;

/** A decoded revert ("timelock operation 0x1234abcd…ef01 is not ready: its delay has not passed") or another SDK error. */
export type ExecuteProposalErrorType = ContractRevertError | BaseError;

function contractCall(args: ExecuteProposalArgs): ContractCall {
  return {
    address: args.community,
    abi: liquidGovernorAbi,
    functionName: "execute",
    args: [args.proposalId, ...encodeActions(args.actions)],
    value: args.value,
  };
}

const write = defineWrite({
  name: "executeProposal",
  contractCall,
  resolve: async (client, parameters: ActionsFromLogs<ExecuteProposalArgs>) =>
    contractCall(await withActions(client, parameters)),
  eventName: "ProposalExecuted",
  simulated: (simulation): { request: unknown } => simulation,
});

/**
 * Executes a queued proposal's actions through the timelock once its delay has passed.
 * @example
 * import { executeProposal } from "@plenum/sdk";
 * const hash = await executeProposal(walletClient, { community, proposalId: 7n });
 */
export const executeProposal = Object.assign(write.send, {
  /**
   * Simulates {@link executeProposal} without sending it; throws the decoded revert if it would fail.
   * @example
   * await executeProposal.simulate(walletClient, { community, proposalId: 7n });
   */
  simulate: write.simulate,
  /**
   * The `execute` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = executeProposal.call({ community, proposalId: 7n, actions });
   */
  call: write.call,
  /**
   * Decodes the `ProposalExecuted` event from a receipt's logs.
   * @example
   * const { args } = executeProposal.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link executeProposalSync}. */
export type ExecuteProposalSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = ExecuteProposalParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `ProposalExecuted` event. */
export type ExecuteProposalSyncReturnType = GovernorEventArgs<"ProposalExecuted"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link executeProposalSync}. */
export type ExecuteProposalSyncErrorType = ExecuteProposalErrorType;

/**
 * Executes a queued proposal's actions through the timelock once its delay has passed, and waits for it; returns the receipt and the `ProposalExecuted` event.
 * @example
 * await executeProposalSync(walletClient, { community, proposalId: 7n });
 */
export const executeProposalSync = write.sync;
