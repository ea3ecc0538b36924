// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {CallTargetMock} from "../mocks/CallTargetMock.sol";
import {LiquidGovernor} from "../../contracts/governor/LiquidGovernor.sol";
import {LiquidGovernorAdmin} from "../../contracts/governor/LiquidGovernorAdmin.sol";
import {IGovernanceSettings} from "../../contracts/interfaces/IGovernanceSettings.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {IProposals} from "../../contracts/interfaces/IProposals.sol";
import {CommunityConfig, ProposalParams, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice The main facet and its proxy: routing to the admin facet, the clock, constants, and UUPS upgrades.
contract LiquidGovernorTest is CommunityFixture {
    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal outsider = _member("outsider");

    // ---------------------------------------------------------------- routing

    function test_adminFacet_isTheDeployedAdminFacet() public view {
        assertEq(LiquidGovernor(payable(address(gov))).adminFacet(), core.adminFacet);
        assertEq(LiquidGovernor(payable(core.governorImplementation)).adminFacet(), core.adminFacet);
    }

    function test_fallback_routesAdminSelectorsThroughTheProxy() public {
        // Served by the admin facet, in the proxy's storage.
        assertEq(gov.timelock(), timelock);
        assertEq(gov.votingPeriod(), 7 days);
        assertEq(gov.minVotingPeriod(), 1 hours);
        assertEq(gov.quorumBps(), 2000);
        assertEq(gov.proposalThreshold(), 1);
        gov.addMember(alice, 3);
        assertEq(gov.weightOf(alice), 3);
        assertEq(gov.memberCount(), 1);
        // And the main facet sees what the admin facet wrote.
        _addMember(bob, 4);
        _delegate(alice, 0, bob);
        (uint256 linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 3);
        // Nothing was written to the facets' own storage.
        assertEq(ILiquidGovernor(core.adminFacet).weightOf(alice), 0);
    }

    function test_fallback_bubblesAdminFacetReverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, bytes32(0)
            )
        );
        vm.prank(outsider);
        gov.setQuorum(1);
    }

    function test_fallback_returnsAdminFacetData() public {
        uint8 topic = gov.createTopic("Culture");
        assertEq(topic, 3);
        gov.addMember(alice, 1);
        vm.warp(_now() + 1);
        vm.prank(alice);
        uint256 id = gov.proposeExecutable(
            _pollParams(), _one(address(gov)), new uint256[](1), new bytes[](1)
        );
        assertEq(id, 1);
    }

    function test_fallback_RevertWhen_UnknownSelector() public {
        (bool ok, bytes memory data) =
            address(gov).call(abi.encodeWithSignature("doesNotExist(uint256)", 1));
        assertFalse(ok);
        assertEq(data.length, 0);
    }

    function test_fallback_RevertWhen_PlainEtherTransfer() public {
        vm.deal(outsider, 1 ether);
        vm.prank(outsider);
        (bool ok,) = address(gov).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(address(gov).balance, 0);
        vm.prank(outsider);
        (ok,) = address(gov).call{value: 1 ether}(abi.encodeWithSignature("doesNotExist()"));
        assertFalse(ok);
        assertEq(address(gov).balance, 0);
    }

    function test_adminFacet_directCallsUseItsOwnEmptyStorage() public {
        bytes32 registrar = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(this), registrar
            )
        );
        ILiquidGovernor(core.adminFacet).addMember(alice, 1);
        assertEq(ILiquidGovernor(core.adminFacet).timelock(), address(0));
    }

    // ---------------------------------------------------------------- clock and constants

    function test_clock_isTimestamp() public {
        assertEq(gov.clock(), _now());
        vm.warp(1_800_000_000);
        assertEq(gov.clock(), 1_800_000_000);
        assertEq(gov.CLOCK_MODE(), "mode=timestamp");
    }

    function test_constants() public view {
        assertEq(gov.ABSTAIN(), 255);
        assertEq(gov.RETRACT(), 254);
        assertEq(gov.REGISTRAR_ROLE(), keccak256("REGISTRAR_ROLE"));
        assertEq(gov.nonces(alice), 0);
        assertTrue(gov.hasRole(bytes32(0), timelock));
        assertTrue(gov.hasRole(gov.REGISTRAR_ROLE(), address(this)));
    }

    // ---------------------------------------------------------------- upgrades

    function test_upgradeToAndCall_RevertWhen_CallerNotAdmin() public {
        address next = address(new LiquidGovernor(core.adminFacet, core.anonymousFacet));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, bytes32(0)
            )
        );
        vm.prank(outsider);
        LiquidGovernor(payable(address(gov))).upgradeToAndCall(next, "");
    }

    function test_upgradeToAndCall_RevertWhen_CallerIsOnlyRegistrar() public {
        CommunityConfig memory config = _config();
        (address community,) =
            deployer.createCommunity(core.factory, config, TIMELOCK_DELAY, alice, address(0));
        address next = address(new LiquidGovernor(core.adminFacet, core.anonymousFacet));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0)
            )
        );
        vm.prank(alice);
        LiquidGovernor(payable(community)).upgradeToAndCall(next, "");
    }

    function test_upgradeToAndCall_keepsState() public {
        gov.addMember(alice, 4);
        gov.addMember(bob, 9);
        _delegate(alice, 0, bob);
        vm.warp(_now() + 1);
        uint256 id = _poll(alice, 0, VoteMode.Single, 2);
        vm.prank(bob);
        gov.castVote(id, 1);

        address next = address(new LiquidGovernor(core.adminFacet, core.anonymousFacet));
        vm.expectEmit(address(gov));
        emit IERC1967.Upgraded(next);
        LiquidGovernor(payable(address(gov))).upgradeToAndCall(next, "");

        assertEq(
            address(uint160(uint256(vm.load(address(gov), ERC1967Utils.IMPLEMENTATION_SLOT)))), next
        );
        assertEq(gov.weightOf(alice), 4);
        assertEq(gov.delegateOf(alice, 0), bob);
        assertEq(gov.carriedMass(id, bob), 13);
        assertEq(gov.timelock(), timelock);
        assertEq(gov.proposalCount(), 1);
        vm.prank(alice);
        gov.castVote(id, 0);
        (uint256[] memory tallies,,,) = gov.proposalTally(id);
        assertEq(tallies[0], 4);
        assertEq(tallies[1], 9);
    }

    function test_upgradeToAndCall_byTimelock() public {
        address next = address(new LiquidGovernor(core.adminFacet, core.anonymousFacet));
        vm.prank(timelock);
        LiquidGovernor(payable(address(gov))).upgradeToAndCall(next, "");
        assertEq(
            address(uint160(uint256(vm.load(address(gov), ERC1967Utils.IMPLEMENTATION_SLOT)))), next
        );
    }

    function test_upgradeToAndCall_RevertWhen_NotUups() public {
        address next = address(new CallTargetMock());
        vm.expectRevert(
            abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidImplementation.selector, next)
        );
        LiquidGovernor(payable(address(gov))).upgradeToAndCall(next, "");
    }

    function test_upgradeToAndCall_RevertWhen_CalledOnImplementation() public {
        address next = address(new LiquidGovernor(core.adminFacet, core.anonymousFacet));
        vm.expectRevert(
            abi.encodeWithSelector(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector)
        );
        LiquidGovernor(payable(core.governorImplementation)).upgradeToAndCall(next, "");
    }

    function test_proxiableUUID_onlyOnImplementation() public {
        assertEq(
            LiquidGovernor(payable(core.governorImplementation)).proxiableUUID(),
            ERC1967Utils.IMPLEMENTATION_SLOT
        );
        vm.expectRevert(
            abi.encodeWithSelector(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector)
        );
        LiquidGovernor(payable(address(gov))).proxiableUUID();
    }

    function test_initialize_RevertWhen_TimelockZero() public {
        CommunityConfig memory config = _config();
        bytes memory init =
            abi.encodeCall(IGovernanceSettings.initialize, (address(0), alice, alice, config));
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalInvalidSetting.selector, "timelock", 0)
        );
        new ERC1967Proxy(core.governorImplementation, init);
    }

    // ---------------------------------------------------------------- helpers

    function _pollParams() internal pure returns (ProposalParams memory) {
        return ProposalParams({
            topic: 3,
            mode: VoteMode.Single,
            optionCount: 2,
            votingPeriod: 0,
            metadataHash: bytes32(0),
            metadataURI: ""
        });
    }

    function _one(address account) internal pure returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = account;
    }

    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }
}
