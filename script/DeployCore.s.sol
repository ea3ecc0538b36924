// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Script} from "forge-std/Script.sol";
import {LiquidGovernor} from "../contracts/governor/LiquidGovernor.sol";
import {LiquidGovernorAdmin} from "../contracts/governor/LiquidGovernorAdmin.sol";
import {LiquidGovernorAnonymous} from "../contracts/governor/LiquidGovernorAnonymous.sol";
import {SemaphoreVerifier} from "@semaphore-protocol/contracts/base/SemaphoreVerifier.sol";
import {ISemaphoreVerifier} from "@semaphore-protocol/contracts/interfaces/ISemaphoreVerifier.sol";
import {CommunityFactory} from "../contracts/factory/CommunityFactory.sol";
import {ICommunityFactory} from "../contracts/interfaces/ICommunityFactory.sol";
import {CommunityConfig} from "../contracts/types/GovernanceTypes.sol";

/// @title DeployCore
/// @notice Deploys the shared implementations (three facets, the Semaphore verifier) and the factory, and
///         creates communities. `PoseidonT3`, which the identity group's LeanIMT links to, is deployed and
///         linked by forge.
///         Tests deploy through these same functions, so what is tested is what ships.
contract DeployCore is Script {
    /// @notice Addresses of one deployment of the shared contracts.
    struct Core {
        address adminFacet;
        address semaphoreVerifier;
        address anonymousFacet;
        address governorImplementation;
        address factory;
    }

    /// @notice Where `poseidon-solidity` puts PoseidonT3 on every chain; foundry.toml links it here.
    address public constant POSEIDON_T3 = 0x3333333C0A88F9BE4fd23ed0536F9B6c427e3B93;
    /// @notice The deterministic deployment proxy (present on anvil and most chains) that puts it there.
    address public constant CREATE2_DEPLOYER = 0x4e59b44847b379578588920cA78FbF26c0B4956C;

    /// @notice PoseidonT3 is missing and could not be deployed: `reason` says why.
    error PoseidonUnavailable(string reason);

    /// @notice Deploys PoseidonT3 at {POSEIDON_T3} from the published `poseidon-solidity` deployment data,
    ///         unless it is already there.
    function deployPoseidon() public {
        if (POSEIDON_T3.code.length != 0) return;
        if (CREATE2_DEPLOYER.code.length == 0) {
            revert PoseidonUnavailable("no CREATE2 deployer at 0x4e59b448...");
        }
        string memory published = vm.readFile(
            string.concat(vm.projectRoot(), "/node_modules/poseidon-solidity/deploy/PoseidonT3.js")
        );
        // The file is `module.exports = { ..., data: '0x<salt><creation code>' }`.
        bytes memory data = vm.parseBytes(vm.split(vm.split(published, "data: '")[1], "'")[0]);
        (bool ok,) = CREATE2_DEPLOYER.call(data);
        if (!ok || POSEIDON_T3.code.length == 0) {
            revert PoseidonUnavailable("the deployment did not land at the published address");
        }
    }

    /// @notice Deploys PoseidonT3 if needed, the facets, the Semaphore verifier, the governor implementation
    ///         and the factory.
    function deployCore() public returns (Core memory core) {
        deployPoseidon();
        core.adminFacet = address(new LiquidGovernorAdmin());
        core.semaphoreVerifier = address(new SemaphoreVerifier());
        core.anonymousFacet =
            address(new LiquidGovernorAnonymous(ISemaphoreVerifier(core.semaphoreVerifier)));
        core.governorImplementation =
            address(new LiquidGovernor(core.adminFacet, core.anonymousFacet));
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
