import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import { commitmentOf, type IdentityLike } from "../anonymous/identity.ts";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

/** What {@link registerIdentity} needs besides transaction options. */
export interface RegisterIdentityArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The member's Semaphore identity, or just its commitment (only the commitment is sent). */
  identity: IdentityLike;
}

/** Parameters of {@link registerIdentity}. */
export type RegisterIdentityParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & RegisterIdentityArgs;

/** The transaction hash. */
export type RegisterIdentityReturnType = Hash;

/** A decoded revert ("0x7099… already has identity 123… registered; replace it instead") or another SDK error. */
export type RegisterIdentityErrorType = ContractRevertError | BaseError;

function contractCall({ community, identity }: RegisterIdentityArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "registerIdentity",
    args: [commitmentOf(identity)],
  };
}

const write = defineWrite({
  name: "registerIdentity",
  contractCall,
  eventName: "IdentityRegistered",
});

/**
 * Registers the sender's Semaphore identity commitment in the community's group (the sender must be a
 * member without one). Anonymous proposals created afterwards accept its ballots.
 * @example
 * import { createIdentity, registerIdentity } from "@plenum/sdk";
 * const identity = createIdentity();
 * const hash = await registerIdentity(memberClient, { community, identity });
 */
export const registerIdentity = Object.assign(write.send, {
  /**
   * Simulates {@link registerIdentity} without sending it; throws the decoded revert if it would fail.
   * @example
   * await registerIdentity.simulate(memberClient, { community, identity });
   */
  simulate: write.simulate,
  /**
   * The `registerIdentity` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = registerIdentity.call({ community, identity: identity.commitment });
   */
  call: write.call,
  /**
   * Decodes the `IdentityRegistered` event from a receipt's logs.
   * @example
   * const { args } = registerIdentity.extractEvent(receipt.logs); // { member, commitment, index, groupRoot }
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link registerIdentitySync}. */
export type RegisterIdentitySyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RegisterIdentityParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `IdentityRegistered` event (`member, commitment, index, groupRoot`). */
export type RegisterIdentitySyncReturnType = GovernorEventArgs<"IdentityRegistered"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link registerIdentitySync}. */
export type RegisterIdentitySyncErrorType = RegisterIdentityErrorType;

/**
 * Registers the sender's identity and waits for it; returns the receipt and the `IdentityRegistered` event.
 * @example
 * const { index, groupRoot } = await registerIdentitySync(memberClient, { community, identity });
 */
export const registerIdentitySync = write.sync;
