// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {CallTargetMock} from "../mocks/CallTargetMock.sol";
import {IGovernanceSettings} from "../../contracts/interfaces/IGovernanceSettings.sol";
import {ILiquidDelegation} from "../../contracts/interfaces/ILiquidDelegation.sol";
import {IProposals} from "../../contracts/interfaces/IProposals.sol";
import {IVoting} from "../../contracts/interfaces/IVoting.sol";
import {ProposalParams, ProposalState, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Proposals: creation (polls, agendas, executable proposals) and its reverts, the state machine,
///         queueing and executing through the timelock, cancellation, the views and the settings.
contract ProposalsTest is CommunityFixture {
    uint8 internal constant ABSTAIN = 255;

    // Total weight 46: quorum at 20% is 9.2.
    address internal alice = _member("alice"); // 1
    address internal bob = _member("bob"); // 4
    address internal carol = _member("carol"); // 9
    address internal dave = _member("dave"); // 16
    address internal erin = _member("erin"); // 16
    address internal outsider = _member("outsider");

    CallTargetMock internal target;

    function setUp() public override {
        super.setUp();
        _addMember(alice, 1);
        _addMember(bob, 4);
        _addMember(carol, 9);
        _addMember(dave, 16);
        _addMember(erin, 16);
        target = new CallTargetMock();
        vm.warp(_now() + 1);
    }

    // ---------------------------------------------------------------- propose

    function test_propose_createsPoll() public {
        uint48 t = _now();
        vm.expectEmit(address(gov));
        emit IProposals.ProposalCreated(
            1, alice, 2, VoteMode.Single, 3, t - 1, t + 7 days, keccak256("text"), "ipfs://text"
        );
        vm.prank(alice);
        uint256 id = gov.propose(_params(2, VoteMode.Single, 3, 0));
        assertEq(id, 1);
        assertEq(gov.proposalCount(), 1);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Active));
        assertEq(gov.proposalSnapshot(id), t - 1);
        assertEq(gov.proposalDeadline(id), t + 7 days);
        assertEq(gov.proposalProposer(id), alice);
        (uint8 topic, VoteMode mode, uint8 optionCount, bool executable) = gov.proposalConfig(id);
        assertEq(topic, 2);
        assertEq(uint8(mode), uint8(VoteMode.Single));
        assertEq(optionCount, 3);
        assertFalse(executable);
        assertEq(gov.quorum(id), 10, "ceil(46 * 20%)");
    }

    function test_propose_quadraticPoll() public {
        vm.prank(bob);
        uint256 id = gov.propose(_params(1, VoteMode.Quadratic, 32, 0));
        (uint8 topic, VoteMode mode, uint8 optionCount, bool executable) = gov.proposalConfig(id);
        assertEq(topic, 1);
        assertEq(uint8(mode), uint8(VoteMode.Quadratic));
        assertEq(optionCount, 32);
        assertFalse(executable);
        // Quadratic total mass: 1e9 + 2e9 + 3e9 + 4e9 + 4e9 = 14e9; 20% of it.
        assertEq(gov.quorum(id), 2_800_000_000);
    }

    function test_propose_idsAreSequential() public {
        assertEq(_propose(alice, 0, VoteMode.Single, 2, 0), 1);
        assertEq(_propose(bob, 1, VoteMode.Quadratic, 4, 0), 2);
        vm.prank(carol);
        assertEq(
            gov.proposeExecutable(
                _params(0, VoteMode.Single, 2, 0), _targets(), _values(), _calldatas()
            ),
            3
        );
        assertEq(_propose(alice, 0, VoteMode.Single, 2, 0), 4);
        assertEq(gov.proposalCount(), 4);
        assertEq(gov.proposalProposer(3), carol);
    }

    function test_propose_customVotingPeriod() public {
        uint48 t = _now();
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 2 hours);
        assertEq(gov.proposalDeadline(id), t + 2 hours);
        uint256 shortest = _propose(alice, 0, VoteMode.Single, 2, 1 hours);
        assertEq(gov.proposalDeadline(shortest), t + 1 hours);
        uint256 longer = _propose(alice, 0, VoteMode.Single, 2, 30 days);
        assertEq(gov.proposalDeadline(longer), t + 30 days);
    }

    function test_propose_RevertWhen_VotingPeriodTooShort() public {
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalVotingPeriodTooShort.selector, 3599, 3600)
        );
        vm.prank(alice);
        gov.propose(_params(0, VoteMode.Single, 2, 1 hours - 1));
    }

    function test_propose_RevertWhen_BelowThreshold() public {
        gov.setProposalThreshold(5);
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalBelowThreshold.selector, bob, 4, 5)
        );
        vm.prank(bob);
        gov.propose(_params(0, VoteMode.Single, 2, 0));
        assertEq(_propose(carol, 0, VoteMode.Single, 2, 0), 1);
    }

    function test_propose_RevertWhen_NotMember() public {
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalBelowThreshold.selector, outsider, 0, 1)
        );
        vm.prank(outsider);
        gov.propose(_params(0, VoteMode.Single, 2, 0));
    }

    function test_propose_RevertWhen_InvalidOptionCount() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidOptionCount.selector, 1));
        gov.propose(_params(0, VoteMode.Single, 1, 0));
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidOptionCount.selector, 0));
        gov.propose(_params(0, VoteMode.Single, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidOptionCount.selector, 33));
        gov.propose(_params(0, VoteMode.Quadratic, 33, 0));
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidOptionCount.selector, 255));
        gov.propose(_params(0, VoteMode.Single, 255, 0));
        vm.stopPrank();
        assertEq(gov.proposalCount(), 0);
    }

    function test_propose_RevertWhen_AnonymousWithoutIdentities() public {
        vm.expectRevert(IProposals.ProposalNoIdentities.selector);
        vm.prank(alice);
        gov.propose(_params(0, VoteMode.Anonymous, 2, 0));
    }

    function test_propose_RevertWhen_UnknownTopic() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationUnknownTopic.selector, 3, 3)
        );
        vm.prank(alice);
        gov.propose(_params(3, VoteMode.Single, 2, 0));
    }

    // ---------------------------------------------------------------- proposeBatch

    function test_proposeBatch_createsConsecutiveIds() public {
        _propose(alice, 0, VoteMode.Single, 2, 0);
        ProposalParams[] memory agenda = new ProposalParams[](3);
        agenda[0] = _params(0, VoteMode.Single, 2, 0);
        agenda[1] = _params(1, VoteMode.Quadratic, 5, 2 hours);
        agenda[2] = _params(2, VoteMode.Single, 32, 0);
        agenda[2].metadataURI = "third";
        uint48 t = _now();
        vm.expectEmit(address(gov));
        emit IProposals.ProposalCreated(
            2, bob, 0, VoteMode.Single, 2, t - 1, t + 7 days, keccak256("text"), "ipfs://text"
        );
        vm.expectEmit(address(gov));
        emit IProposals.ProposalCreated(
            3, bob, 1, VoteMode.Quadratic, 5, t - 1, t + 2 hours, keccak256("text"), "ipfs://text"
        );
        vm.expectEmit(address(gov));
        emit IProposals.ProposalCreated(
            4, bob, 2, VoteMode.Single, 32, t - 1, t + 7 days, keccak256("text"), "third"
        );
        vm.prank(bob);
        uint256 first = gov.proposeBatch(agenda);

        assertEq(first, 2);
        assertEq(gov.proposalCount(), 4);
        (uint8 topic, VoteMode mode, uint8 optionCount,) = gov.proposalConfig(3);
        assertEq(topic, 1);
        assertEq(uint8(mode), uint8(VoteMode.Quadratic));
        assertEq(optionCount, 5);
        assertEq(gov.proposalDeadline(3), t + 2 hours);
        assertEq(gov.proposalProposer(4), bob);
        assertEq(_propose(alice, 0, VoteMode.Single, 2, 0), 5, "ids continue after the batch");
    }

    function test_proposeBatch_RevertWhen_EmptyBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalEmptyBatch.selector));
        vm.prank(alice);
        gov.proposeBatch(new ProposalParams[](0));
    }

    function test_proposeBatch_RevertWhen_OneEntryInvalid() public {
        ProposalParams[] memory agenda = new ProposalParams[](2);
        agenda[0] = _params(0, VoteMode.Single, 2, 0);
        agenda[1] = _params(0, VoteMode.Single, 40, 0);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidOptionCount.selector, 40));
        vm.prank(alice);
        gov.proposeBatch(agenda);
        assertEq(gov.proposalCount(), 0);
    }

    function test_proposeBatch_RevertWhen_BelowThreshold() public {
        ProposalParams[] memory agenda = new ProposalParams[](1);
        agenda[0] = _params(0, VoteMode.Single, 2, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalBelowThreshold.selector, outsider, 0, 1)
        );
        vm.prank(outsider);
        gov.proposeBatch(agenda);
    }

    // ---------------------------------------------------------------- proposeExecutable

    function test_proposeExecutable_emitsActionsAndIgnoresCustomPeriod() public {
        uint48 t = _now();
        vm.expectEmit(address(gov));
        emit IProposals.ProposalCreated(
            1, carol, 1, VoteMode.Single, 2, t - 1, t + 7 days, keccak256("text"), "ipfs://text"
        );
        vm.expectEmit(address(gov));
        emit IProposals.ProposalActions(1, _targets(), _values(), _calldatas());
        vm.prank(carol);
        uint256 id = gov.proposeExecutable(
            _params(1, VoteMode.Single, 2, 2 hours), _targets(), _values(), _calldatas()
        );
        assertEq(
            gov.proposalDeadline(id), t + 7 days, "executable proposals use the default period"
        );
        (,, uint8 optionCount, bool executable) = gov.proposalConfig(id);
        assertEq(optionCount, 2);
        assertTrue(executable);
    }

    function test_proposeExecutable_ignoresPeriodBelowMinimum() public {
        vm.prank(carol);
        uint256 id = gov.proposeExecutable(
            _params(0, VoteMode.Single, 2, 1), _targets(), _values(), _calldatas()
        );
        assertEq(gov.proposalDeadline(id), _now() + 7 days);
    }

    function test_proposeExecutable_RevertWhen_OptionCountNotTwo() public {
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidOptionCount.selector, 3));
        vm.prank(carol);
        gov.proposeExecutable(
            _params(0, VoteMode.Single, 3, 0), _targets(), _values(), _calldatas()
        );
    }

    function test_proposeExecutable_RevertWhen_InvalidActions() public {
        vm.startPrank(carol);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidActions.selector, 0, 0, 0));
        gov.proposeExecutable(
            _params(0, VoteMode.Single, 2, 0), new address[](0), new uint256[](0), new bytes[](0)
        );
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidActions.selector, 1, 2, 1));
        gov.proposeExecutable(
            _params(0, VoteMode.Single, 2, 0), new address[](1), new uint256[](2), new bytes[](1)
        );
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalInvalidActions.selector, 1, 1, 2));
        gov.proposeExecutable(
            _params(0, VoteMode.Single, 2, 0), new address[](1), new uint256[](1), new bytes[](2)
        );
        vm.stopPrank();
    }

    function test_proposeExecutable_RevertWhen_BelowThreshold() public {
        gov.setProposalThreshold(10);
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalBelowThreshold.selector, carol, 9, 10)
        );
        vm.prank(carol);
        gov.proposeExecutable(
            _params(0, VoteMode.Single, 2, 0), _targets(), _values(), _calldatas()
        );
    }

    function test_proposeExecutable_RevertWhen_AnonymousWithoutIdentitiesOrUnknownTopic() public {
        vm.startPrank(carol);
        vm.expectRevert(IProposals.ProposalNoIdentities.selector);
        gov.proposeExecutable(
            _params(0, VoteMode.Anonymous, 2, 0), _targets(), _values(), _calldatas()
        );
        vm.expectRevert(
            abi.encodeWithSelector(ILiquidDelegation.DelegationUnknownTopic.selector, 9, 3)
        );
        gov.proposeExecutable(
            _params(9, VoteMode.Single, 2, 0), _targets(), _values(), _calldatas()
        );
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- state machine (polls)

    function test_state_activeThroughDeadline() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _vote(dave, id, 1);
        vm.warp(gov.proposalDeadline(id));
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Active));
        vm.warp(gov.proposalDeadline(id) + 1);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
    }

    function test_state_DefeatedWhenQuorumNotMet() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _vote(alice, id, 1);
        _vote(bob, id, 1); // 5 < 9.2
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    function test_state_quorumBoundaryIsInclusive() public {
        // carol alone has 9 of 46; 9 / 46 >= q exactly when q <= 1956 bps.
        gov.setQuorum(1956);
        vm.warp(_now() + 1);
        uint256 met = _propose(alice, 0, VoteMode.Single, 2, 0);
        gov.setQuorum(1957);
        vm.warp(_now() + 1);
        uint256 missed = _propose(alice, 0, VoteMode.Single, 2, 0);
        assertEq(gov.quorum(met), 9, "ceil(46 * 0.1956) = ceil(8.9976)");
        assertEq(gov.quorum(missed), 10, "ceil(46 * 0.1957) = ceil(9.0022)");
        _vote(carol, met, 0);
        _vote(carol, missed, 0);
        _end(missed);
        assertEq(uint8(gov.state(met)), uint8(ProposalState.Succeeded));
        assertEq(uint8(gov.state(missed)), uint8(ProposalState.Defeated));
    }

    function test_state_exactQuorumMet() public {
        // 9 * 10000 == 2000 * 45 once alice leaves before the snapshot: participation == quorum.
        gov.removeMember(alice);
        vm.warp(_now() + 1);
        uint256 id = _propose(bob, 0, VoteMode.Single, 2, 0);
        assertEq(gov.quorum(id), 9);
        _vote(carol, id, 1);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
    }

    function test_state_DefeatedOnTie() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 3, 0);
        _vote(dave, id, 0);
        _vote(erin, id, 2);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    function test_state_DefeatedWhenAllAbstain() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _vote(dave, id, ABSTAIN);
        _vote(erin, id, ABSTAIN);
        _end(id);
        (,, uint256 participation,) = gov.proposalTally(id);
        assertEq(participation, 32, "quorum is met");
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    function test_state_DefeatedWithoutVotes() public {
        gov.setQuorum(0);
        vm.warp(_now() + 1);
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    function test_state_SucceededWithStrictWinnerAmongZeros() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 3, 0);
        _vote(dave, id, 2);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
    }

    function test_state_abstainCountsTowardsQuorumOnly() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _vote(alice, id, 0);
        _vote(erin, id, ABSTAIN);
        _end(id);
        assertEq(
            uint8(gov.state(id)), uint8(ProposalState.Succeeded), "1 > 0 with 17 participating"
        );
    }

    function test_state_quadraticPoll() public {
        uint256 id = _propose(alice, 0, VoteMode.Quadratic, 2, 0);
        uint32[] memory votes = new uint32[](2);
        votes[1] = 3;
        vm.prank(carol);
        gov.castQuadraticVote(id, votes); // 3e9 of 14e9 >= 20%
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
    }

    function test_state_RevertWhen_ProposalNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 1));
        gov.state(1);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 7));
        gov.proposalSnapshot(7);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 7));
        gov.proposalDeadline(7);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 7));
        gov.proposalProposer(7);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 7));
        gov.proposalConfig(7);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 7));
        gov.quorum(7);
    }

    // ---------------------------------------------------------------- executable proposals

    function test_execute_runsActionsThroughTimelock() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 1);
        _vote(alice, id, 0);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));

        bytes32 salt = keccak256(abi.encode(address(gov), id));
        bytes32 operation = TimelockController(payable(timelock))
            .hashOperationBatch(targets, values, calldatas, bytes32(0), salt);
        uint256 eta = _now() + TIMELOCK_DELAY;
        vm.expectEmit(address(gov));
        emit IProposals.ProposalQueued(id, eta);
        vm.prank(outsider); // anyone may queue
        gov.queue(id, targets, values, calldatas);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Queued));
        assertTrue(TimelockController(payable(timelock)).isOperationPending(operation));
        assertEq(TimelockController(payable(timelock)).getTimestamp(operation), eta);

        vm.warp(eta - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                operation,
                bytes32(uint256(1) << uint8(TimelockController.OperationState.Ready))
            )
        );
        gov.execute{value: 1 ether}(id, targets, values, calldatas);

        vm.warp(eta);
        vm.deal(outsider, 1 ether);
        vm.expectEmit(address(gov));
        emit IProposals.ProposalExecuted(id);
        vm.prank(outsider);
        gov.execute{value: 1 ether}(id, targets, values, calldatas);

        assertEq(uint8(gov.state(id)), uint8(ProposalState.Executed));
        assertTrue(TimelockController(payable(timelock)).isOperationDone(operation));
        assertEq(gov.quorumBps(), 3000, "the timelock called setQuorum");
        assertEq(target.calls(), 1);
        assertEq(target.lastArgument(), 42);
        assertEq(target.lastCaller(), timelock);
        assertEq(target.lastValue(), 1 ether);
        assertEq(address(target).balance, 1 ether);
    }

    function test_execute_RevertWhen_AlreadyExecuted() public {
        (uint256 id, address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _queued();
        vm.warp(_now() + TIMELOCK_DELAY);
        gov.execute{value: 1 ether}(id, targets, values, calldatas);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Executed
            )
        );
        gov.execute{value: 1 ether}(id, targets, values, calldatas);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Executed
            )
        );
        gov.queue(id, targets, values, calldatas);
    }

    function test_execute_RevertWhen_ActionReverts() public {
        address[] memory targets = new address[](1);
        targets[0] = address(target);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(CallTargetMock.fail, (7));
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 1);
        _end(id);
        gov.queue(id, targets, values, calldatas);
        vm.warp(_now() + TIMELOCK_DELAY);
        vm.expectRevert(abi.encodeWithSelector(CallTargetMock.CallTargetFailed.selector, 7));
        gov.execute(id, targets, values, calldatas);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Queued));
    }

    function test_queue_RevertWhen_AlreadyQueued() public {
        (uint256 id, address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _queued();
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Queued
            )
        );
        gov.queue(id, targets, values, calldatas);
    }

    function test_queue_RevertWhen_Active() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Active
            )
        );
        gov.queue(id, targets, values, calldatas);
    }

    function test_queue_RevertWhen_Defeated() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 0);
        _vote(alice, id, 1);
        _end(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Defeated
            )
        );
        gov.queue(id, targets, values, calldatas);
    }

    function test_execute_RevertWhen_NotQueued() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 1);
        _end(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Succeeded
            )
        );
        gov.execute{value: 1 ether}(id, targets, values, calldatas);
    }

    function test_state_executableDefeatedOnTie() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 0);
        _vote(erin, id, 1);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    function test_state_executableDefeatedWhenAllAbstain() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, ABSTAIN);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    function test_state_executableDefeatedWithoutQuorum() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(bob, id, 1);
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    function test_state_executableForBeatsAgainst() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Quadratic, 2, 0), targets, values, calldatas);
        uint32[] memory votes = new uint32[](2);
        (votes[0], votes[1]) = (1, 2);
        vm.prank(dave);
        gov.castQuadraticVote(id, votes); // Against 1e9, For 2e9
        _end(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
    }

    function test_queue_RevertWhen_ActionsMismatch() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 1);
        _end(id);
        bytes[] memory other = new bytes[](2);
        other[0] = calldatas[0];
        other[1] = abi.encodeCall(CallTargetMock.record, (43));
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalActionsMismatch.selector, id));
        gov.queue(id, targets, values, other);
        values[1] = 2 ether;
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalActionsMismatch.selector, id));
        gov.queue(id, targets, values, calldatas);
    }

    function test_execute_RevertWhen_ActionsMismatch() public {
        (uint256 id, address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _queued();
        vm.warp(_now() + TIMELOCK_DELAY);
        targets[1] = address(gov);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalActionsMismatch.selector, id));
        gov.execute{value: 1 ether}(id, targets, values, calldatas);
    }

    function test_queue_RevertWhen_Poll() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _vote(dave, id, 1);
        _end(id);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotExecutable.selector, id));
        gov.queue(id, targets, values, calldatas);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotExecutable.selector, id));
        gov.execute(id, targets, values, calldatas);
    }

    function test_queue_RevertWhen_ProposalNotFound() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 99));
        gov.queue(99, targets, values, calldatas);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 99));
        gov.execute(99, targets, values, calldatas);
    }

    // ---------------------------------------------------------------- cancel

    function test_cancel_byProposerBeforeVotes() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        vm.expectEmit(address(gov));
        emit IProposals.ProposalCanceled(id);
        vm.prank(alice);
        gov.cancel(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Canceled));
        vm.warp(gov.proposalDeadline(id) + 1);
        assertEq(
            uint8(gov.state(id)), uint8(ProposalState.Canceled), "stays canceled after the deadline"
        );
    }

    function test_castVote_RevertWhen_Canceled() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        vm.prank(alice);
        gov.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingProposalCanceled.selector, id));
        _vote(dave, id, 1);
    }

    function test_cancel_RevertWhen_NotProposer() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalOnlyProposer.selector, id, alice));
        vm.prank(bob);
        gov.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalOnlyProposer.selector, id, alice));
        gov.cancel(id); // not even governance
    }

    function test_cancel_RevertWhen_HasVotes() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _vote(bob, id, 1);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalHasVotes.selector, id));
        vm.prank(alice);
        gov.cancel(id);
    }

    function test_cancel_RevertWhen_VoteWasRetracted() public {
        uint256 id = _propose(alice, 0, VoteMode.Quadratic, 2, 0);
        uint32[] memory votes = new uint32[](2);
        vm.prank(bob);
        gov.castQuadraticVote(id, votes);
        vm.prank(bob);
        gov.retractVote(id);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalHasVotes.selector, id));
        vm.prank(alice);
        gov.cancel(id);
    }

    function test_cancel_RevertWhen_AlreadyCanceled() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        vm.prank(alice);
        gov.cancel(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Canceled
            )
        );
        vm.prank(alice);
        gov.cancel(id);
    }

    function test_cancel_RevertWhen_VotingEnded() public {
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        _end(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Defeated
            )
        );
        vm.prank(alice);
        gov.cancel(id);
    }

    function test_cancel_RevertWhen_ProposalNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 5));
        vm.prank(alice);
        gov.cancel(5);
    }

    function test_cancel_executableCannotBeQueued() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(carol);
        uint256 id =
            gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        vm.prank(carol);
        gov.cancel(id);
        _end(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalUnexpectedState.selector, id, ProposalState.Canceled
            )
        );
        gov.queue(id, targets, values, calldatas);
    }

    // ---------------------------------------------------------------- settings

    function test_setVotingPeriod_appliesToLaterProposals() public {
        uint256 before = _propose(alice, 0, VoteMode.Single, 2, 0);
        uint256 beforeDeadline = gov.proposalDeadline(before);
        vm.expectEmit(address(gov));
        emit IProposals.VotingPeriodSet(3 days, 2 hours);
        gov.setVotingPeriod(3 days, 2 hours);
        assertEq(gov.votingPeriod(), 3 days);
        assertEq(gov.minVotingPeriod(), 2 hours);
        assertEq(
            gov.proposalDeadline(before), beforeDeadline, "existing proposals keep their deadline"
        );

        vm.warp(_now() + 1);
        uint256 after_ = _propose(alice, 0, VoteMode.Single, 2, 0);
        assertEq(gov.proposalDeadline(after_), _now() + 3 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalVotingPeriodTooShort.selector, 1 hours, 2 hours
            )
        );
        vm.prank(alice);
        gov.propose(_params(0, VoteMode.Single, 2, 1 hours));
        vm.prank(carol);
        uint256 executable = gov.proposeExecutable(
            _params(0, VoteMode.Single, 2, 0), _targets(), _values(), _calldatas()
        );
        assertEq(gov.proposalDeadline(executable), _now() + 3 days);
    }

    function test_setVotingPeriod_RevertWhen_Invalid() public {
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalInvalidSetting.selector, "minVotingPeriod", 0)
        );
        gov.setVotingPeriod(1 days, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalInvalidSetting.selector, "votingPeriod", 1 hours
            )
        );
        gov.setVotingPeriod(1 hours, 2 hours);
        gov.setVotingPeriod(2 hours, 2 hours);
        assertEq(gov.votingPeriod(), 2 hours);
    }

    function test_setQuorum_appliesOnlyToLaterProposals() public {
        uint256 before = _propose(alice, 0, VoteMode.Single, 2, 0);
        vm.warp(_now() + 1);
        vm.expectEmit(address(gov));
        emit IProposals.QuorumSet(5000);
        gov.setQuorum(5000);
        assertEq(gov.quorumBps(), 5000);
        vm.warp(_now() + 1);
        uint256 after_ = _propose(alice, 0, VoteMode.Single, 2, 0);
        assertEq(gov.quorum(before), 10, "ceil(46 * 20%)");
        assertEq(gov.quorum(after_), 23, "46 * 50%");

        _vote(dave, before, 1);
        _vote(dave, after_, 1);
        _end(after_);
        assertEq(uint8(gov.state(before)), uint8(ProposalState.Succeeded), "16 >= 9.2");
        assertEq(uint8(gov.state(after_)), uint8(ProposalState.Defeated), "16 < 23");
    }

    /// @dev A proposal's quorum is read at its snapshot (creation - 1), like weights and delegations: a quorum
    ///      change in the very block of creation applies from the next proposal on.
    function test_setQuorum_sameBlockAsCreationAppliesFromNextBlock() public {
        gov.setQuorum(5000);
        uint256 id = _propose(alice, 0, VoteMode.Single, 2, 0);
        assertEq(gov.quorum(id), 10);
        vm.warp(_now() + 1);
        assertEq(gov.quorum(_propose(alice, 0, VoteMode.Single, 2, 0)), 23);
    }

    function test_setQuorum_RevertWhen_AboveDenominator() public {
        vm.expectRevert(
            abi.encodeWithSelector(IProposals.ProposalInvalidSetting.selector, "quorumBps", 10_001)
        );
        gov.setQuorum(10_001);
        gov.setQuorum(10_000);
        assertEq(gov.quorumBps(), 10_000);
    }

    function test_setProposalThreshold_setsAndReverts() public {
        vm.expectEmit(address(gov));
        emit IProposals.ProposalThresholdSet(9);
        gov.setProposalThreshold(9);
        assertEq(gov.proposalThreshold(), 9);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalInvalidSetting.selector, "proposalThreshold", 0
            )
        );
        gov.setProposalThreshold(0);
    }

    function test_settings_RevertWhen_CallerNotAdmin() public {
        bytes memory err = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, dave, bytes32(0)
        );
        vm.startPrank(dave);
        vm.expectRevert(err);
        gov.setQuorum(1);
        vm.expectRevert(err);
        gov.setVotingPeriod(2 days, 1 days);
        vm.expectRevert(err);
        gov.setProposalThreshold(2);
        vm.stopPrank();
    }

    function test_settings_timelockIsGovernance() public {
        vm.prank(timelock);
        gov.setQuorum(4200);
        vm.prank(timelock);
        gov.setProposalThreshold(3);
        assertEq(gov.quorumBps(), 4200);
        assertEq(gov.proposalThreshold(), 3);
    }

    // ---------------------------------------------------------------- helpers

    function _params(uint8 topic, VoteMode mode, uint8 optionCount, uint32 period)
        internal
        pure
        returns (ProposalParams memory)
    {
        return ProposalParams({
            topic: topic,
            mode: mode,
            optionCount: optionCount,
            votingPeriod: period,
            metadataHash: keccak256("text"),
            metadataURI: "ipfs://text"
        });
    }

    function _propose(
        address proposer,
        uint8 topic,
        VoteMode mode,
        uint8 optionCount,
        uint32 period
    ) internal returns (uint256 id) {
        vm.prank(proposer);
        id = gov.propose(_params(topic, mode, optionCount, period));
    }

    function _vote(address voter, uint256 id, uint8 option) internal {
        vm.prank(voter);
        gov.castVote(id, option);
    }

    function _end(uint256 id) internal {
        vm.warp(gov.proposalDeadline(id) + 1);
    }

    /// @dev [gov.setQuorum(3000), target.record{value: 1 ether}(42)].
    function _actions()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](2);
        targets[0] = address(gov);
        targets[1] = address(target);
        values = new uint256[](2);
        values[1] = 1 ether;
        calldatas = new bytes[](2);
        calldatas[0] = abi.encodeCall(IGovernanceSettings.setQuorum, (3000));
        calldatas[1] = abi.encodeCall(CallTargetMock.record, (42));
    }

    function _targets() internal view returns (address[] memory targets) {
        (targets,,) = _actions();
    }

    function _values() internal view returns (uint256[] memory values) {
        (, values,) = _actions();
    }

    function _calldatas() internal view returns (bytes[] memory calldatas) {
        (,, calldatas) = _actions();
    }

    function _queued()
        internal
        returns (
            uint256 id,
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas
        )
    {
        (targets, values, calldatas) = _actions();
        vm.prank(carol);
        id = gov.proposeExecutable(_params(0, VoteMode.Single, 2, 0), targets, values, calldatas);
        _vote(dave, id, 1);
        _end(id);
        gov.queue(id, targets, values, calldatas);
    }

    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }
}
