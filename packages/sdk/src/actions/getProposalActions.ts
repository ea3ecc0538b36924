import type {
  Address,
  BlockNumber,
  BlockTag,
  Chain,
  Client,
  GetContractEventsReturnType,
  Hex,
  Transport,
} from "viem";
import { getContractEvents } from "viem/actions";
import { getAction } from "viem/utils";
import { BaseError } from "../errors/base.ts";
import { decodeContractError } from "../errors/decode.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import type { ProposalAction } from "./internal/proposal.ts";

/** Parameters of {@link getProposalActions}. */
export interface GetProposalActionsParameters {
  /** The community (its proxy address). */
  community: Address;
  /** An executable proposal. */
  proposalId: bigint;
  /** First block to search for the `ProposalActions` event; `"earliest"` by default. */
  fromBlock?: BlockNumber | BlockTag | undefined;
}

/** The proposal's actions, as it was created with them. */
export type GetProposalActionsReturnType = Required<ProposalAction>[];

/** A proposal without actions (a poll, or an unknown id) or an RPC error. */
export type GetProposalActionsErrorType = BaseError;

/**
 * The actions of an executable proposal, read from its `ProposalActions` event (the contract keeps only
 * their hash; `queue` and `execute` need them again).
 * @example
 * import { getProposalActions } from "@plenum/sdk";
 * const actions = await getProposalActions(publicClient, { community, proposalId: 7n });
 */
export async function getProposalActions<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetProposalActionsParameters,
): Promise<GetProposalActionsReturnType> {
  const { community, proposalId, fromBlock = "earliest" } = parameters;
  let logs: GetContractEventsReturnType<typeof liquidGovernorAbi, "ProposalActions", true>;
  try {
    logs = (await getAction(
      client,
      getContractEvents,
      "getContractEvents",
    )({
      address: community,
      abi: liquidGovernorAbi,
      eventName: "ProposalActions",
      args: { proposalId },
      fromBlock,
      strict: true,
    })) as never;
  } catch (error) {
    throw decodeContractError(error);
  }
  const log = logs.at(-1);
  if (!log) {
    throw new BaseError(`proposal ${proposalId} has no actions on record`, {
      details: `no ProposalActions event for proposal ${proposalId} at ${community} from block ${fromBlock}`,
    });
  }
  const { targets, values, calldatas } = log.args;
  return targets.map((target, i) => ({
    target,
    value: values[i] ?? 0n,
    data: (calldatas[i] ?? "0x") as Hex,
  }));
}
