// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {LiquidGovernorV2} from "../mocks/LiquidGovernorV2.sol";
import {ProposalParams, ProposalState, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Upgrading a community keeps every piece of its state, through the bootstrap admin and
///         through governance's own path (an executable proposal run by the timelock).
contract LiquidGovernorUpgradeTest is CommunityFixture {
    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal carol = _member("carol");
    address internal dave = _member("dave");
    address internal newImplementation;

    uint256 internal singleId;
    uint256 internal quadraticId;
    uint48 internal beforeVotes;

    function setUp() public override {
        super.setUp();
        gov.addMember(alice, 4);
        gov.addMember(bob, 9);
        gov.addMember(carol, 16);
        gov.addMember(dave, 1);
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        _delegate(dave, 1, carol);
        vm.warp(block.timestamp + 10);
        singleId = _poll(alice, 0, VoteMode.Single, 3);
        quadraticId = _poll(bob, 1, VoteMode.Quadratic, 2);
        beforeVotes = uint48(block.timestamp);
        vm.warp(block.timestamp + 10);
        vm.prank(carol);
        gov.castVote(singleId, 2);
        vm.prank(alice);
        gov.castVote(singleId, 0);
        uint32[] memory votes = new uint32[](2);
        votes[0] = 3;
        votes[1] = 1;
        vm.prank(carol);
        gov.castQuadraticVote(quadraticId, votes);
        gov.setWeight(dave, 7);
        newImplementation = address(new LiquidGovernorV2(core.adminFacet));
    }

    /// @dev Everything a test can read, hashed so that two moments can be compared exactly.
    function _state() internal view returns (bytes32) {
        (uint256[] memory t1, uint256 a1, uint256 p1, uint256 m1) = gov.proposalTally(singleId);
        (uint256[] memory t2, uint256 a2, uint256 p2, uint256 m2) = gov.proposalTally(quadraticId);
        bytes memory members = abi.encode(
            gov.weightOf(alice),
            gov.weightOf(dave),
            gov.pastWeightOf(dave, beforeVotes),
            gov.totalWeight(),
            gov.pastTotalWeight(beforeVotes),
            gov.memberCount()
        );
        bytes memory graph = abi.encode(
            gov.delegationChain(alice, 0),
            gov.pastDelegateOf(dave, 1, beforeVotes),
            gov.delegationHeight(carol, 0),
            gov.topicCount(),
            gov.maxDepth()
        );
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(carol, 0);
        bytes memory votes = abi.encode(
            t1,
            a1,
            p1,
            m1,
            t2,
            a2,
            p2,
            m2,
            gov.carriedMass(singleId, carol),
            gov.carriedMass(quadraticId, carol),
            gov.state(singleId),
            gov.proposalDeadline(singleId),
            gov.proposalCount(),
            linear,
            quadratic
        );
        bytes memory settings = abi.encode(
            gov.votingPeriod(),
            gov.quorumBps(),
            gov.proposalThreshold(),
            gov.timelock(),
            gov.hasRole(gov.REGISTRAR_ROLE(), address(this)),
            gov.hasRole(gov.DEFAULT_ADMIN_ROLE(), timelock),
            gov.nonces(alice)
        );
        return keccak256(abi.encode(members, graph, votes, settings));
    }

    function test_upgradeToAndCall_byBootstrapAdmin_keepsState() public {
        bytes32 before = _state();
        gov.upgradeToAndCall(newImplementation, "");
        assertEq(
            address(uint160(uint256(vm.load(address(gov), ERC1967Utils.IMPLEMENTATION_SLOT)))),
            newImplementation
        );
        assertEq(LiquidGovernorV2(payable(address(gov))).version(), "2");
        assertEq(_state(), before, "state changed across the upgrade");

        // Voting and administration still work, and tallies move exactly as before the upgrade.
        vm.prank(bob);
        gov.castVote(singleId, 1);
        (uint256[] memory tallies,,,) = gov.proposalTally(singleId);
        assertEq(tallies[0], 4);
        assertEq(tallies[1], 9);
        assertEq(tallies[2], 16);
        gov.addMember(_member("erin"), 2);
        assertEq(gov.weightOf(_member("erin")), 2);
    }

    function test_upgradeToAndCall_RevertWhen_NotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                alice,
                gov.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        gov.upgradeToAndCall(newImplementation, "");
    }

    function test_upgradeToAndCall_throughAnExecutableProposal_keepsState() public {
        // Governance takes over: the bootstrap admin renounces, so only the timelock can upgrade.
        gov.renounceRole(gov.DEFAULT_ADMIN_ROLE(), address(this));
        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = address(gov);
        calldatas[0] = abi.encodeCall(gov.upgradeToAndCall, (newImplementation, ""));
        vm.prank(carol);
        uint256 id = gov.proposeExecutable(
            ProposalParams({
                topic: 0,
                mode: VoteMode.Single,
                optionCount: 2,
                votingPeriod: 0,
                metadataHash: keccak256("upgrade to v2"),
                metadataURI: "ipfs://upgrade"
            }),
            targets,
            values,
            calldatas
        );
        vm.warp(block.timestamp + 1);
        vm.prank(carol);
        gov.castVote(id, 1); // carol carries alice and bob: 29 of 30 on topic 0
        vm.warp(gov.proposalDeadline(id) + 1);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
        gov.queue(id, targets, values, calldatas);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        bytes32 before = _state();
        gov.execute(id, targets, values, calldatas);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Executed));
        assertEq(LiquidGovernorV2(payable(address(gov))).version(), "2");
        assertEq(_state(), before, "state changed across the governed upgrade");
    }
}
