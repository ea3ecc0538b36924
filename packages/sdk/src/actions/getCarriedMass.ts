import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getCarriedMass}. */
export interface GetCarriedMassParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
  /** The voter. */
  voter: Address;
}

/** The mass the voter carries: their own and that of every non-voting member below them (0 without a ballot). */
export type GetCarriedMassReturnType = bigint;

/** A decoded revert or an RPC error. */
export type GetCarriedMassErrorType = ContractRevertError | BaseError;

/**
 * Reads the mass a voter currently carries on a proposal (their own plus their non-voting delegators').
 * @example
 * import { getCarriedMass } from "@plenum/sdk";
 * const mass = await getCarriedMass(publicClient, { community, proposalId: 12n, voter });
 */
export async function getCarriedMass<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetCarriedMassParameters,
): Promise<GetCarriedMassReturnType> {
  checkAddressParameters(parameters);
  const { community, proposalId, voter } = parameters;
  return readGovernor(client, community, "carriedMass", [proposalId, voter], parameters);
}
