import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import {
  encodeActions,
  encodeProposal,
  type ProposalAction,
  type ProposalInput,
} from "./internal/proposal.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, firstEvent } from "./internal/write.ts";

/** What {@link proposeExecutable} needs besides transaction options. */
export interface ProposeExecutableArgs extends Omit<ProposalInput, "optionCount" | "votingPeriod"> {
  /** The community (its proxy address). */
  community: Address;
  /** What the timelock executes if the proposal succeeds. */
  actions: readonly ProposalAction[];
}

/** Parameters of {@link proposeExecutable}. */
export type ProposeExecutableParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & ProposeExecutableArgs;

/** The transaction hash. */
export type ProposeExecutableReturnType = Hash;

/** A decoded revert ("an executable proposal needs at least one action") or another SDK error. */
export type ProposeExecutableErrorType = ContractRevertError | BaseError;

function contractCall({ community, actions, ...proposal }: ProposeExecutableArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "proposeExecutable",
    args: [
      encodeProposal({ ...proposal, optionCount: 2, votingPeriod: 0 }),
      ...encodeActions(actions),
    ],
  };
}

const write = defineWrite({
  name: "proposeExecutable",
  contractCall,
  eventName: "ProposalCreated",
  decode: (receipt, { community }): ProposeExecutableSyncReturnType => {
    const { args } = firstEvent(receipt.logs, "ProposalCreated", community);
    const { args: recorded } = firstEvent(receipt.logs, "ProposalActions", community);
    const actions = recorded.targets.map((target, i) => ({
      target,
      value: recorded.values[i] ?? 0n,
      data: recorded.calldatas[i] ?? "0x",
    }));
    return { ...args, actions, receipt };
  },
  simulated: (simulation) => simulation as { result: bigint; request: unknown },
});

/**
 * Creates an executable proposal: options [Against, For]; if it succeeds its actions are queued in the timelock and executed.
 * @example
 * import { encodeFunctionData } from "viem";
 * import { liquidGovernorAbi, proposeExecutable } from "@plenum/sdk";
 * const hash = await proposeExecutable(walletClient, {
 *   community,
 *   topic: 0,
 *   metadataURI: "Raise quorum to 25%",
 *   actions: [{ target: community, data: encodeFunctionData({ abi: liquidGovernorAbi, functionName: "setQuorum", args: [2500] }) }],
 * });
 */
export const proposeExecutable = Object.assign(write.send, {
  /**
   * Simulates {@link proposeExecutable} without sending it; throws the decoded revert if it would fail.
   * @example
   * const { result: proposalId } = await proposeExecutable.simulate(walletClient, { community, topic: 0, metadataURI, actions });
   */
  simulate: write.simulate,
  /**
   * The `proposeExecutable` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = proposeExecutable.call({ community, topic: 0, metadataURI, actions });
   */
  call: write.call,
  /**
   * Decodes the `ProposalCreated` event from a receipt's logs.
   * @example
   * const { args } = proposeExecutable.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link proposeExecutableSync}. */
export type ProposeExecutableSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = ProposeExecutableParameters<chain, account> & SyncParameters;

/** The receipt, the decoded `ProposalCreated` event and the actions (from `ProposalActions`). */
export type ProposeExecutableSyncReturnType = GovernorEventArgs<"ProposalCreated"> & {
  actions: { target: Address; value: bigint; data: `0x${string}` }[];
  receipt: TransactionReceipt;
};

/** Errors of {@link proposeExecutableSync}. */
export type ProposeExecutableSyncErrorType = ProposeExecutableErrorType;

/**
 * Creates an executable proposal and waits for it; returns the receipt, the `ProposalCreated` event and the actions.
 * @example
 * const { proposalId } = await proposeExecutableSync(walletClient, { community, topic: 0, metadataURI, actions });
 */
export const proposeExecutableSync = write.sync;
