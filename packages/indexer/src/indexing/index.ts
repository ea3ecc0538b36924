/**
 * Indexing: the handlers (one per contract), tally revisions from the SDK's recount and engine,
 * explanations, metadata, checks against the chain, and `createIndexer`, which consumes the log
 * follower's steps.
 *
 * @example
 * ```ts
 * import { createIndexer } from "./indexing/index.ts";
 * const indexer = createIndexer({ store, chainId: 31337, client });
 * await indexer.start();
 * ```
 *
 * @module
 */
export { createTallyChecker, type TallyChecker } from "./checks.ts";
export { handleCommunityLog, type TallyTouch } from "./community.ts";
export { type CarriedMembers, carriedBy, carriers, explainMember } from "./explain.ts";
export { handleFactoryLog } from "./factory.ts";
export {
  type CreateIndexerOptions,
  createIndexer,
  type Indexer,
  type IndexerStats,
  indexLogs,
} from "./indexer.ts";
export { loadCommunityLogs, logOfRow, rawEventRow } from "./logs.ts";
export {
  createMetadataFetcher,
  type FetchedDocument,
  fetchDocument,
  type MetadataFetcher,
  type MetadataFetcherOptions,
  type MetadataStatus,
} from "./metadata.ts";
export {
  type AnonymousGroup,
  type CommunityState,
  createIndexState,
  IndexingError,
  type IndexState,
  ids,
  type ProposalState,
  proposalLogs,
} from "./state.ts";
export { type IndexingStatus, indexingStatus } from "./status.ts";
export { computeTally, revisionRow, type TallySnapshot } from "./tallies.ts";
