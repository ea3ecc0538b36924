import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link removeMembers} needs besides transaction options. */
export interface RemoveMembersArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The members to remove. One account uses `removeMember`. */
  accounts: readonly Address[];
}

/** Parameters of {@link removeMembers}. */
export type RemoveMembersParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & RemoveMembersArgs;

/** The transaction hash. */
export type RemoveMembersReturnType = Hash;

/** A decoded revert ("0x7099… is not a member") or another SDK error. */
export type RemoveMembersErrorType = ContractRevertError | BaseError;

function contractCall({ community, accounts }: RemoveMembersArgs): ContractCall {
  const [first, ...rest] = accounts;
  if (!first) throw new BaseError("no members to remove");
  if (rest.length === 0) {
    return {
      address: community,
      abi: liquidGovernorAbi,
      functionName: "removeMember",
      args: [first],
    };
  }
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "removeMembers",
    args: [accounts],
  };
}

const write = defineWrite({
  name: "removeMembers",
  contractCall,
  eventName: "MemberRemoved",
  decode: (receipt, { community }): RemoveMembersSyncReturnType => ({
    members: governorEvents(receipt.logs, "MemberRemoved", community).map((event) => event.args),
    receipt,
  }),
});

/**
 * Removes one or many members (registrar only); their outgoing delegations are cleared.
 * @example
 * import { removeMembers } from "@plenum/sdk";
 * const hash = await removeMembers(registrarClient, { community, accounts: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"] });
 */
export const removeMembers = Object.assign(write.send, {
  /**
   * Simulates {@link removeMembers} without sending it; throws the decoded revert if it would fail.
   * @example
   * await removeMembers.simulate(registrarClient, { community, accounts: [account] });
   */
  simulate: write.simulate,
  /**
   * The `removeMember` / `removeMembers` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = removeMembers.call({ community, accounts: [account] });
   */
  call: write.call,
  /**
   * Decodes the `MemberRemoved` events from a receipt's logs.
   * @example
   * const events = removeMembers.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `MemberRemoved` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = removeMembers.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link removeMembersSync}. */
export type RemoveMembersSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = RemoveMembersParameters<chain, account> & SyncParameters;

/** The receipt and one decoded `MemberRemoved` event per member. */
export type RemoveMembersSyncReturnType = {
  members: GovernorEventArgs<"MemberRemoved">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link removeMembersSync}. */
export type RemoveMembersSyncErrorType = RemoveMembersErrorType;

/**
 * Removes members and waits for it; returns the receipt and the removed members with their previous weights.
 * @example
 * const { members } = await removeMembersSync(registrarClient, { community, accounts: [account] });
 */
export const removeMembersSync = write.sync;
