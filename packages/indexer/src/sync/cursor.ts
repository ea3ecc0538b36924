import type { Address } from "viem";
import type { BlockRef, SyncCursor, SyncStep } from "./types.ts";

/**
 * The follower's position, as mutable maps (a `SyncCursor` is its plain-data form).
 *
 * @example
 * ```ts
 * const state: SyncState = stateFromCursor(undefined);
 * state.recent.size; // => 0
 * ```
 */
export interface SyncState {
  /** The last block emitted (or the block before the start block, before anything was emitted). */
  block: BlockRef | undefined;
  /** Invariant: the blocks kept for reorg detection, all at or above the last `finalized` seen. */
  recent: Map<bigint, BlockRef>;
  /** Lower-case address → community. */
  communities: Map<string, { address: Address; createdAtBlock: bigint }>;
}

/**
 * The state a cursor describes (an empty one without a cursor).
 *
 * @example
 * ```ts
 * const state = stateFromCursor(cursor);
 * state.communities.size; // communities already known
 * ```
 */
export function stateFromCursor(cursor: SyncCursor | undefined): SyncState {
  const state: SyncState = { block: cursor?.block, recent: new Map(), communities: new Map() };
  for (const block of cursor?.recentBlocks ?? []) state.recent.set(block.number, block);
  if (cursor) state.recent.set(cursor.block.number, cursor.block);
  for (const community of cursor?.communities ?? []) {
    state.communities.set(community.address.toLowerCase(), { ...community });
  }
  return state;
}

/**
 * Applies a step to the state in place: what a `blocks` step adds (its blocks, the communities it
 * creates), what a `reorg` removes (blocks and communities after the ancestor), and the pruning of
 * blocks below `finalized`.
 *
 * @example
 * ```ts
 * for await (const step of sync) applyToState(state, step);
 * ```
 */
export function applyToState(state: SyncState, step: SyncStep): void {
  if (step.type === "blocks") {
    for (const block of step.blocks) state.recent.set(block.number, block);
    state.recent.set(step.toBlock.number, step.toBlock);
    state.block = step.toBlock;
    for (const log of step.logs) {
      if (log.source === "factory" && log.eventName === "CommunityCreated") {
        const address = log.args.community;
        const key = address.toLowerCase();
        if (!state.communities.has(key)) {
          state.communities.set(key, { address, createdAtBlock: log.blockNumber });
        }
      }
    }
    // Blocks below the finalized one cannot be replaced; the finalized block itself stays as the
    // lowest possible common ancestor, and the last block always stays.
    for (const number of state.recent.keys()) {
      if (number < step.finalized && number !== step.toBlock.number) state.recent.delete(number);
    }
  } else if (step.type === "reorg") {
    for (const number of state.recent.keys()) {
      if (number > step.ancestor.number) state.recent.delete(number);
    }
    state.recent.set(step.ancestor.number, step.ancestor);
    state.block = step.ancestor;
    for (const [key, community] of state.communities) {
      if (community.createdAtBlock > step.ancestor.number) state.communities.delete(key);
    }
  }
}

/**
 * The plain-data cursor of a state (undefined before the first block).
 *
 * @example
 * ```ts
 * const cursor = stateToCursor(state);
 * ```
 */
export function stateToCursor(state: SyncState): SyncCursor | undefined {
  if (!state.block) return undefined;
  return {
    block: state.block,
    recentBlocks: [...state.recent.values()].sort((a, b) =>
      a.number < b.number ? -1 : a.number > b.number ? 1 : 0,
    ),
    communities: [...state.communities.values()].map((community) => ({ ...community })),
  };
}

/**
 * The cursor after committing `step` on top of `cursor`: exactly what a follower needs to resume
 * where this step leaves off. A store that keeps the recent blocks and communities by these rules
 * can build its `SyncCursor` with SQL instead; this is the reference.
 *
 * @example
 * ```ts
 * let cursor: SyncCursor | undefined;
 * for await (const step of createSync({ client })) {
 *   await db.transaction(async (tx) => { await apply(tx, step); cursor = applyStep(cursor, step); await save(tx, cursor); });
 * }
 * ```
 */
export function applyStep(cursor: SyncCursor | undefined, step: SyncStep): SyncCursor | undefined {
  const state = stateFromCursor(cursor);
  applyToState(state, step);
  return stateToCursor(state);
}
