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
import {
  encodeActions,
  encodeProposal,
  type ProposalAction,
  type ProposalInput,
} from "./internal/proposal.ts";
import type { Call, GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import {
  type ContractCall,
  firstEvent,
  sendWrite,
  simulateWrite,
  toCall,
  waitForSuccess,
} from "./internal/write.ts";

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
export async function proposeExecutable<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: ProposeExecutableParameters<chain, account>,
): Promise<ProposeExecutableReturnType> {
  const call = contractCall(parameters);
  return sendWrite(client, parameters, call);
}

/**
 * Simulates {@link proposeExecutable} without sending it; throws the decoded revert if it would fail.
 * @example
 * const { result: proposalId } = await proposeExecutable.simulate(walletClient, { community, topic: 0, metadataURI, actions });
 */
proposeExecutable.simulate = async <
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: ProposeExecutableParameters<chain, account>,
): Promise<{ result: bigint; request: unknown }> => {
  const call = contractCall(parameters);
  return (await simulateWrite(client, parameters, call)) as never;
};

/**
 * The `proposeExecutable` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
 * @example
 * const call = proposeExecutable.call({ community, topic: 0, metadataURI, actions });
 */
proposeExecutable.call = (args: ProposeExecutableArgs): Call => toCall(contractCall(args));

/**
 * Decodes the `ProposalCreated` event from a receipt's logs.
 * @example
 * const { args } = proposeExecutable.extractEvent(receipt.logs);
 */
proposeExecutable.extractEvent = (logs: readonly Log[]) => firstEvent(logs, "ProposalCreated");

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
export async function proposeExecutableSync<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: ProposeExecutableSyncParameters<chain, account>,
): Promise<ProposeExecutableSyncReturnType> {
  const hash = await proposeExecutable(client, parameters);
  const receipt = await waitForSuccess(client, hash, parameters);
  const { args } = firstEvent(receipt.logs, "ProposalCreated", parameters.community);
  const { args: recorded } = firstEvent(receipt.logs, "ProposalActions", parameters.community);
  const actions = recorded.targets.map((target, i) => ({
    target,
    value: recorded.values[i] ?? 0n,
    data: recorded.calldatas[i] ?? "0x",
  }));
  return { ...args, actions, receipt };
}
