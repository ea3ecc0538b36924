import type {
  Account,
  Address,
  BlockNumber,
  BlockTag,
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
import { getProposalActions } from "./getProposalActions.ts";
import { encodeActions, type ProposalAction } from "./internal/proposal.ts";
import type { Call, GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import {
  type ContractCall,
  firstEvent,
  sendWrite,
  simulateWrite,
  toCall,
  waitForSuccess,
} from "./internal/write.ts";

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
> = WriteParameters<chain, account> &
  Omit<ExecuteProposalArgs, "actions"> & {
    /** Its actions; read from its `ProposalActions` event when omitted. */
    actions?: readonly ProposalAction[] | undefined;
    /** Where to start looking for that event; `"earliest"` by default. */
    fromBlock?: BlockNumber | BlockTag | undefined;
  };

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

async function resolve(
  client: Client<Transport, Chain | undefined>,
  parameters: ExecuteProposalParameters,
): Promise<ContractCall> {
  const actions =
    parameters.actions ??
    (await getProposalActions(client, {
      community: parameters.community,
      proposalId: parameters.proposalId,
      fromBlock: parameters.fromBlock,
    }));
  return contractCall({ ...parameters, actions });
}

/**
 * Executes a queued proposal's actions through the timelock once its delay has passed.
 * @example
 * import { executeProposal } from "@plenum/sdk";
 * const hash = await executeProposal(walletClient, { community, proposalId: 7n });
 */
export async function executeProposal<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: ExecuteProposalParameters<chain, account>,
): Promise<ExecuteProposalReturnType> {
  return sendWrite(
    client,
    parameters,
    await resolve(client, parameters as ExecuteProposalParameters),
  );
}

/**
 * Simulates {@link executeProposal} without sending it; throws the decoded revert if it would fail.
 * @example
 * await executeProposal.simulate(walletClient, { community, proposalId: 7n });
 */
executeProposal.simulate = async <
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: ExecuteProposalParameters<chain, account>,
): Promise<{ request: unknown }> =>
  simulateWrite(client, parameters, await resolve(client, parameters as ExecuteProposalParameters));

/**
 * The `execute` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
 * @example
 * const call = executeProposal.call({ community, proposalId: 7n, actions });
 */
executeProposal.call = (args: ExecuteProposalArgs): Call => toCall(contractCall(args));

/**
 * Decodes the `ProposalExecuted` event from a receipt's logs.
 * @example
 * const { args } = executeProposal.extractEvent(receipt.logs);
 */
executeProposal.extractEvent = (logs: readonly Log[]) => firstEvent(logs, "ProposalExecuted");

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
export async function executeProposalSync<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: ExecuteProposalSyncParameters<chain, account>,
): Promise<ExecuteProposalSyncReturnType> {
  const hash = await executeProposal(client, parameters);
  const receipt = await waitForSuccess(client, hash, parameters);
  const { args } = firstEvent(receipt.logs, "ProposalExecuted", parameters.community);
  return { ...args, receipt };
}
