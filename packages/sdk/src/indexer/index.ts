// The client side of the Plenum indexer's GraphQL API (packages/indexer): queries over HTTP,
// subscriptions over server-sent events, and the tally reads the CLI and the web app need.
export { IndexedProposalNotFoundError, IndexerError, type IndexerErrorCode } from "./errors.ts";
export {
  type GetIndexedTallyParameters,
  type GetIndexedTallyReturnType,
  getIndexedTally,
} from "./getIndexedTally.ts";
export { graphqlEndpoint, type IndexerRequestOptions, queryIndexer } from "./request.ts";
export {
  graphqlEvents,
  openSubscription,
  readServerSentEvents,
  type ServerSentEvent,
  subscribeIndexer,
} from "./sse.ts";
export {
  type IndexedProposal,
  type IndexedTallyRevision,
  indexedProposalId,
} from "./tally.ts";
export {
  type IndexedTallyUpdate,
  type WatchIndexedTallyParameters,
  watchIndexedTally,
} from "./watchIndexedTally.ts";
