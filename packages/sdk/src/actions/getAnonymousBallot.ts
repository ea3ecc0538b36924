import type { Address, Chain, Client, Transport } from "viem";
import { getChainId } from "viem/actions";
import { getAction } from "viem/utils";
import type { Identity } from "../anonymous/identity.ts";
import { anonymousNullifier } from "../anonymous/proof.ts";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { decodeOption, type VoteOption } from "./internal/ballot.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getAnonymousBallot}: the ballot's nullifier, or the identity that has it. */
export type GetAnonymousBallotParameters = ReadParameters & {
  /** The community (its proxy address). */
  community: Address;
  /** The anonymous proposal. */
  proposalId: bigint;
} & (
    | {
        /** The ballot's nullifier (`proof.nullifier`). */
        nullifier: bigint;
        identity?: undefined;
      }
    | {
        /** The voter's identity: its nullifier is computed locally (`anonymousNullifier`). */
        identity: Identity;
        nullifier?: undefined;
      }
  );

/**
 * The current anonymous ballot of a nullifier, and the sequence of the last ballot it sent (a cast or
 * a retraction; 0 if none): its next ballot must carry a higher one.
 */
export type GetAnonymousBallotReturnType =
  | { hasVoted: false; nullifier: bigint; sequence: bigint }
  | {
      hasVoted: true;
      nullifier: bigint;
      /** The option index or `"abstain"`. */
      option: VoteOption;
      sequence: bigint;
    };

/** A decoded revert or an RPC error. */
export type GetAnonymousBallotErrorType = ContractRevertError | BaseError;

/**
 * Reads the current anonymous ballot of a nullifier, or of an identity (whose nullifier only its
 * holder can compute), with the sequence the next ballot must exceed.
 * @example
 * import { getAnonymousBallot } from "@plenum/sdk";
 * const ballot = await getAnonymousBallot(publicClient, { community, proposalId: 12n, identity });
 * // { hasVoted: true, nullifier: 8731…n, option: 1, sequence: 2n }: the next ballot takes sequence 3n
 */
export async function getAnonymousBallot<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetAnonymousBallotParameters,
): Promise<GetAnonymousBallotReturnType> {
  const { community, proposalId, identity } = parameters;
  const nullifier =
    identity === undefined
      ? parameters.nullifier
      : anonymousNullifier({
          identity,
          community,
          proposalId,
          chainId: client.chain?.id ?? (await getAction(client, getChainId, "getChainId")({})),
        });
  const [voted, option, sequence] = await readGovernor(
    client,
    community,
    "anonymousBallotOf",
    [proposalId, nullifier],
    parameters,
  );
  return voted
    ? { hasVoted: true, nullifier, option: decodeOption(option), sequence: BigInt(sequence) }
    : { hasVoted: false, nullifier, sequence: BigInt(sequence) };
}
