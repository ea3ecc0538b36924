/**
 * The log follower: communities found from the factory, chunked backfill, head following over
 * polling and WebSocket, reorgs. It emits `SyncStep`s for the store.
 *
 * @example
 * ```ts
 * import { createSync } from "@plenum/indexer/sync";
 * for await (const step of createSync({ client })) console.log(step.type);
 * ```
 *
 * @module
 */
export {
  ChainMismatchError,
  FatalError,
  IndexerError,
  InvalidConfigError,
  ReorgTooDeepError,
  RetryableError,
  RpcRejectedError,
  RpcUnavailableError,
} from "../internal/errors.ts";
export { bloomMayContain } from "./bloom.ts";
export { type CreateSyncOptions, createSync, type Sync } from "./createSync.ts";
export {
  applyStep,
  applyToState,
  type SyncState,
  stateFromCursor,
  stateToCursor,
} from "./cursor.ts";
export { type Finality, finalityFor } from "./finality.ts";
export { ChainMovedError, isRetryableRpcError, type SyncStats } from "./rpc.ts";
export type {
  BlockRef,
  CommunityEventLog,
  FactoryLog,
  IndexedLog,
  SyncCursor,
  SyncStep,
} from "./types.ts";
