import type { Address, Chain, Client, Transport } from "viem";
import { watchContractEvent } from "viem/actions";
import { getAction } from "viem/utils";
import type { BaseError } from "../errors/base.ts";
import { decodeContractError } from "../errors/decode.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import type { GovernorEventArgs } from "./internal/types.ts";

/** Parameters of {@link watchProposals}. */
export interface WatchProposalsParameters {
  /** The community (its proxy address). */
  community: Address;
  /** Only proposals in this topic; all by default. */
  topic?: number | undefined;
  /** Called with the decoded `ProposalCreated` events of each polled batch. */
  onProposals: (proposals: GovernorEventArgs<"ProposalCreated">[]) => void;
  /** Called when polling fails; watching goes on. */
  onError?: ((error: BaseError) => void) | undefined;
  /** How often to poll, in ms; the client's polling interval by default. */
  pollingInterval?: number | undefined;
  /** Also report proposals from this block on; only new ones by default. */
  fromBlock?: bigint | undefined;
}

/** Stops watching. */
export type WatchProposalsReturnType = () => void;

/** Errors passed to `onError`. */
export type WatchProposalsErrorType = BaseError;

/**
 * Watches a community for new proposals (`ProposalCreated`), optionally in one topic. Returns `unwatch`.
 * @example
 * import { watchProposals } from "@plenum/sdk";
 * const unwatch = watchProposals(publicClient, {
 *   community,
 *   onProposals: (proposals) => proposals.forEach((p) => console.log(p.proposalId, p.metadataURI)),
 * });
 */
export function watchProposals<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: WatchProposalsParameters,
): WatchProposalsReturnType {
  checkAddressParameters(parameters);
  const { community, topic, onProposals, onError, pollingInterval, fromBlock } = parameters;
  return getAction(
    client,
    watchContractEvent,
    "watchContractEvent",
  )({
    address: community,
    abi: liquidGovernorAbi,
    eventName: "ProposalCreated",
    strict: true,
    ...(topic === undefined ? {} : { args: { topic } }),
    ...(pollingInterval === undefined ? {} : { pollingInterval }),
    ...(fromBlock === undefined ? {} : { fromBlock }),
    onLogs: (logs) => onProposals(logs.map((log) => log.args)),
    onError: (error) => onError?.(decodeContractError(error)),
  });
}
