// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Vm} from "forge-std/Vm.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {ILiquidDelegation} from "../../contracts/interfaces/ILiquidDelegation.sol";
import {IProposals} from "../../contracts/interfaces/IProposals.sol";
import {CommunityConfig, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Liquid delegation: setting, clearing and moving delegates, every revert, the views, and the
///         depth bookkeeping (lanes 1..16) against a naive oracle that keeps the edges and walks chains.
contract LiquidDelegationTest is CommunityFixture {
    uint8 internal constant TOPICS = 3;

    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal carol = _member("carol");
    address internal dave = _member("dave");
    address internal outsider = _member("outsider");

    // ---------------------------------------------------------------- naive oracle
    address[] internal members;
    mapping(address account => uint256) internal indexPlusOne;
    mapping(address account => uint64) internal oracleWeight;
    mapping(address account => mapping(uint8 topic => address)) internal oracleDelegate;
    uint8 internal oracleMaxDepth = 8;
    uint8 internal oracleTopics = TOPICS;

    function setUp() public override {
        super.setUp();
        _join(alice, 1);
        _join(bob, 4);
        _join(carol, 9);
        _join(dave, 16);
    }

    // ---------------------------------------------------------------- delegate

    function test_delegate_setsDelegateInOneTopic() public {
        vm.expectEmit(address(gov));
        emit ILiquidDelegation.DelegateChanged(alice, 0, bob, address(0));
        _delegate(alice, 0, bob);

        assertEq(gov.delegateOf(alice, 0), bob);
        assertEq(gov.delegateOf(alice, 1), address(0), "other topics untouched");
        assertEq(gov.delegateOf(alice, 2), address(0));
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(bob, 0);
        assertEq(linear, 1);
        assertEq(quadratic, 1e9);
        (linear, quadratic) = gov.delegatedMass(bob, 1);
        assertEq(linear, 0);
        assertEq(quadratic, 0);
        assertEq(gov.delegationHeight(bob, 0), 1);
        assertEq(gov.delegationHeight(bob, 1), 0);
        assertEq(gov.delegationHeight(alice, 0), 0);
    }

    function test_delegate_multipleTopicsEmitsPerTopic() public {
        vm.expectEmit(address(gov));
        emit ILiquidDelegation.DelegateChanged(carol, 0, dave, address(0));
        vm.expectEmit(address(gov));
        emit ILiquidDelegation.DelegateChanged(carol, 2, dave, address(0));
        _delegateMany(carol, _topics(0, 2), dave);

        assertEq(gov.delegateOf(carol, 0), dave);
        assertEq(gov.delegateOf(carol, 1), address(0));
        assertEq(gov.delegateOf(carol, 2), dave);
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(dave, 2);
        assertEq(linear, 9);
        assertEq(quadratic, 3e9);
    }

    function test_delegate_onlyChangedTopicsEmit() public {
        _delegate(alice, 0, bob);
        vm.recordLogs();
        _delegateMany(alice, _topics(0, 1), bob);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].topics[0], ILiquidDelegation.DelegateChanged.selector);
        assertEq(logs[0].topics[2], bytes32(uint256(1)), "topic 1 only");
        (uint256 linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 1, "topic 0 not counted twice");
    }

    function test_delegate_duplicateTopicInOneCallAppliesOnce() public {
        vm.recordLogs();
        _delegateMany(alice, _topics(1, 1), carol);
        assertEq(vm.getRecordedLogs().length, 1);
        (uint256 linear,) = gov.delegatedMass(carol, 1);
        assertEq(linear, 1);
    }

    function test_delegate_emptyTopicListChangesNothing() public {
        vm.recordLogs();
        _delegateMany(alice, new uint8[](0), bob);
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(gov.delegateOf(alice, 0), address(0));
    }

    function test_delegate_clearWithZeroAddress() public {
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        vm.expectEmit(address(gov));
        emit ILiquidDelegation.DelegateChanged(bob, 0, address(0), carol);
        _delegate(bob, 0, address(0));

        assertEq(gov.delegateOf(bob, 0), address(0));
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(carol, 0);
        assertEq(linear, 0);
        assertEq(quadratic, 0);
        assertEq(gov.delegationHeight(carol, 0), 0);
        (linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 1, "alice still delegates to bob");
    }

    function test_delegate_clearWithoutDelegateEmitsNothing() public {
        vm.recordLogs();
        _delegate(alice, 0, address(0));
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_delegate_redelegateMovesMass() public {
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        vm.expectEmit(address(gov));
        emit ILiquidDelegation.DelegateChanged(bob, 0, dave, carol);
        _delegate(bob, 0, dave);

        (uint256 linear, uint256 quadratic) = gov.delegatedMass(carol, 0);
        assertEq(linear, 0);
        assertEq(quadratic, 0);
        (linear, quadratic) = gov.delegatedMass(dave, 0);
        assertEq(linear, 5);
        assertEq(quadratic, 1e9 + 2e9);
        assertEq(gov.delegationHeight(dave, 0), 2);
        assertEq(gov.delegationHeight(carol, 0), 0);
    }

    function test_delegate_sameDelegateIsNoop() public {
        uint48 t0 = _now();
        _delegate(alice, 0, bob);
        vm.warp(t0 + 10);
        vm.recordLogs();
        _delegate(alice, 0, bob);
        assertEq(vm.getRecordedLogs().length, 0, "no event");
        (uint256 linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 1, "not added twice");
        assertEq(gov.delegationHeight(bob, 0), 1);
        assertEq(gov.pastDelegateOf(alice, 0, t0), bob);
    }

    function test_delegate_chainCarriesEveryoneBelow() public {
        _oracleDelegate(alice, 0, bob);
        _oracleDelegate(bob, 0, carol);
        _oracleDelegate(carol, 0, dave);
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(dave, 0);
        assertEq(linear, 1 + 4 + 9);
        assertEq(quadratic, 6e9);
        assertEq(gov.delegationHeight(dave, 0), 3);
        assertEq(gov.delegationHeight(carol, 0), 2);
        _assertMatchesOracle();
    }

    // ---------------------------------------------------------------- reverts

    function test_delegate_RevertWhen_DelegatingToSelf() public {
        vm.expectRevert(abi.encodeWithSelector(ILiquidDelegation.DelegationToSelf.selector, alice));
        _delegate(alice, 0, alice);
    }

    function test_delegate_RevertWhen_DelegatorNotMember() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationDelegatorNotMember.selector, outsider
            )
        );
        _delegate(outsider, 0, alice);
    }

    function test_delegate_RevertWhen_DelegatorNotMemberClears() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationDelegatorNotMember.selector, outsider
            )
        );
        _delegate(outsider, 0, address(0));
    }

    function test_delegate_RevertWhen_DelegatorRemoved() public {
        gov.removeMember(alice);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationDelegatorNotMember.selector, alice)
        );
        _delegate(alice, 0, bob);
    }

    function test_delegate_RevertWhen_DelegateeNotMember() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationDelegateeNotMember.selector, outsider
            )
        );
        _delegate(alice, 0, outsider);
    }

    function test_delegate_RevertWhen_DelegateeRemoved() public {
        gov.removeMember(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationDelegateeNotMember.selector, bob)
        );
        _delegate(alice, 0, bob);
    }

    function test_delegate_RevertWhen_UnknownTopic() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationUnknownTopic.selector, 3, 3)
        );
        _delegate(alice, 3, bob);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationUnknownTopic.selector, 255, 3)
        );
        _delegate(alice, 255, bob);
    }

    function test_delegate_RevertWhen_UnknownTopicAfterKnownOnes() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationUnknownTopic.selector, 7, 3)
        );
        _delegateMany(alice, _topics(0, 7), bob);
        assertEq(gov.delegateOf(alice, 0), address(0), "the whole call reverted");
    }

    function test_delegate_RevertWhen_CycleCreated() public {
        _delegate(bob, 0, alice);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationCycle.selector, alice, bob, 0)
        );
        _delegate(alice, 0, bob);
    }

    function test_delegate_RevertWhen_LongCycleCreated() public {
        _delegate(alice, 1, bob);
        _delegate(bob, 1, carol);
        _delegate(carol, 1, dave);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationCycle.selector, dave, alice, 1)
        );
        _delegate(dave, 1, alice);
        // From the middle of the chain too: carol -> alice would close alice -> bob -> carol.
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationCycle.selector, carol, alice, 1)
        );
        _delegate(carol, 1, alice);
        // The same edge is fine in a topic where the chain does not exist.
        _delegate(dave, 0, alice);
        assertEq(gov.delegateOf(dave, 0), alice);
    }

    function test_delegate_RevertWhen_CycleInOneOfSeveralTopics() public {
        _delegate(bob, 2, alice);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationCycle.selector, alice, bob, 2)
        );
        _delegateMany(alice, _topics(0, 2), bob);
        assertEq(gov.delegateOf(alice, 0), address(0), "topic 0 rolled back");
        (uint256 linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 0);
    }

    function test_delegate_RevertWhen_ChainTooDeep() public {
        address[] memory chain = _joinMany("chain", 10, 1);
        for (uint256 i; i < 8; ++i) {
            _delegate(chain[i], 0, chain[i + 1]);
        }
        assertEq(gov.delegationHeight(chain[8], 0), 8, "exactly maxDepth edges are allowed");
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, chain[8], chain[9], 0, 9, 8
            )
        );
        _delegate(chain[8], 0, chain[9]);
        // A new leaf below the bottom is just as deep.
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, chain[9], chain[0], 0, 9, 8
            )
        );
        _delegate(chain[9], 0, chain[0]);
    }

    function test_delegate_RevertWhen_SubtreeBelowDelegatorMakesItTooDeep() public {
        // x0 -> ... -> x4 (x4 has height 4); y0 -> ... -> y5 (y0 is 5 edges from the root).
        address[] memory x = _joinMany("x", 5, 2);
        address[] memory y = _joinMany("y", 6, 3);
        for (uint256 i; i < 4; ++i) {
            _oracleDelegate(x[i], 0, x[i + 1]);
        }
        for (uint256 i; i < 5; ++i) {
            _oracleDelegate(y[i], 0, y[i + 1]);
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, x[4], y[1], 0, 9, 8
            )
        );
        _delegate(x[4], 0, y[1]);
        // From the middle: x3 has height 3 and leaves x4; y0 has 5 edges above it.
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, x[3], y[0], 0, 9, 8
            )
        );
        _delegate(x[3], 0, y[0]);
        _assertMatchesOracle();

        _oracleDelegate(x[2], 0, y[0]); // height 2 + 6 = 8
        _oracleDelegate(x[4], 0, y[2]); // height 2 (x3 -> x4 only) + 4 = 6
        _assertMatchesOracle();
        assertEq(gov.delegationHeight(y[5], 0), 8);
    }

    function test_delegate_maxDepthOne() public {
        _useCommunity(1);
        _join(alice, 1);
        _join(bob, 4);
        _join(carol, 9);
        _delegate(alice, 0, bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, carol, alice, 0, 2, 1
            )
        );
        _delegate(carol, 0, alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, bob, carol, 0, 2, 1
            )
        );
        _delegate(bob, 0, carol);
        _delegate(carol, 0, bob);
        assertEq(gov.delegationHeight(bob, 0), 1);
        (uint256 linear,) = gov.delegatedMass(bob, 0);
        assertEq(linear, 10);
    }

    /// @dev maxDepth 16 puts delegators at distances 9..16 into the histogram's second word.
    function test_delegate_wideHistogramLanesNineToSixteen() public {
        _useCommunity(16);
        address[] memory chain = _joinMany("deep", 18, 1);
        for (uint256 i; i < 16; ++i) {
            _oracleDelegate(chain[i], 0, chain[i + 1]);
        }
        for (uint256 i; i <= 16; ++i) {
            assertEq(gov.delegationHeight(chain[i], 0), i, "height = position");
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, chain[16], chain[17], 0, 17, 16
            )
        );
        _delegate(chain[16], 0, chain[17]);
        _assertMatchesOracle();

        // Cut at 12: the root keeps 4 delegators (lanes 1..4), the cut part keeps lanes 1..11.
        _oracleDelegate(chain[11], 0, address(0));
        assertEq(gov.delegationHeight(chain[16], 0), 4);
        assertEq(gov.delegationHeight(chain[11], 0), 11);
        _assertMatchesOracle();

        // Re-attach: chain[11]'s 11 delegators, its edge, and chain[12]'s 4 edges above: 16 exactly.
        _oracleDelegate(chain[11], 0, chain[12]);
        assertEq(gov.delegationHeight(chain[16], 0), 16);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, chain[17], chain[0], 0, 17, 16
            )
        );
        _delegate(chain[17], 0, chain[0]);
        _assertMatchesOracle();
    }

    function test_delegate_wideHistogramSubtreeMakesItTooDeep() public {
        _useCommunity(16);
        address[] memory a = _joinMany("a", 10, 1); // a0 -> ... -> a9: a9 has height 9
        address[] memory b = _joinMany("b", 9, 2); // b0 -> ... -> b8: b0 has 8 edges above
        for (uint256 i; i < 9; ++i) {
            _oracleDelegate(a[i], 0, a[i + 1]);
        }
        for (uint256 i; i < 8; ++i) {
            _oracleDelegate(b[i], 0, b[i + 1]);
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, a[9], b[0], 0, 18, 16
            )
        );
        _delegate(a[9], 0, b[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, a[9], b[1], 0, 17, 16
            )
        );
        _delegate(a[9], 0, b[1]);
        _oracleDelegate(a[9], 0, b[3]); // 9 + 6 = 15
        assertEq(gov.delegationHeight(b[8], 0), 15);
        _oracleDelegate(a[9], 0, b[2]); // moving within b: 9 + 7 = 16
        assertEq(gov.delegationHeight(b[8], 0), 16);
        _assertMatchesOracle();
        _oracleDelegate(a[4], 0, address(0));
        // a5 -> ... -> a9 -> b2 -> ... -> b8 is now the longest chain: 4 + 1 + 6 edges.
        assertEq(gov.delegationHeight(b[8], 0), 11);
        assertEq(gov.delegationHeight(a[9], 0), 4);
        assertEq(gov.delegationHeight(a[4], 0), 4);
        _assertMatchesOracle();
    }

    function test_delegate_maxDepthTwelve() public {
        _useCommunity(12);
        address[] memory chain = _joinMany("twelve", 14, 5);
        for (uint256 i; i < 12; ++i) {
            _oracleDelegate(chain[i], 0, chain[i + 1]);
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationTooDeep.selector, chain[12], chain[13], 0, 13, 12
            )
        );
        _delegate(chain[12], 0, chain[13]);
        _assertMatchesOracle();
    }

    // ---------------------------------------------------------------- views

    function test_pastDelegateOf_atSnapshotTimepoints() public {
        uint48 t0 = _now();
        _delegate(alice, 0, bob);
        vm.warp(t0 + 10);
        _delegate(alice, 0, carol);
        vm.warp(t0 + 20);
        _delegate(alice, 0, address(0));
        vm.warp(t0 + 30);

        assertEq(gov.pastDelegateOf(alice, 0, t0 - 1), address(0));
        assertEq(gov.pastDelegateOf(alice, 0, t0), bob);
        assertEq(gov.pastDelegateOf(alice, 0, t0 + 9), bob);
        assertEq(gov.pastDelegateOf(alice, 0, t0 + 10), carol);
        assertEq(gov.pastDelegateOf(alice, 0, t0 + 19), carol);
        assertEq(gov.pastDelegateOf(alice, 0, t0 + 20), address(0));
        assertEq(gov.pastDelegateOf(alice, 1, t0 + 10), address(0));
        assertEq(gov.delegateOf(alice, 0), address(0));
    }

    function test_pastDelegateOf_proposalSnapshotIgnoresSameBlockChange() public {
        _delegate(alice, 0, bob);
        vm.warp(_now() + 1);
        uint256 id = _poll(alice, 0, VoteMode.Single, 2);
        _delegate(alice, 0, carol); // same block as creation: after the snapshot
        uint48 snapshot = uint48(gov.proposalSnapshot(id));
        assertEq(snapshot, _now() - 1);
        assertEq(gov.pastDelegateOf(alice, 0, snapshot), bob);
        vm.prank(bob);
        gov.castVote(id, 1);
        assertEq(gov.carriedMass(id, bob), 5, "bob carries alice at the snapshot");
    }

    function test_delegationChain_listsEveryDelegateAbove() public {
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        _delegate(carol, 0, dave);
        address[] memory chain = gov.delegationChain(alice, 0);
        assertEq(chain.length, 3);
        assertEq(chain[0], bob);
        assertEq(chain[1], carol);
        assertEq(chain[2], dave);
        assertEq(gov.delegationChain(carol, 0).length, 1);
        assertEq(gov.delegationChain(dave, 0).length, 0);
        assertEq(gov.delegationChain(alice, 1).length, 0);
        assertEq(gov.delegationChain(outsider, 0).length, 0);
    }

    function test_delegationChain_fullDepthSixteen() public {
        _useCommunity(16);
        address[] memory chain = _joinMany("full", 17, 1);
        for (uint256 i; i < 16; ++i) {
            _delegate(chain[i], 0, chain[i + 1]);
        }
        address[] memory above = gov.delegationChain(chain[0], 0);
        assertEq(above.length, 16);
        for (uint256 i; i < 16; ++i) {
            assertEq(above[i], chain[i + 1]);
        }
    }

    function test_delegatedMass_linearAndQuadratic() public {
        _join(outsider, 2);
        _delegate(outsider, 1, dave);
        _delegate(carol, 1, dave);
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(dave, 1);
        assertEq(linear, 11);
        assertEq(quadratic, 1_414_213_562 + 3e9, "isqrt(2e18) + isqrt(9e18)");
    }

    // ---------------------------------------------------------------- topics and limits

    function test_createTopic_addsTopic() public {
        vm.expectEmit(address(gov));
        emit ILiquidDelegation.TopicCreated(3, "Culture");
        uint8 topic = gov.createTopic("Culture");
        assertEq(topic, 3);
        assertEq(gov.topicCount(), 4);
        _delegate(alice, 3, bob);
        assertEq(gov.delegateOf(alice, 3), bob);
    }

    function test_createTopic_RevertWhen_TooManyTopics() public {
        for (uint256 i = 3; i < 16; ++i) {
            gov.createTopic("more");
        }
        assertEq(gov.topicCount(), 16);
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationTooManyTopics.selector, 16)
        );
        gov.createTopic("one too many");
    }

    function test_createTopic_RevertWhen_CallerNotAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0)
            )
        );
        vm.prank(alice);
        gov.createTopic("Culture");
    }

    function test_limits_readBack() public view {
        assertEq(gov.topicCount(), 3);
        assertEq(gov.maxTopics(), 16);
        assertEq(gov.maxDepth(), 8);
    }

    function test_initialize_RevertWhen_InvalidLimits() public {
        CommunityConfig memory config = _config();
        config.maxDepth = 0;
        _expectCreateReverts(
            config,
            abi.encodeWithSelector(ILiquidDelegation.DelegationInvalidLimit.selector, "maxDepth", 0)
        );
        config.maxDepth = 17;
        _expectCreateReverts(
            config,
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationInvalidLimit.selector, "maxDepth", 17
            )
        );
        config.maxDepth = 8;
        config.maxTopics = 0;
        _expectCreateReverts(
            config,
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationInvalidLimit.selector, "maxTopics", 0
            )
        );
        config.maxTopics = 65;
        _expectCreateReverts(
            config,
            abi.encodeWithSelector(
                ILiquidDelegation.DelegationInvalidLimit.selector, "maxTopics", 65
            )
        );
        config.maxTopics = 2;
        _expectCreateReverts(
            config, abi.encodeWithSelector(ILiquidDelegation.DelegationTooManyTopics.selector, 2)
        );
        config.maxTopics = 64;
        config.topics = new string[](0);
        _expectCreateReverts(
            config,
            abi.encodeWithSelector(ILiquidDelegation.DelegationInvalidLimit.selector, "topics", 0)
        );
    }

    function test_initialize_acceptsExtremeLimits() public {
        CommunityConfig memory config = _config();
        config.maxDepth = 16;
        config.maxTopics = 64;
        (address community,) = deployer.createCommunity(
            core.factory, config, TIMELOCK_DELAY, address(this), address(this)
        );
        assertEq(ILiquidGovernor(community).maxDepth(), 16);
        assertEq(ILiquidGovernor(community).maxTopics(), 64);
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Random delegate/undelegate operations among 12 members in 2 topics with a random maxDepth (1..6, so
    ///      that too-deep chains happen). The oracle predicts each outcome (success, no-op, ToSelf, Cycle,
    ///      TooDeep with its length); after each step every member's delegate, delegatedMass and
    ///      delegationHeight match a naive recomputation from the oracle's edges.
    /// forge-config: default.fuzz.runs = 96
    function testFuzz_delegate_matchesNaiveOracle(uint256 seed, uint256 depthSeed, uint256 steps)
        public
    {
        _runDelegationFuzz(seed, uint8(bound(depthSeed, 1, 6)), bound(steps, 1, 20), 12, 2);
    }

    /// @dev The same with maxDepth 9..16 and operations biased towards long chains, so lanes 9..16 are used.
    /// forge-config: default.fuzz.runs = 32
    function testFuzz_delegate_longChainsMatchNaiveOracle(
        uint256 seed,
        uint256 depthSeed,
        uint256 steps
    ) public {
        _runDelegationFuzz(seed, uint8(bound(depthSeed, 9, 16)), bound(steps, 10, 30), 18, 1);
    }

    function _runDelegationFuzz(
        uint256 seed,
        uint8 depth,
        uint256 steps,
        uint256 count,
        uint8 topics
    ) internal {
        _useCommunity(depth);
        oracleTopics = topics;
        address[] memory accounts = new address[](count);
        for (uint256 i; i < count; ++i) {
            accounts[i] = _member(string.concat("f", vm.toString(i)));
            _join(accounts[i], uint64(bound(uint256(keccak256(abi.encode(seed, "w", i))), 1, 1000)));
        }
        uint48[] memory times = new uint48[](steps);
        address[][] memory edges = new address[][](steps);

        for (uint256 s; s < steps; ++s) {
            uint256 r = uint256(keccak256(abi.encode(seed, s)));
            _fuzzStep(r, accounts, topics);
            _assertMatchesOracleCurrent(accounts);
            times[s] = _now();
            edges[s] = _oracleEdges(accounts, topics);
            if ((r >> 64) % 2 == 0) vm.warp(_now() + 1 + (r >> 72) % 50);
        }
        for (uint256 s; s < steps; ++s) {
            if (s + 1 < steps && times[s + 1] == times[s]) continue;
            for (uint256 i; i < count; ++i) {
                for (uint8 t; t < topics; ++t) {
                    assertEq(
                        gov.pastDelegateOf(accounts[i], t, times[s]),
                        edges[s][i * topics + t],
                        "pastDelegateOf"
                    );
                }
            }
        }
    }

    function _fuzzStep(uint256 r, address[] memory accounts, uint8 topics) internal {
        uint8 topic = uint8((r >> 8) % topics);
        address from = accounts[(r >> 16) % accounts.length];
        address to;
        uint256 kind = (r >> 24) % 8;
        if (kind == 0) {
            to = address(0);
        } else if (kind <= 3) {
            // Towards long chains: a root with the tallest subtree onto the deepest member.
            from = _oracleTallestRoot(accounts, topic);
            to = _oracleDeepest(accounts, topic, from);
        } else {
            to = accounts[(r >> 32) % accounts.length];
        }
        _expectOutcomeAndDelegate(from, topic, to);
    }

    /// @dev Predicts the outcome of `from` delegating to `to` in `topic`, expects it, and applies it.
    function _expectOutcomeAndDelegate(address from, uint8 topic, address to) internal {
        address current = oracleDelegate[from][topic];
        if (to == current) {
            vm.recordLogs();
            _delegate(from, topic, to);
            assertEq(vm.getRecordedLogs().length, 0, "no-op emits nothing");
            return;
        }
        if (to == from) {
            vm.expectRevert(
                abi.encodeWithSelector(ILiquidDelegation.DelegationToSelf.selector, from)
            );
            _delegate(from, topic, to);
            return;
        }
        if (to != address(0)) {
            if (_oracleReaches(to, topic, from)) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        ILiquidDelegation.DelegationCycle.selector, from, to, topic
                    )
                );
                _delegate(from, topic, to);
                return;
            }
            uint256 length = _oracleHeight(from, topic) + 1 + _oracleDepth(to, topic);
            if (length > oracleMaxDepth) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        ILiquidDelegation.DelegationTooDeep.selector,
                        from,
                        to,
                        topic,
                        length,
                        oracleMaxDepth
                    )
                );
                _delegate(from, topic, to);
                return;
            }
        }
        vm.expectEmit(address(gov));
        emit ILiquidDelegation.DelegateChanged(from, topic, to, current);
        _oracleDelegate(from, topic, to);
    }

    // ---------------------------------------------------------------- oracle

    function _join(address account, uint64 weight) internal {
        members.push(account);
        indexPlusOne[account] = members.length;
        oracleWeight[account] = weight;
        gov.addMember(account, weight);
    }

    function _joinMany(string memory prefix, uint256 count, uint64 weight)
        internal
        returns (address[] memory accounts)
    {
        accounts = new address[](count);
        for (uint256 i; i < count; ++i) {
            accounts[i] = _member(string.concat(prefix, vm.toString(i)));
            _join(accounts[i], weight + uint64(i));
        }
    }

    function _oracleDelegate(address account, uint8 topic, address to) internal {
        oracleDelegate[account][topic] = to;
        _delegate(account, topic, to);
    }

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

    /// @dev Edges from `account` up to its root.
    function _oracleDepth(address account, uint8 topic) internal view returns (uint256 depth) {
        for (
            address current = oracleDelegate[account][topic];
            current != address(0);
            current = oracleDelegate[current][topic]
        ) {
            ++depth;
        }
    }

    /// @dev Longest chain of delegators below `account`: max distance from any member whose chain reaches it.
    function _oracleHeight(address account, uint8 topic) internal view returns (uint256 height) {
        for (uint256 i; i < members.length; ++i) {
            uint256 distance;
            for (
                address current = oracleDelegate[members[i]][topic];
                current != address(0);
                current = oracleDelegate[current][topic]
            ) {
                ++distance;
                if (current == account) {
                    if (distance > height) height = distance;
                    break;
                }
            }
        }
    }

    function _oracleTallestRoot(address[] memory accounts, uint8 topic)
        internal
        view
        returns (address best)
    {
        uint256 bestHeight;
        for (uint256 i; i < accounts.length; ++i) {
            if (oracleDelegate[accounts[i]][topic] != address(0)) continue;
            uint256 h = _oracleHeight(accounts[i], topic);
            if (best == address(0) || h > bestHeight) (best, bestHeight) = (accounts[i], h);
        }
    }

    function _oracleDeepest(address[] memory accounts, uint8 topic, address except)
        internal
        view
        returns (address best)
    {
        uint256 bestDepth;
        for (uint256 i; i < accounts.length; ++i) {
            if (accounts[i] == except || _oracleReaches(accounts[i], topic, except)) continue;
            uint256 d = _oracleDepth(accounts[i], topic);
            if (best == address(0) || d > bestDepth) (best, bestDepth) = (accounts[i], d);
        }
    }

    function _oracleEdges(address[] memory accounts, uint8 topics)
        internal
        view
        returns (address[] memory edges)
    {
        edges = new address[](accounts.length * topics);
        for (uint256 i; i < accounts.length; ++i) {
            for (uint8 t; t < topics; ++t) {
                edges[i * topics + t] = oracleDelegate[accounts[i]][t];
            }
        }
    }

    function _assertMatchesOracle() internal view {
        _assertMatchesOracleCurrent(members);
    }

    /// @dev Walks every member's chain once per topic, accumulating the naive masses and heights of everyone
    ///      it passes, and compares every member's views with them.
    function _assertMatchesOracleCurrent(address[] memory accounts) internal view {
        uint256 n = accounts.length;
        uint256[] memory quadraticMass = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            quadraticMass[i] = _isqrt(uint256(oracleWeight[accounts[i]]) * 1e18);
        }
        for (uint8 topic; topic < oracleTopics; ++topic) {
            uint256[] memory parent = new uint256[](n);
            for (uint256 i; i < n; ++i) {
                parent[i] = indexPlusOne[oracleDelegate[accounts[i]][topic]];
            }
            uint256[] memory linear = new uint256[](n);
            uint256[] memory quadratic = new uint256[](n);
            uint256[] memory height = new uint256[](n);
            uint256[] memory depth = new uint256[](n);
            for (uint256 i; i < n; ++i) {
                uint256 distance;
                for (uint256 j = parent[i]; j != 0; j = parent[j - 1]) {
                    ++distance;
                    linear[j - 1] += oracleWeight[accounts[i]];
                    quadratic[j - 1] += quadraticMass[i];
                    if (distance > height[j - 1]) height[j - 1] = distance;
                }
                depth[i] = distance;
            }
            for (uint256 i; i < n; ++i) {
                address x = accounts[i];
                assertEq(gov.delegateOf(x, topic), oracleDelegate[x][topic], "delegateOf");
                (uint256 gotLinear, uint256 gotQuadratic) = gov.delegatedMass(x, topic);
                assertEq(gotLinear, linear[i], "delegated linear mass");
                assertEq(gotQuadratic, quadratic[i], "delegated quadratic mass");
                assertEq(gov.delegationHeight(x, topic), height[i], "delegationHeight");
                address[] memory chain = gov.delegationChain(x, topic);
                assertEq(chain.length, depth[i], "chain length");
                uint256 j = parent[i];
                for (uint256 k; k < chain.length; ++k) {
                    assertEq(chain[k], accounts[j - 1], "chain member");
                    j = parent[j - 1];
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Switches `gov` to a fresh community with `maxDepth` and resets the oracle.
    function _useCommunity(uint8 maxDepth_) internal {
        CommunityConfig memory config = _config();
        config.maxDepth = maxDepth_;
        (address community,) = deployer.createCommunity(
            core.factory, config, TIMELOCK_DELAY, address(this), address(this)
        );
        gov = ILiquidGovernor(community);
        for (uint256 i; i < members.length; ++i) {
            oracleWeight[members[i]] = 0;
            indexPlusOne[members[i]] = 0;
            for (uint8 t; t < TOPICS; ++t) {
                oracleDelegate[members[i]][t] = address(0);
            }
        }
        delete members;
        oracleMaxDepth = maxDepth_;
        assertEq(gov.maxDepth(), maxDepth_);
    }

    function _expectCreateReverts(CommunityConfig memory config, bytes memory err) internal {
        vm.expectRevert(err);
        deployer.createCommunity(core.factory, config, TIMELOCK_DELAY, address(this), address(this));
    }

    function _delegateMany(address from, uint8[] memory topics, address to) internal {
        vm.prank(from);
        gov.delegate(topics, to);
    }

    function _topics(uint8 a, uint8 b) internal pure returns (uint8[] memory topics) {
        topics = new uint8[](2);
        (topics[0], topics[1]) = (a, b);
    }

    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }

    function _isqrt(uint256 x) internal pure returns (uint256 z) {
        if (x == 0) return 0;
        z = x;
        uint256 y = x / 2 + x % 2; // ceil(x / 2): starts below x for every x >= 2
        while (y < z) {
            z = y;
            y = (x / y + y) / 2;
        }
    }
}
