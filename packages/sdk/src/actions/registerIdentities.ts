import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import { commitmentOf, type IdentityLike } from "../anonymous/identity.ts";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link registerIdentities} needs besides transaction options. */
export interface RegisterIdentitiesArgs {
  /** The community (its proxy address). */
  community: Address;
  /** Members without an identity, each with their identity or commitment. */
  identities: readonly { account: Address; identity: IdentityLike }[];
}

/** Parameters of {@link registerIdentities}. */
export type RegisterIdentitiesParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & RegisterIdentitiesArgs;

/** The transaction hash. */
export type RegisterIdentitiesReturnType = Hash;

/** A decoded revert ("0x7099… is not a member") or another SDK error. */
export type RegisterIdentitiesErrorType = ContractRevertError | BaseError;

function contractCall({ community, identities }: RegisterIdentitiesArgs): ContractCall {
  if (identities.length === 0) throw new BaseError("no identities to register");
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "registerIdentities",
    args: [
      identities.map((entry) => entry.account),
      identities.map((entry) => commitmentOf(entry.identity)),
    ],
  };
}

const write = defineWrite({
  name: "registerIdentities",
  contractCall,
  eventName: "IdentityRegistered",
  decode: (receipt, { community }): RegisterIdentitiesSyncReturnType => ({
    identities: governorEvents(receipt.logs, "IdentityRegistered", community).map(
      (event) => event.args,
    ),
    receipt,
  }),
});

/**
 * Registers the identity commitments of several members in one transaction (registrar only), e.g. for
 * members who handed in their commitment on paper. The tree is rebuilt once, so it is cheaper per identity.
 * @example
 * import { registerIdentities } from "@plenum/sdk";
 * const hash = await registerIdentities(registrarClient, {
 *   community,
 *   identities: [
 *     { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", identity: 1234n },
 *     { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", identity: 5678n },
 *   ],
 * });
 */
export const registerIdentities = Object.assign(write.send, {
  /**
   * Simulates {@link registerIdentities} without sending it; throws the decoded revert if it would fail.
   * @example
   * await registerIdentities.simulate(registrarClient, { community, identities });
   */
  simulate: write.simulate,
  /**
   * The `registerIdentities` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = registerIdentities.call({ community, identities });
   */
  call: write.call,
  /**
   * Decodes the `IdentityRegistered` events from a receipt's logs.
   * @example
   * const events = registerIdentities.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `IdentityRegistered` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = registerIdentities.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link registerIdentitiesSync}. */
export type RegisterIdentitiesSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RegisterIdentitiesParameters<chain, account> & SyncParameters;

/** The receipt and one decoded `IdentityRegistered` event per member (all with the final `groupRoot`). */
export type RegisterIdentitiesSyncReturnType = {
  identities: GovernorEventArgs<"IdentityRegistered">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link registerIdentitiesSync}. */
export type RegisterIdentitiesSyncErrorType = RegisterIdentitiesErrorType;

/**
 * Registers several members' identities and waits for it; returns the receipt and the events.
 * @example
 * const { identities } = await registerIdentitiesSync(registrarClient, { community, identities: entries });
 */
export const registerIdentitiesSync = write.sync;
