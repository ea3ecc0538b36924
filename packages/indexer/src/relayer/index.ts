// The relayer: takes anonymous (Semaphore) and EIP-712 signed ballots over HTTP, checks them, and
// sends them from its own account. `createRelayer(config).module` mounts in the service's server
// (`@plenum/indexer/server`); `start()` runs it on a server of its own.

// The limiters moved to the server; re-exported for code that took them from here.
export {
  createMemoryLimiter,
  type LimitDecision,
  parseRateLimit,
  type RateLimit,
  type RateLimiter,
} from "../server/rateLimiter.ts";
export { toRelayerError } from "./chainErrors.ts";
export {
  type CommunitiesDescription,
  type CommunityRegistry,
  createCommunityRegistry,
  type ScanCommunityRegistry,
} from "./communities.ts";
export {
  ConfigError,
  type LoadRelayerConfigOptions,
  loadRelayerConfig,
  type RelayerConfig,
  relayerDefaults,
  withDefaults,
} from "./config.ts";
export { errorStatus, RelayerError, type RelayerErrorCode } from "./errors.ts";
export { verifyAnonymousProof } from "./proofs.ts";
export { type CreateRelayerOptions, createRelayer, type Relayer } from "./relayer.ts";
export {
  createRelayerRoutes,
  type RelayerRoutesOptions,
  type Reply,
  relayerPaths,
} from "./routes.ts";
export {
  createStoreCommunityRegistry,
  type StoreCommunityRegistryOptions,
} from "./storeCommunities.ts";
export { createSubmitter, type Submission, type Submitter } from "./submitter.ts";
export {
  type AnonymousBallotRequest,
  type AnonymousProofInput,
  type BallotInput,
  parseAnonymousBallotRequest,
  parseSignedBallotsRequest,
  type SignedBallotsRequest,
} from "./validate.ts";
