import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getDelegationChain}. */
export interface GetDelegationChainParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The member at the bottom of the chain. */
  account: Address;
  /** The topic. */
  topic: number;
}

/** The chain above the account: its delegate, that one's delegate, … (empty if it delegates to nobody). */
export type GetDelegationChainReturnType = readonly Address[];

/** A decoded revert or an RPC error. */
export type GetDelegationChainErrorType = ContractRevertError | BaseError;

/**
 * Reads the current delegation chain above a member in one topic.
 * @example
 * import { getDelegationChain } from "@plenum/sdk";
 * const chain = await getDelegationChain(publicClient, { community, account, topic: 0 });
 * // [delegate, delegate's delegate, …]
 */
export async function getDelegationChain<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetDelegationChainParameters,
): Promise<GetDelegationChainReturnType> {
  checkAddressParameters(parameters);
  const { community, account, topic } = parameters;
  return readGovernor(client, community, "delegationChain", [account, topic], parameters);
}
