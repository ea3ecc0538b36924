/**
 * The independent recount: rebuild a proposal's snapshot state and ballots from the chain's event logs
 * alone, run the pure tally engine, and compare with the contract's own tally.
 *
 * @example
 * ```ts
 * import { verifyProposal } from "@plenum/sdk";
 * const { verdict } = await verifyProposal(client, { community, fromBlock: 0n, proposalId: 1n });
 * ```
 *
 * @module
 */
export {
  type AnonymousRecountInput,
  type BuildAnonymousProposalStateErrorType,
  type BuildAnonymousProposalStateOptions,
  type BuildAnonymousProposalStateReturnType,
  buildAnonymousProposalState,
  type RecountedGroup,
} from "./buildAnonymousProposalState.ts";
export {
  type BallotListener,
  type BuildProposalStateErrorType,
  type BuildProposalStateOptions,
  type BuildProposalStateReturnType,
  buildProposalState,
  followProposalState,
  type ProposalSnapshotState,
  type ProposalStateFollower,
} from "./buildProposalState.ts";
export { createEventDecoder } from "./createEventDecoder.ts";
export {
  type CreateLogCacheParameters,
  createLogCache,
  type LogCache,
} from "./createLogCache.ts";
export {
  type CreateSubgraphLogSourceParameters,
  createSubgraphLogSource,
} from "./createSubgraphLogSource.ts";
export {
  LogFetchError,
  ProposalNotFoundInLogsError,
  RecountBlockBeforeProposalError,
  RecountError,
  RecountIncompleteLogsError,
  RecountInconsistentLogsError,
  RecountModeMismatchError,
  RecountUnsupportedModeError,
  SubgraphQueryError,
} from "./errors.ts";
export {
  type CommunityLog,
  compareLogs,
  decodeCommunityLogs,
  type FetchCommunityLogsErrorType,
  type FetchCommunityLogsParameters,
  type FetchCommunityLogsReturnType,
  type FetchProgress,
  fetchCommunityLogs,
  type LogPosition,
  toLogPosition,
} from "./fetchCommunityLogs.ts";
export {
  type ChunkSize,
  createChunkSize,
  type GetLogsChunkedParameters,
  getLogsChunked,
} from "./getLogsChunked.ts";
export type { RecountedProposal, RecountMode } from "./proposalLogs.ts";
export {
  type AnonymousRecount,
  type PublicRecount,
  type RecountBase,
  type RecountProposalErrorType,
  type RecountProposalParameters,
  type RecountProposalReturnType,
  recountProposal,
} from "./recountProposal.ts";
export {
  isRangeError,
  type RetryHandlers,
  type RetryOptions,
  rangeHint,
  withRetry,
} from "./retry.ts";
export {
  type GroupTotals,
  type TallyTotals,
  type VerifyProposalErrorType,
  type VerifyProposalParameters,
  type VerifyProposalReturnType,
  verifyProposal,
} from "./verifyProposal.ts";
