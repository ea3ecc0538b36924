import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import { nullIfZero } from "./internal/format.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getDelegate}. */
export interface GetDelegateParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The delegator. */
  account: Address;
  /** The topic. */
  topic: number;
  /** A past clock timepoint (seconds), e.g. a proposal's snapshot; now by default. */
  at?: number | bigint | undefined;
}

/** The delegate, or `null` if the account delegates to nobody in that topic. */
export type GetDelegateReturnType = Address | null;

/** A decoded revert or an RPC error. */
export type GetDelegateErrorType = ContractRevertError | BaseError;

/**
 * Reads a member's delegate in one topic, now or at a past timepoint.
 * @example
 * import { getDelegate } from "@plenum/sdk";
 * const delegate = await getDelegate(publicClient, { community, account, topic: 1 });
 */
export async function getDelegate<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetDelegateParameters,
): Promise<GetDelegateReturnType> {
  checkAddressParameters(parameters);
  const { community, account, topic, at } = parameters;
  const delegate =
    at === undefined
      ? await readGovernor(client, community, "delegateOf", [account, topic], parameters)
      : await readGovernor(
          client,
          community,
          "pastDelegateOf",
          [account, topic, Number(at)],
          parameters,
        );
  return nullIfZero(delegate);
}
