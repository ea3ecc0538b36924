import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link setWeights} needs besides transaction options. */
export interface SetWeightsArgs {
  /** The community (its proxy address). */
  community: Address;
  /** Members and their new weights (at least 1). One member uses `setWeight`. */
  members: readonly { account: Address; weight: number | bigint }[];
}

/** Parameters of {@link setWeights}. */
export type SetWeightsParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & SetWeightsArgs;

/** The transaction hash. */
export type SetWeightsReturnType = Hash;

/** A decoded revert ("0x7099… needs a weight of at least 1") or another SDK error. */
export type SetWeightsErrorType = ContractRevertError | BaseError;

function contractCall({ community, members }: SetWeightsArgs): ContractCall {
  const [first, ...rest] = members;
  if (!first) throw new BaseError("no weights to set");
  if (rest.length === 0) {
    return {
      address: community,
      abi: liquidGovernorAbi,
      functionName: "setWeight",
      args: [first.account, BigInt(first.weight)],
    };
  }
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "setWeights",
    args: [members.map((m) => m.account), members.map((m) => BigInt(m.weight))],
  };
}

const write = defineWrite({
  name: "setWeights",
  contractCall,
  eventName: "MemberWeightChanged",
  decode: (receipt, { community }): SetWeightsSyncReturnType => ({
    changes: governorEvents(receipt.logs, "MemberWeightChanged", community).map(
      (event) => event.args,
    ),
    receipt,
  }),
});

/**
 * Changes the weights of one or many members (registrar only).
 * @example
 * import { setWeights } from "@plenum/sdk";
 * const hash = await setWeights(registrarClient, { community, members: [{ account, weight: 9 }] });
 */
export const setWeights = Object.assign(write.send, {
  /**
   * Simulates {@link setWeights} without sending it; throws the decoded revert if it would fail.
   * @example
   * await setWeights.simulate(registrarClient, { community, members: [{ account, weight: 9 }] });
   */
  simulate: write.simulate,
  /**
   * The `setWeight` / `setWeights` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = setWeights.call({ community, members: [{ account, weight: 9 }] });
   */
  call: write.call,
  /**
   * Decodes the `MemberWeightChanged` events from a receipt's logs.
   * @example
   * const events = setWeights.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `MemberWeightChanged` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = setWeights.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link setWeightsSync}. */
export type SetWeightsSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = SetWeightsParameters<chain, account> & SyncParameters;

/** The receipt and one decoded `MemberWeightChanged` event per changed member. */
export type SetWeightsSyncReturnType = {
  changes: GovernorEventArgs<"MemberWeightChanged">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link setWeightsSync}. */
export type SetWeightsSyncErrorType = SetWeightsErrorType;

/**
 * Changes weights and waits for it; returns the receipt and each member's previous and new weight.
 * @example
 * const { changes } = await setWeightsSync(registrarClient, { community, members: [{ account, weight: 9 }] });
 */
export const setWeightsSync = write.sync;
