// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {Deploy} from "../../script/Deploy.s.sol";
import {DeployCore} from "../../script/DeployCore.s.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {CommunityConfig} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Runs the deploy script's building blocks in-process, as a script on a real chain uses them:
///         the core, a community created through the factory, and the deployment file. (`pnpm dev` seeds
///         its demo through the SDK instead: scripts/dev, checked by `pnpm test:dev`.)
contract DeployTest is Test {
    Deploy internal deploy;
    DeployCore.Core internal core;
    address internal admin;

    function setUp() public {
        deploy = new Deploy();
        admin = vm.addr(deploy.ANVIL_DEV_KEY_0());
        core = deploy.deployCore();
    }

    function test_deployCore_deploysPoseidonAndEveryContract() public view {
        assertGt(deploy.POSEIDON_T3().code.length, 0, "PoseidonT3");
        assertGt(core.adminFacet.code.length, 0, "admin facet");
        assertGt(core.semaphoreVerifier.code.length, 0, "verifier");
        assertGt(core.anonymousFacet.code.length, 0, "anonymous facet");
        assertGt(core.governorImplementation.code.length, 0, "implementation");
        assertGt(core.factory.code.length, 0, "factory");
    }

    function test_createCommunity_defaultConfigAndRoles() public {
        string[] memory topics = new string[](3);
        (topics[0], topics[1], topics[2]) = ("General", "Budget", "Environment");
        CommunityConfig memory config = deploy.defaultConfig(topics);
        (address community, address timelock) =
            deploy.createCommunity(core.factory, config, 1 hours, admin, admin);
        ILiquidGovernor gov = ILiquidGovernor(community);
        assertEq(gov.topicCount(), 3);
        assertEq(gov.votingPeriod(), 7 days);
        assertEq(gov.minVotingPeriod(), 1 hours);
        assertEq(gov.quorumBps(), 2000);
        assertEq(gov.timelock(), timelock);
        assertTrue(gov.hasRole(gov.REGISTRAR_ROLE(), admin));
        assertTrue(gov.hasRole(bytes32(0), admin));
        assertTrue(gov.hasRole(bytes32(0), timelock));
        assertFalse(gov.isMember(admin));
    }

    function test_writeDeployment_roundTrips() public {
        string memory path = deploy.deploymentPath("-deploy-test");
        deploy.writeDeployment(path, core, 42);
        (DeployCore.Core memory read, uint256 startBlock) = deploy.readDeployment(path);
        vm.removeFile(path);
        assertEq(read.adminFacet, core.adminFacet);
        assertEq(read.semaphoreVerifier, core.semaphoreVerifier);
        assertEq(read.anonymousFacet, core.anonymousFacet);
        assertEq(read.governorImplementation, core.governorImplementation);
        assertEq(read.factory, core.factory);
        assertEq(startBlock, 42);
    }

    function test_deployerKey_RevertWhen_NotAnvilAndNoKey() public {
        if (vm.envExists("PRIVATE_KEY")) return;
        vm.chainId(1);
        vm.expectRevert(abi.encodeWithSelector(Deploy.DeployMissingPrivateKey.selector, 1));
        deploy.deployerKey();
    }
}
