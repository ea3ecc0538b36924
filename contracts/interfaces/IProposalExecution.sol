// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ProposalParams} from "../types/GovernanceTypes.sol";

/// @title IProposalExecution
/// @notice Executable proposals: created with actions, voted [Against, For], and if they succeed queued in the
///         community's TimelockController and executed from there. Also cancellation by the proposer.
/// @dev Events and errors are declared on {IProposals}.
interface IProposalExecution {
    /// @notice Creates an executable proposal: options [Against, For]; if it succeeds its actions can be
    ///         queued in the timelock and executed.
    /// @dev `params.optionCount` must be 2 and `params.votingPeriod` is ignored (the default applies).
    ///      Emits {ProposalCreated} and {ProposalActions}.
    /// @param params Topic, mode and metadata.
    /// @param targets Contracts to call.
    /// @param values Ether to send with each call.
    /// @param calldatas Calldata of each call.
    /// @return proposalId The new proposal's id.
    function proposeExecutable(
        ProposalParams calldata params,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) external returns (uint256 proposalId);

    /// @notice Cancels a proposal; only its proposer, only while nobody has voted on it.
    /// @dev Emits {ProposalCanceled}.
    /// @param proposalId The proposal.
    function cancel(uint256 proposalId) external;

    /// @notice Schedules a succeeded executable proposal in the timelock.
    /// @dev Emits {ProposalQueued}.
    /// @param proposalId The proposal; the arrays must be those it was created with.
    function queue(
        uint256 proposalId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) external;

    /// @notice Executes a queued proposal through the timelock once its delay has passed.
    /// @dev Forwards `msg.value`. Emits {ProposalExecuted}.
    /// @param proposalId The proposal; the arrays must be those it was created with.
    function execute(
        uint256 proposalId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) external payable;
}
