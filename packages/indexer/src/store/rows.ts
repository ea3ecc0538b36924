// The rows one step writes, table by table (drizzle's insert types).
import type {
  ballotEvents,
  communities,
  communitySettings,
  delegationEvents,
  identityEvents,
  memberEvents,
  proposalEvents,
  proposals,
  rawEvents,
  tallyRevisions,
  topics,
} from "./schema.ts";

/**
 * Everything one `blocks` step adds, besides its block headers and cursor: built by the indexing
 * handlers, written by `commitStep` in one transaction.
 *
 * @example
 * ```ts
 * const rows = emptyRows();
 * rows.topics.push({ id, community, topic: 0, name: "General", blockNumber, blockTimestamp, logIndex, transactionHash });
 * ```
 */
export interface StepRows {
  rawEvents: (typeof rawEvents.$inferInsert)[];
  communities: (typeof communities.$inferInsert)[];
  communitySettings: (typeof communitySettings.$inferInsert)[];
  topics: (typeof topics.$inferInsert)[];
  memberEvents: (typeof memberEvents.$inferInsert)[];
  delegationEvents: (typeof delegationEvents.$inferInsert)[];
  proposals: (typeof proposals.$inferInsert)[];
  proposalEvents: (typeof proposalEvents.$inferInsert)[];
  ballotEvents: (typeof ballotEvents.$inferInsert)[];
  identityEvents: (typeof identityEvents.$inferInsert)[];
  tallyRevisions: (typeof tallyRevisions.$inferInsert)[];
}

/**
 * A `StepRows` with every list empty.
 *
 * @example
 * ```ts
 * const rows = emptyRows();
 * rows.rawEvents.length; // 0
 * ```
 */
export function emptyRows(): StepRows {
  return {
    rawEvents: [],
    communities: [],
    communitySettings: [],
    topics: [],
    memberEvents: [],
    delegationEvents: [],
    proposals: [],
    proposalEvents: [],
    ballotEvents: [],
    identityEvents: [],
    tallyRevisions: [],
  };
}

/**
 * How many rows a step writes in all.
 *
 * @example
 * ```ts
 * countRows(emptyRows()); // 0
 * ```
 */
export function countRows(rows: StepRows): number {
  return Object.values(rows).reduce((sum, list: unknown[]) => sum + list.length, 0);
}
