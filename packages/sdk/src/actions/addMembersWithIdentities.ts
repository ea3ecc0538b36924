import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import { commitmentOf, type IdentityLike } from "../anonymous/identity.ts";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link addMembersWithIdentities} needs besides transaction options. */
export interface AddMembersWithIdentitiesArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The new members, their weights (at least 1) and identities (or commitments). */
  members: readonly { account: Address; weight: number | bigint; identity: IdentityLike }[];
}

/** Parameters of {@link addMembersWithIdentities}. */
export type AddMembersWithIdentitiesParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & AddMembersWithIdentitiesArgs;

/** The transaction hash. */
export type AddMembersWithIdentitiesReturnType = Hash;

/** A decoded revert ("0x7099… is already a member") or another SDK error. */
export type AddMembersWithIdentitiesErrorType = ContractRevertError | BaseError;

function contractCall({ community, members }: AddMembersWithIdentitiesArgs): ContractCall {
  if (members.length === 0) throw new BaseError("no members to add");
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "addMembersWithIdentities",
    args: [
      members.map((m) => m.account),
      members.map((m) => BigInt(m.weight)),
      members.map((m) => commitmentOf(m.identity)),
    ],
  };
}

const write = defineWrite({
  name: "addMembersWithIdentities",
  contractCall,
  eventName: "IdentityRegistered",
  decode: (receipt, { community }): AddMembersWithIdentitiesSyncReturnType => ({
    members: governorEvents(receipt.logs, "MemberAdded", community).map((event) => event.args),
    identities: governorEvents(receipt.logs, "IdentityRegistered", community).map(
      (event) => event.args,
    ),
    receipt,
  }),
});

/**
 * Adds members with their weights and identity commitments in one transaction (registrar only).
 * @example
 * import { addMembersWithIdentities } from "@plenum/sdk";
 * const hash = await addMembersWithIdentities(registrarClient, {
 *   community,
 *   members: [{ account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", weight: 1, identity: 1234n }],
 * });
 */
export const addMembersWithIdentities = Object.assign(write.send, {
  /**
   * Simulates {@link addMembersWithIdentities} without sending it; throws the decoded revert if it would fail.
   * @example
   * await addMembersWithIdentities.simulate(registrarClient, { community, members });
   */
  simulate: write.simulate,
  /**
   * The `addMembersWithIdentities` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = addMembersWithIdentities.call({ community, members });
   */
  call: write.call,
  /**
   * Decodes the `IdentityRegistered` events from a receipt's logs.
   * @example
   * const events = addMembersWithIdentities.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `IdentityRegistered` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = addMembersWithIdentities.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link addMembersWithIdentitiesSync}. */
export type AddMembersWithIdentitiesSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = AddMembersWithIdentitiesParameters<chain, account> & SyncParameters;

/** The receipt, one `MemberAdded` and one `IdentityRegistered` event per member. */
export type AddMembersWithIdentitiesSyncReturnType = {
  members: GovernorEventArgs<"MemberAdded">[];
  identities: GovernorEventArgs<"IdentityRegistered">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link addMembersWithIdentitiesSync}. */
export type AddMembersWithIdentitiesSyncErrorType = AddMembersWithIdentitiesErrorType;

/**
 * Adds members with identities and waits for it; returns the receipt and the events.
 * @example
 * const { members, identities } = await addMembersWithIdentitiesSync(registrarClient, { community, members: entries });
 */
export const addMembersWithIdentitiesSync = write.sync;
