// The indexer: consumes the follower's steps. A `blocks` step is turned into rows by the handlers (one
// per contract), tally revisions are computed for every proposal whose ballots moved, and everything is
// committed with the cursor in one transaction. A `reorg` rolls the store back in one transaction. The
// handlers' in-memory state is a function of the stored logs: after a rollback or a failed commit it is
// rebuilt from `raw_events`, so memory and database never disagree.
import { asc } from "drizzle-orm";
import type { Chain, Client, Transport } from "viem";
import { countRows, emptyRows, type StepRows } from "../store/rows.ts";
import { rawEvents } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import type { IndexedLog, SyncCursor, SyncStep } from "../sync/types.ts";
import { createTallyChecker, type TallyChecker } from "./checks.ts";
import { handleCommunityLog, type TallyTouch } from "./community.ts";
import { handleFactoryLog } from "./factory.ts";
import { logOfRow, rawEventRow } from "./logs.ts";
import {
  createMetadataFetcher,
  type MetadataFetcher,
  type MetadataFetcherOptions,
} from "./metadata.ts";
import { createIndexState, IndexingError, type IndexState, ids } from "./state.ts";
import { followTally, revisionRow } from "./tallies.ts";

/**
 * Options of `createIndexer`.
 *
 * @example
 * ```ts
 * const options: CreateIndexerOptions = { store, chainId: 31337, client, metadata: { ipfsGateway } };
 * ```
 */
export interface CreateIndexerOptions {
  store: Store;
  chainId: number;
  /** The node, for checking finalized revisions against `proposalTally`; no checks without it. */
  client?: Client<Transport, Chain | undefined> | undefined;
  /** Metadata fetching options, or `false` to fetch nothing. */
  metadata?: MetadataFetcherOptions | false;
}

/**
 * Counters since start.
 *
 * @example
 * ```ts
 * console.log(`${indexer.stats.events} events, ${indexer.stats.revisions} revisions`);
 * ```
 */
export interface IndexerStats {
  steps: number;
  events: number;
  rows: number;
  revisions: number;
  reorgs: number;
  /** Milliseconds spent computing tallies, and committing steps. */
  tallyMs: number;
  commitMs: number;
}

/**
 * The indexer (see `createIndexer`).
 *
 * @example
 * ```ts
 * const cursor = await indexer.start();
 * for await (const step of follow(cursor)) await indexer.handle(step);
 * ```
 */
export interface Indexer {
  /** Loads the handlers' state from the store; returns the cursor to resume from. */
  start(): Promise<SyncCursor | undefined>;
  /** Applies one step (committed when it resolves). */
  handle(step: SyncStep): Promise<void>;
  /** Resolves when background work (metadata, checks) started so far is done. */
  settle(): Promise<void>;
  /** Whether the follower reported reaching the head (`live` step). */
  readonly live: boolean;
  readonly stats: IndexerStats;
  readonly checker: TallyChecker | undefined;
}

/**
 * Runs the handlers over `logs` (chain order). Factory logs go first: a community's proxy emits its
 * first events (initialisation, topics, settings) before the factory's `CommunityCreated` in the same
 * transaction, and those events belong to the community all the same.
 *
 * @example
 * ```ts
 * const touched = indexLogs(state, step.logs, rows);
 * ```
 */
export function indexLogs(
  state: IndexState,
  logs: readonly IndexedLog[],
  rows: StepRows,
): TallyTouch[] {
  for (const log of logs) if (log.source === "factory") handleFactoryLog(state, log, rows);
  const touched: TallyTouch[] = [];
  for (const log of logs) {
    if (log.source !== "community") continue;
    const touch = handleCommunityLog(state, log, rows);
    if (touch) touched.push(touch);
  }
  return touched;
}

/**
 * Creates an indexer writing to `store`.
 *
 * @example
 * ```ts
 * const store = await createStore({ databaseUrl: process.env.DATABASE_URL });
 * const indexer = createIndexer({ store, chainId: 31337, client });
 * await indexer.start();
 * await indexer.handle(step);
 * ```
 */
