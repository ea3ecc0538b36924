import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getProposalGroup}. */
export interface GetProposalGroupParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The anonymous proposal. */
  proposalId: bigint;
}

/** The group an anonymous proposal recorded at creation (zeros for a public proposal). */
export interface GetProposalGroupReturnType {
  /** The root every ballot's proof must be against. */
  root: bigint;
  /** How many identities it held: the proposal's electorate (its `totalMass`). */
  identities: number;
}

/** A decoded revert ("proposal 7 does not exist") or an RPC error. */
export type GetProposalGroupErrorType = ContractRevertError | BaseError;

/**
 * Reads the group root and size an anonymous proposal recorded when it was created.
 * @example
 * import { getProposalGroup } from "@plenum/sdk";
 * const { root, identities } = await getProposalGroup(publicClient, { community, proposalId: 12n });
 */
export async function getProposalGroup<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetProposalGroupParameters,
): Promise<GetProposalGroupReturnType> {
  const [root, identities] = await readGovernor(
    client,
    parameters.community,
    "proposalGroup",
    [parameters.proposalId],
    parameters,
  );
  return { root, identities: Number(identities) };
}
