import {
  type Account,
  type Address,
  type Chain,
  type GetEventArgs,
  type Hash,
  type Log,
  parseEventLogs,
  type TransactionReceipt,
  zeroAddress,
} from "viem";
import { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { communityFactoryAbi } from "../generated/abis.ts";
import { defineWrite } from "./internal/defineWrite.ts";
import type { SyncParameters, WriteParameters } from "./internal/types.ts";
import type { ContractCall } from "./internal/write.ts";

/** What {@link createCommunity} needs besides transaction options. */
export interface CreateCommunityArgs {
  /** The {@link deployCore | CommunityFactory} (see `deployments[chainId].factory`). */
  factory: Address;
  /** Names of the topics created at the start (at least one). */
  topics: readonly string[];
  /** Default voting period in seconds (also that of every executable proposal). */
  votingPeriod: number;
  /** Shortest voting period a poll may ask for, in seconds; one hour (or `votingPeriod`, if shorter) by default. */
  minVotingPeriod?: number | undefined;
  /** Quorum in basis points of total mass (0…10000). */
  quorumBps: number;
  /** Weight needed to propose; 1 (any member) by default. */
  proposalThreshold?: number | bigint | undefined;
  /** Most topics the community may ever have (1…64); 16 by default. */
  maxTopics?: number | undefined;
  /** Longest delegation chain in edges (1…16); 8 by default. */
  maxDepth?: number | undefined;
  /** Seconds between queueing and executing a proposal. */
  timelockDelay: number | bigint;
  /** Who adds, removes and re-weights members; `null` for nobody (governance can grant it later). */
  registrar: Address | null;
  /** Also governance until it renounces; `null` (default) for a community governed by its timelock alone. */
  bootstrapAdmin?: Address | null | undefined;
}

/** Parameters of {@link createCommunity}. */
export type CreateCommunityParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = WriteParameters<chain, account> & CreateCommunityArgs;

/** The transaction hash. */
export type CreateCommunityReturnType = Hash;

/** A decoded revert ("quorum must be at most 10000 basis points (100%), not 12000") or another SDK error. */
export type CreateCommunityErrorType = ContractRevertError | BaseError;

function contractCall(args: CreateCommunityArgs): ContractCall {
  return {
    address: args.factory,
    abi: communityFactoryAbi,
    functionName: "createCommunity",
    args: [
      {
        config: {
          votingPeriod: args.votingPeriod,
          minVotingPeriod: args.minVotingPeriod ?? Math.min(3600, args.votingPeriod),
          quorumBps: args.quorumBps,
          proposalThreshold: BigInt(args.proposalThreshold ?? 1),
          maxTopics: args.maxTopics ?? 16,
          maxDepth: args.maxDepth ?? 8,
          topics: args.topics,
        },
        timelockDelay: BigInt(args.timelockDelay),
        registrar: args.registrar ?? zeroAddress,
        bootstrapAdmin: args.bootstrapAdmin ?? zeroAddress,
      },
    ],
  };
}

function communityCreated(logs: readonly Log[]) {
  const [event] = parseEventLogs({
    abi: communityFactoryAbi,
    logs: logs as Log[],
    eventName: "CommunityCreated",
  });
  if (!event) throw new BaseError("no CommunityCreated event in the logs");
  return event;
}

const write = defineWrite({
  name: "createCommunity",
  contractCall,
  decode: (receipt, { factory }): CreateCommunitySyncReturnType => {
    const own = receipt.logs.filter((log) => log.address.toLowerCase() === factory.toLowerCase());
    return { ...communityCreated(own).args, receipt };
  },
  simulated: ({ result, request }) => {
    const [community, timelock] = result as readonly [Address, Address];
    return { result: { community, timelock }, request };
  },
});

/**
 * Creates a community through the factory: its governor proxy and its own timelock, roles wired.
 * @example
 * import { createCommunity } from "@plenum/sdk";
 * const hash = await createCommunity(walletClient, {
 *   factory,
 *   topics: ["General", "Budget"],
 *   votingPeriod: 7 * 24 * 3600,
 *   quorumBps: 2000,
 *   timelockDelay: 2 * 24 * 3600,
 *   registrar: walletClient.account.address,
 *   bootstrapAdmin: walletClient.account.address,
 * });
 */
export const createCommunity = Object.assign(write.send, {
  /**
   * Simulates {@link createCommunity}; `result` holds the addresses the community and timelock would get
   * if the transaction were mined next.
   * @example
   * const { result } = await createCommunity.simulate(walletClient, { factory, topics: ["General"], votingPeriod: 86400, quorumBps: 0, timelockDelay: 0, registrar: null });
   * console.log(result.community);
   */
  simulate: write.simulate,
  /**
   * The `createCommunity` call as `{ to, data }`, for batching.
   * @example
   * const call = createCommunity.call({ factory, topics: ["General"], votingPeriod: 86400, quorumBps: 1000, timelockDelay: 3600, registrar });
   */
  call: write.call,
  /**
   * Decodes the `CommunityCreated` event from a receipt's logs.
   * @example
   * const { args } = createCommunity.extractEvent(receipt.logs);
   */
  extractEvent: communityCreated,
});

/** Parameters of {@link createCommunitySync}. */
export type CreateCommunitySyncParameters<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = CreateCommunityParameters<chain, account> & SyncParameters;

/** The receipt and the decoded `CommunityCreated` event (`community`, `timelock`, …). */
export type CreateCommunitySyncReturnType = GetEventArgs<
  typeof communityFactoryAbi,
  "CommunityCreated",
  { IndexedOnly: false; Required: true }
> & { receipt: TransactionReceipt };

/** Errors of {@link createCommunitySync}. */
export type CreateCommunitySyncErrorType = CreateCommunityErrorType;

/**
 * Creates a community and waits for it; returns the receipt and its `community` and `timelock`.
 * @example
 * import { createCommunitySync } from "@plenum/sdk";
 * const { community, timelock } = await createCommunitySync(walletClient, {
 *   factory,
 *   topics: ["General"],
 *   votingPeriod: 3 * 24 * 3600,
 *   quorumBps: 1500,
 *   timelockDelay: 86400,
 *   registrar: walletClient.account.address,
 * });
 */
export const createCommunitySync = write.sync;
