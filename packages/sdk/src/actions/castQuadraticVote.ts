import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { encodeVotes } from "./internal/ballot.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import { checkQuadraticVote } from "./internal/preflight.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, senderOf } from "./internal/write.ts";

/** What {@link castQuadraticVote} needs besides transaction options. */
export interface CastQuadraticVoteArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal (a quadratic one). */
  proposalId: bigint;
  /** Votes per option; costs Σ votes² of the voter's weight at the snapshot. All zeros abstains. */
  votes: readonly (number | bigint)[];
}

/** Parameters of {@link castQuadraticVote}. */
export type CastQuadraticVoteParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & CastQuadraticVoteArgs;

/** The transaction hash. */
export type CastQuadraticVoteReturnType = Hash;

/** A decoded revert ("quadratic ballot costs 49 credits, you have 25") or another SDK error. */
export type CastQuadraticVoteErrorType = ContractRevertError | BaseError;

function contractCall({ community, proposalId, votes }: CastQuadraticVoteArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "castQuadraticVote",
    args: [proposalId, encodeVotes(votes)],
  };
}

const write = defineWrite({
  name: "castQuadraticVote",
  contractCall,
  preflight: (client, parameters, call) =>
    checkQuadraticVote(
      client,
      parameters.community,
      parameters.proposalId,
      senderOf(client, parameters),
      call.args[1] as number[],
    ),
  eventName: "QuadraticVoteCast",
});

/**
 * Casts or changes a quadratic ballot; checks Σ votes² against the voter's weight first, then simulates, then sends.
 * @example
 * import { castQuadraticVote } from "@plenum/sdk";
 * const hash = await castQuadraticVote(walletClient, { community, proposalId: 3n, votes: [3, 4, 0] });
 */
export const castQuadraticVote = Object.assign(write.send, {
  /**
   * Simulates {@link castQuadraticVote} without sending it; throws the decoded revert if it would fail.
   * @example
   * await castQuadraticVote.simulate(walletClient, { community, proposalId: 3n, votes: [1, 2, 0] });
   */
  simulate: write.simulate,
  /**
   * The `castQuadraticVote` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = castQuadraticVote.call({ community, proposalId: 3n, votes: [1, 0, 2] });
   */
  call: write.call,
  /**
   * Decodes the `QuadraticVoteCast` event from a receipt's logs.
   * @example
   * const { args } = castQuadraticVote.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link castQuadraticVoteSync}. */
export type CastQuadraticVoteSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = CastQuadraticVoteParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `QuadraticVoteCast` event. */
export type CastQuadraticVoteSyncReturnType = GovernorEventArgs<"QuadraticVoteCast"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link castQuadraticVoteSync}. */
export type CastQuadraticVoteSyncErrorType = CastQuadraticVoteErrorType;

/**
 * Casts a quadratic ballot and waits for it; returns the receipt and the `QuadraticVoteCast` event.
 * @example
 * const { votes } = await castQuadraticVoteSync(walletClient, { community, proposalId: 3n, votes: [3, 4, 0] });
 */
export const castQuadraticVoteSync = write.sync;
