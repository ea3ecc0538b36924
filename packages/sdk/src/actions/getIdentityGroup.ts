import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getIdentityGroup}. */
export interface GetIdentityGroupParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
}

/** The community's Semaphore group as the contract holds it now. */
export interface GetIdentityGroupReturnType {
  /** The LeanIMT root (0 while the group is empty). */
  root: bigint;
  /** The LeanIMT depth. */
  depth: number;
  /** Leaves, removed ones (now 0) included. */
  size: number;
  /** Registered identities (non-zero leaves). */
  identities: number;
}

/** A decoded revert or an RPC error. */
export type GetIdentityGroupErrorType = ContractRevertError | BaseError;

/**
 * Reads the community's identity group: root, depth, size and number of identities (the leaves
 * themselves come from events: `rebuildIdentityGroup`).
 * @example
 * import { getIdentityGroup } from "@plenum/sdk";
 * const { root, identities } = await getIdentityGroup(publicClient, { community });
 */
export async function getIdentityGroup<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetIdentityGroupParameters,
): Promise<GetIdentityGroupReturnType> {
  const [root, depth, size, identities] = await readGovernor(
    client,
    parameters.community,
    "identityGroup",
    [],
    parameters,
  );
  return { root, depth: Number(depth), size: Number(size), identities: Number(identities) };
}
