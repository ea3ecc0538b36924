import type { Account, Address, Chain, Client, Hex, Transport } from "viem";
import { signTypedData } from "viem/actions";
import { getAction } from "viem/utils";
import { BaseError } from "../errors/base.ts";
import { decodeContractError } from "../errors/decode.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import { type Ballot, type BallotInput, encodeBallot } from "./internal/ballot.ts";
import { ballotDomain, ballotTypes, nonceAndDeadline } from "./internal/typedData.ts";
import type { AccountParameter } from "./internal/types.ts";
import { senderOf } from "./internal/write.ts";

/** Parameters of {@link signBallots}. */
export type SignBallotsParameters<account extends Account | undefined = Account | undefined> =
  AccountParameter<account> & {
    /** The community (its proxy address, the EIP-712 verifying contract). */
    community: Address;
    /** Ballots on several proposals, each `{ proposalId, option }`, `{ proposalId, votes }` or `{ proposalId, retract: true }`. */
    ballots: readonly BallotInput[];
    /** Last timestamp the signature is valid; one hour after the latest block by default. */
    deadline?: bigint | undefined;
    /** The voter's nonce; `nonces(voter)` by default. */
    nonce?: bigint | undefined;
  };

/** Several ballots under one signature: hand them to anyone, who relays them with {@link relayVotes}. */
export interface SignedBallots {
  community: Address;
  /** The ballots exactly as signed. */
  ballots: Ballot[];
  voter: Address;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}

/** The signed ballots. */
export type SignBallotsReturnType = SignedBallots;

/** A signing or RPC error. */
export type SignBallotsErrorType = BaseError;

/**
 * Signs several ballots as one EIP-712 `CastVotes` message (one nonce), for any account to relay.
 * @example
 * import { relayVotes, signBallots } from "@plenum/sdk";
 * const signed = await signBallots(voterClient, {
 *   community,
 *   ballots: [{ proposalId: 1n, option: 0 }, { proposalId: 2n, votes: [1, 2] }],
 * });
 * await relayVotes(relayerClient, signed);
 */
export async function signBallots<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: SignBallotsParameters<account>,
): Promise<SignBallotsReturnType> {
  checkAddressParameters(parameters);
  const { community } = parameters;
  const voter = senderOf(client, parameters);
  if (parameters.ballots.length === 0) throw new BaseError("no ballots to sign");
  const ballots = parameters.ballots.map(encodeBallot);
  const [domain, { nonce, deadline }] = await Promise.all([
    ballotDomain(client, community),
    nonceAndDeadline(client, community, voter, parameters.nonce, parameters.deadline),
  ]);
  let signature: Hex;
  try {
    signature = await getAction(
      client,
      signTypedData,
      "signTypedData",
    )({
      account: (parameters.account ?? client.account) as Account,
      domain,
      types: ballotTypes,
      primaryType: "CastVotes",
      message: { ballots, voter, nonce, deadline },
    });
  } catch (error) {
    const decoded = decodeContractError(error);
    throw new BaseError(`signing the ballots failed: ${decoded.shortMessage}`, { cause: error });
  }
  return { community, ballots, voter, nonce, deadline, signature };
}
