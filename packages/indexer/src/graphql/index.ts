// The GraphQL API: the factory the server mounts, the feed the indexer publishes to, and the schema.
export { type CreateGraphQLOptions, createGraphQL } from "./createGraphQL.ts";
export { ApiError, type ApiErrorCode } from "./errors.ts";
export { defaultLimits, type Limits, operationCost } from "./limits.ts";
export {
  type CommittedFeed,
  type CommittedFeedOptions,
  type CommittedPublisher,
  type CommittedStep,
  committedSummary,
  createCommittedFeed,
  createPublishingHandler,
  reorgSummary,
  stepSummary,
} from "./pubsub.ts";
export { DEFAULT_FIRST, MAX_FIRST, MAX_SKIP, type QueryDb } from "./query.ts";
export { createApiSchema } from "./schema.ts";
