import type { Address, Chain, Client, Transport } from "viem";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import {
  type ProposalStateName,
  proposalStateName,
  type VoteModeName,
  voteModeName,
} from "./internal/format.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getProposal}. */
export interface GetProposalParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
}

/** A proposal's configuration, timepoints and state. */
export interface GetProposalReturnType {
  proposalId: bigint;
  proposer: Address;
  /** Topic whose delegation graph carries the vote. */
  topic: number;
  mode: VoteModeName;
  optionCount: number;
  /** Whether it has actions (then its options are [Against, For]). */
  executable: boolean;
  /** Clock timepoint (seconds) at which weights and delegations are read: creation − 1. */
  snapshot: bigint;
  /** Last clock timepoint (seconds) at which votes are accepted. */
  deadline: bigint;
  state: ProposalStateName;
}

/** `ProposalNotFound` ("proposal 12 does not exist") or an RPC error. */
export type GetProposalErrorType = ContractRevertError | BaseError;

/**
 * Reads a proposal: proposer, topic, mode, option count, snapshot, deadline and state.
 * @example
 * import { getProposal } from "@plenum/sdk";
 * const { state, deadline, optionCount } = await getProposal(publicClient, { community, proposalId: 12n });
 */
export async function getProposal<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const { community, proposalId } = parameters;
  const [[topic, mode, optionCount, executable], snapshot, deadline, proposer, state] =
    await Promise.all([
      readGovernor(client, community, "proposalConfig", [proposalId], parameters),
      readGovernor(client, community, "proposalSnapshot", [proposalId], parameters),
      readGovernor(client, community, "proposalDeadline", [proposalId], parameters),
      readGovernor(client, community, "proposalProposer", [proposalId], parameters),
      readGovernor(client, community, "state", [proposalId], parameters),
    ]);
  return {
    proposalId,
    proposer,
    topic,
    mode: voteModeName(mode),
    optionCount,
    executable,
    snapshot,
    deadline,
    state: proposalStateName(state),
  };
}
