// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ProposalParams, ProposalState, VoteMode} from "../types/GovernanceTypes.sol";

/// @title IProposals
/// @notice Proposals: creating polls (also a whole agenda at once) and the state machine with OpenZeppelin
///         Governor's names. Executable proposals are in {IProposalExecution}.
/// @dev Ids are sequential from 1. `snapshot` = creation time - 1; voting is open while
///      `clock() <= proposalDeadline(id)`. Settings changes apply to later proposals only.
interface IProposals {
    /// @notice A proposal was created. `snapshot` and `voteEnd` are clock timepoints.
    event ProposalCreated(
        uint256 indexed proposalId,
        address indexed proposer,
        uint8 indexed topic,
        VoteMode mode,
        uint8 optionCount,
        uint48 snapshot,
        uint48 voteEnd,
        bytes32 metadataHash,
        string metadataURI
    );
    /// @notice Anonymous proposal `proposalId` accepts proofs against `groupRoot`, a group of `identities`.
    event ProposalGroupRecorded(uint256 indexed proposalId, uint256 groupRoot, uint256 identities);
    /// @notice Proposal `proposalId` executes these actions through the timelock if it succeeds.
    event ProposalActions(
        uint256 indexed proposalId, address[] targets, uint256[] values, bytes[] calldatas
    );
    /// @notice The proposer canceled `proposalId` before anyone voted.
    event ProposalCanceled(uint256 indexed proposalId);
    /// @notice `proposalId` was scheduled in the timelock and may execute from `etaSeconds`.
    event ProposalQueued(uint256 indexed proposalId, uint256 etaSeconds);
    /// @notice `proposalId`'s actions were executed.
    event ProposalExecuted(uint256 indexed proposalId);
    /// @notice The default voting period changed.
    event VotingPeriodSet(uint32 votingPeriod, uint32 minVotingPeriod);
    /// @notice The quorum changed (applies to proposals created from the next second on).
    event QuorumSet(uint16 quorumBps);
    /// @notice The weight needed to propose changed.
    event ProposalThresholdSet(uint64 proposalThreshold);

    /// @notice No proposal has id `proposalId`.
    error ProposalNotFound(uint256 proposalId);
    /// @notice `proposer` has weight `weight`; proposing needs `threshold`.
    error ProposalBelowThreshold(address proposer, uint64 weight, uint64 threshold);
    /// @notice `optionCount` is outside 2..32 (or not 2 for an executable proposal).
    error ProposalInvalidOptionCount(uint8 optionCount);
    /// @notice An anonymous proposal needs at least one registered identity in the community's group.
    error ProposalNoIdentities();
    /// @notice `votingPeriod` is shorter than the community's minimum `minVotingPeriod`.
    error ProposalVotingPeriodTooShort(uint32 votingPeriod, uint32 minVotingPeriod);
    /// @notice An executable proposal needs at least one action and arrays of equal length.
    error ProposalInvalidActions(uint256 targets, uint256 values, uint256 calldatas);
    /// @notice The operation needs the proposal to be in another state.
    error ProposalUnexpectedState(uint256 proposalId, ProposalState current);
    /// @notice Only the proposer may cancel.
    error ProposalOnlyProposer(uint256 proposalId, address proposer);
    /// @notice Someone has already voted on the proposal, so it can no longer be canceled.
    error ProposalHasVotes(uint256 proposalId);
    /// @notice The actions given do not match those the proposal was created with.
    error ProposalActionsMismatch(uint256 proposalId);
    /// @notice A poll has no actions to queue or execute.
    error ProposalNotExecutable(uint256 proposalId);
    /// @notice An invalid setting.
    error ProposalInvalidSetting(string name, uint256 value);
    /// @notice A batch of proposals was empty.
    error ProposalEmptyBatch();

    /// @notice Creates a poll (a proposal without actions).
    /// @dev The caller needs at least `proposalThreshold` weight. Emits {ProposalCreated}.
    /// @param params Topic, mode, options, voting period and metadata.
    /// @return proposalId The new proposal's id.
    function propose(ProposalParams calldata params) external returns (uint256 proposalId);

    /// @notice Creates a whole agenda of polls in one transaction; ids are consecutive.
    /// @dev Emits {ProposalCreated} per proposal.
    /// @param params One entry per poll, in agenda order.
    /// @return firstProposalId The id of the first poll; the others follow it.
    function proposeBatch(ProposalParams[] calldata params)
        external
        returns (uint256 firstProposalId);

    /// @notice The state of `proposalId`.
    function state(uint256 proposalId) external view returns (ProposalState);

    /// @notice The timepoint at which weights and delegations are read (creation - 1).
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);

    /// @notice The last timepoint at which votes are accepted.
    function proposalDeadline(uint256 proposalId) external view returns (uint256);

    /// @notice Who created `proposalId`.
    function proposalProposer(uint256 proposalId) external view returns (address);

    /// @notice Topic, mode, option count and whether the proposal has actions.
    function proposalConfig(uint256 proposalId)
        external
        view
        returns (uint8 topic, VoteMode mode, uint8 optionCount, bool executable);

    /// @notice Mass needed for quorum on `proposalId`.
    function quorum(uint256 proposalId) external view returns (uint256);

    /// @notice How many proposals exist (ids run from 1 to this number).
    function proposalCount() external view returns (uint256);
}
