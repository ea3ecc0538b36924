// The relayer: takes anonymous (Semaphore) and EIP-712 signed ballots over HTTP, checks them, and
// sends them from its own account. `createRelayer(config).handle` mounts in any node http server.
export { toRelayerError } from "./chainErrors.ts";
export { type CommunityRegistry, createCommunityRegistry } from "./communities.ts";
export {
  ConfigError,
  loadRelayerConfig,
  type RelayerConfig,
  relayerDefaults,
  withDefaults,
} from "./config.ts";
export { errorStatus, RelayerError, type RelayerErrorCode } from "./errors.ts";
export {
  createMemoryLimiter,
  type LimitDecision,
  parseRateLimit,
  type RateLimit,
  type RateLimiter,
} from "./limiter.ts";
export { verifyAnonymousProof } from "./proofs.ts";
export { type CreateRelayerOptions, createRelayer, type Relayer } from "./relayer.ts";
export { createSubmitter, type Submission, type Submitter } from "./submitter.ts";
export {
  type AnonymousBallotRequest,
  type AnonymousProofInput,
  type BallotInput,
  parseAnonymousBallotRequest,
  parseSignedBallotsRequest,
  type SignedBallotsRequest,
} from "./validate.ts";
