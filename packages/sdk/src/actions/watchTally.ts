import type { Address, Chain, Client, Transport } from "viem";
import { getBlockNumber, watchContractEvent } from "viem/actions";
import { getAction } from "viem/utils";
import type { BaseError } from "../errors/base.ts";
import { decodeContractError } from "../errors/decode.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { type GetTallyReturnType, getTally } from "./getTally.ts";
import { checkAddressParameters } from "./internal/addresses.ts";

const voteEventNames = new Set(["VoteCast", "QuadraticVoteCast", "VoteRetracted"]);
const voteEventsAbi = liquidGovernorAbi.filter(
  (item) => item.type === "event" && voteEventNames.has(item.name),
);

/** Parameters of {@link watchTally}. */
export interface WatchTallyParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal to follow. */
  proposalId: bigint;
  /** Called with the tally once at the start and again after every block with a vote on the proposal. */
  onTally: (tally: GetTallyReturnType) => void;
  /** Called when reading the tally or polling for events fails; watching goes on. */
  onError?: ((error: BaseError) => void) | undefined;
  /** How often to poll for new votes, in ms; the client's polling interval by default. */
  pollingInterval?: number | undefined;
}

/** Stops watching. */
export type WatchTallyReturnType = () => void;

/** Errors passed to `onError`: a decoded revert (`ProposalNotFound`) or an RPC error. */
export type WatchTallyErrorType = BaseError;

/**
 * Follows a proposal's live tally: reads it once, then re-reads it whenever a `VoteCast`,
 * `QuadraticVoteCast` or `VoteRetracted` event for the proposal arrives. Returns `unwatch`.
 * @example
 * import { watchTally } from "@plenum/sdk";
 * const unwatch = watchTally(publicClient, {
 *   community,
 *   proposalId: 12n,
 *   onTally: ({ tallies, participation, leading }) => render(tallies, participation, leading),
 * });
 */
export function watchTally<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: WatchTallyParameters,
): WatchTallyReturnType {
  checkAddressParameters(parameters);
  const { community, proposalId, onTally, onError, pollingInterval } = parameters;
  let stopped = false;
  let unwatch: (() => void) | undefined;
  let running = false;
  let again = false;

  const fail = (error: unknown) => {
    if (stopped || !onError) return;
    try {
      onError(decodeContractError(error));
    } catch {
      // The caller's own handler failed; there is nobody left to tell, and watching goes on.
    }
  };

  // One read at a time; votes that arrive during a read trigger exactly one more read after it.
  const refresh = async (blockNumber?: bigint) => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      let at = blockNumber;
      do {
        again = false;
        const tally = await getTally(client, { community, proposalId, blockNumber: at });
        at = undefined;
        if (!stopped) onTally(tally);
      } while (again && !stopped);
    } catch (error) {
      fail(error);
    } finally {
      running = false;
    }
  };

  const start = async () => {
    // The first tally is read at a known block and events are watched from that block on, so no vote
    // can slip in between. (From the block itself, not the next one: nodes refuse filters that start
    // at a block they have not mined yet, and a repeated event only costs one extra read.)
    const blockNumber = await getAction(client, getBlockNumber, "getBlockNumber")({ cacheTime: 0 });
    await refresh(blockNumber);
    if (stopped) return;
    unwatch = getAction(
      client,
      watchContractEvent,
      "watchContractEvent",
    )({
      address: community,
      abi: voteEventsAbi,
      fromBlock: blockNumber,
      strict: true,
      ...(pollingInterval === undefined ? {} : { pollingInterval }),
      onLogs: (logs) => {
        const relevant = logs.some(
          (log) => (log as { args?: { proposalId?: bigint } }).args?.proposalId === proposalId,
        );
        if (relevant) void refresh();
      },
      onError: fail,
    });
  };
  start().catch(fail);

  return () => {
    stopped = true;
    unwatch?.();
  };
}
