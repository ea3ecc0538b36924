import type { Address } from "viem";
import type { RelayerError } from "../anonymous/errors.ts";
import type { AnonymousProof } from "../anonymous/proof.ts";
import {
  postToRelayer,
  type RelayerRequestOptions,
  type RelayerResponse,
} from "../anonymous/relayer.ts";
import { BaseError } from "../errors/base.ts";

/** Parameters of {@link relayAnonymousBallot}. */
export interface RelayAnonymousBallotParameters extends RelayerRequestOptions {
  /** The community (its proxy address). */
  community: Address;
  /** The anonymous proposal. */
  proposalId: bigint;
  /** The ballot's proof, from `createAnonymousBallot`. */
  proof: AnonymousProof;
}

/** The relayer's answer: the transaction hash (and, with `wait`, its block). */
export type RelayAnonymousBallotReturnType = RelayerResponse;

/**
 * The relayer's refusal (`code`: `INVALID_PROOF`, `SCOPE_MISMATCH`, `ROOT_MISMATCH`, `INVALID_MESSAGE`,
 * `STALE_BALLOT` with `body.lastSequence`, `RATE_LIMITED`, …) or an SDK error.
 */
export type RelayAnonymousBallotErrorType = RelayerError | BaseError;

/**
 * Hands an anonymous ballot to a relayer (`POST /v1/anonymous-ballots`), which checks it and sends
 * `castAnonymousVote` from its own account, so no address of the voter's appears on chain.
 * @example
 * import { relayAnonymousBallot } from "@plenum/sdk";
 * const { transactionHash } = await relayAnonymousBallot({ relayerUrl: "https://relay.example.org", community, proposalId: 12n, proof });
 */
export async function relayAnonymousBallot(
  parameters: RelayAnonymousBallotParameters,
): Promise<RelayAnonymousBallotReturnType> {
  const { community, proposalId, proof } = parameters;
  if (proof.points.length !== 8) {
    throw new BaseError(`a Semaphore proof has 8 points, not ${proof.points.length}`);
  }
  return postToRelayer(parameters, "v1/anonymous-ballots", {
    community,
    proposalId: proposalId.toString(),
    proof: {
      merkleTreeDepth: proof.merkleTreeDepth.toString(),
      merkleTreeRoot: proof.merkleTreeRoot.toString(),
      nullifier: proof.nullifier.toString(),
      message: proof.message.toString(),
      scope: proof.scope.toString(),
      points: proof.points.map((point) => point.toString()),
    },
  });
}
