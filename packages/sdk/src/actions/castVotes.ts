import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { type BallotInput, encodeBallot } from "./internal/ballot.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { SyncParameters, VoteEvent, WriteParameters } from "./internal/types.ts";
import { type ContractCall, voteEventNames, voteEvents } from "./internal/write.ts";

/** What {@link castVotes} needs besides transaction options. */
export interface CastVotesArgs {
  /** The community (its proxy address). */
  community: Address;
  /** One ballot per proposal: `{ proposalId, option }`, `{ proposalId, votes }` or `{ proposalId, retract: true }`. */
  ballots: readonly BallotInput[];
}

/** Parameters of {@link castVotes}. */
export type CastVotesParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & CastVotesArgs;

/** The transaction hash. */
export type CastVotesReturnType = Hash;

/** A decoded revert ("voting on proposal 12 closed at 2026-11-28T10:00:00Z") or another SDK error. */
export type CastVotesErrorType = ContractRevertError | BaseError;

function contractCall({ community, ballots }: CastVotesArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "castVotes",
    args: [ballots.map(encodeBallot)],
  };
}

const write = defineWrite({
  name: "castVotes",
  contractCall,
  eventName: voteEventNames,
  decode: (receipt, { community }): CastVotesSyncReturnType => ({
    votes: voteEvents(receipt.logs, community),
    receipt,
  }),
});

/**
 * Casts, changes or retracts ballots on several proposals in one transaction.
 * @example
 * import { castVotes } from "@plenum/sdk";
 * const hash = await castVotes(walletClient, {
 *   community,
 *   ballots: [
 *     { proposalId: 1n, option: 0 },
 *     { proposalId: 2n, votes: [2, 1] },
 *     { proposalId: 3n, retract: true },
 *   ],
 * });
 */
export const castVotes = Object.assign(write.send, {
  /**
   * Simulates {@link castVotes} without sending it; throws the decoded revert if it would fail.
   * @example
   * await castVotes.simulate(walletClient, { community, ballots: [{ proposalId: 1n, option: "abstain" }] });
   */
  simulate: write.simulate,
  /**
   * The `castVotes` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = castVotes.call({ community, ballots: [{ proposalId: 1n, option: 1 }] });
   */
  call: write.call,
  /**
   * Decodes the `VoteCast` / `QuadraticVoteCast` / `VoteRetracted` events from a receipt's logs.
   * @example
   * const events = castVotes.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `VoteCast` / `QuadraticVoteCast` / `VoteRetracted` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = castVotes.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link castVotesSync}. */
export type CastVotesSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = CastVotesParameters<chain, account> & SyncParameters;

/** The receipt and the decoded vote events, in ballot order (`eventName` tells them apart). */
export type CastVotesSyncReturnType = {
  votes: VoteEvent[];
  receipt: TransactionReceipt;
};

/** Errors of {@link castVotesSync}. */
export type CastVotesSyncErrorType = CastVotesErrorType;

/**
 * Casts a batch of ballots and waits for it; returns the receipt and one vote event per ballot.
 * @example
 * const { votes } = await castVotesSync(walletClient, { community, ballots: [{ proposalId: 1n, option: 0 }] });
 */
export const castVotesSync = write.sync;
