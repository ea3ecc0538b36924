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

/** Parameters of {@link signBallot}. */
export type SignBallotParameters<account extends Account | undefined = Account | undefined> =
  AccountParameter<account> & {
    /** The community (its proxy address, the EIP-712 verifying contract). */
    community: Address;
    /** `{ proposalId, option }`, `{ proposalId, votes }` or `{ proposalId, retract: true }`. */
    ballot: BallotInput;
    /** Last timestamp the signature is valid; one hour after the latest block by default. */
    deadline?: bigint | undefined;
    /** The voter's nonce; `nonces(voter)` by default (pass it to sign several messages ahead). */
    nonce?: bigint | undefined;
  };

/** A signed ballot: hand it to anyone, who relays it with {@link relayVote}. */
export interface SignedBallot {
  community: Address;
  /** The ballot exactly as signed. */
  ballot: Ballot;
  voter: Address;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}

/** The signed ballot. */
export type SignBallotReturnType = SignedBallot;

/** A signing or RPC error. */
export type SignBallotErrorType = BaseError;

/**
 * Signs one ballot as EIP-712 `CastVote` typed data, so that any account can relay it (and pay for it).
 * @example
 * import { relayVote, signBallot } from "@plenum/sdk";
 * const signed = await signBallot(voterClient, { community, ballot: { proposalId: 12n, option: 1 } });
 * await relayVote(relayerClient, signed);
 */
export async function signBallot<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: SignBallotParameters<account>,
): Promise<SignBallotReturnType> {
  checkAddressParameters(parameters);
  const { community } = parameters;
  const voter = senderOf(client, parameters);
  const ballot = encodeBallot(parameters.ballot);
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
      primaryType: "CastVote",
      message: { ballot, voter, nonce, deadline },
    });
  } catch (error) {
    const decoded = decodeContractError(error);
    throw new BaseError(`signing the ballot failed: ${decoded.shortMessage}`, { cause: error });
  }
  return { community, ballot, voter, nonce, deadline, signature };
}
