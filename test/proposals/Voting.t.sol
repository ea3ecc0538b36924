// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {IVoting} from "../../contracts/interfaces/IVoting.sol";
import {IProposals} from "../../contracts/interfaces/IProposals.sol";
import {
    Ballot,
    ProposalParams,
    ProposalState,
    VoteMode
} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Public ballots: casting, changing and retracting single-choice and quadratic ballots, batches,
///         every revert, the views, delegation override and snapshot semantics, and a fuzz test against a
///         naive implementation of SPEC.md's tally that walks every member's chain.
contract VotingTest is CommunityFixture {
    uint8 internal constant ABSTAIN = 255;
    uint8 internal constant RETRACT = 254;

    // Weights 1, 4, 9, 16, 25: quadratic masses 1e9 .. 5e9.
    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal carol = _member("carol");
    address internal dave = _member("dave");
    address internal erin = _member("erin");
    address internal frank = _member("frank"); // weight 2: quadratic mass isqrt(2e18) = 1414213562
    address internal outsider = _member("outsider");

    uint256 internal constant TOTAL = 1 + 4 + 9 + 16 + 25 + 2;
    uint256 internal constant FRANK_MASS = 1_414_213_562;
    uint256 internal constant TOTAL_QUADRATIC = 15e9 + FRANK_MASS;

    function setUp() public override {
        super.setUp();
        _addMember(alice, 1);
        _addMember(bob, 4);
        _addMember(carol, 9);
        _addMember(dave, 16);
        _addMember(erin, 25);
        _addMember(frank, 2);
    }

    // ---------------------------------------------------------------- castVote

    function test_castVote_countsOwnWeight() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        vm.expectEmit(address(gov));
        emit IVoting.VoteCast(dave, id, 1);
        _vote(dave, id, 1);

        _assertTally(id, _u(0, 16), 0, 16, TOTAL);
        assertEq(gov.carriedMass(id, dave), 16);
        assertTrue(gov.hasVoted(id, dave));
        assertFalse(gov.hasVoted(id, erin));
        (bool voted, uint8 option, uint32[] memory votes) = gov.ballotOf(id, dave);
        assertTrue(voted);
        assertEq(option, 1);
        assertEq(votes.length, 0);
    }

    function test_castVote_delegateCarriesDelegators() public {
        _delegate(alice, 0, bob);
        _delegate(carol, 0, bob);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(bob, id, 0);
        _assertTally(id, _u(14, 0), 0, 14, TOTAL);
        assertEq(gov.carriedMass(id, bob), 14);
        assertEq(gov.carriedMass(id, alice), 0, "a non-voter carries nothing");
    }

    function test_castVote_overridesDelegate() public {
        _delegate(alice, 0, bob);
        _delegate(carol, 0, bob);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(bob, id, 0);
        _vote(alice, id, 1);
        _assertTally(id, _u(13, 1), 0, 14, TOTAL);
        assertEq(gov.carriedMass(id, bob), 13);
        assertEq(gov.carriedMass(id, alice), 1);
    }

    function test_castVote_resultIndependentOfOrder() public {
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        uint256 first = _newPoll(VoteMode.Single, 3);
        uint256 second = _newPoll(VoteMode.Single, 3);
        _vote(carol, first, 0);
        _vote(bob, first, ABSTAIN);
        _vote(alice, first, 2);
        _vote(alice, second, 2);
        _vote(bob, second, ABSTAIN);
        _vote(carol, second, 0);
        _assertTally(first, _u(9, 0, 1), 4, 14, TOTAL);
        _assertTally(second, _u(9, 0, 1), 4, 14, TOTAL);
        assertEq(gov.carriedMass(first, bob), 4);
        assertEq(gov.carriedMass(second, bob), 4);
    }

    function test_castVote_chainSkipsNonVotingMiddle() public {
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        _delegate(carol, 0, dave);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(dave, id, 0);
        assertEq(gov.carriedMass(id, dave), 30);
        _vote(alice, id, 1);
        assertEq(gov.carriedMass(id, dave), 29);
        _vote(carol, id, 1);
        assertEq(gov.carriedMass(id, carol), 13, "carol takes bob, not alice");
        assertEq(gov.carriedMass(id, dave), 16);
        _assertTally(id, _u(16, 14), 0, 30, TOTAL);
    }

    function test_castVote_changesOption() public {
        _delegate(alice, 0, dave);
        uint256 id = _newPoll(VoteMode.Single, 4);
        _vote(dave, id, 0);
        vm.expectEmit(address(gov));
        emit IVoting.VoteCast(dave, id, 3);
        _vote(dave, id, 3);
        _assertTally(id, _u(0, 0, 0, 17), 0, 17, TOTAL);
        _vote(dave, id, 1); // same word as option 0, different from 3
        _assertTally(id, _u(0, 17, 0, 0), 0, 17, TOTAL);
        _vote(dave, id, 0); // same word
        _assertTally(id, _u(17, 0, 0, 0), 0, 17, TOTAL);
        _vote(dave, id, ABSTAIN);
        _assertTally(id, _u(0, 0, 0, 0), 17, 17, TOTAL);
        _vote(dave, id, 2);
        _assertTally(id, _u(0, 0, 17, 0), 0, 17, TOTAL);
        _vote(dave, id, 2); // unchanged
        _assertTally(id, _u(0, 0, 17, 0), 0, 17, TOTAL);
        (, uint8 option,) = gov.ballotOf(id, dave);
        assertEq(option, 2);
    }

    function test_castVote_changeKeepsWhatDelegatorsGaveSince() public {
        _delegate(alice, 0, dave);
        _delegate(bob, 0, dave);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(dave, id, 0);
        _vote(alice, id, 0);
        _vote(dave, id, 1);
        _assertTally(id, _u(1, 20), 0, 21, TOTAL);
        _retract(alice, id);
        _assertTally(id, _u(0, 21), 0, 21, TOTAL);
    }

    function test_castVote_abstainCountsForParticipation() public {
        _delegate(alice, 0, erin);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(erin, id, ABSTAIN);
        _assertTally(id, _u(0, 0), 26, 26, TOTAL);
        (bool voted, uint8 option,) = gov.ballotOf(id, erin);
        assertTrue(voted);
        assertEq(option, ABSTAIN);
    }

    function test_castVote_largestOptionOfThirtyTwo() public {
        uint256 id = _newPoll(VoteMode.Single, 32);
        _vote(erin, id, 31);
        (uint256[] memory tallies,,,) = gov.proposalTally(id);
        assertEq(tallies.length, 32);
        assertEq(tallies[31], 25);
        _vote(dave, id, 30);
        (tallies,,,) = gov.proposalTally(id);
        assertEq(tallies[30], 16);
        assertEq(tallies[31], 25);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidOption.selector, id, 32, 32));
        _vote(carol, id, 32);
    }

    function test_castVote_usesTheProposalsTopic() public {
        _delegate(alice, 1, dave);
        _delegate(bob, 0, dave);
        uint256 general = _newPoll(VoteMode.Single, 2);
        uint256 budget = _poll(alice, 1, VoteMode.Single, 2);
        _vote(dave, general, 0);
        _vote(dave, budget, 1);
        assertEq(gov.carriedMass(general, dave), 20);
        assertEq(gov.carriedMass(budget, dave), 17);
    }

    function test_castVote_proposalsAreIndependent() public {
        uint256 first = _newPoll(VoteMode.Single, 2);
        uint256 second = _newPoll(VoteMode.Single, 2);
        _vote(erin, first, 1);
        _assertTally(second, _u(0, 0), 0, 0, TOTAL);
        assertFalse(gov.hasVoted(second, erin));
    }

    // ---------------------------------------------------------------- retractVote

    function test_retractVote_returnsMassToDelegate() public {
        _delegate(alice, 0, bob);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(bob, id, 0);
        _vote(alice, id, 1);
        vm.expectEmit(address(gov));
        emit IVoting.VoteRetracted(alice, id);
        _retract(alice, id);

        _assertTally(id, _u(5, 0), 0, 5, TOTAL);
        assertEq(gov.carriedMass(id, bob), 5);
        assertEq(gov.carriedMass(id, alice), 0);
        assertFalse(gov.hasVoted(id, alice));
        (bool voted, uint8 option, uint32[] memory votes) = gov.ballotOf(id, alice);
        assertFalse(voted);
        assertEq(option, 0);
        assertEq(votes.length, 0);
    }

    function test_retractVote_withoutVoterAboveLowersParticipation() public {
        _delegate(alice, 0, bob);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(bob, id, 1);
        _retract(bob, id);
        _assertTally(id, _u(0, 0), 0, 0, TOTAL);
        _vote(alice, id, 0);
        _assertTally(id, _u(1, 0), 0, 1, TOTAL);
    }

    function test_retractVote_thenRecast() public {
        _delegate(alice, 0, bob);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(bob, id, 1);
        _retract(bob, id);
        _vote(bob, id, 0);
        _assertTally(id, _u(5, 0), 0, 5, TOTAL);
        assertTrue(gov.hasVoted(id, bob));
    }

    function test_retractVote_middleVoterHandsEverythingUp() public {
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        uint256 id = _newPoll(VoteMode.Single, 3);
        _vote(carol, id, 0);
        _vote(bob, id, 1);
        _vote(alice, id, 2);
        _assertTally(id, _u(9, 4, 1), 0, 14, TOTAL);
        _retract(bob, id);
        _assertTally(id, _u(13, 0, 1), 0, 14, TOTAL);
        assertEq(gov.carriedMass(id, carol), 13);
        _retract(alice, id);
        _assertTally(id, _u(14, 0, 0), 0, 14, TOTAL);
        _vote(bob, id, 1);
        _assertTally(id, _u(9, 5, 0), 0, 14, TOTAL);
    }

    // ---------------------------------------------------------------- quadratic

    function test_castQuadraticVote_aloneContributesVotesTimes1e9() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        vm.expectEmit(address(gov));
        emit IVoting.QuadraticVoteCast(dave, id, _v(1, 3));
        _qvote(dave, id, _v(1, 3));
        _assertTally(id, _u(1e9, 3e9), 0, 4e9, TOTAL_QUADRATIC);
        assertEq(gov.carriedMass(id, dave), 4e9);
        (bool voted, uint8 option, uint32[] memory votes) = gov.ballotOf(id, dave);
        assertTrue(voted);
        assertEq(option, 0);
        assertEq(votes.length, 2);
        assertEq(votes[0], 1);
        assertEq(votes[1], 3);
    }

    function test_castQuadraticVote_delegatorsFollowScaled() public {
        _delegate(alice, 0, dave);
        _delegate(bob, 0, dave);
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        _qvote(dave, id, _v(2, 3));
        // R = 1e9 + 2e9 + 4e9, r = 4e9: 2 * 7/4 and 3 * 7/4 votes.
        _assertTally(id, _u(3_500_000_000, 5_250_000_000), 0, 7e9, TOTAL_QUADRATIC);
    }

    function test_castQuadraticVote_floorsPerVoter() public {
        _delegate(alice, 0, frank);
        _delegate(bob, 0, frank);
        uint256 id = _newPoll(VoteMode.Quadratic, 3);
        _qvote(frank, id, _v(1, 0, 1));
        uint256 carried = FRANK_MASS + 3e9;
        uint256 each = carried * 1e9 / FRANK_MASS; // floor(1 * R * 1e9 / r)
        assertEq(each, 3_121_320_344, "floor((1414213562 + 3e9) * 1e9 / 1414213562)");
        _assertTally(id, _u(each, 0, each), 0, carried, TOTAL_QUADRATIC);

        // Alice votes herself: frank's share is floored again on the smaller mass.
        _qvote(alice, id, _v(0, 1, 0));
        uint256 frankEach = (FRANK_MASS + 2e9) * 1e9 / FRANK_MASS;
        _assertTally(id, _u(frankEach, 1e9, frankEach), 0, carried, TOTAL_QUADRATIC);
    }

    function test_castQuadraticVote_allZerosAbstains() public {
        _delegate(alice, 0, erin);
        uint256 id = _newPoll(VoteMode.Quadratic, 3);
        _qvote(erin, id, _v(0, 0, 0));
        _assertTally(id, _u(0, 0, 0), 6e9, 6e9, TOTAL_QUADRATIC);
        // A delegator voting leaves the abstainer with less.
        _qvote(alice, id, _v(1, 0, 0));
        _assertTally(id, _u(1e9, 0, 0), 5e9, 6e9, TOTAL_QUADRATIC);
    }

    function test_castQuadraticVote_change() public {
        _delegate(alice, 0, dave);
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        _qvote(dave, id, _v(1, 3));
        _qvote(dave, id, _v(3, 1));
        // R = 5e9, r = 4e9.
        _assertTally(id, _u(3_750_000_000, 1_250_000_000), 0, 5e9, TOTAL_QUADRATIC);
        _qvote(dave, id, _v(0, 0));
        _assertTally(id, _u(0, 0), 5e9, 5e9, TOTAL_QUADRATIC);
        _qvote(dave, id, _v(0, 4));
        _assertTally(id, _u(0, 5e9), 0, 5e9, TOTAL_QUADRATIC);
    }

    function test_castQuadraticVote_spendsAllCredits() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 3);
        _qvote(erin, id, _v(3, 4, 0)); // 9 + 16 = 25
        _assertTally(id, _u(3e9, 4e9, 0), 0, 5e9, TOTAL_QUADRATIC);
    }

    function test_castQuadraticVote_thirtyTwoOptions() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 32);
        uint32[] memory votes = new uint32[](32);
        votes[0] = 1;
        votes[9] = 2;
        votes[31] = 4;
        _qvote(erin, id, votes); // 1 + 4 + 16 = 21
        (uint256[] memory tallies,, uint256 participation,) = gov.proposalTally(id);
        assertEq(tallies[0], 1e9);
        assertEq(tallies[9], 2e9);
        assertEq(tallies[31], 4e9);
        assertEq(tallies[8], 0);
        assertEq(participation, 5e9);
        (,, uint32[] memory stored) = gov.ballotOf(id, erin);
        assertEq(stored.length, 32);
        assertEq(stored[31], 4);
        assertEq(stored[9], 2);
    }

    function test_retractVote_quadraticReturnsMassToDelegate() public {
        _delegate(alice, 0, dave);
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        _qvote(dave, id, _v(0, 4));
        _qvote(alice, id, _v(1, 0));
        _assertTally(id, _u(1e9, 4e9), 0, 5e9, TOTAL_QUADRATIC);
        _retract(alice, id);
        _assertTally(id, _u(0, 5e9), 0, 5e9, TOTAL_QUADRATIC);
        (bool voted,, uint32[] memory votes) = gov.ballotOf(id, alice);
        assertFalse(voted);
        assertEq(votes.length, 0);
        _retract(dave, id);
        _assertTally(id, _u(0, 0), 0, 0, TOTAL_QUADRATIC);
        // Re-casting starts from a clean vector.
        _qvote(alice, id, _v(0, 1));
        _assertTally(id, _u(0, 1e9), 0, 1e9, TOTAL_QUADRATIC);
    }

    // ---------------------------------------------------------------- castVotes

    function test_castVotes_mixedProposals() public {
        uint256 single = _newPoll(VoteMode.Single, 2);
        uint256 quadratic = _newPoll(VoteMode.Quadratic, 2);
        uint256 third = _newPoll(VoteMode.Single, 3);
        _vote(dave, third, 2);

        Ballot[] memory ballots = new Ballot[](3);
        ballots[0] = Ballot({proposalId: single, option: 1, votes: new uint32[](0)});
        ballots[1] = Ballot({proposalId: quadratic, option: 0, votes: _v(2, 2)});
        ballots[2] = Ballot({proposalId: third, option: RETRACT, votes: new uint32[](0)});
        vm.expectEmit(address(gov));
        emit IVoting.VoteCast(dave, single, 1);
        vm.expectEmit(address(gov));
        emit IVoting.QuadraticVoteCast(dave, quadratic, _v(2, 2));
        vm.expectEmit(address(gov));
        emit IVoting.VoteRetracted(dave, third);
        vm.prank(dave);
        gov.castVotes(ballots);

        _assertTally(single, _u(0, 16), 0, 16, TOTAL);
        _assertTally(quadratic, _u(2e9, 2e9), 0, 4e9, TOTAL_QUADRATIC);
        _assertTally(third, _u(0, 0, 0), 0, 0, TOTAL);
        assertFalse(gov.hasVoted(third, dave));
    }

    function test_castVotes_abstainAndChangeInOneBatch() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        Ballot[] memory ballots = new Ballot[](2);
        ballots[0] = Ballot({proposalId: id, option: ABSTAIN, votes: new uint32[](0)});
        ballots[1] = Ballot({proposalId: id, option: 1, votes: new uint32[](0)});
        vm.prank(erin);
        gov.castVotes(ballots);
        _assertTally(id, _u(0, 25), 0, 25, TOTAL);
    }

    function test_castVotes_RevertWhen_EmptyBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingEmptyBatch.selector));
        vm.prank(dave);
        gov.castVotes(new Ballot[](0));
    }

    function test_castVotes_RevertWhen_QuadraticBallotOnSingleProposal() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = Ballot({proposalId: id, option: 0, votes: _v(1, 1)});
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        vm.prank(dave);
        gov.castVotes(ballots);
    }

    function test_castVotes_RevertWhen_SingleBallotOnQuadraticProposal() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = Ballot({proposalId: id, option: 1, votes: new uint32[](0)});
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        vm.prank(dave);
        gov.castVotes(ballots);
    }

    function test_castVotes_RevertWhen_QuadraticBallotHasOption() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = Ballot({proposalId: id, option: 1, votes: _v(1, 1)});
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        vm.prank(dave);
        gov.castVotes(ballots);
    }

    function test_castVotes_RevertWhen_RetractWithoutBallot() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = Ballot({proposalId: id, option: RETRACT, votes: new uint32[](0)});
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingNoBallot.selector, dave, id));
        vm.prank(dave);
        gov.castVotes(ballots);
    }

    function test_castVotes_RevertWhen_LaterBallotFailsRollsBackEarlier() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        Ballot[] memory ballots = new Ballot[](2);
        ballots[0] = Ballot({proposalId: id, option: 0, votes: new uint32[](0)});
        ballots[1] = Ballot({proposalId: id, option: 5, votes: new uint32[](0)});
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidOption.selector, id, 5, 2));
        vm.prank(dave);
        gov.castVotes(ballots);
        assertFalse(gov.hasVoted(id, dave));
    }

    // ---------------------------------------------------------------- reverts

    function test_castVote_acceptedAtDeadline() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        uint256 deadline = gov.proposalDeadline(id);
        assertEq(deadline, _now() + 7 days);
        vm.warp(deadline);
        _vote(dave, id, 1);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Active));
        _vote(dave, id, 0);
        _retract(dave, id);
        _vote(dave, id, 1);
        assertTrue(gov.hasVoted(id, dave));
    }

    function test_castVote_RevertWhen_AfterDeadline() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        uint48 deadline = uint48(gov.proposalDeadline(id));
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _vote(dave, id, 1);
    }

    function test_castVote_RevertWhen_ChangingAfterDeadline() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        uint48 deadline = uint48(gov.proposalDeadline(id));
        _vote(dave, id, 1);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _vote(dave, id, 0);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _retract(dave, id);
        _assertTally(id, _u(0, 16), 0, 16, TOTAL);
    }

    function test_castQuadraticVote_RevertWhen_AfterDeadline() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        uint48 deadline = uint48(gov.proposalDeadline(id));
        _qvote(dave, id, _v(1, 1));
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _qvote(erin, id, _v(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _qvote(dave, id, _v(2, 2));
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _retract(dave, id);
    }

    function test_castVote_RevertWhen_CustomPeriodOver() public {
        vm.warp(_now() + 1);
        vm.prank(alice);
        uint256 id = gov.propose(_params(VoteMode.Single, 2, 2 hours));
        uint48 deadline = uint48(gov.proposalDeadline(id));
        assertEq(deadline, _now() + 2 hours);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _vote(dave, id, 1);
    }

    function test_castVote_RevertWhen_MemberAddedInCreationBlock() public {
        vm.warp(_now() + 1);
        uint256 id = _poll(alice, 0, VoteMode.Single, 2);
        _addMember(outsider, 3);
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, outsider, id)
        );
        _vote(outsider, id, 1);
    }

    function test_castVote_RevertWhen_MemberAddedAfterCreation() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        vm.warp(_now() + 1);
        _addMember(outsider, 3);
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, outsider, id)
        );
        _vote(outsider, id, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, outsider, id)
        );
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = Ballot({proposalId: id, option: 0, votes: new uint32[](0)});
        vm.prank(outsider);
        gov.castVotes(ballots);
    }

    function test_castQuadraticVote_RevertWhen_NotMemberAtSnapshot() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, outsider, id)
        );
        _qvote(outsider, id, _v(0, 0));
    }

    function test_castVote_RevertWhen_RemovedBeforeSnapshot() public {
        gov.removeMember(carol);
        uint256 id = _newPoll(VoteMode.Single, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, carol, id)
        );
        _vote(carol, id, 1);
    }

    function test_castVote_RevertWhen_InvalidOption() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidOption.selector, id, 2, 2));
        _vote(dave, id, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingInvalidOption.selector, id, RETRACT, 2)
        );
        _vote(dave, id, RETRACT);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidOption.selector, id, 253, 2));
        _vote(dave, id, 253);
        _vote(dave, id, 0);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidOption.selector, id, 2, 2));
        _vote(dave, id, 2);
    }

    function test_castQuadraticVote_RevertWhen_InvalidVoteCount() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidVoteCount.selector, id, 3, 2));
        _qvote(dave, id, _v(1, 1, 1));
        uint32[] memory one = new uint32[](1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidVoteCount.selector, id, 1, 2));
        _qvote(dave, id, one);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidVoteCount.selector, id, 0, 2));
        _qvote(dave, id, new uint32[](0));
        _qvote(dave, id, _v(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidVoteCount.selector, id, 3, 2));
        _qvote(dave, id, _v(1, 1, 1));
    }

    function test_castQuadraticVote_RevertWhen_CreditsExceeded() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingQuadraticCreditsExceeded.selector, dave, 17, 16)
        );
        _qvote(dave, id, _v(4, 1));
        _qvote(dave, id, _v(4, 0));
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingQuadraticCreditsExceeded.selector, dave, 20, 16)
        );
        _qvote(dave, id, _v(4, 2));
        // uint32 entries cannot overflow the cost.
        uint32 max = type(uint32).max;
        uint256 huge = uint256(max) * max * 2;
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingQuadraticCreditsExceeded.selector, dave, huge, 16)
        );
        _qvote(dave, id, _v(max, max));
    }

    function test_castQuadraticVote_RevertWhen_CreditsExceedSnapshotWeight() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        gov.setWeight(dave, 100); // after the snapshot
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingQuadraticCreditsExceeded.selector, dave, 25, 16)
        );
        _qvote(dave, id, _v(5, 0));
    }

    function test_castVote_RevertWhen_WrongMode() public {
        uint256 single = _newPoll(VoteMode.Single, 2);
        uint256 quadratic = _newPoll(VoteMode.Quadratic, 2);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, quadratic));
        _vote(dave, quadratic, 0);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, single));
        _qvote(dave, single, _v(1, 1));
        // Also once a ballot exists.
        _vote(dave, single, 0);
        _qvote(erin, quadratic, _v(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, single));
        _qvote(dave, single, _v(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, quadratic));
        _vote(erin, quadratic, 0);
    }

    function test_retractVote_RevertWhen_NoBallot() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingNoBallot.selector, dave, id));
        _retract(dave, id);
        _vote(dave, id, 0);
        _retract(dave, id);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingNoBallot.selector, dave, id));
        _retract(dave, id);
    }

    function test_castVote_RevertWhen_ProposalNotFound() public {
        _newPoll(VoteMode.Single, 2);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 2));
        _vote(dave, 2, 0);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 0));
        _vote(dave, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 99));
        _qvote(dave, 99, _v(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 99));
        gov.proposalTally(99);
    }

    function test_castVote_RevertWhen_ProposalIdBeyondUint64() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        // An id that would alias proposal `id`'s ballot keys if it were shifted without a guard.
        uint256 alias_ = id + (uint256(1) << 96);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, alias_));
        _vote(dave, alias_, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProposals.ProposalNotFound.selector, uint256(type(uint64).max) + 1
            )
        );
        _vote(dave, uint256(type(uint64).max) + 1, 0);
    }

    // ---------------------------------------------------------------- snapshot semantics

    function test_castVote_delegationChangeAfterSnapshotIgnored() public {
        _delegate(alice, 0, bob);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _delegate(alice, 0, carol); // same block as creation
        _delegate(dave, 0, bob);
        vm.warp(_now() + 1);
        _delegate(erin, 0, bob);
        _vote(bob, id, 0);
        _vote(carol, id, 1);
        assertEq(
            gov.carriedMass(id, bob), 5, "bob carries alice as of the snapshot, and nobody else"
        );
        assertEq(gov.carriedMass(id, carol), 9);
        // A later proposal sees the new graph.
        uint256 later = _newPoll(VoteMode.Single, 2);
        _vote(bob, later, 0);
        assertEq(gov.carriedMass(later, bob), 4 + 16 + 25);
    }

    function test_castVote_weightChangeAfterSnapshotIgnored() public {
        _delegate(alice, 0, bob);
        uint256 id = _newPoll(VoteMode.Single, 2);
        gov.setWeight(alice, 100);
        gov.setWeight(bob, 50);
        _addMember(outsider, 1000);
        _vote(bob, id, 1);
        assertEq(gov.carriedMass(id, bob), 5);
        _assertTally(id, _u(0, 5), 0, 5, TOTAL);
    }

    function test_castVote_removedAfterSnapshotVotesWithSnapshotWeight() public {
        _delegate(alice, 0, carol);
        uint256 id = _newPoll(VoteMode.Single, 2);
        gov.removeMember(carol);
        assertFalse(gov.isMember(carol));
        _vote(carol, id, 1);
        assertEq(gov.carriedMass(id, carol), 10);
        _assertTally(id, _u(0, 10), 0, 10, TOTAL);
        _retract(carol, id);
        _vote(carol, id, 0);
        _assertTally(id, _u(10, 0), 0, 10, TOTAL);
    }

    function test_castQuadraticVote_removedAfterSnapshotVotesWithSnapshotWeight() public {
        uint256 id = _newPoll(VoteMode.Quadratic, 2);
        gov.removeMember(erin);
        _qvote(erin, id, _v(3, 4));
        _assertTally(id, _u(3e9, 4e9), 0, 5e9, TOTAL_QUADRATIC);
    }

    function test_castVote_delegatorsOfRemovedMemberStopThere() public {
        _delegate(alice, 0, carol);
        _delegate(carol, 0, dave);
        gov.removeMember(carol);
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(dave, id, 0);
        assertEq(gov.carriedMass(id, dave), 16);
        _assertTally(id, _u(16, 0), 0, 16, TOTAL - 9);
        _vote(alice, id, 1);
        assertEq(gov.carriedMass(id, alice), 1);
        _assertTally(id, _u(16, 1), 0, 17, TOTAL - 9);
    }

    function test_castVote_sameBlockAsCreationCounts() public {
        uint256 id = _newPoll(VoteMode.Single, 2);
        _vote(dave, id, 1); // creation block: voting is open from creation
        assertEq(gov.carriedMass(id, dave), 16);
    }

    // ---------------------------------------------------------------- fuzz against the naive tally

    struct Scenario {
        address[] accounts;
        uint64[] weights; // at the snapshot
        uint256[] parent; // index + 1 of the delegate at the snapshot, 0 for none
        bool quadratic;
        uint8 optionCount;
        uint256 proposalId;
        uint256 otherMass; // the fixture's members, who neither delegate nor vote here
    }

    struct Ballots {
        bool[] has;
        uint8[] option;
        uint32[][] votes;
    }

    /// @dev A random forest (<= 16 members, weights 1..1000, chains <= 8 edges), a random proposal (Single or
    ///      Quadratic, 2..32 options), changes after the snapshot that must not matter, then random ballots,
    ///      changes, abstentions, retractions and rejected ballots; after every action the live tally and every
    ///      member's carried mass equal the naive tally, and at the end the outcome follows from it.
    /// forge-config: default.fuzz.runs = 128
    function testFuzz_castVote_matchesNaiveTally(
        uint256 seed,
        uint256 memberCount,
        bool quadratic,
        uint256 actions
    ) public {
        Scenario memory scenario = _randomScenario(seed, bound(memberCount, 2, 16), quadratic);
        uint256 n = scenario.accounts.length;
        Ballots memory ballots =
            Ballots({has: new bool[](n), option: new uint8[](n), votes: new uint32[][](n)});
        actions = bound(actions, 1, 30);
        for (uint256 a; a < actions; ++a) {
            _randomAction(scenario, ballots, uint256(keccak256(abi.encode(seed, "action", a))));
            _assertMatchesNaive(scenario, ballots);
        }

        vm.warp(gov.proposalDeadline(scenario.proposalId) + 1);
        _assertMatchesNaive(scenario, ballots);
        (uint256[] memory tallies,, uint256 participation, uint256 totalMass,) =
            _naiveTally(scenario, ballots);
        bool quorum = participation * 10_000 >= 2000 * totalMass;
        uint256 best;
        bool tie;
        for (uint256 i; i < tallies.length; ++i) {
            if (tallies[i] > best) (best, tie) = (tallies[i], false);
            else if (tallies[i] == best) tie = true;
        }
        ProposalState expected =
            quorum && best != 0 && !tie ? ProposalState.Succeeded : ProposalState.Defeated;
        assertEq(uint8(gov.state(scenario.proposalId)), uint8(expected), "outcome");
    }

    function _randomScenario(uint256 seed, uint256 n, bool quadratic)
        internal
        returns (Scenario memory scenario)
    {
        scenario.accounts = new address[](n);
        scenario.weights = new uint64[](n);
        scenario.parent = new uint256[](n);
        scenario.quadratic = quadratic;
        scenario.otherMass = quadratic ? TOTAL_QUADRATIC : TOTAL;
        uint256[] memory depth = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "member", i)));
            scenario.accounts[i] = _member(string.concat("voter", vm.toString(i)));
            scenario.weights[i] = uint64(bound(r, 1, 1000));
            _addMember(scenario.accounts[i], scenario.weights[i]);
            // Three in four delegate to an earlier member whose chain leaves room for one more edge.
            if (i != 0 && (r >> 64) % 4 != 0) {
                uint256 j = (r >> 72) % i;
                if (depth[j] < 8) {
                    _delegate(scenario.accounts[i], 0, scenario.accounts[j]);
                    scenario.parent[i] = j + 1;
                    depth[i] = depth[j] + 1;
                }
            }
        }
        uint256 s = uint256(keccak256(abi.encode(seed, "proposal")));
        scenario.optionCount = uint8(s % 4 == 0 ? bound(s >> 8, 2, 32) : bound(s >> 8, 2, 4));
        vm.warp(_now() + 1);
        scenario.proposalId =
            _poll(alice, 0, quadratic ? VoteMode.Quadratic : VoteMode.Single, scenario.optionCount);

        // After the snapshot (in the creation block and later): none of this may change the tally.
        address a = scenario.accounts[(s >> 16) % n];
        address b = scenario.accounts[(s >> 24) % n];
        _delegate(a, 0, address(0));
        gov.setWeight(b, uint64(bound(s >> 32, 1, 5000)));
        vm.warp(_now() + 1 + (s >> 48) % 1000);
        if ((s >> 64) % 2 == 0) gov.removeMember(scenario.accounts[(s >> 72) % n]);
        if ((s >> 80) % 2 == 0) _addMember(outsider, 77);
    }

    function _randomAction(Scenario memory scenario, Ballots memory ballots, uint256 r) internal {
        uint256 i = r % scenario.accounts.length;
        address voter = scenario.accounts[i];
        uint256 kind = (r >> 8) % 8;
        uint256 id = scenario.proposalId;
        if (kind == 0) {
            if (!ballots.has[i]) {
                vm.expectRevert(abi.encodeWithSelector(IVoting.VotingNoBallot.selector, voter, id));
                _retract(voter, id);
            } else {
                _retract(voter, id);
                ballots.has[i] = false;
            }
            return;
        }
        if (!scenario.quadratic) {
            uint8 option = (r >> 16) % 6 == 0 ? ABSTAIN : uint8((r >> 24) % scenario.optionCount);
            if (kind == 1) {
                option = scenario.optionCount + uint8((r >> 32) % (253 - scenario.optionCount));
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IVoting.VotingInvalidOption.selector, id, option, scenario.optionCount
                    )
                );
                _vote(voter, id, option);
                return;
            }
            _vote(voter, id, option);
            (ballots.has[i], ballots.option[i]) = (true, option);
            return;
        }
        uint64 credits = scenario.weights[i];
        uint32[] memory votes = new uint32[](scenario.optionCount);
        if (kind == 1) {
            uint256 over = _isqrt(credits) + 1 + (r >> 16) % 3;
            votes[(r >> 24) % scenario.optionCount] = uint32(over);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IVoting.VotingQuadraticCreditsExceeded.selector, voter, over * over, credits
                )
            );
            _qvote(voter, id, votes);
            return;
        }
        if (kind != 2) {
            // kind 2 abstains with all zeros; otherwise spend a random part of the credits.
            uint256 remaining = credits;
            for (uint256 k; k < votes.length; ++k) {
                uint256 rk = uint256(keccak256(abi.encode(r, k)));
                if (rk % 2 == 0) continue;
                uint256 v = (rk >> 8) % (_isqrt(remaining) + 1);
                votes[k] = uint32(v);
                remaining -= v * v;
            }
        }
        _qvote(voter, id, votes);
        (ballots.has[i], ballots.votes[i]) = (true, votes);
    }

    /// @dev SPEC.md's tally, literally: each member's target is the first member of its snapshot chain with a
    ///      ballot; a voter carries the masses of everyone targeting them; floors are per voter.
    function _naiveTally(Scenario memory scenario, Ballots memory ballots)
        internal
        pure
        returns (
            uint256[] memory tallies,
            uint256 abstain,
            uint256 participation,
            uint256 totalMass,
            uint256[] memory carried
        )
    {
        uint256 n = scenario.accounts.length;
        uint256[] memory mass = new uint256[](n);
        carried = new uint256[](n);
        totalMass = scenario.otherMass;
        for (uint256 m; m < n; ++m) {
            mass[m] = scenario.quadratic
                ? _isqrt(uint256(scenario.weights[m]) * 1e18)
                : scenario.weights[m];
            totalMass += mass[m];
            for (uint256 current = m + 1; current != 0; current = scenario.parent[current - 1]) {
                if (ballots.has[current - 1]) {
                    carried[current - 1] += mass[m];
                    break;
                }
            }
        }
        tallies = new uint256[](scenario.optionCount);
        for (uint256 d; d < n; ++d) {
            if (!ballots.has[d]) continue;
            participation += carried[d];
            if (!scenario.quadratic) {
                if (ballots.option[d] == ABSTAIN) abstain += carried[d];
                else tallies[ballots.option[d]] += carried[d];
                continue;
            }
            bool any;
            for (uint256 k; k < scenario.optionCount; ++k) {
                uint256 v = ballots.votes[d][k];
                if (v == 0) continue;
                any = true;
                tallies[k] += v * carried[d] * 1e9 / mass[d];
            }
            if (!any) abstain += carried[d];
        }
    }

    function _assertMatchesNaive(Scenario memory scenario, Ballots memory ballots) internal view {
        (
            uint256[] memory tallies,
            uint256 abstain,
            uint256 participation,
            uint256 totalMass,
            uint256[] memory carried
        ) = _naiveTally(scenario, ballots);
        _assertTally(scenario.proposalId, tallies, abstain, participation, totalMass);
        for (uint256 m; m < scenario.accounts.length; ++m) {
            assertEq(
                gov.carriedMass(scenario.proposalId, scenario.accounts[m]),
                carried[m],
                "carried mass"
            );
            assertEq(
                gov.hasVoted(scenario.proposalId, scenario.accounts[m]), ballots.has[m], "hasVoted"
            );
        }
    }

    // ---------------------------------------------------------------- helpers

    function _newPoll(VoteMode mode, uint8 optionCount) internal returns (uint256 id) {
        vm.warp(_now() + 1);
        id = _poll(alice, 0, mode, optionCount);
    }

    function _params(VoteMode mode, uint8 optionCount, uint32 period)
        internal
        pure
        returns (ProposalParams memory)
    {
        return ProposalParams({
            topic: 0,
            mode: mode,
            optionCount: optionCount,
            votingPeriod: period,
            metadataHash: bytes32(0),
            metadataURI: ""
        });
    }

    function _vote(address voter, uint256 id, uint8 option) internal {
        vm.prank(voter);
        gov.castVote(id, option);
    }

    function _qvote(address voter, uint256 id, uint32[] memory votes) internal {
        vm.prank(voter);
        gov.castQuadraticVote(id, votes);
    }

    function _retract(address voter, uint256 id) internal {
        vm.prank(voter);
        gov.retractVote(id);
    }

    function _assertTally(
        uint256 id,
        uint256[] memory expectedTallies,
        uint256 expectedAbstain,
        uint256 expectedParticipation,
        uint256 expectedTotal
    ) internal view {
        (uint256[] memory tallies, uint256 abstain, uint256 participation, uint256 totalMass) =
            gov.proposalTally(id);
        assertEq(tallies.length, expectedTallies.length, "option count");
        for (uint256 i; i < tallies.length; ++i) {
            assertEq(tallies[i], expectedTallies[i], string.concat("tally ", vm.toString(i)));
        }
        assertEq(abstain, expectedAbstain, "abstain");
        assertEq(participation, expectedParticipation, "participation");
        assertEq(totalMass, expectedTotal, "total mass");
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

    function _u(uint256 a, uint256 b) internal pure returns (uint256[] memory values) {
        values = new uint256[](2);
        (values[0], values[1]) = (a, b);
    }

    function _u(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory values) {
        values = new uint256[](3);
        (values[0], values[1], values[2]) = (a, b, c);
    }

    function _u(uint256 a, uint256 b, uint256 c, uint256 d)
        internal
        pure
        returns (uint256[] memory values)
    {
        values = new uint256[](4);
        (values[0], values[1], values[2], values[3]) = (a, b, c, d);
    }

    function _v(uint32 a, uint32 b) internal pure returns (uint32[] memory votes) {
        votes = new uint32[](2);
        (votes[0], votes[1]) = (a, b);
    }

    function _v(uint32 a, uint32 b, uint32 c) internal pure returns (uint32[] memory votes) {
        votes = new uint32[](3);
        (votes[0], votes[1], votes[2]) = (a, b, c);
    }
}
