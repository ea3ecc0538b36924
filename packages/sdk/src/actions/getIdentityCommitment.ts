import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getIdentityCommitment}. */
export interface GetIdentityCommitmentParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The member. */
  member: Address;
}

/** The member's registered identity commitment, or `null` if they have none. */
export type GetIdentityCommitmentReturnType = bigint | null;

/** A decoded revert or an RPC error. */
export type GetIdentityCommitmentErrorType = ContractRevertError | BaseError;

/**
 * Reads the identity commitment a member has registered in the community's group.
 * @example
 * import { getIdentityCommitment } from "@plenum/sdk";
 * const commitment = await getIdentityCommitment(publicClient, { community, member });
 * if (commitment !== identity.commitment) console.log("this identity is not the one registered");
 */
export async function getIdentityCommitment<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetIdentityCommitmentParameters,
): Promise<GetIdentityCommitmentReturnType> {
  checkAddressParameters(parameters);
  const { community, member } = parameters;
  const commitment = await readGovernor(
    client,
    community,
    "identityCommitmentOf",
    [member],
    parameters,
  );
  return commitment === 0n ? null : commitment;
}
