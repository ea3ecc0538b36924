import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getAnonymousScope}. */
export interface GetAnonymousScopeParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
}

/** The scope a proof for the proposal must carry. */
export type GetAnonymousScopeReturnType = bigint;

/** A decoded revert ("proposal 7 does not exist") or an RPC error. */
export type GetAnonymousScopeErrorType = ContractRevertError | BaseError;

/**
 * Reads the scope the contract expects in proofs for a proposal; `anonymousScope` computes the same
 * offline.
 * @example
 * import { getAnonymousScope } from "@plenum/sdk";
 * const scope = await getAnonymousScope(publicClient, { community, proposalId: 12n });
 */
export async function getAnonymousScope<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetAnonymousScopeParameters,
): Promise<GetAnonymousScopeReturnType> {
  return readGovernor(
    client,
    parameters.community,
    "anonymousScope",
    [parameters.proposalId],
    parameters,
  );
}
