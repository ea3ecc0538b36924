import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import { zeroAddress } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link delegate} needs besides transaction options. */
export interface DelegateArgs {
  /** The community (its proxy address). */
  community: Address;
  /** Topic ids to set the delegate in. */
  topics: readonly number[];
  /** The new delegate (a member), or `null` to clear. */
  to: Address | null;
}

/** Parameters of {@link delegate}. */
export type DelegateParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & DelegateArgs;

/** The transaction hash. */
export type DelegateReturnType = Hash;

/** A decoded revert ("delegating from 0xf39F… to 0x7099… in topic 2 would create a cycle") or another SDK error. */
export type DelegateErrorType = ContractRevertError | BaseError;

function contractCall({ community, topics, to }: DelegateArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "delegate",
    args: [topics, to ?? zeroAddress],
  };
}

const write = defineWrite({
  name: "delegate",
  contractCall,
  eventName: "DelegateChanged",
  decode: (receipt, { community }): DelegateSyncReturnType => ({
    changes: governorEvents(receipt.logs, "DelegateChanged", community).map((event) => event.args),
    receipt,
  }),
});

/**
 * Sets (or with `to: null` clears) the sender's delegate in several topics at once.
 * @example
 * import { delegate } from "@plenum/sdk";
 * const hash = await delegate(walletClient, { community, topics: [0, 2], to: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });
 */
export const delegate = Object.assign(write.send, {
  /**
   * Simulates {@link delegate} without sending it; throws the decoded revert if it would fail.
   * @example
   * await delegate.simulate(walletClient, { community, topics: [1], to: null });
   */
  simulate: write.simulate,
  /**
   * The `delegate` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = delegate.call({ community, topics: [0], to: trustedMember });
   */
  call: write.call,
  /**
   * Decodes the `DelegateChanged` events from a receipt's logs.
   * @example
   * const events = delegate.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `DelegateChanged` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = delegate.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link delegateSync}. */
export type DelegateSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = DelegateParameters<chain, account> & SyncParameters;

/** The receipt and one decoded `DelegateChanged` event per topic that changed (unchanged topics emit none). */
export type DelegateSyncReturnType = {
  changes: GovernorEventArgs<"DelegateChanged">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link delegateSync}. */
export type DelegateSyncErrorType = DelegateErrorType;

/**
 * Delegates and waits for it; returns the receipt and the changes.
 * @example
 * const { changes } = await delegateSync(walletClient, { community, topics: [0], to: trustedMember });
 */
export const delegateSync = write.sync;
