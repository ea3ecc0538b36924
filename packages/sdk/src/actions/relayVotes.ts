import type { Account, Address, Chain, Hash, Hex, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import type { Ballot } from "./internal/ballot.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { RelayWriteParameters, SyncParameters, VoteEvent } from "./internal/types.ts";
import { type ContractCall, voteEventNames, voteEvents } from "./internal/write.ts";

/** What {@link relayVotes} needs besides transaction options. */
export interface RelayVotesArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The ballots exactly as signed (see {@link signBallots}). */
  ballots: readonly Ballot[];
  /** The member who signed. */
  voter: Address;
  /** Last timestamp at which the signature is valid. */
  deadline: bigint;
  /** The EIP-712 signature. */
  signature: Hex;
  /** The voter's EIP-712 nonce that was signed (not the relayer's transaction nonce); the contract checks it against `nonces(voter)`. */
  nonce?: bigint | undefined;
}

/** Parameters of {@link relayVotes}. */
export type RelayVotesParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RelayWriteParameters<chain, account> & RelayVotesArgs;

/** The transaction hash. */
export type RelayVotesReturnType = Hash;

/** A decoded revert ("the signature expired at 2026-11-28T10:00:00Z") or another SDK error. */
export type RelayVotesErrorType = ContractRevertError | BaseError;

function contractCall({
  community,
  ballots,
  voter,
  deadline,
  signature,
}: RelayVotesArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "castVotesBySig",
    args: [ballots, voter, deadline, signature],
  };
}

const write = defineWrite({
  name: "relayVotes",
  contractCall,
  relay: true,
  eventName: voteEventNames,
  decode: (receipt, { community }): RelayVotesSyncReturnType => ({
    votes: voteEvents(receipt.logs, community),
    receipt,
  }),
});

/**
 * Relays several ballots signed together with {@link signBallots} (`castVotesBySig`); any account may send them.
 * @example
 * import { relayVotes, signBallots } from "@plenum/sdk";
 * const signed = await signBallots(voterClient, { community, ballots: [{ proposalId: 1n, option: 0 }, { proposalId: 2n, retract: true }] });
 * const hash = await relayVotes(relayerClient, signed);
 */
export const relayVotes = Object.assign(write.send, {
  /**
   * Simulates {@link relayVotes} without sending it; throws the decoded revert if it would fail.
   * @example
   * await relayVotes.simulate(relayerClient, signed);
   */
  simulate: write.simulate,
  /**
   * The `castVotesBySig` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = relayVotes.call(signed);
   */
  call: write.call,
  /**
   * Decodes the `VoteCast` / `QuadraticVoteCast` / `VoteRetracted` events from a receipt's logs.
   * @example
   * const events = relayVotes.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `VoteCast` / `QuadraticVoteCast` / `VoteRetracted` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = relayVotes.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link relayVotesSync}. */
export type RelayVotesSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RelayVotesParameters<chain, account> & SyncParameters;

/** The receipt and one decoded vote event per ballot, in order. */
export type RelayVotesSyncReturnType = {
  votes: VoteEvent[];
  receipt: TransactionReceipt;
};

/** Errors of {@link relayVotesSync}. */
export type RelayVotesSyncErrorType = RelayVotesErrorType;

/**
 * Relays signed ballots and waits for them; returns the receipt and the vote events.
 * @example
 * const { votes } = await relayVotesSync(relayerClient, signed);
 */
export const relayVotesSync = write.sync;
