import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import { type ContractCall, governorEvents } from "./internal/write.ts";

/** What {@link addMembers} needs besides transaction options. */
export interface AddMembersArgs {
  /** The community (its proxy address). */
  community: Address;
  /** The new members and their weights (voice credits, at least 1). One member uses `addMember`. */
  members: readonly { account: Address; weight: number | bigint }[];
}

/** Parameters of {@link addMembers}. */
export type AddMembersParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & AddMembersArgs;

/** The transaction hash. */
export type AddMembersReturnType = Hash;

/** A decoded revert ("0x7099… is already a member") or another SDK error. */
export type AddMembersErrorType = ContractRevertError | BaseError;

function contractCall({ community, members }: AddMembersArgs): ContractCall {
  const [first, ...rest] = members;
  if (!first) throw new BaseError("no members to add");
  if (rest.length === 0) {
    return {
      address: community,
      abi: liquidGovernorAbi,
      functionName: "addMember",
      args: [first.account, BigInt(first.weight)],
    };
  }
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "addMembers",
    args: [members.map((m) => m.account), members.map((m) => BigInt(m.weight))],
  };
}

const write = defineWrite({
  name: "addMembers",
  contractCall,
  eventName: "MemberAdded",
  decode: (receipt, { community }): AddMembersSyncReturnType => ({
    members: governorEvents(receipt.logs, "MemberAdded", community).map((event) => event.args),
    receipt,
  }),
});

/**
 * Adds one or many members with their weights (registrar only).
 * @example
 * import { addMembers } from "@plenum/sdk";
 * const hash = await addMembers(registrarClient, {
 *   community,
 *   members: [
 *     { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", weight: 4 },
 *     { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", weight: 1 },
 *   ],
 * });
 */
export const addMembers = Object.assign(write.send, {
  /**
   * Simulates {@link addMembers} without sending it; throws the decoded revert if it would fail.
   * @example
   * await addMembers.simulate(registrarClient, { community, members: [{ account, weight: 1 }] });
   */
  simulate: write.simulate,
  /**
   * The `addMember` / `addMembers` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = addMembers.call({ community, members: [{ account, weight: 1 }] });
   */
  call: write.call,
  /**
   * Decodes the `MemberAdded` events from a receipt's logs.
   * @example
   * const events = addMembers.extractEvents(receipt.logs);
   */
  extractEvents: write.extractEvents,
  /**
   * Decodes the first of the `MemberAdded` events from a receipt's logs (see `extractEvents` for all).
   * @example
   * const { args } = addMembers.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

/** Parameters of {@link addMembersSync}. */
export type AddMembersSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = AddMembersParameters<chain, account> & SyncParameters;

/** The receipt and one decoded `MemberAdded` event per member. */
export type AddMembersSyncReturnType = {
  members: GovernorEventArgs<"MemberAdded">[];
  receipt: TransactionReceipt;
};

/** Errors of {@link addMembersSync}. */
export type AddMembersSyncErrorType = AddMembersErrorType;

/**
 * Adds members and waits for it; returns the receipt and the added members.
 * @example
 * const { members } = await addMembersSync(registrarClient, { community, members: [{ account, weight: 2 }] });
 */
export const addMembersSync = write.sync;
