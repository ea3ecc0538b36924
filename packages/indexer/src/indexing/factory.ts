// Handler for the CommunityFactory: `CommunityCreated` registers a community.
import type { StepRows } from "../store/rows.ts";
import type { FactoryLog } from "../sync/types.ts";
import { type IndexState, ids } from "./state.ts";

/**
 * Indexes one factory log: a `communities` row, and the community in the state so that its own logs
 * are indexed from then on.
 *
 * @example
 * ```ts
 * for (const log of step.logs) if (log.source === "factory") handleFactoryLog(state, log, rows);
 * ```
 */
export function handleFactoryLog(state: IndexState, log: FactoryLog, rows: StepRows): void {
  if (log.eventName !== "CommunityCreated") return;
  const { community, timelock, creator, implementation, registrar, bootstrapAdmin } = log.args;
  const account = (address: string) => ids.account(state.chainId, address);
  const id = account(community);
  state.communities.set(community.toLowerCase(), {
    id,
    address: community,
    logs: [],
    proposals: new Map(),
    ballots: new Set(),
  });
  rows.communities.push({
    id,
    chainId: state.chainId,
    address: community.toLowerCase(),
    timelock: account(timelock),
    creator: account(creator),
    implementation: implementation.toLowerCase(),
    registrar: account(registrar),
    bootstrapAdmin: account(bootstrapAdmin),
    blockNumber: log.blockNumber,
    blockTimestamp: log.blockTimestamp,
    logIndex: log.logIndex,
    transactionHash: log.transactionHash,
  });
}
