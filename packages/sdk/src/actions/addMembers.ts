import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  Log,
  TransactionReceipt,
  Transport,
} from "viem";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import type { Call, GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import {
  type ContractCall,
  governorEvents,
  sendWrite,
  simulateWrite,
  toCall,
  waitForSuccess,
} from "./internal/write.ts";

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
export async function addMembers<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: AddMembersParameters<chain, account>,
): Promise<AddMembersReturnType> {
  const call = contractCall(parameters);
  return sendWrite(client, parameters, call);
}

/**
 * Simulates {@link addMembers} without sending it; throws the decoded revert if it would fail.
 * @example
 * await addMembers.simulate(registrarClient, { community, members: [{ account, weight: 1 }] });
 */
addMembers.simulate = async <chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: AddMembersParameters<chain, account>,
): Promise<{ result: undefined; request: unknown }> => {
  const call = contractCall(parameters);
  return (await simulateWrite(client, parameters, call)) as never;
};

/**
 * The `addMember` / `addMembers` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
 * @example
 * const call = addMembers.call({ community, members: [{ account, weight: 1 }] });
 */
addMembers.call = (args: AddMembersArgs): Call => toCall(contractCall(args));

/**
 * Decodes the `MemberAdded` events from a receipt's logs.
 * @example
 * const events = addMembers.extractEvents(receipt.logs);
 */
addMembers.extractEvents = (logs: readonly Log[]) => governorEvents(logs, "MemberAdded");

/**
 * Decodes the first of the `MemberAdded` events from a receipt's logs (see `extractEvents` for all).
 * @example
 * const { args } = addMembers.extractEvent(receipt.logs);
 */
addMembers.extractEvent = (logs: readonly Log[]) => {
  const [event] = governorEvents(logs, "MemberAdded");
  if (!event) throw new BaseError("no MemberAdded event in the logs");
  return event;
};

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
export async function addMembersSync<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: AddMembersSyncParameters<chain, account>,
): Promise<AddMembersSyncReturnType> {
  const hash = await addMembers(client, parameters);
  const receipt = await waitForSuccess(client, hash, parameters);
  const members = governorEvents(receipt.logs, "MemberAdded", parameters.community).map(
    (event) => event.args,
  );
  return { members, receipt };
}
