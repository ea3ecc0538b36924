import type { Account, Address, Chain, Hash, Hex, TransactionReceipt } from "viem";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import type { Ballot } from "./internal/ballot.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { RelayWriteParameters, SyncParameters, VoteEvent } from "./internal/types.ts";
import { type ContractCall, voteEventNames, voteEvents } from "./internal/write.ts";

/** What {@link relayVote} needs besides transaction options. */
export interface RelayVoteArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The ballot exactly as signed (see {@link signBallot}). */
  ballot: Ballot;
  /** The member who signed. */
  voter: Address;
  /** Last timestamp at which the signature is valid. */
  deadline: bigint;
  /** The EIP-712 signature. */
  signature: Hex;
  /** The voter's EIP-712 nonce that was signed (not the relayer's transaction nonce); the contract checks it against `nonces(voter)`. */
  nonce?: bigint | undefined;
}

/** Parameters of {@link relayVote}. */
export type RelayVoteParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RelayWriteParameters<chain, account> & RelayVoteArgs;

/** The transaction hash. */
export type RelayVoteReturnType = Hash;

/** A decoded revert ("the signature is not 0x7099…'s") or another SDK error. */
export type RelayVoteErrorType = ContractRevertError | BaseError;

function contractCall({
  community,
  ballot,
  voter,
  deadline,
  signature,
}: RelayVoteArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "castVoteBySig",
    args: [ballot, voter, deadline, signature],
  };
}

const write = defineWrite({
  name: "relayVote",
  contractCall,
  relay: true,
  eventName: voteEventNames,
  decode: (receipt, { community }): RelayVoteSyncReturnType => {
    const [vote] = voteEvents(receipt.logs, community);
    if (!vote) throw new BaseError("no vote event in the logs");
    return { ...vote, receipt };
  },
});

/**
 * Relays a ballot another member signed with {@link signBallot} (`castVoteBySig`); any account may send it.
 * @example
 * import { relayVote, signBallot } from "@plenum/sdk";
 * const signed = await signBallot(voterClient, { community, ballot: { proposalId: 12n, option: 1 } });
 * const hash = await relayVote(relayerClient, signed);
 */
export const relayVote = Object.assign(write.send, {
  /**
   * Simulates {@link relayVote} without sending it; throws the decoded revert if it would fail.
   * @example
   * await relayVote.simulate(relayerClient, signed);
   */
  simulate: write.simulate,
  /**
   * The `castVoteBySig` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = relayVote.call(signed);
   */
  call: write.call,
  /**
   * Decodes the vote event (`VoteCast`, `QuadraticVoteCast` or `VoteRetracted`) from a receipt's logs.
   * @example
   * const { eventName, args } = relayVote.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link relayVoteSync}. */
export type RelayVoteSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RelayVoteParameters<chain, account> & SyncParameters;

/** The receipt and the decoded vote event (`eventName` tells which). */
export type RelayVoteSyncReturnType = VoteEvent & { receipt: TransactionReceipt };

/** Errors of {@link relayVoteSync}. */
export type RelayVoteSyncErrorType = RelayVoteErrorType;

/**
 * Relays a signed ballot and waits for it; returns the receipt and the vote event.
 * @example
 * const { eventName, voter } = await relayVoteSync(relayerClient, signed);
 */
export const relayVoteSync = write.sync;
