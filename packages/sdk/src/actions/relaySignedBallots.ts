import type { RelayerError } from "../anonymous/errors.ts";
import {
  postToRelayer,
  type RelayerRequestOptions,
  type RelayerResponse,
} from "../anonymous/relayer.ts";
import type { BaseError } from "../errors/base.ts";
import type { Ballot } from "./internal/ballot.ts";
import type { SignedBallot } from "./signBallot.ts";
import type { SignedBallots } from "./signBallots.ts";

/** Parameters of {@link relaySignedBallots}: a relayer and what `signBallot` or `signBallots` returned. */
export type RelaySignedBallotsParameters = RelayerRequestOptions & (SignedBallot | SignedBallots);

/** The relayer's answer: the transaction hash (and, with `wait`, its block). */
export type RelaySignedBallotsReturnType = RelayerResponse;

/** The relayer's refusal (`code`: `INVALID_SIGNATURE`, `NONCE_MISMATCH`, `SIGNATURE_EXPIRED`, …) or an SDK error. */
export type RelaySignedBallotsErrorType = RelayerError | BaseError;

function encode(ballot: Ballot) {
  return {
    proposalId: ballot.proposalId.toString(),
    option: ballot.option,
    ...(ballot.votes.length > 0 ? { votes: [...ballot.votes] } : {}),
  };
}

/**
 * Hands signed ballots to a relayer (`POST /v1/signed-ballots`), which sends `castVoteBySig` (one) or
 * `castVotesBySig` (a batch) and pays the gas.
 * @example
 * import { relaySignedBallots, signBallot } from "@plenum/sdk";
 * const signed = await signBallot(voterClient, { community, ballot: { proposalId: 12n, option: 1 } });
 * const { transactionHash } = await relaySignedBallots({ relayerUrl: "https://relay.example.org", ...signed });
 */
export async function relaySignedBallots(
  parameters: RelaySignedBallotsParameters,
): Promise<RelaySignedBallotsReturnType> {
  const { community, voter, nonce, deadline, signature } = parameters;
  return postToRelayer(parameters, "v1/signed-ballots", {
    community,
    voter,
    deadline: deadline.toString(),
    nonce: nonce.toString(),
    signature,
    ...("ballots" in parameters
      ? { ballots: parameters.ballots.map(encode) }
      : { ballot: encode(parameters.ballot) }),
  });
}
