// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityConfig} from "../types/GovernanceTypes.sol";

/// @title ICommunityFactory
/// @notice Creates a whole community in one transaction: a UUPS proxy of the shared {LiquidGovernor}
///         implementation and its own TimelockController, with roles wired.
interface ICommunityFactory {
    /// @notice What a new community is made of.
    struct CommunityParams {
        /// Voting period, quorum, proposal threshold, limits and initial topics.
        CommunityConfig config;
        /// Seconds between queueing and executing a proposal.
        uint256 timelockDelay;
        /// Holder of REGISTRAR_ROLE (adds, removes and re-weights members); may be zero.
        address registrar;
        /// Also governance (DEFAULT_ADMIN_ROLE) until it renounces; may be zero for a community that is
        /// governed by its timelock alone from the start.
        address bootstrapAdmin;
    }

    /// @notice A community was created.
    /// @param community The community's proxy (its address for everything: members, votes, proposals).
    /// @param timelock Its TimelockController, which executes proposals and owns upgrades.
    /// @param creator Who called the factory.
    /// @param implementation The {LiquidGovernor} implementation behind the proxy.
    /// @param registrar Holder of REGISTRAR_ROLE.
    /// @param bootstrapAdmin Bootstrap admin, if any.
    event CommunityCreated(
        address indexed community,
        address indexed timelock,
        address indexed creator,
        address implementation,
        address registrar,
        address bootstrapAdmin
    );

    /// @notice Deploys and initialises a community.
    /// @dev Emits {CommunityCreated}, and the community's own initialisation events (topics, settings).
    /// @param params The community's settings and first role holders.
    /// @return community The proxy.
    /// @return timelock The timelock.
    function createCommunity(CommunityParams calldata params)
        external
        returns (address community, address timelock);

    /// @notice The {LiquidGovernor} implementation every community's proxy points at when created.
    function governorImplementation() external view returns (address);

    /// @notice The TimelockController implementation that each community's timelock clones.
    function timelockImplementation() external view returns (address);
}
