import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import { decodeOption, type VoteOption } from "./internal/ballot.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getBallot}. */
export interface GetBallotParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
  /** The voter. */
  voter: Address;
}

/** A voter's current ballot. */
export type GetBallotReturnType =
  | { hasVoted: false }
  | {
      hasVoted: true;
      /** Single-choice: the option index or `"abstain"`; quadratic: `"abstain"` for all zeros, else `undefined`. */
      option: VoteOption | undefined;
      /** Quadratic: votes per option; single-choice: `undefined`. */
      votes: readonly number[] | undefined;
    };

/** A decoded revert or an RPC error. */
export type GetBallotErrorType = ContractRevertError | BaseError;

/**
 * Reads a voter's current (tentative) ballot on a proposal.
 * @example
 * import { getBallot } from "@plenum/sdk";
 * const ballot = await getBallot(publicClient, { community, proposalId: 12n, voter });
 * if (ballot.hasVoted) console.log(ballot.option ?? ballot.votes);
 */
export async function getBallot<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetBallotParameters,
): Promise<GetBallotReturnType> {
  checkAddressParameters(parameters);
  const { community, proposalId, voter } = parameters;
  const [hasVoted, option, votes] = await readGovernor(
    client,
    community,
    "ballotOf",
    [proposalId, voter],
    parameters,
  );
  if (!hasVoted) return { hasVoted: false };
  if (votes.length === 0) return { hasVoted: true, option: decodeOption(option), votes: undefined };
  const abstains = votes.every((vote) => vote === 0);
  return { hasVoted: true, option: abstains ? "abstain" : undefined, votes };
}
