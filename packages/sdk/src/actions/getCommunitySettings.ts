import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getCommunitySettings}. */
export interface GetCommunitySettingsParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
}

/** A community's settings and sizes. */
export interface GetCommunitySettingsReturnType {
  /** The TimelockController that executes proposals. */
  timelock: Address;
  /** Default voting period, in seconds. */
  votingPeriod: number;
  /** Shortest voting period a poll may ask for, in seconds. */
  minVotingPeriod: number;
  /** Quorum in basis points of total mass (for proposals created from now on). */
  quorumBps: number;
  /** Weight needed to propose. */
  proposalThreshold: bigint;
  topicCount: number;
  maxTopics: number;
  /** Longest delegation chain allowed, in edges. */
  maxDepth: number;
  memberCount: number;
  totalWeight: bigint;
  proposalCount: bigint;
}

/** A decoded revert or an RPC error. */
export type GetCommunitySettingsErrorType = ContractRevertError | BaseError;

/**
 * Reads a community's settings (voting period, quorum, threshold, limits) and sizes.
 * @example
 * import { getCommunitySettings } from "@plenum/sdk";
 * const { votingPeriod, quorumBps, topicCount } = await getCommunitySettings(publicClient, { community });
 */
export async function getCommunitySettings<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetCommunitySettingsParameters,
): Promise<GetCommunitySettingsReturnType> {
  const c = parameters.community;
  const [
    timelock,
    votingPeriod,
    minVotingPeriod,
    quorumBps,
    proposalThreshold,
    topicCount,
    maxTopics,
    maxDepth,
    memberCount,
    totalWeight,
    proposalCount,
  ] = await Promise.all([
    readGovernor(client, c, "timelock", [], parameters),
    readGovernor(client, c, "votingPeriod", [], parameters),
    readGovernor(client, c, "minVotingPeriod", [], parameters),
    readGovernor(client, c, "quorumBps", [], parameters),
    readGovernor(client, c, "proposalThreshold", [], parameters),
    readGovernor(client, c, "topicCount", [], parameters),
    readGovernor(client, c, "maxTopics", [], parameters),
    readGovernor(client, c, "maxDepth", [], parameters),
    readGovernor(client, c, "memberCount", [], parameters),
    readGovernor(client, c, "totalWeight", [], parameters),
    readGovernor(client, c, "proposalCount", [], parameters),
  ]);
  return {
    timelock,
    votingPeriod,
    minVotingPeriod,
    quorumBps,
    proposalThreshold,
    topicCount,
    maxTopics,
    maxDepth,
    memberCount,
    totalWeight,
    proposalCount,
  };
}
