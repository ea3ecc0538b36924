import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { AnonymousProof } from "../anonymous/proof.ts";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { decodeOption, type VoteOption } from "./internal/ballot.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link castAnonymousVote} needs besides transaction options. */
export interface CastAnonymousVoteArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The anonymous proposal. */
  proposalId: bigint;
  /** The ballot's proof, from `createAnonymousBallot`. */
  proof: AnonymousProof;
}

/** Parameters of {@link castAnonymousVote}. */
export type CastAnonymousVoteParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & CastAnonymousVoteArgs;

/** The transaction hash. */
export type CastAnonymousVoteReturnType = Hash;

/** A decoded revert ("proof made for another proposal: …", `AnonymousStaleBallot`) or another SDK error. */
export type CastAnonymousVoteErrorType = ContractRevertError | BaseError;

function contractCall({ community, proposalId, proof }: CastAnonymousVoteArgs): ContractCall {
  if (proof.points.length !== 8) {
    throw new BaseError(`a Semaphore proof has 8 points, not ${proof.points.length}`);
  }
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "castAnonymousVote",
    args: [
      proposalId,
      {
        merkleTreeDepth: proof.merkleTreeDepth,
        merkleTreeRoot: proof.merkleTreeRoot,
        nullifier: proof.nullifier,
        message: proof.message,
        scope: proof.scope,
        points: proof.points,
      },
    ],
  };
}

/** What an anonymous ballot did: counted for an option, or retracted. */
export type AnonymousVoteEvent =
  | { eventName: "AnonymousVoteCast"; proposalId: bigint; nullifier: bigint; option: VoteOption }
  | { eventName: "AnonymousVoteRetracted"; proposalId: bigint; nullifier: bigint };

const write = defineWrite({
  name: "castAnonymousVote",
  contractCall,
  eventName: "AnonymousVoteCast",
  decode: (receipt, { community }): CastAnonymousVoteSyncReturnType => {
    const [event] = governorEvents(
      receipt.logs,
      ["AnonymousVoteCast", "AnonymousVoteRetracted"],
      community,
    );
    if (!event) throw new BaseError("no anonymous vote event in the logs");
    const vote: AnonymousVoteEvent =
      event.eventName === "AnonymousVoteCast"
        ? {
            eventName: event.eventName,
            proposalId: event.args.proposalId,
            nullifier: event.args.nullifier,
            option: decodeOption(event.args.option),
          }
        : {
            eventName: "AnonymousVoteRetracted",
            proposalId: event.args.proposalId,
            nullifier: event.args.nullifier,
          };
    return { ...vote, receipt };
  },
});

/**
 * Casts, replaces or (with a `"retract"` proof) retracts an anonymous ballot. Any account may send it:
 * the proof, not the sender, says who may vote, so a relayer or a fresh account keeps the voter's
 * address out of it. A proof whose sequence is not above the nullifier's last ballot (an old proof
 * sent again) reverts with `AnonymousStaleBallot`, caught by the simulation before anything is sent.
 * @example
 * import { castAnonymousVote, createAnonymousBallot } from "@plenum/sdk";
 * const proof = await createAnonymousBallot({ identity, group, chainId: 31337, community, proposalId: 12n, option: 1, sequence: 1n });
 * const hash = await castAnonymousVote(anyClient, { community, proposalId: 12n, proof });
 */
export const castAnonymousVote = Object.assign(write.send, {
  /**
   * Simulates {@link castAnonymousVote} without sending it; throws the decoded revert if it would fail.
   * @example
   * await castAnonymousVote.simulate(anyClient, { community, proposalId: 12n, proof });
   */
  simulate: write.simulate,
  /**
   * The `castAnonymousVote` call as `{ to, data }`, for batching or a relayer of your own.
   * @example
   * const call = castAnonymousVote.call({ community, proposalId: 12n, proof });
   */
  call: write.call,
  /**
   * Decodes the `AnonymousVoteCast` event from a receipt's logs (a retraction emits `AnonymousVoteRetracted`).
   * @example
   * const { args } = castAnonymousVote.extractEvent(receipt.logs); // { proposalId, nullifier, option }
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link castAnonymousVoteSync}. */
export type CastAnonymousVoteSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = CastAnonymousVoteParameters<chain, account> & SyncParameters;

/** The receipt and the decoded event: `AnonymousVoteCast` (with the option) or `AnonymousVoteRetracted`. */
export type CastAnonymousVoteSyncReturnType = AnonymousVoteEvent & { receipt: TransactionReceipt };

/** Errors of {@link castAnonymousVoteSync}. */
export type CastAnonymousVoteSyncErrorType = CastAnonymousVoteErrorType;

/**
 * Casts an anonymous ballot and waits for it; returns the receipt and what the ballot did.
 * @example
 * const { eventName, nullifier } = await castAnonymousVoteSync(anyClient, { community, proposalId: 12n, proof });
 */
export const castAnonymousVoteSync = write.sync;
