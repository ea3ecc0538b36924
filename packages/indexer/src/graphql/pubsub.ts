// The feed of committed steps: the indexer publishes a small summary after each step it commits (or
// rollback it makes), and subscriptions read the rows it names. In memory for one process; through
// Redis (REDIS_URL) so that every API replica sees every step, once, in the order published.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { sql } from "drizzle-orm";
import { createPubSub } from "graphql-yoga";
import { Redis } from "ioredis";
import type { StepRows } from "../store/rows.ts";
import type { StepCommit } from "../store/store.ts";
import type { BlockRef, SyncStep } from "../sync/types.ts";
import type { QueryDb } from "./query.ts";

/**
 * A block as a summary carries it (JSON-safe: numbers as decimal strings).
 *
 * @example
 * ```ts
 * const block: SummaryBlock = { number: "120", hash: "0x…", timestamp: "1700000000" };
 * ```
 */
export interface SummaryBlock {
  number: string;
  hash: string;
  timestamp: string;
}

/**
 * What changed in one committed step, by id (JSON-safe, so it crosses Redis as is).
 * - `blocks`: the rows a step added that subscriptions announce: new proposals, ballot events, tally
 *   revisions, each with the id of what it belongs to (to filter without reading the database).
 * - `reorg`: everything above `ancestor` was rolled back; `proposals` lists those whose revisions
 *   were dropped, so their subscribers get the tally as it stands now, flagged as replacing;
 *   `removed` lists the proposals and ballot events the rollback deleted, so subscribers that were
 *   told about them learn they are gone (a summary published by an older writer has no `removed`).
 *
 * @example
 * ```ts
 * publisher.publishCommitted(stepSummary(commit, rows));
 * ```
 */
export type CommittedStep =
  | {
      type: "blocks";
      block: SummaryBlock;
      finalized: string;
      proposals: { id: string; community: string }[];
      ballotEvents: { id: string; proposal: string }[];
      tallyRevisions: { id: string; proposal: string }[];
    }
  | {
      type: "reorg";
      ancestor: SummaryBlock;
      finalized: string;
      proposals: string[];
      removed?: {
        proposals: { id: string; community: string }[];
        ballotEvents: { id: string; proposal: string }[];
      };
    };

/**
 * The one call the indexer makes after it commits a step or a rollback.
 *
 * @example
 * ```ts
 * await store.commitStep(commit, rows);
 * publisher.publishCommitted(stepSummary(commit, rows));
 * ```
 */
export interface CommittedPublisher {
  publishCommitted(step: CommittedStep): void;
}

/**
 * A publisher that subscriptions can also listen to.
 *
 * @example
 * ```ts
 * const feed = createCommittedFeed({ redisUrl: process.env.REDIS_URL });
 * for await (const step of feed.subscribe()) console.log(step.type);
 * ```
 */
export interface CommittedFeed extends CommittedPublisher {
  subscribe(): AsyncIterable<CommittedStep>;
  close(): Promise<void>;
}

/**
 * Where the feed travels: in this process, or through Redis on `channel` (default `plenum:committed`;
 * give every deployment sharing a Redis its own).
 *
 * @example
 * ```ts
 * const options: CommittedFeedOptions = { redisUrl: "redis://127.0.0.1:6379", channel: "plenum:mainnet:committed" };
 * ```
 */
export interface CommittedFeedOptions {
  redisUrl?: string | undefined;
  channel?: string | undefined;
}

/**
 * Creates the feed (see {@link CommittedFeedOptions}).
 *
 * @example
 * ```ts
 * const feed = createCommittedFeed({});
 * feed.publishCommitted(summary);
 * await feed.close();
 * ```
 */
