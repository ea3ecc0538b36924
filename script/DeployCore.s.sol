// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Script} from "forge-std/Script.sol";
import {LiquidGovernor} from "../contracts/governor/LiquidGovernor.sol";
import {LiquidGovernorAdmin} from "../contracts/governor/LiquidGovernorAdmin.sol";
import {CommunityFactory} from "../contracts/factory/CommunityFactory.sol";
import {ICommunityFactory} from "../contracts/interfaces/ICommunityFactory.sol";
import {CommunityConfig} from "../contracts/types/GovernanceTypes.sol";

/// @title DeployCore
/// @notice Deploys the shared implementations (both facets) and the factory, and creates communities.
///         Tests deploy through these same functions, so what is tested is what ships.
contract DeployCore is Script {
    /// @notice Addresses of one deployment of the shared contracts.
    struct Core {
        address adminFacet;
        address governorImplementation;
        address factory;
    }

    /// @notice Deploys the admin facet, the governor implementation and the factory.
    function deployCore() public returns (Core memory core) {
        core.adminFacet = address(new LiquidGovernorAdmin());
        core.governorImplementation = address(new LiquidGovernor(core.adminFacet));
        core.factory = address(new CommunityFactory(core.governorImplementation));
    }

    /// @notice The settings a community gets unless told otherwise: 7-day votes (polls may be as short as
    ///         an hour), 20% quorum, any member may propose, 16 topics at most, chains of 8 edges at most.
    function defaultConfig(string[] memory topics) public pure returns (CommunityConfig memory) {
        return CommunityConfig({
            votingPeriod: 7 days,
            minVotingPeriod: 1 hours,
            quorumBps: 2000,
            proposalThreshold: 1,
            maxTopics: 16,
            maxDepth: 8,
            topics: topics
        });
    }

    /// @notice Creates a community through `factory`.
    function createCommunity(
        address factory,
        CommunityConfig memory config,
        uint256 timelockDelay,
        address registrar,
        address bootstrapAdmin
    ) public returns (address community, address timelock) {
        return ICommunityFactory(factory)
            .createCommunity(
                ICommunityFactory.CommunityParams({
                config: config,
                timelockDelay: timelockDelay,
                registrar: registrar,
                bootstrapAdmin: bootstrapAdmin
            })
            );
    }
}
