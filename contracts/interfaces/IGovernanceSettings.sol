// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityConfig} from "../types/GovernanceTypes.sol";

/// @title IGovernanceSettings
/// @notice What governance (the timelock, or a bootstrap admin until it renounces) sets: topics, the voting
///         period, quorum and proposal threshold; and the community's one-time initialisation.
/// @dev Events and errors are declared on {IProposals} and {ILiquidDelegation}.
interface IGovernanceSettings {
    /// @notice Sets up a freshly deployed proxy.
    /// @param timelock The community's TimelockController: gets DEFAULT_ADMIN_ROLE (governance, upgrades).
    /// @param registrar Gets REGISTRAR_ROLE (adds, removes and re-weights members); may be zero.
    /// @param bootstrapAdmin Also gets DEFAULT_ADMIN_ROLE until it renounces it; may be zero.
    /// @param config Voting period, quorum, threshold, limits and initial topics.
    function initialize(
        address timelock,
        address registrar,
        address bootstrapAdmin,
        CommunityConfig calldata config
    ) external;

    /// @notice Creates a topic.
    /// @dev Requires DEFAULT_ADMIN_ROLE (governance). Emits {ILiquidDelegation-TopicCreated}.
    /// @param name A human-readable name, carried in the event only.
    /// @return topic The new topic's id.
    function createTopic(string calldata name) external returns (uint8 topic);

    /// @notice Sets the default voting period and the shortest one a poll may ask for.
    /// @dev Requires DEFAULT_ADMIN_ROLE. Emits {VotingPeriodSet}.
    function setVotingPeriod(uint32 votingPeriod, uint32 minVotingPeriod) external;

    /// @notice Sets the quorum in basis points of total mass. Like weights, a proposal reads it at its
    ///         snapshot (creation − 1), so it applies to proposals created from the next second on.
    /// @dev Requires DEFAULT_ADMIN_ROLE. Emits {QuorumSet}.
    function setQuorum(uint16 quorumBps) external;

    /// @notice Sets the weight needed to propose (at least 1).
    /// @dev Requires DEFAULT_ADMIN_ROLE. Emits {ProposalThresholdSet}.
    function setProposalThreshold(uint64 proposalThreshold) external;

    /// @notice The timelock that executes proposals.
    function timelock() external view returns (address);

    /// @notice Default voting period, in seconds.
    function votingPeriod() external view returns (uint32);

    /// @notice Shortest voting period a poll may ask for, in seconds.
    function minVotingPeriod() external view returns (uint32);

    /// @notice Current quorum, in basis points of total mass.
    function quorumBps() external view returns (uint16);

    /// @notice Weight needed to propose.
    function proposalThreshold() external view returns (uint64);
}