export function createIndexer(options: CreateIndexerOptions): Indexer {
  const { store, chainId } = options;
  let state: IndexState | undefined;
  let live = false;
  const stats: IndexerStats = {
    steps: 0,
    events: 0,
    rows: 0,
    revisions: 0,
    reorgs: 0,
    tallyMs: 0,
    commitMs: 0,
  };
  const metadata: MetadataFetcher | undefined =
    options.metadata === false
      ? undefined
      : createMetadataFetcher(store.db, options.metadata ?? {});
  const checker = options.client ? createTallyChecker(store, options.client) : undefined;

  /** Replays every stored log through the handlers (their rows are discarded). */
  const load = async (): Promise<IndexState> => {
    const next = createIndexState(chainId);
    const rows = await store.db
      .select()
      .from(rawEvents)
      .orderBy(asc(rawEvents.blockNumber), asc(rawEvents.logIndex));
    // A proposal's companion events share its block: scratch rows need to live for one block only.
    const logs = rows.map(logOfRow);
    let start = 0;
    for (let i = 1; i <= logs.length; i++) {
      if (i < logs.length && logs[i]?.blockNumber === logs[start]?.blockNumber) continue;
      indexLogs(next, logs.slice(start, i), emptyRows());
      start = i;
    }
    return next;
  };

  /** The last committed block (undefined: nothing committed yet, any start block will do). */
  let last: bigint | undefined;

  const apply = async (step: Extract<SyncStep, { type: "blocks" }>) => {
    if (last !== undefined && step.fromBlock !== last + 1n) {
      throw new IndexingError(
        `A step from block ${step.fromBlock} follows block ${last}: steps must be contiguous.`,
      );
    }
    const current = state ?? (await load());
    state = undefined; // until the commit succeeds: a failure leaves it to be rebuilt
    const rows = emptyRows();
    for (const log of step.logs) rows.rawEvents.push(rawEventRow(log));
    const touched = indexLogs(current, step.logs, rows);
    const tallyStart = performance.now();
    const blocks = new Map(step.blocks.map((b) => [b.number, b]));
    blocks.set(step.toBlock.number, step.toBlock);
    const done = new Set<string>();
    for (const { community, proposalId, blockNumber } of touched) {
      const proposal = community.proposals.get(proposalId);
      if (!proposal) throw new IndexingError(`No proposal ${proposalId} for its tally.`);
      const id = ids.revision(proposal.id, blockNumber);
      if (done.has(id)) continue;
      done.add(id);
      const block = blocks.get(blockNumber);
      if (!block) {
        throw new IndexingError(`The step has logs in block ${blockNumber} but not its header.`);
      }
      const snapshot = followTally(community, proposal, proposalId, blockNumber);
      rows.tallyRevisions.push(
        revisionRow({ id, proposal: proposal.id, community: community.id, block }, snapshot),
      );
    }
    const commitStart = performance.now();
    await store.commitStep(
      { toBlock: step.toBlock, blocks: step.blocks, finalized: step.finalized, head: step.head },
      rows,
    );
    stats.tallyMs += commitStart - tallyStart;
    stats.commitMs += performance.now() - commitStart;
    state = current;
    last = step.toBlock.number;
    stats.steps++;
    stats.events += step.logs.length;
    stats.rows += countRows(rows);
    stats.revisions += rows.tallyRevisions.length;
    metadata?.wake();
    checker?.wake();
  };

  return {
    get live() {
      return live;
    },
    stats,
    checker,
    async start() {
      state = await load();
      metadata?.wake();
      checker?.wake();
      const cursor = await store.loadCursor();
      last = cursor?.block.number;
      return cursor;
    },
    async handle(step) {
      switch (step.type) {
        case "blocks":
          return apply(step);
        case "reorg":
          if (last !== undefined && step.ancestor.number > last) {
            throw new IndexingError(
              `A reorg to block ${step.ancestor.number} is ahead of the last committed block ${last}.`,
            );
          }
          state = undefined;
          await store.rollback(step.ancestor, step.finalized, step.head);
          last = step.ancestor.number;
          stats.reorgs++;
          return;
        case "live":
          live = true;
          return;
      }
    },
    async settle() {
      await Promise.all([metadata?.idle(), checker?.idle()]);
    },
  };
}
