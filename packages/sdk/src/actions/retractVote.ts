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

/**
 * Withdraws the sender's ballot; their mass flows back to their delegate chain.
 * @example
 * import { retractVote } from "@plenum/sdk";
 * const hash = await retractVote(walletClient, { community, proposalId: 12n });
 */
export async function retractVote<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: RetractVoteParameters<chain, account>,
): Promise<RetractVoteReturnType> {
  const call = contractCall(parameters);
  return sendWrite(client, parameters, call);
}

/**
 * Simulates {@link retractVote} without sending it; throws the decoded revert if it would fail.
 * @example
 * await retractVote.simulate(walletClient, { community, proposalId: 12n });
 */
retractVote.simulate = async <chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: RetractVoteParameters<chain, account>,
): Promise<{ result: undefined; request: unknown }> => {
  const call = contractCall(parameters);
  return (await simulateWrite(client, parameters, call)) as never;
};

/**
 * The `retractVote` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
 * @example
 * const call = retractVote.call({ community, proposalId: 12n });
 */
retractVote.call = (args: RetractVoteArgs): Call => toCall(contractCall(args));

/**
 * Decodes the `VoteRetracted` event from a receipt's logs.
 * @example
 * const { args } = retractVote.extractEvent(receipt.logs);
 */
retractVote.extractEvent = (logs: readonly Log[]) => firstEvent(logs, "VoteRetracted");

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
export async function retractVoteSync<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: RetractVoteSyncParameters<chain, account>,
): Promise<RetractVoteSyncReturnType> {
  const hash = await retractVote(client, parameters);
  const receipt = await waitForSuccess(client, hash, parameters);
  const { args } = firstEvent(receipt.logs, "VoteRetracted", parameters.community);
  return { ...args, receipt };
}
