import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { encodeOption, type VoteOption } from "./internal/ballot.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import { checkSingleVote } from "./internal/preflight.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

/** What {@link castVote} needs besides transaction options. */
export interface CastVoteArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
  /** An option index (0-based), or `"abstain"`. */
  option: VoteOption;
}

/** Parameters of {@link castVote}. */
export type CastVoteParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & CastVoteArgs;

/** The transaction hash. */
export type CastVoteReturnType = Hash;

/** A decoded revert ("proposal 4 has options 0 to 2, not 5") or another SDK error. */
export type CastVoteErrorType = ContractRevertError | BaseError;

function contractCall({ community, proposalId, option }: CastVoteArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "castVote",
    args: [proposalId, encodeOption(option)],
  };
}

const write = defineWrite({
  name: "castVote",
  contractCall,
  preflight: (client, { community, proposalId }, call) =>
    checkSingleVote(client, community, proposalId, call.args[1] as number),
  eventName: "VoteCast",
  simulated: (simulation): { request: unknown } => simulation,
});

/**
 * Casts or changes a single-choice ballot (checks the option first, then simulates, then sends).
 * @example
 * import { castVote } from "@plenum/sdk";
 * const hash = await castVote(walletClient, { community, proposalId: 12n, option: 1 });
 */
export const castVote = Object.assign(write.send, {
  /**
   * Simulates {@link castVote} without sending it; throws the decoded revert if it would fail.
   * @example
   * await castVote.simulate(walletClient, { community, proposalId: 12n, option: "abstain" });
   */
  simulate: write.simulate,
  /**
   * The `castVote` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = castVote.call({ community, proposalId: 12n, option: 0 });
   * await walletClient.sendTransaction(call);
   */
  call: write.call,
  /**
   * Decodes the `VoteCast` event from a receipt's logs.
   * @example
   * const { args } = castVote.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link castVoteSync}. */
export type CastVoteSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = CastVoteParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `VoteCast` event. */
export type CastVoteSyncReturnType = GovernorEventArgs<"VoteCast"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link castVoteSync}. */
export type CastVoteSyncErrorType = CastVoteErrorType;

/**
 * Casts a single-choice ballot and waits for it; returns the receipt and the `VoteCast` event.
 * @example
 * import { castVoteSync } from "@plenum/sdk";
 * const { option, receipt } = await castVoteSync(walletClient, { community, proposalId: 12n, option: 1 });
 */
export const castVoteSync = write.sync;
