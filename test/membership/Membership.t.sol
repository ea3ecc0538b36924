// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Vm} from "forge-std/Vm.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {ILiquidDelegation} from "../../contracts/interfaces/ILiquidDelegation.sol";
import {VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Membership: the registrar's entry points, their reverts and events, the checkpointed weights and
///         totals, and how removals and re-weights reach the delegation graph (against a naive oracle).
contract MembershipTest is CommunityFixture {
    uint8 internal constant TOPICS = 3;

    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal carol = _member("carol");
    address internal dave = _member("dave");
    address internal erin = _member("erin");
    address internal outsider = _member("outsider");

    // ---------------------------------------------------------------- naive oracle state
    // The accounts the oracle knows, their current weights and their current delegates per topic.
    address[] internal universe;
    mapping(address account => uint64) internal oracleWeight;
    mapping(address account => mapping(uint8 topic => address)) internal oracleDelegate;

    // ---------------------------------------------------------------- addMember

    function test_addMember_setsWeightAndTotals() public {
        _addMember(alice, 3);
        assertEq(gov.weightOf(alice), 3);
        assertTrue(gov.isMember(alice));
        assertEq(gov.memberCount(), 1);
        assertEq(gov.totalWeight(), 3);
        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(linear, 3);
        assertEq(quadratic, 1_732_050_807, "isqrt(3e18)");

        _addMember(bob, 2);
        assertEq(gov.memberCount(), 2);
        assertEq(gov.totalWeight(), 5);
        (linear, quadratic) = gov.pastTotalMass(_now());
        assertEq(linear, 5);
        assertEq(quadratic, 1_732_050_807 + 1_414_213_562, "isqrt(3e18) + isqrt(2e18)");
    }

    function test_addMember_emitsMemberAdded() public {
        vm.expectEmit(address(gov));
        emit IMembership.MemberAdded(alice, 7);
        _addMember(alice, 7);
    }

    function test_addMember_maximalWeight() public {
        _addMember(alice, type(uint64).max);
        assertEq(gov.totalWeight(), type(uint64).max);
        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(linear, type(uint64).max);
        assertEq(quadratic, _isqrt(uint256(type(uint64).max) * 1e18));
    }

    function test_addMember_RevertWhen_ZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipZeroAddress.selector));
        gov.addMember(address(0), 1);
    }

    function test_addMember_RevertWhen_ZeroWeight() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipZeroWeight.selector, alice));
        gov.addMember(alice, 0);
    }

    function test_addMember_RevertWhen_AlreadyMember() public {
        _addMember(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipAlreadyMember.selector, alice));
        gov.addMember(alice, 2);
        assertEq(gov.weightOf(alice), 1);
    }

    function test_addMember_RevertWhen_CallerNotRegistrar() public {
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role
            )
        );
        vm.prank(outsider);
        gov.addMember(alice, 1);
    }

    function test_addMember_RevertWhen_CallerIsTimelockWithoutRegistrarRole() public {
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, timelock, role
            )
        );
        vm.prank(timelock);
        gov.addMember(alice, 1);
    }

    function test_addMember_RevertWhen_TotalWeightOverflow() public {
        _addMember(alice, type(uint64).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMembership.MembershipTotalWeightOverflow.selector, uint256(type(uint64).max) + 1
            )
        );
        gov.addMember(bob, 1);
        assertFalse(gov.isMember(bob));
    }

    function test_addMember_afterRemovalStartsAgain() public {
        _addMember(alice, 4);
        vm.warp(_now() + 10);
        gov.removeMember(alice);
        vm.warp(_now() + 10);
        vm.expectEmit(address(gov));
        emit IMembership.MemberAdded(alice, 9);
        gov.addMember(alice, 9);
        assertEq(gov.weightOf(alice), 9);
        assertEq(gov.memberCount(), 1);
        assertEq(gov.pastWeightOf(alice, _now() - 20), 4);
        assertEq(gov.pastWeightOf(alice, _now() - 10), 0);
        assertEq(gov.pastWeightOf(alice, _now() - 1), 0);
        assertEq(gov.pastWeightOf(alice, _now()), 9);
    }

    // ---------------------------------------------------------------- addMembers

    function test_addMembers_addsAllAndEmitsInOrder() public {
        address[] memory accounts = _accounts(alice, bob, carol);
        uint64[] memory weights = _weights(1, 4, 9);
        vm.expectEmit(address(gov));
        emit IMembership.MemberAdded(alice, 1);
        vm.expectEmit(address(gov));
        emit IMembership.MemberAdded(bob, 4);
        vm.expectEmit(address(gov));
        emit IMembership.MemberAdded(carol, 9);
        gov.addMembers(accounts, weights);

        assertEq(gov.memberCount(), 3);
        assertEq(gov.totalWeight(), 14);
        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(linear, 14);
        assertEq(quadratic, 1e9 + 2e9 + 3e9);
        assertEq(gov.weightOf(bob), 4);
    }

    function test_addMembers_emptyBatchChangesNothing() public {
        gov.addMembers(new address[](0), new uint64[](0));
        assertEq(gov.memberCount(), 0);
        assertEq(gov.totalWeight(), 0);
    }

    function test_addMembers_RevertWhen_LengthMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipLengthMismatch.selector, 2, 1));
        gov.addMembers(_accounts(alice, bob), _weights(1));
    }

    function test_addMembers_RevertWhen_DuplicateInBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipAlreadyMember.selector, alice));
        gov.addMembers(_accounts(alice, bob, alice), _weights(1, 2, 3));
        assertFalse(gov.isMember(alice), "the whole batch reverted");
        assertEq(gov.memberCount(), 0);
    }

    function test_addMembers_RevertWhen_ZeroWeightInBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipZeroWeight.selector, bob));
        gov.addMembers(_accounts(alice, bob), _weights(1, 0));
    }

    function test_addMembers_RevertWhen_ZeroAddressInBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipZeroAddress.selector));
        gov.addMembers(_accounts(alice, address(0)), _weights(1, 1));
    }

    function test_addMembers_RevertWhen_TotalWeightOverflow() public {
        uint64 half = type(uint64).max / 2 + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IMembership.MembershipTotalWeightOverflow.selector, uint256(half) * 2
            )
        );
        gov.addMembers(_accounts(alice, bob), _weights(half, half));
    }

    function test_addMembers_RevertWhen_CallerNotRegistrar() public {
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role
            )
        );
        vm.prank(outsider);
        gov.addMembers(_accounts(alice), _weights(1));
    }

    // ---------------------------------------------------------------- removeMember

    function test_removeMember_clearsWeightAndTotals() public {
        gov.addMembers(_accounts(alice, bob), _weights(4, 9));
        vm.expectEmit(address(gov));
        emit IMembership.MemberRemoved(alice, 4);
        gov.removeMember(alice);
        assertEq(gov.weightOf(alice), 0);
        assertFalse(gov.isMember(alice));
        assertEq(gov.memberCount(), 1);
        assertEq(gov.totalWeight(), 9);
        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(linear, 9);
        assertEq(quadratic, 3e9);
    }

    function test_removeMember_RevertWhen_NeverMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, alice));
        gov.removeMember(alice);
    }

    function test_removeMember_RevertWhen_AlreadyRemoved() public {
        _addMember(alice, 1);
        gov.removeMember(alice);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, alice));
        gov.removeMember(alice);
    }

    function test_removeMember_RevertWhen_CallerNotRegistrar() public {
        _addMember(alice, 1);
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role
            )
        );
        vm.prank(alice);
        gov.removeMember(alice);
    }

    function test_removeMembers_removesAll() public {
        gov.addMembers(_accounts(alice, bob, carol), _weights(1, 4, 9));
        vm.expectEmit(address(gov));
        emit IMembership.MemberRemoved(alice, 1);
        vm.expectEmit(address(gov));
        emit IMembership.MemberRemoved(carol, 9);
        gov.removeMembers(_accounts(alice, carol));
        assertEq(gov.memberCount(), 1);
        assertEq(gov.totalWeight(), 4);
        assertTrue(gov.isMember(bob));
        assertFalse(gov.isMember(carol));
        (, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(quadratic, 2e9);
    }

    function test_removeMembers_RevertWhen_DuplicateInBatch() public {
        gov.addMembers(_accounts(alice, bob), _weights(1, 4));
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, alice));
        gov.removeMembers(_accounts(alice, bob, alice));
        assertEq(gov.memberCount(), 2, "the whole batch reverted");
    }

    function test_removeMembers_RevertWhen_CallerNotRegistrar() public {
        _addMember(alice, 1);
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role
            )
        );
        vm.prank(outsider);
        gov.removeMembers(_accounts(alice));
    }

    // ---------------------------------------------------------------- setWeight

    function test_setWeight_changesWeightAndTotals() public {
        gov.addMembers(_accounts(alice, bob), _weights(4, 9));
        vm.expectEmit(address(gov));
        emit IMembership.MemberWeightChanged(alice, 4, 16);
        gov.setWeight(alice, 16);
        assertEq(gov.weightOf(alice), 16);
        assertEq(gov.totalWeight(), 25);
        assertEq(gov.memberCount(), 2);
        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(linear, 25);
        assertEq(quadratic, 4e9 + 3e9);

        vm.expectEmit(address(gov));
        emit IMembership.MemberWeightChanged(alice, 16, 1);
        gov.setWeight(alice, 1);
        assertEq(gov.totalWeight(), 10);
    }

    function test_setWeight_sameWeightEmitsNothing() public {
        _addMember(alice, 4);
        vm.warp(_now() + 5);
        vm.recordLogs();
        gov.setWeight(alice, 4);
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(gov.weightOf(alice), 4);
        assertEq(gov.totalWeight(), 4);
    }

    function test_setWeight_RevertWhen_ZeroWeight() public {
        _addMember(alice, 4);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipZeroWeight.selector, alice));
        gov.setWeight(alice, 0);
    }

    function test_setWeight_RevertWhen_NotMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, alice));
        gov.setWeight(alice, 3);
    }

    function test_setWeight_RevertWhen_Removed() public {
        _addMember(alice, 4);
        gov.removeMember(alice);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, alice));
        gov.setWeight(alice, 3);
    }

    function test_setWeight_RevertWhen_TotalWeightOverflow() public {
        gov.addMembers(_accounts(alice, bob), _weights(type(uint64).max - 10, 10));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMembership.MembershipTotalWeightOverflow.selector, uint256(type(uint64).max) + 1
            )
        );
        gov.setWeight(bob, 11);
    }

    function test_setWeight_RevertWhen_CallerNotRegistrar() public {
        _addMember(alice, 4);
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role
            )
        );
        vm.prank(alice);
        gov.setWeight(alice, 400);
    }

    function test_setWeights_changesAll() public {
        gov.addMembers(_accounts(alice, bob, carol), _weights(1, 4, 9));
        vm.expectEmit(address(gov));
        emit IMembership.MemberWeightChanged(alice, 1, 2);
        vm.expectEmit(address(gov));
        emit IMembership.MemberWeightChanged(carol, 9, 3);
        gov.setWeights(_accounts(alice, carol), _weights(2, 3));
        assertEq(gov.weightOf(alice), 2);
        assertEq(gov.weightOf(bob), 4);
        assertEq(gov.weightOf(carol), 3);
        assertEq(gov.totalWeight(), 9);
        (, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(quadratic, 1_414_213_562 + 2e9 + 1_732_050_807);
    }

    function test_setWeights_sameAccountTwiceAppliesBoth() public {
        _addMember(alice, 1);
        vm.expectEmit(address(gov));
        emit IMembership.MemberWeightChanged(alice, 1, 5);
        vm.expectEmit(address(gov));
        emit IMembership.MemberWeightChanged(alice, 5, 7);
        gov.setWeights(_accounts(alice, alice), _weights(5, 7));
        assertEq(gov.weightOf(alice), 7);
        assertEq(gov.totalWeight(), 7);
        (, uint256 quadratic) = gov.pastTotalMass(_now());
        assertEq(quadratic, _isqrt(7e18));
    }

    function test_setWeights_RevertWhen_LengthMismatch() public {
        _addMember(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipLengthMismatch.selector, 1, 2));
        gov.setWeights(_accounts(alice), _weights(1, 2));
    }

    function test_setWeights_RevertWhen_NotMemberInBatch() public {
        _addMember(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, bob));
        gov.setWeights(_accounts(alice, bob), _weights(3, 3));
        assertEq(gov.weightOf(alice), 1, "the whole batch reverted");
    }

    function test_setWeights_RevertWhen_CallerNotRegistrar() public {
        _addMember(alice, 1);
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role
            )
        );
        vm.prank(outsider);
        gov.setWeights(_accounts(alice), _weights(2));
    }

    // ---------------------------------------------------------------- checkpoints

    function test_pastWeightOf_acrossWarps() public {
        uint48 t0 = _now();
        _addMember(alice, 5);
        vm.warp(t0 + 10);
        _addMember(bob, 3);
        vm.warp(t0 + 20);
        gov.setWeight(alice, 7);
        vm.warp(t0 + 30);
        gov.removeMember(bob);
        vm.warp(t0 + 40);

        assertEq(gov.pastWeightOf(alice, t0 - 1), 0);
        assertEq(gov.pastWeightOf(alice, t0), 5);
        assertEq(gov.pastWeightOf(alice, t0 + 19), 5);
        assertEq(gov.pastWeightOf(alice, t0 + 20), 7);
        assertEq(gov.pastWeightOf(alice, t0 + 39), 7);
        assertEq(gov.pastWeightOf(bob, t0 + 9), 0);
        assertEq(gov.pastWeightOf(bob, t0 + 10), 3);
        assertEq(gov.pastWeightOf(bob, t0 + 29), 3);
        assertEq(gov.pastWeightOf(bob, t0 + 30), 0);

        assertEq(gov.pastTotalWeight(t0 - 1), 0);
        assertEq(gov.pastTotalWeight(t0), 5);
        assertEq(gov.pastTotalWeight(t0 + 10), 8);
        assertEq(gov.pastTotalWeight(t0 + 20), 10);
        assertEq(gov.pastTotalWeight(t0 + 30), 7);

        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(t0 + 15);
        assertEq(linear, 8);
        assertEq(quadratic, _isqrt(5e18) + _isqrt(3e18));
        (linear, quadratic) = gov.pastTotalMass(t0 + 25);
        assertEq(linear, 10);
        assertEq(quadratic, _isqrt(7e18) + _isqrt(3e18));
        (linear, quadratic) = gov.pastTotalMass(t0 + 35);
        assertEq(linear, 7);
        assertEq(quadratic, _isqrt(7e18));
        (linear, quadratic) = gov.pastTotalMass(t0 - 1);
        assertEq(linear, 0);
        assertEq(quadratic, 0);

        assertEq(gov.memberCount(), 1);
    }

    function test_pastWeightOf_sameBlockChangesKeepTheLast() public {
        uint48 t0 = _now();
        _addMember(alice, 5);
        gov.setWeight(alice, 6);
        gov.setWeight(alice, 8);
        _addMember(bob, 1);
        gov.removeMember(bob);
        vm.warp(t0 + 1);
        assertEq(gov.pastWeightOf(alice, t0), 8);
        assertEq(gov.pastWeightOf(bob, t0), 0);
        assertEq(gov.pastTotalWeight(t0), 8);
        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(t0);
        assertEq(linear, 8);
        assertEq(quadratic, _isqrt(8e18));
        assertEq(gov.memberCount(), 1);
    }

    // ---------------------------------------------------------------- removal and the delegation graph

    function test_removeMember_clearsOutgoingDelegationsInEveryTopic() public {
        gov.addMembers(_accounts(alice, bob, carol, dave), _weights(1, 4, 9, 16));
        _delegateTopics(alice, _topics(0, 1, 2), bob);
        _delegate(carol, 0, alice);
        _delegate(dave, 1, carol);

        vm.recordLogs();
        gov.removeMember(alice);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(logs.length, 4, "three DelegateChanged and one MemberRemoved");
        for (uint8 topic; topic < TOPICS; ++topic) {
            assertEq(
                _countLogs(
                    logs,
                    ILiquidDelegation.DelegateChanged.selector,
                    bytes32(uint256(uint160(alice))),
                    bytes32(uint256(topic)),
                    bytes32(0),
                    abi.encode(bob)
                ),
                1,
                "DelegateChanged(alice, topic, 0, bob)"
            );
            assertEq(gov.delegateOf(alice, topic), address(0));
            (uint256 linear, uint256 quadratic) = gov.delegatedMass(bob, topic);
            assertEq(linear, 0, "nothing reaches bob any more");
            assertEq(quadratic, 0);
        }
        assertEq(
            _countLogs(
                logs,
                IMembership.MemberRemoved.selector,
                bytes32(uint256(uint160(alice))),
                0,
                0,
                abi.encode(uint64(1))
            ),
            1,
            "MemberRemoved(alice, 1)"
        );

        // Those who delegated to alice still do; their weight stops at alice.
        assertEq(gov.delegateOf(carol, 0), alice);
        (uint256 carried,) = gov.delegatedMass(alice, 0);
        assertEq(carried, 9);
        assertEq(gov.delegationChain(carol, 0).length, 1);
        assertEq(gov.delegationHeight(alice, 0), 1);
        assertEq(gov.delegationHeight(bob, 0), 0);
    }

    function test_removeMember_withoutDelegationsEmitsOnlyMemberRemoved() public {
        gov.addMembers(_accounts(alice, bob), _weights(1, 4));
        _delegate(bob, 0, alice);
        vm.recordLogs();
        gov.removeMember(alice);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].topics[0], IMembership.MemberRemoved.selector);
    }

    function test_removeMember_delegatorsWeightStopsAtRemovedMember() public {
        gov.addMembers(_accounts(alice, bob, carol), _weights(1, 4, 9));
        _delegate(carol, 0, alice);
        _delegate(alice, 0, bob);
        (uint256 before,) = gov.delegatedMass(bob, 0);
        assertEq(before, 10);
        gov.removeMember(alice);
        vm.warp(_now() + 1);
        uint256 id = _poll(bob, 0, VoteMode.Single, 2);
        vm.prank(bob);
        gov.castVote(id, 1);
        assertEq(gov.carriedMass(id, bob), 4, "carol's weight stops at the removed alice");
        (uint256[] memory tallies,, uint256 participation, uint256 totalMass) =
            gov.proposalTally(id);
        assertEq(tallies[1], 4);
        assertEq(participation, 4);
        assertEq(totalMass, 13);
    }

    function test_removeMember_delegatorCanRedelegateAway() public {
        gov.addMembers(_accounts(alice, bob, carol), _weights(1, 4, 9));
        _delegate(carol, 0, alice);
        gov.removeMember(alice);
        _delegate(carol, 0, bob);
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(bob, 0);
        assertEq(linear, 9);
        assertEq(quadratic, 3e9);
        (linear, quadratic) = gov.delegatedMass(alice, 0);
        assertEq(linear, 0);
        assertEq(quadratic, 0);
        assertEq(gov.delegationHeight(alice, 0), 0);
    }

    function test_removeMember_RevertWhen_RemovedMemberDelegatedTo() public {
        gov.addMembers(_accounts(alice, bob), _weights(1, 4));
        gov.removeMember(alice);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationDelegateeNotMember.selector, alice)
        );
        _delegate(bob, 0, alice);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationDelegatorNotMember.selector, alice)
        );
        _delegate(alice, 0, bob);
    }

    function test_removeMember_massesMatchOracle() public {
        _oracleAdd(alice, 1);
        _oracleAdd(bob, 4);
        _oracleAdd(carol, 9);
        _oracleAdd(dave, 16);
        _oracleAdd(erin, 25);
        _oracleDelegate(alice, 0, bob);
        _oracleDelegate(bob, 0, carol);
        _oracleDelegate(carol, 0, dave);
        _oracleDelegate(erin, 1, bob);
        _oracleDelegate(bob, 1, alice);
        _oracleDelegate(dave, 2, erin);
        _oracleDelegate(carol, 2, erin);
        _assertMassesMatchOracle();
        _oracleRemove(bob);
        _assertMassesMatchOracle();
        _oracleRemove(erin);
        _assertMassesMatchOracle();
    }

    // ---------------------------------------------------------------- re-weights and the delegation graph

    function test_setWeight_propagatesToEveryAncestorInEveryTopic() public {
        _oracleAdd(alice, 1);
        _oracleAdd(bob, 4);
        _oracleAdd(carol, 9);
        _oracleAdd(dave, 16);
        _oracleAdd(erin, 25);
        // topic 0: alice -> bob -> carol -> dave; topic 1: alice -> carol, erin -> alice; topic 2: none.
        _oracleDelegate(alice, 0, bob);
        _oracleDelegate(bob, 0, carol);
        _oracleDelegate(carol, 0, dave);
        _oracleDelegate(alice, 1, carol);
        _oracleDelegate(erin, 1, alice);
        _assertMassesMatchOracle();

        _oracleSetWeight(alice, 10);
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(dave, 0);
        assertEq(linear, 10 + 4 + 9);
        assertEq(quadratic, _isqrt(10e18) + 2e9 + 3e9);
        (linear,) = gov.delegatedMass(carol, 1);
        assertEq(linear, 10 + 25);
        _assertMassesMatchOracle();

        _oracleSetWeight(alice, 2);
        _assertMassesMatchOracle();
        _oracleSetWeight(erin, 1);
        _assertMassesMatchOracle();

        address[] memory accounts = _accounts(bob, carol, erin);
        uint64[] memory weights = _weights(100, 1, 49);
        for (uint256 i; i < accounts.length; ++i) {
            oracleWeight[accounts[i]] = weights[i];
        }
        gov.setWeights(accounts, weights);
        _assertMassesMatchOracle();
    }

    function test_setWeight_ofDelegatorOfRemovedMemberReachesOnlyTheRemovedMember() public {
        _oracleAdd(alice, 1);
        _oracleAdd(bob, 4);
        _oracleAdd(carol, 9);
        _oracleDelegate(carol, 0, alice);
        _oracleDelegate(alice, 0, bob);
        _oracleRemove(alice);
        _oracleSetWeight(carol, 2);
        _assertMassesMatchOracle();
        (uint256 linear,) = gov.delegatedMass(alice, 0);
        assertEq(linear, 2);
        (linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 0);
    }

    function test_setWeight_afterSnapshotDoesNotChangePastDelegatedMass() public {
        gov.addMembers(_accounts(alice, bob), _weights(4, 9));
        _delegate(alice, 0, bob);
        vm.warp(_now() + 1);
        uint256 id = _poll(bob, 0, VoteMode.Single, 2);
        gov.setWeight(alice, 100);
        vm.prank(bob);
        gov.castVote(id, 0);
        assertEq(gov.carriedMass(id, bob), 13, "snapshot weights");
        (uint256 linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 100, "current mass");
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Random registrar and delegation operations among 8 accounts over several blocks. After each, every
    ///      read matches the oracle; at the end every recorded past timepoint still reads what it read then.
    /// forge-config: default.fuzz.runs = 128
    function testFuzz_membershipOps_matchOracle(uint256 seed, uint256 steps) public {
        steps = bound(steps, 1, 30);
        address[8] memory accounts;
        for (uint256 i; i < 8; ++i) {
            accounts[i] = _member(string.concat("fuzz", vm.toString(i)));
            universe.push(accounts[i]);
        }
        uint48[] memory times = new uint48[](steps);
        uint64[] memory totals = new uint64[](steps);
        uint256[] memory quadratics = new uint256[](steps);
        uint64[8][] memory weightsAt = new uint64[8][](steps);

        for (uint256 s; s < steps; ++s) {
            uint256 r = uint256(keccak256(abi.encode(seed, s)));
            address account = accounts[r % 8];
            uint256 op = (r >> 8) % 6;
            uint64 weight = uint64(bound(r >> 16, 1, 1000));
            if (oracleWeight[account] == 0) {
                oracleWeight[account] = weight;
                gov.addMember(account, weight);
            } else if (op == 0) {
                _oracleRemove(account);
            } else if (op == 1) {
                _oracleSetWeight(account, weight);
            } else {
                address to = accounts[(r >> 96) % 8];
                uint8 topic = uint8((r >> 104) % TOPICS);
                if (op == 2) to = address(0);
                if (
                    to != account && (to == address(0) || oracleWeight[to] != 0)
                        && !_oracleReaches(to, topic, account)
                ) {
                    _oracleDelegate(account, topic, to);
                }
            }
            _assertMassesMatchOracle();

            uint64 total;
            uint256 quadratic;
            for (uint256 i; i < 8; ++i) {
                uint64 w = oracleWeight[accounts[i]];
                weightsAt[s][i] = w;
                total += w;
                if (w != 0) quadratic += _isqrt(uint256(w) * 1e18);
            }
            times[s] = _now();
            totals[s] = total;
            quadratics[s] = quadratic;
            // Several operations may share a block; the last one's state is what the block reads.
            if ((r >> 200) % 3 != 0) vm.warp(_now() + 1 + (r >> 210) % 100);
        }

        for (uint256 s; s < steps; ++s) {
            if (s + 1 < steps && times[s + 1] == times[s]) continue;
            assertEq(gov.pastTotalWeight(times[s]), totals[s], "past total weight");
            (uint256 linear, uint256 quadratic) = gov.pastTotalMass(times[s]);
            assertEq(linear, totals[s], "past linear mass");
            assertEq(quadratic, quadratics[s], "past quadratic mass");
            for (uint256 i; i < 8; ++i) {
                assertEq(gov.pastWeightOf(accounts[i], times[s]), weightsAt[s][i], "past weight");
            }
        }
    }

    // ---------------------------------------------------------------- oracle

    function _oracleAdd(address account, uint64 weight) internal {
        universe.push(account);
        oracleWeight[account] = weight;
        gov.addMember(account, weight);
    }

    function _oracleRemove(address account) internal {
        oracleWeight[account] = 0;
        for (uint8 topic; topic < TOPICS; ++topic) {
            oracleDelegate[account][topic] = address(0);
        }
        gov.removeMember(account);
    }

    function _oracleSetWeight(address account, uint64 weight) internal {
        oracleWeight[account] = weight;
        gov.setWeight(account, weight);
    }

    function _oracleDelegate(address account, uint8 topic, address to) internal {
        oracleDelegate[account][topic] = to;
        _delegate(account, topic, to);
    }

    /// @dev Whether `target` is on the chain starting at `from` (inclusive).
    function _oracleReaches(address from, uint8 topic, address target)
        internal
        view
        returns (bool)
    {
        for (
            address current = from;
            current != address(0);
            current = oracleDelegate[current][topic]
        ) {
            if (current == target) return true;
        }
        return false;
    }

    /// @dev delegatedMass(x) = Σ mass(m) over every m != x whose chain passes through x; checked for every
    ///      account and topic, with the current members, weights and member count.
    function _assertMassesMatchOracle() internal view {
        uint32 members;
        uint64 total;
        uint256 totalQuadratic;
        for (uint256 i; i < universe.length; ++i) {
            address x = universe[i];
            assertEq(gov.weightOf(x), oracleWeight[x], "weight");
            assertEq(gov.isMember(x), oracleWeight[x] != 0, "isMember");
            if (oracleWeight[x] != 0) {
                ++members;
                total += oracleWeight[x];
                totalQuadratic += _isqrt(uint256(oracleWeight[x]) * 1e18);
            }
            for (uint8 topic; topic < TOPICS; ++topic) {
                uint256 linear;
                uint256 quadratic;
                for (uint256 j; j < universe.length; ++j) {
                    address m = universe[j];
                    if (m == x || oracleWeight[m] == 0) continue;
                    if (_oracleReaches(oracleDelegate[m][topic], topic, x)) {
                        linear += oracleWeight[m];
                        quadratic += _isqrt(uint256(oracleWeight[m]) * 1e18);
                    }
                }
                (uint256 gotLinear, uint256 gotQuadratic) = gov.delegatedMass(x, topic);
                assertEq(gotLinear, linear, "delegated linear mass");
                assertEq(gotQuadratic, quadratic, "delegated quadratic mass");
                assertEq(gov.delegateOf(x, topic), oracleDelegate[x][topic], "delegate");
            }
        }
        assertEq(gov.memberCount(), members, "member count");
        assertEq(gov.totalWeight(), total, "total weight");
        (uint256 totalLinear, uint256 quadraticNow) = gov.pastTotalMass(_now());
        assertEq(totalLinear, total, "total linear mass");
        assertEq(quadraticNow, totalQuadratic, "total quadratic mass");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The current timestamp through the cheatcode: the optimiser may reuse an earlier `block.timestamp`
    ///      across `vm.warp` calls within one test function.
    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }

    function _delegateTopics(address from, uint8[] memory topics, address to) internal {
        vm.prank(from);
        gov.delegate(topics, to);
    }

    function _countLogs(
        Vm.Log[] memory logs,
        bytes32 selector,
        bytes32 topic1,
        bytes32 topic2,
        bytes32 topic3,
        bytes memory data
    ) internal view returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(gov) || log.topics[0] != selector) continue;
            if (log.topics.length > 1 && log.topics[1] != topic1) continue;
            if (log.topics.length > 2 && log.topics[2] != topic2) continue;
            if (log.topics.length > 3 && log.topics[3] != topic3) continue;
            if (keccak256(log.data) != keccak256(data)) continue;
            ++count;
        }
    }

    /// @dev Naive floor square root (Babylonian), independent of the contracts' Math.sqrt.
    function _isqrt(uint256 x) internal pure returns (uint256 z) {
        if (x == 0) return 0;
        z = x;
        uint256 y = x / 2 + x % 2; // ceil(x / 2): starts below x for every x >= 2
        while (y < z) {
            z = y;
            y = (x / y + y) / 2;
        }
    }

    function _topics(uint8 a, uint8 b, uint8 c) internal pure returns (uint8[] memory topics) {
        topics = new uint8[](3);
        (topics[0], topics[1], topics[2]) = (a, b, c);
    }

    function _accounts(address a) internal pure returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = a;
    }

    function _accounts(address a, address b) internal pure returns (address[] memory accounts) {
        accounts = new address[](2);
        (accounts[0], accounts[1]) = (a, b);
    }

    function _accounts(address a, address b, address c)
        internal
        pure
        returns (address[] memory accounts)
    {
        accounts = new address[](3);
        (accounts[0], accounts[1], accounts[2]) = (a, b, c);
    }

    function _accounts(address a, address b, address c, address d)
        internal
        pure
        returns (address[] memory accounts)
    {
        accounts = new address[](4);
        (accounts[0], accounts[1], accounts[2], accounts[3]) = (a, b, c, d);
    }

    function _weights(uint64 a) internal pure returns (uint64[] memory weights) {
        weights = new uint64[](1);
        weights[0] = a;
    }

    function _weights(uint64 a, uint64 b) internal pure returns (uint64[] memory weights) {
        weights = new uint64[](2);
        (weights[0], weights[1]) = (a, b);
    }

    function _weights(uint64 a, uint64 b, uint64 c)
        internal
        pure
        returns (uint64[] memory weights)
    {
        weights = new uint64[](3);
        (weights[0], weights[1], weights[2]) = (a, b, c);
    }

    function _weights(uint64 a, uint64 b, uint64 c, uint64 d)
        internal
        pure
        returns (uint64[] memory weights)
    {
        weights = new uint64[](4);
        (weights[0], weights[1], weights[2], weights[3]) = (a, b, c, d);
    }
}
