import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Client,
  encodeFunctionData,
  type Hash,
  type Log,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
} from "viem";
import { parseAccount } from "viem/accounts";
import { estimateContractGas, simulateContract, writeContract } from "viem/actions";
import { getAction } from "viem/utils";
import { BaseError } from "../../errors/base.ts";
import { decodeContractError } from "../../errors/decode.ts";
import { liquidGovernorAbi } from "../../generated/abis.ts";
import { waitForReceipt } from "../waitForReceipt.ts";
import type { Call, SyncParameters, VoteEvent } from "./types.ts";

/** A contract call before encoding: what `simulateContract` takes. */
export interface ContractCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  value?: bigint | undefined;
}

type AnyClient = Client<Transport, Chain | undefined, Account | undefined>;

/** Encodes a contract call into `{ to, data, value? }`. */
export function toCall(call: ContractCall): Call {
  const data = encodeFunctionData({
    abi: call.abi,
    functionName: call.functionName,
    args: call.args,
  } as never);
  return call.value ? { to: call.address, data, value: call.value } : { to: call.address, data };
}

function pickWriteParameters(parameters: object) {
  const { account, chain, gas, nonce, maxFeePerGas, maxPriorityFeePerGas } = parameters as Record<
    string,
    unknown
  >;
  return { account, chain, gas, nonce, maxFeePerGas, maxPriorityFeePerGas };
}

/** The address of whoever sends: the `account` parameter, else the client's account. */
export function senderOf(client: AnyClient, parameters: object): Address {
  const account = ((parameters as { account?: unknown }).account ?? client.account) as
    | Account
    | Address
    | undefined;
  if (!account) {
    throw new BaseError("no account to send from: pass `account` or use a client that has one");
  }
  return parseAccount(account).address;
}

/** Simulates a write (so a revert surfaces, decoded, before any gas is spent). */
export async function simulateWrite(
  client: AnyClient,
  parameters: object,
  call: ContractCall,
): Promise<{ result: unknown; request: unknown }> {
  senderOf(client, parameters);
  try {
    return (await getAction(
      client,
      simulateContract,
      "simulateContract",
    )({ ...pickWriteParameters(parameters), ...call } as never)) as never;
  } catch (error) {
    throw decodeContractError(error, { functionName: call.functionName, address: call.address });
  }
}

/** Simulates a write, then sends exactly the simulated request; returns the transaction hash. */
export async function sendWrite(
  client: AnyClient,
  parameters: object,
  call: ContractCall,
): Promise<Hash> {
  const { request } = await simulateWrite(client, parameters, call);
  try {
    const withGas = (request as { gas?: bigint }).gas
      ? request
      : { ...(request as object), gas: await estimateWithHeadroom(client, request) };
    return await getAction(client, writeContract, "writeContract")(withGas as never);
  } catch (error) {
    throw decodeContractError(error, { functionName: call.functionName, address: call.address });
  }
}

/**
 * Gas for a write with headroom. Checkpointed state (weights, delegations, subtree masses) is
 * overwritten cheaply within one second but needs a new history slot (~20k gas each) when the
 * transaction lands in a later second than the estimate saw, so a bare estimate can fall short on
 * delegations and deep votes: a quarter more plus 40k covers two such slots beyond a quarter.
 */
export async function estimateWithHeadroom(client: AnyClient, request: unknown): Promise<bigint> {
  const estimate = await getAction(
    client,
    estimateContractGas,
    "estimateContractGas",
  )(request as never);
  return (estimate * 5n) / 4n + 40_000n;
}

/** Waits for a transaction's receipt; throws if it reverted. */
export async function waitForSuccess(
  client: AnyClient,
  hash: Hash,
  parameters: SyncParameters,
): Promise<TransactionReceipt> {
  let receipt: TransactionReceipt;
  try {
    receipt = await waitForReceipt(client, { hash, ...parameters });
  } catch (error) {
    throw decodeContractError(error);
  }
  if (receipt.status !== "success") {
    throw new BaseError(`transaction ${hash} reverted`, {
      details: `mined in block ${receipt.blockNumber} with status ${receipt.status}`,
    });
  }
  return receipt;
}

/** The name of a community event. */
export type GovernorEventName = Extract<
  (typeof liquidGovernorAbi)[number],
  { type: "event" }
>["name"];

/** The events a ballot may emit: cast, cast quadratically, or retracted. */
export const voteEventNames = ["VoteCast", "QuadraticVoteCast", "VoteRetracted"] as const;

/** Decodes `eventName` logs of the community's ABI, optionally only those emitted by `address`. */
export function governorEvents<eventName extends GovernorEventName>(
  logs: readonly Log[],
  eventName: eventName | readonly eventName[],
  address?: Address,
) {
  const own = address
    ? logs.filter((log) => log.address.toLowerCase() === address.toLowerCase())
    : logs;
  return parseEventLogs({
    abi: liquidGovernorAbi,
    logs: own as Log[],
    eventName: eventName as eventName[] | eventName,
  });
}

/** The first `eventName` log, or an error saying it is missing. */
export function firstEvent<eventName extends GovernorEventName>(
  logs: readonly Log[],
  eventName: eventName,
  address?: Address,
) {
  const [event] = governorEvents(logs, eventName, address);
  if (!event) throw new BaseError(`no ${eventName} event in the logs`);
  return event;
}

/** The vote events (`VoteCast`, `QuadraticVoteCast`, `VoteRetracted`) of some logs, flattened. */
export function voteEvents(logs: readonly Log[], address?: Address): VoteEvent[] {
  return governorEvents(logs, voteEventNames, address).map(
    (log) => ({ eventName: log.eventName, ...log.args }) as VoteEvent,
  );
}
