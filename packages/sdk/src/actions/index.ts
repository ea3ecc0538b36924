// Typed viem actions for Plenum communities: one file per action, `(client, parameters)`.
//
// Community     deployCore, createCommunity
// Membership    addMembers, removeMembers, setWeights, createTopic, getMember, getCommunitySettings
// Delegation    delegate, getDelegate, getDelegationChain
// Proposals     propose, proposeAgenda, proposeExecutable, queueProposal, executeProposal,
//               cancelProposal, getProposal, getProposalState, getProposalActions
// Votes         castVote, castQuadraticVote, retractVote, castVotes, signBallot, signBallots,
//               relayVote, relayVotes, getBallot, getTally, getCarriedMass
// Watch         watchTally, watchProposals, waitForReceipt
//
// Writes come with `.simulate`, `.call` (for batching), `.extractEvent(s)` and a `…Sync` form.

export {
  type AddMembersArgs,
  type AddMembersErrorType,
  type AddMembersParameters,
  type AddMembersReturnType,
  type AddMembersSyncErrorType,
  type AddMembersSyncParameters,
  type AddMembersSyncReturnType,
  addMembers,
  addMembersSync,
} from "./addMembers.ts";
export {
  type AddMembersWithIdentitiesArgs,
  type AddMembersWithIdentitiesErrorType,
  type AddMembersWithIdentitiesParameters,
  type AddMembersWithIdentitiesReturnType,
  type AddMembersWithIdentitiesSyncErrorType,
  type AddMembersWithIdentitiesSyncParameters,
  type AddMembersWithIdentitiesSyncReturnType,
  addMembersWithIdentities,
  addMembersWithIdentitiesSync,
} from "./addMembersWithIdentities.ts";
export {
  type CancelProposalArgs,
  type CancelProposalErrorType,
  type CancelProposalParameters,
  type CancelProposalReturnType,
  type CancelProposalSyncErrorType,
  type CancelProposalSyncParameters,
  type CancelProposalSyncReturnType,
  cancelProposal,
  cancelProposalSync,
} from "./cancelProposal.ts";
export {
  type AnonymousVoteEvent,
  type CastAnonymousVoteArgs,
  type CastAnonymousVoteErrorType,
  type CastAnonymousVoteParameters,
  type CastAnonymousVoteReturnType,
  type CastAnonymousVoteSyncErrorType,
  type CastAnonymousVoteSyncParameters,
  type CastAnonymousVoteSyncReturnType,
  castAnonymousVote,
  castAnonymousVoteSync,
} from "./castAnonymousVote.ts";
export {
  type CastQuadraticVoteArgs,
  type CastQuadraticVoteErrorType,
  type CastQuadraticVoteParameters,
  type CastQuadraticVoteReturnType,
  type CastQuadraticVoteSyncErrorType,
  type CastQuadraticVoteSyncParameters,
  type CastQuadraticVoteSyncReturnType,
  castQuadraticVote,
  castQuadraticVoteSync,
} from "./castQuadraticVote.ts";
export {
  type CastVoteArgs,
  type CastVoteErrorType,
  type CastVoteParameters,
  type CastVoteReturnType,
  type CastVoteSyncErrorType,
  type CastVoteSyncParameters,
  type CastVoteSyncReturnType,
  castVote,
  castVoteSync,
} from "./castVote.ts";
export {
  type CastVotesArgs,
  type CastVotesErrorType,
  type CastVotesParameters,
  type CastVotesReturnType,
  type CastVotesSyncErrorType,
  type CastVotesSyncParameters,
  type CastVotesSyncReturnType,
  castVotes,
  castVotesSync,
} from "./castVotes.ts";
export {
  type CreateCommunityArgs,
  type CreateCommunityErrorType,
  type CreateCommunityParameters,
  type CreateCommunityReturnType,
  type CreateCommunitySyncErrorType,
  type CreateCommunitySyncParameters,
  type CreateCommunitySyncReturnType,
  createCommunity,
  createCommunitySync,
} from "./createCommunity.ts";
export {
  type CreateTopicArgs,
  type CreateTopicErrorType,
  type CreateTopicParameters,
  type CreateTopicReturnType,
  type CreateTopicSyncErrorType,
  type CreateTopicSyncParameters,
  type CreateTopicSyncReturnType,
  createTopic,
  createTopicSync,
} from "./createTopic.ts";
export {
  type DelegateArgs,
  type DelegateErrorType,
  type DelegateParameters,
  type DelegateReturnType,
  type DelegateSyncErrorType,
  type DelegateSyncParameters,
  type DelegateSyncReturnType,
  delegate,
  delegateSync,
} from "./delegate.ts";
export {
  type DeployCoreErrorType,
  type DeployCoreParameters,
  type DeployCoreReturnType,
  deployCore,
} from "./deployCore.ts";
export {
  type ExecuteProposalArgs,
  type ExecuteProposalErrorType,
  type ExecuteProposalParameters,
  type ExecuteProposalReturnType,
  type ExecuteProposalSyncErrorType,
  type ExecuteProposalSyncParameters,
  type ExecuteProposalSyncReturnType,
  executeProposal,
  executeProposalSync,
} from "./executeProposal.ts";
export {
  type GetAnonymousBallotErrorType,
  type GetAnonymousBallotParameters,
  type GetAnonymousBallotReturnType,
  getAnonymousBallot,
} from "./getAnonymousBallot.ts";
export {
  type GetAnonymousScopeErrorType,
  type GetAnonymousScopeParameters,
  type GetAnonymousScopeReturnType,
  getAnonymousScope,
} from "./getAnonymousScope.ts";
export {
  type GetBallotErrorType,
  type GetBallotParameters,
  type GetBallotReturnType,
  getBallot,
} from "./getBallot.ts";
export {
  type GetCarriedMassErrorType,
  type GetCarriedMassParameters,
  type GetCarriedMassReturnType,
  getCarriedMass,
} from "./getCarriedMass.ts";
export {
  type GetCommunitySettingsErrorType,
  type GetCommunitySettingsParameters,
  type GetCommunitySettingsReturnType,
  getCommunitySettings,
} from "./getCommunitySettings.ts";
export {
  type GetDelegateErrorType,
  type GetDelegateParameters,
  type GetDelegateReturnType,
  getDelegate,
} from "./getDelegate.ts";
export {
  type GetDelegationChainErrorType,
  type GetDelegationChainParameters,
  type GetDelegationChainReturnType,
  getDelegationChain,
} from "./getDelegationChain.ts";
export {
  type GetIdentityCommitmentErrorType,
  type GetIdentityCommitmentParameters,
  type GetIdentityCommitmentReturnType,
  getIdentityCommitment,
} from "./getIdentityCommitment.ts";
export {
  type GetIdentityGroupErrorType,
  type GetIdentityGroupParameters,
  type GetIdentityGroupReturnType,
  getIdentityGroup,
} from "./getIdentityGroup.ts";
export {
  type GetMemberErrorType,
  type GetMemberParameters,
  type GetMemberReturnType,
  getMember,
} from "./getMember.ts";
export {
  type GetProposalErrorType,
  type GetProposalParameters,
  type GetProposalReturnType,
  getProposal,
} from "./getProposal.ts";
export {
  type GetProposalActionsErrorType,
  type GetProposalActionsParameters,
  type GetProposalActionsReturnType,
  getProposalActions,
} from "./getProposalActions.ts";
export {
  type GetProposalGroupErrorType,
  type GetProposalGroupParameters,
  type GetProposalGroupReturnType,
  getProposalGroup,
} from "./getProposalGroup.ts";
export {
  type GetProposalStateErrorType,
  type GetProposalStateParameters,
  type GetProposalStateReturnType,
  getProposalState,
} from "./getProposalState.ts";
export {
  type GetTallyErrorType,
  type GetTallyParameters,
  type GetTallyReturnType,
  getTally,
} from "./getTally.ts";
export {
  ABSTAIN,
  type Ballot,
  type BallotInput,
  RETRACT,
  type VoteOption,
} from "./internal/ballot.ts";
export type { ProposalStateName, VoteModeName } from "./internal/format.ts";
export type { ProposalAction, ProposalInput } from "./internal/proposal.ts";
export type {
  AccountParameter,
  Call,
  GovernorEventArgs,
  ReadParameters,
  RelayWriteParameters,
  SyncParameters,
  TransactionOptions,
  VoteEvent,
  WriteParameters,
} from "./internal/types.ts";
export {
  type ProposeArgs,
  type ProposeErrorType,
  type ProposeParameters,
  type ProposeReturnType,
  type ProposeSyncErrorType,
  type ProposeSyncParameters,
  type ProposeSyncReturnType,
  propose,
  proposeSync,
} from "./propose.ts";
export {
  type ProposeAgendaArgs,
  type ProposeAgendaErrorType,
  type ProposeAgendaParameters,
  type ProposeAgendaReturnType,
  type ProposeAgendaSyncErrorType,
  type ProposeAgendaSyncParameters,
  type ProposeAgendaSyncReturnType,
  proposeAgenda,
  proposeAgendaSync,
} from "./proposeAgenda.ts";
export {
  type ProposeExecutableArgs,
  type ProposeExecutableErrorType,
  type ProposeExecutableParameters,
  type ProposeExecutableReturnType,
  type ProposeExecutableSyncErrorType,
  type ProposeExecutableSyncParameters,
  type ProposeExecutableSyncReturnType,
  proposeExecutable,
  proposeExecutableSync,
} from "./proposeExecutable.ts";
export {
  type QueueProposalArgs,
  type QueueProposalErrorType,
  type QueueProposalParameters,
  type QueueProposalReturnType,
  type QueueProposalSyncErrorType,
  type QueueProposalSyncParameters,
  type QueueProposalSyncReturnType,
  queueProposal,
  queueProposalSync,
} from "./queueProposal.ts";
export {
  type RegisterIdentitiesArgs,
  type RegisterIdentitiesErrorType,
  type RegisterIdentitiesParameters,
  type RegisterIdentitiesReturnType,
  type RegisterIdentitiesSyncErrorType,
  type RegisterIdentitiesSyncParameters,
  type RegisterIdentitiesSyncReturnType,
  registerIdentities,
  registerIdentitiesSync,
} from "./registerIdentities.ts";
export {
  type RegisterIdentityArgs,
  type RegisterIdentityErrorType,
  type RegisterIdentityParameters,
  type RegisterIdentityReturnType,
  type RegisterIdentitySyncErrorType,
  type RegisterIdentitySyncParameters,
  type RegisterIdentitySyncReturnType,
  registerIdentity,
  registerIdentitySync,
} from "./registerIdentity.ts";
export {
  type RelayAnonymousBallotErrorType,
  type RelayAnonymousBallotParameters,
  type RelayAnonymousBallotReturnType,
  relayAnonymousBallot,
} from "./relayAnonymousBallot.ts";
export {
  type RelaySignedBallotsErrorType,
  type RelaySignedBallotsParameters,
  type RelaySignedBallotsReturnType,
  relaySignedBallots,
} from "./relaySignedBallots.ts";
export {
  type RelayVoteArgs,
  type RelayVoteErrorType,
  type RelayVoteParameters,
  type RelayVoteReturnType,
  type RelayVoteSyncErrorType,
  type RelayVoteSyncParameters,
  type RelayVoteSyncReturnType,
  relayVote,
  relayVoteSync,
} from "./relayVote.ts";
export {
  type RelayVotesArgs,
  type RelayVotesErrorType,
  type RelayVotesParameters,
  type RelayVotesReturnType,
  type RelayVotesSyncErrorType,
  type RelayVotesSyncParameters,
  type RelayVotesSyncReturnType,
  relayVotes,
  relayVotesSync,
} from "./relayVotes.ts";
export {
  type RemoveMembersArgs,
  type RemoveMembersErrorType,
  type RemoveMembersParameters,
  type RemoveMembersReturnType,
  type RemoveMembersSyncErrorType,
  type RemoveMembersSyncParameters,
  type RemoveMembersSyncReturnType,
  removeMembers,
  removeMembersSync,
} from "./removeMembers.ts";
export {
  type RemoveMembersWithIdentitiesArgs,
  type RemoveMembersWithIdentitiesErrorType,
  type RemoveMembersWithIdentitiesInput,
  type RemoveMembersWithIdentitiesParameters,
  type RemoveMembersWithIdentitiesReturnType,
  type RemoveMembersWithIdentitiesSyncErrorType,
  type RemoveMembersWithIdentitiesSyncParameters,
  type RemoveMembersWithIdentitiesSyncReturnType,
  removeMembersWithIdentities,
  removeMembersWithIdentitiesSync,
} from "./removeMembersWithIdentities.ts";
export {
  type ReplaceIdentityArgs,
  type ReplaceIdentityErrorType,
  type ReplaceIdentityInput,
  type ReplaceIdentityParameters,
  type ReplaceIdentityReturnType,
  type ReplaceIdentitySyncErrorType,
  type ReplaceIdentitySyncParameters,
  type ReplaceIdentitySyncReturnType,
  replaceIdentity,
  replaceIdentitySync,
} from "./replaceIdentity.ts";
export {
  type RetractVoteArgs,
  type RetractVoteErrorType,
  type RetractVoteParameters,
  type RetractVoteReturnType,
  type RetractVoteSyncErrorType,
  type RetractVoteSyncParameters,
  type RetractVoteSyncReturnType,
  retractVote,
  retractVoteSync,
} from "./retractVote.ts";
export {
  type SetWeightsArgs,
  type SetWeightsErrorType,
  type SetWeightsParameters,
  type SetWeightsReturnType,
  type SetWeightsSyncErrorType,
  type SetWeightsSyncParameters,
  type SetWeightsSyncReturnType,
  setWeights,
  setWeightsSync,
} from "./setWeights.ts";
export {
  type SignBallotErrorType,
  type SignBallotParameters,
  type SignBallotReturnType,
  type SignedBallot,
  signBallot,
} from "./signBallot.ts";
export {
  type SignBallotsErrorType,
  type SignBallotsParameters,
  type SignBallotsReturnType,
  type SignedBallots,
  signBallots,
} from "./signBallots.ts";
export {
  type VoteAnonymouslyErrorType,
  type VoteAnonymouslyParameters,
  type VoteAnonymouslyReturnType,
  voteAnonymously,
} from "./voteAnonymously.ts";
export { type WaitForReceiptParameters, waitForReceipt } from "./waitForReceipt.ts";
export {
  type WatchProposalsErrorType,
  type WatchProposalsParameters,
  type WatchProposalsReturnType,
  watchProposals,
} from "./watchProposals.ts";
export {
  type WatchTallyErrorType,
  type WatchTallyParameters,
  type WatchTallyReturnType,
  watchTally,
} from "./watchTally.ts";
