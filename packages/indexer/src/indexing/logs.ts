// Raw events <-> decoded logs: what a step stores, and the logs a recount or an explanation replays.
import type { CommunityLog } from "@plenum/sdk";
import { and, asc, eq, lte } from "drizzle-orm";
import type { Address, Hash } from "viem";
import type { StoreDb } from "../store/database.ts";
import type { StepRows } from "../store/rows.ts";
import { rawEvents } from "../store/schema.ts";
import { decodeArgs, encodeArgs } from "../store/values.ts";
import type { IndexedLog } from "../sync/types.ts";

/**
 * The `raw_events` row of a log.
 *
 * @example
 * ```ts
 * rows.rawEvents.push(rawEventRow(log));
 * ```
 */
export function rawEventRow(log: IndexedLog): StepRows["rawEvents"][number] {
  return {
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    blockHash: log.blockHash,
    blockTimestamp: log.blockTimestamp,
    transactionHash: log.transactionHash,
    transactionIndex: log.transactionIndex,
    address: log.address.toLowerCase(),
    source: log.source,
    eventName: log.eventName,
    args: encodeArgs(log.args),
  };
}

/**
 * The log a `raw_events` row stores, as the follower delivered it (addresses in `args` keep their
 * checksum; the emitter's `address` is lowercase).
 *
 * @example
 * ```ts
 * const logs = (await db.select().from(rawEvents)).map(logOfRow);
 * ```
 */
export function logOfRow(row: typeof rawEvents.$inferSelect): IndexedLog {
  return {
    source: row.source,
    address: row.address as Address,
    eventName: row.eventName,
    args: decodeArgs(row.args),
    blockNumber: row.blockNumber,
    blockHash: row.blockHash as Hash,
    blockTimestamp: row.blockTimestamp,
    logIndex: row.logIndex,
    transactionHash: row.transactionHash as Hash,
    transactionIndex: row.transactionIndex,
  } as IndexedLog;
}

/**
 * Every stored log of one community up to `toBlock` (default: all), in chain order, in the SDK's
 * `CommunityLog` form: the input of `buildProposalState`, `recountProposal({ cache })`-style recounts
 * and explanations.
 *
 * @example
 * ```ts
 * const logs = await loadCommunityLogs(store.db, community, 1_234n);
 * const { input } = buildProposalState(logs, 1n, { atBlock: 1_234n });
 * ```
 */
export async function loadCommunityLogs(
  db: StoreDb,
  community: Address,
  toBlock?: bigint,
): Promise<CommunityLog[]> {
  const where = eq(rawEvents.address, community.toLowerCase());
  const rows = await db
    .select()
    .from(rawEvents)
    .where(toBlock === undefined ? where : and(where, lte(rawEvents.blockNumber, toBlock)))
    .orderBy(asc(rawEvents.blockNumber), asc(rawEvents.logIndex));
  return rows.map((row) => {
    const { source: _s, address: _a, ...log } = logOfRow(row);
    return log as CommunityLog;
  });
}
