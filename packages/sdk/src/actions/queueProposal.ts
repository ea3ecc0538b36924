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
> = WriteParameters<chain, account> &
  Omit<QueueProposalArgs, "actions"> & {
    /** Its actions; read from its `ProposalActions` event when omitted. */
    actions?: readonly ProposalAction[] | undefined;
    /** Where to start looking for that event; `"earliest"` by default. */
    fromBlock?: BlockNumber | BlockTag | undefined;
  };

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

async function resolve(
  client: Client<Transport, Chain | undefined>,
  parameters: QueueProposalParameters,
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
 * Schedules a succeeded executable proposal in the community's timelock.
 * @example
 * import { queueProposal } from "@plenum/sdk";
 * const hash = await queueProposal(walletClient, { community, proposalId: 7n });
 */
export async function queueProposal<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: QueueProposalParameters<chain, account>,
): Promise<QueueProposalReturnType> {
  return sendWrite(
    client,
    parameters,
    await resolve(client, parameters as QueueProposalParameters),
  );
}

/**
 * Simulates {@link queueProposal} without sending it; throws the decoded revert if it would fail.
 * @example
 * await queueProposal.simulate(walletClient, { community, proposalId: 7n });
 */
queueProposal.simulate = async <
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: QueueProposalParameters<chain, account>,
): Promise<{ request: unknown }> =>
  simulateWrite(client, parameters, await resolve(client, parameters as QueueProposalParameters));

/**
 * The `queue` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
 * @example
 * const call = queueProposal.call({ community, proposalId: 7n, actions });
 */
queueProposal.call = (args: QueueProposalArgs): Call => toCall(contractCall(args));

/**
 * Decodes the `ProposalQueued` event from a receipt's logs.
 * @example
 * const { args } = queueProposal.extractEvent(receipt.logs);
 */
queueProposal.extractEvent = (logs: readonly Log[]) => firstEvent(logs, "ProposalQueued");

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
export async function queueProposalSync<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: QueueProposalSyncParameters<chain, account>,
): Promise<QueueProposalSyncReturnType> {
  const hash = await queueProposal(client, parameters);
  const receipt = await waitForSuccess(client, hash, parameters);
  const { args } = firstEvent(receipt.logs, "ProposalQueued", parameters.community);
  return { ...args, receipt };
}
