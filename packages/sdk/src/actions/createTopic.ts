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
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import type { Call, GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import {
  type ContractCall,
  firstEvent,
  sendWrite,
  simulateWrite,
  toCall,
  waitForSuccess,
} from "./internal/write.ts";

/** What {@link createTopic} needs besides transaction options. */
export interface CreateTopicArgs {
  /** The community (its proxy address). */
  community: Address;
  /** A human-readable name (carried in the event only). */
  name: string;
}

/** Parameters of {@link createTopic}. */
export type CreateTopicParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & CreateTopicArgs;

/** The transaction hash. */
export type CreateTopicReturnType = Hash;

/** A decoded revert ("0x7099… does not have the governance (DEFAULT_ADMIN_ROLE) role") or another SDK error. */
export type CreateTopicErrorType = ContractRevertError | BaseError;

function contractCall({ community, name }: CreateTopicArgs): ContractCall {
  return {
    address: community,
    abi: liquidGovernorAbi,
    functionName: "createTopic",
    args: [name],
  };
}

/**
 * Creates a topic (governance only: the timelock, or the bootstrap admin).
 * @example
 * import { createTopic } from "@plenum/sdk";
 * const hash = await createTopic(adminClient, { community, name: "Housing" });
 */
export async function createTopic<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: CreateTopicParameters<chain, account>,
): Promise<CreateTopicReturnType> {
  const call = contractCall(parameters);
  return sendWrite(client, parameters, call);
}

/**
 * Simulates {@link createTopic} without sending it; throws the decoded revert if it would fail.
 * @example
 * const { result: topic } = await createTopic.simulate(adminClient, { community, name: "Housing" });
 */
createTopic.simulate = async <chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: CreateTopicParameters<chain, account>,
): Promise<{ result: number; request: unknown }> => {
  const call = contractCall(parameters);
  return (await simulateWrite(client, parameters, call)) as never;
};

/**
 * The `createTopic` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
 * @example
 * const call = createTopic.call({ community, name: "Housing" }); // e.g. an action of an executable proposal
 */
createTopic.call = (args: CreateTopicArgs): Call => toCall(contractCall(args));

/**
 * Decodes the `TopicCreated` event from a receipt's logs.
 * @example
 * const { args } = createTopic.extractEvent(receipt.logs);
 */
createTopic.extractEvent = (logs: readonly Log[]) => firstEvent(logs, "TopicCreated");

/** Parameters of {@link createTopicSync}. */
export type CreateTopicSyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = CreateTopicParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `TopicCreated` event (the new `topic` id). */
export type CreateTopicSyncReturnType = GovernorEventArgs<"TopicCreated"> & {
  receipt: TransactionReceipt;
};

/** Errors of {@link createTopicSync}. */
export type CreateTopicSyncErrorType = CreateTopicErrorType;

/**
 * Creates a topic and waits for it; returns the receipt and the new topic's id.
 * @example
 * const { topic } = await createTopicSync(adminClient, { community, name: "Housing" });
 */
export async function createTopicSync<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: CreateTopicSyncParameters<chain, account>,
): Promise<CreateTopicSyncReturnType> {
  const hash = await createTopic(client, parameters);
  const receipt = await waitForSuccess(client, hash, parameters);
  const { args } = firstEvent(receipt.logs, "TopicCreated", parameters.community);
  return { ...args, receipt };
}
