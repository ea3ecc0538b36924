import type { Account, Address, Chain, Hash, TransactionReceipt } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { GovernorEventArgs, SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

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

const write = defineWrite({
  name: "createTopic",
  contractCall,
  eventName: "TopicCreated",
  simulated: (simulation) => simulation as { result: number; request: unknown },
});

/**
 * Creates a topic (governance only: the timelock, or the bootstrap admin).
 * @example
 * import { createTopic } from "@plenum/sdk";
 * const hash = await createTopic(adminClient, { community, name: "Housing" });
 */
export const createTopic = Object.assign(write.send, {
  /**
   * Simulates {@link createTopic} without sending it; throws the decoded revert if it would fail.
   * @example
   * const { result: topic } = await createTopic.simulate(adminClient, { community, name: "Housing" });
   */
  simulate: write.simulate,
  /**
   * The `createTopic` call as `{ to, data }`, for batching (`sendCalls`, a multisig, a raw transaction).
   * @example
   * const call = createTopic.call({ community, name: "Housing" }); // e.g. an action of an executable proposal
   */
  call: write.call,
  /**
   * Decodes the `TopicCreated` event from a receipt's logs.
   * @example
   * const { args } = createTopic.extractEvent(receipt.logs);
   */
  extractEvent: write.extractEvent,
});

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
export const createTopicSync = write.sync;
