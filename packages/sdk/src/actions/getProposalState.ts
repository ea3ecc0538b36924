import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { type ProposalStateName, proposalStateName } from "./internal/format.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getProposalState}. */
export interface GetProposalStateParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
}

/** `"active"`, `"succeeded"`, `"defeated"`, `"queued"`, `"executed"` or `"canceled"`. */
export type GetProposalStateReturnType = ProposalStateName;

/** `ProposalNotFound` or an RPC error. */
export type GetProposalStateErrorType = ContractRevertError | BaseError;

/**
 * Reads a proposal's state, with OpenZeppelin Governor's names in lower case.
 * @example
 * import { getProposalState } from "@plenum/sdk";
 * if ((await getProposalState(publicClient, { community, proposalId: 7n })) === "succeeded") { … }
 */
export async function getProposalState<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetProposalStateParameters,
): Promise<GetProposalStateReturnType> {
  const state = await readGovernor(
    client,
    parameters.community,
    "state",
    [parameters.proposalId],
    parameters,
  );
  return proposalStateName(state);
}