export function createCommittedFeed(options: CommittedFeedOptions = {}): CommittedFeed {
  const channel = options.channel ?? "plenum:committed";
  type Topics = Record<string, [CommittedStep]>;
  if (!options.redisUrl) {
    const pubsub = createPubSub<Topics>();
    return {
      publishCommitted: (step) => pubsub.publish(channel, step),
      subscribe: () => pubsub.subscribe(channel),
      close: async () => {},
    };
  }
  const publishClient = new Redis(options.redisUrl, { lazyConnect: false });
  const subscribeClient = new Redis(options.redisUrl, { lazyConnect: false });
  // The event target unsubscribes when a subscription ends, without awaiting: one ending while the
  // feed closes would reject with "Connection is closed". A closed connection is unsubscribed anyway.
  const unsubscribe = subscribeClient.unsubscribe.bind(subscribeClient) as (
    ...channels: string[]
  ) => Promise<unknown>;
  subscribeClient.unsubscribe = ((...channels: string[]) =>
    unsubscribe(...channels).catch(() => undefined)) as typeof subscribeClient.unsubscribe;
  const pubsub = createPubSub<Topics>({
    eventTarget: createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient }),
  });
  return {
    publishCommitted: (step) => pubsub.publish(channel, step),
    subscribe: () => pubsub.subscribe(channel),
    close: async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

const summaryBlock = (block: BlockRef): SummaryBlock => ({
  number: block.number.toString(),
  hash: block.hash,
  timestamp: block.timestamp.toString(),
});

/**
 * The summary of a committed `blocks` step, from what `commitStep` was given.
 *
 * @example
 * ```ts
 * await store.commitStep(commit, rows);
 * publisher.publishCommitted(stepSummary(commit, rows));
 * ```
 */
export function stepSummary(commit: StepCommit, rows: StepRows): CommittedStep {
  return {
    type: "blocks",
    block: summaryBlock(commit.toBlock),
    finalized: commit.finalized.toString(),
    proposals: rows.proposals.map((p) => ({ id: p.id, community: p.community })),
    ballotEvents: rows.ballotEvents.map((b) => ({ id: b.id, proposal: b.proposal })),
    tallyRevisions: rows.tallyRevisions.map((r) => ({ id: r.id, proposal: r.proposal })),
  };
}

/**
 * The summary of a rollback to `ancestor`. Call it before `store.rollback` (it reads which proposals
 * have revisions above the ancestor, and the proposals and ballot events the rollback deletes),
 * publish it after.
 *
 * @example
 * ```ts
 * const summary = await reorgSummary(store, step.ancestor, step.finalized);
 * await store.rollback(step.ancestor, step.finalized, step.head);
 * publisher.publishCommitted(summary);
 * ```
 */
export async function reorgSummary(
  db: QueryDb,
  ancestor: BlockRef,
  finalized: bigint,
): Promise<CommittedStep> {
  const above = ancestor.number.toString();
  const [rows, proposals, ballots] = await Promise.all([
    db.query(
      sql`SELECT DISTINCT proposal FROM tally_revisions WHERE block_number > ${above}::bigint ORDER BY proposal`,
    ),
    db.query(
      sql`SELECT id, community FROM proposals WHERE block_number > ${above}::bigint ORDER BY block_number, log_index`,
    ),
    db.query(
      sql`SELECT id, proposal FROM ballot_events WHERE block_number > ${above}::bigint ORDER BY block_number, log_index`,
    ),
  ]);
  return {
    type: "reorg",
    ancestor: summaryBlock(ancestor),
    finalized: finalized.toString(),
    proposals: rows.map((r) => r.proposal as string),
    removed: {
      proposals: proposals.map((r) => ({ id: r.id as string, community: r.community as string })),
      ballotEvents: ballots.map((r) => ({ id: r.id as string, proposal: r.proposal as string })),
    },
  };
}

/**
 * The summary of a committed `blocks` step read back from the store (rows written in
 * `[fromBlock, toBlock]`), for a caller that no longer has the step's rows.
 *
 * @example
 * ```ts
 * await indexer.handle(step);
 * publisher.publishCommitted(await committedSummary(store, step));
 * ```
 */
export async function committedSummary(
  db: QueryDb,
  step: { fromBlock: bigint; toBlock: BlockRef; finalized: bigint },
): Promise<CommittedStep> {
  const range = (table: string, columns: string) =>
    db.query(
      sql`SELECT ${sql.raw(columns)} FROM ${sql.raw(table)} WHERE block_number >= ${step.fromBlock.toString()}::bigint AND block_number <= ${step.toBlock.number.toString()}::bigint ORDER BY block_number, ${sql.raw(table === "tally_revisions" ? "id" : "log_index")}`,
    );
  const [proposals, ballots, revisions] = await Promise.all([
    range("proposals", "id, community"),
    range("ballot_events", "id, proposal"),
    range("tally_revisions", "id, proposal"),
  ]);
  return {
    type: "blocks",
    block: summaryBlock(step.toBlock),
    finalized: step.finalized.toString(),
    proposals: proposals.map((r) => ({ id: r.id as string, community: r.community as string })),
    ballotEvents: ballots.map((r) => ({ id: r.id as string, proposal: r.proposal as string })),
    tallyRevisions: revisions.map((r) => ({ id: r.id as string, proposal: r.proposal as string })),
  };
}

/**
 * Wraps an indexer's `handle` so that every step it commits is announced on `publisher`: a `blocks`
 * step after its commit (its ids read back from the store), a `reorg` with the proposals whose
 * revisions it drops (read before the rollback, announced after it). For callers that drive the
 * indexer themselves (the server, the CLI) without changing it.
 *
 * @example
 * ```ts
 * const handle = createPublishingHandler(indexer, store, feed);
 * for await (const step of follower) await handle(step);
 * ```
 */
export function createPublishingHandler(
  indexer: { handle(step: SyncStep): Promise<void> },
  db: QueryDb,
  publisher: CommittedPublisher,
): (step: SyncStep) => Promise<void> {
  return async (step) => {
    if (step.type === "reorg") {
      const summary = await reorgSummary(db, step.ancestor, step.finalized);
      await indexer.handle(step);
      publisher.publishCommitted(summary);
      return;
    }
    await indexer.handle(step);
    if (step.type === "blocks") publisher.publishCommitted(await committedSummary(db, step));
  };
}
