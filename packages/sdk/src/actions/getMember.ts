import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getMember}. */
export interface GetMemberParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The account. */
  account: Address;
  /** A past clock timepoint (seconds) to read the weight at, e.g. a proposal's snapshot; now by default. */
  at?: number | bigint | undefined;
}

/** An account's membership. */
export interface GetMemberReturnType {
  account: Address;
  /** Voice credits (0 for a non-member). */
  weight: bigint;
  isMember: boolean;
}

/** A decoded revert or an RPC error. */
export type GetMemberErrorType = ContractRevertError | BaseError;

/**
 * Reads an account's weight and membership, now or at a past timepoint.
 * @example
 * import { getMember } from "@plenum/sdk";
 * const { weight, isMember } = await getMember(publicClient, { community, account });
 */
export async function getMember<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetMemberParameters,
): Promise<GetMemberReturnType> {
  checkAddressParameters(parameters);
  const { community, account, at } = parameters;
  const weight =
    at === undefined
      ? await readGovernor(client, community, "weightOf", [account], parameters)
      : await readGovernor(client, community, "pastWeightOf", [account, Number(at)], parameters);
  return { account, weight, isMember: weight > 0n };
}
