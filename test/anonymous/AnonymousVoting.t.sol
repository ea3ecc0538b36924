// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AnonymousFixture} from "./AnonymousFixture.sol";
import {IAnonymousVoting} from "../../contracts/interfaces/IAnonymousVoting.sol";
import {IProposals} from "../../contracts/interfaces/IProposals.sol";
import {IVoting} from "../../contracts/interfaces/IVoting.sol";
import {
    AnonymousProof,
    Ballot,
    ProposalState,
    VoteMode
} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Anonymous ballots with real Semaphore proofs (fixtures/proofs.json): counting, replacing and
///         retracting, the order of a nullifier's ballots (the sequence in the message), every check a
///         proof goes through (scope, recorded root, message, depth, the Groth16 verification), who can
///         vote on which proposal as the group changes, and the proposal's state with a quorum over
///         identities. Every call goes through the community's proxy.
/// @dev A proof's message is `sequence << 8 | option`; the fixture's proofs carry sequence 1 unless their
///      name ends in `_s<sequence>`.
contract AnonymousVotingTest is AnonymousFixture {
    /// Identities in the base group (ivan, a member, has none).
    uint256 internal constant IDENTITIES = 6;
    /// ceil(20% of 6).
    uint256 internal constant QUORUM = 2;

    function setUp() public override {
        super.setUp();
        _addMembers();
        _registerBaseGroup();
        (uint256 root,,, uint256 identities) = gov.identityGroup();
        assertEq(root, _root("base"), "the base group's root differs from the generator's");
        assertEq(identities, IDENTITIES);
    }

    // ---------------------------------------------------------------- proposing

    function test_propose_recordsGroup() public {
        vm.expectEmit(address(gov));
        emit IProposals.ProposalGroupRecorded(1, _root("base"), IDENTITIES);
        uint256 id = _anonymousPoll(3);

        (uint256 root, uint256 identities) = gov.proposalGroup(id);
        assertEq(root, _root("base"));
        assertEq(identities, IDENTITIES, "identities, not members (ivan has none)");
        assertEq(gov.memberCount(), 7);
        assertEq(gov.anonymousScope(id), _scope(id));
        assertEq(gov.anonymousScope(id), _proof("p1_alice_0").scope, "the generator's scope");
        assertEq(gov.quorum(id), QUORUM);
        _assertTally(id, _u(0, 0, 0), 0, 0, IDENTITIES);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Active));
        assertEq(gov.semaphoreVerifier(), core.semaphoreVerifier);
    }

    function test_proposalGroup_zeroForPublicProposals() public {
        uint256 id = _poll(alice, 0, VoteMode.Single, 2);
        (uint256 root, uint256 identities) = gov.proposalGroup(id);
        assertEq(root, 0);
        assertEq(identities, 0);
    }

    function test_anonymousScope_RevertWhen_ProposalNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 1));
        gov.anonymousScope(1);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 1));
        gov.proposalGroup(1);
    }

    // ---------------------------------------------------------------- casting

    function test_castAnonymousVote_countsOneBallot() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        vm.expectEmit(address(gov));
        emit IAnonymousVoting.AnonymousVoteCast(id, proof.nullifier, 0);
        _castAnonymous(id, proof);

        _assertTally(id, _u(1, 0, 0), 0, 1, IDENTITIES);
        _assertBallot(id, proof.nullifier, true, 0, 1);
        assertFalse(gov.hasVoted(id, alice), "an anonymous ballot is nobody's public ballot");
        assertFalse(gov.hasVoted(id, relayer));
    }

    /// One per identity, whatever the member's weight (1, 4, 9, 16 and 25 here).
    function test_castAnonymousVote_countsOnePerIdentity() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        _castAnonymous(id, _proof("p1_bob_0"));
        _castAnonymous(id, _proof("p1_carol_2"));
        _castAnonymous(id, _proof("p1_dave_abstain"));
        _castAnonymous(id, _proof("p1_erin_1"));
        _assertTally(id, _u(2, 1, 1), 1, 5, IDENTITIES);
        _assertBallot(id, _proof("p1_dave_abstain").nullifier, true, ABSTAIN, 1);
    }

    /// The nullifier depends on the identity and the scope only: the same for every ballot of one
    /// identity on one proposal, different across identities and proposals.
    function test_castAnonymousVote_nullifierKeysIdentityAndProposal() public view {
        uint256 nullifier = _proof("p1_alice_0").nullifier;
        assertEq(_proof("p1_alice_1").nullifier, nullifier);
        assertEq(_proof("p1_alice_abstain_s3").nullifier, nullifier);
        assertEq(_proof("p1_alice_retract_s2").nullifier, nullifier);
        assertEq(
            _proof("p1_alice_0_sMax").nullifier, nullifier, "the message is not in the nullifier"
        );
        assertNotEq(_proof("p1_bob_0").nullifier, nullifier);
        assertNotEq(_proof("p2_alice_0").nullifier, nullifier);
    }

    function test_castAnonymousVote_recastReplaces() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        _castAnonymous(id, _proof("p1_bob_0"));
        _assertTally(id, _u(2, 0, 0), 0, 2, IDENTITIES);

        AnonymousProof memory proof = _proof("p1_alice_1_s2");
        vm.expectEmit(address(gov));
        emit IAnonymousVoting.AnonymousVoteCast(id, proof.nullifier, 1);
        _castAnonymous(id, proof);
        _assertTally(id, _u(1, 1, 0), 0, 2, IDENTITIES);
        _assertBallot(id, proof.nullifier, true, 1, 2);

        _castAnonymous(id, _proof("p1_alice_abstain_s3"));
        _assertTally(id, _u(1, 0, 0), 1, 2, IDENTITIES);
        _assertBallot(id, proof.nullifier, true, ABSTAIN, 3);

        _castAnonymous(id, _proof("p1_alice_0_s4"));
        _assertTally(id, _u(2, 0, 0), 0, 2, IDENTITIES);
        _assertBallot(id, proof.nullifier, true, 0, 4);
    }

    // ---------------------------------------------------------------- the order of ballots

    /// Anyone may resubmit a proof they saw, but its sequence is no longer above the last one.
    function test_castAnonymousVote_RevertWhen_ProofReplayed() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_bob_0");
        _castAnonymous(id, proof);
        _expectStale(id, proof.nullifier, 1, 1);
        vm.prank(outsider);
        gov.castAnonymousVote(id, proof);
        _expectStale(id, proof.nullifier, 1, 1);
        _castAnonymous(id, proof);
        _assertTally(id, _u(1, 0, 0), 0, 1, IDENTITIES);
        _assertBallot(id, proof.nullifier, true, 0, 1);
    }

    /// Re-sending alice's first ballot after she changed it would undo the change: it is stale.
    function test_castAnonymousVote_RevertWhen_EarlierBallotAfterChange() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory first = _proof("p1_alice_0");
        _castAnonymous(id, first);
        _castAnonymous(id, _proof("p1_alice_1_s2"));

        _expectStale(id, first.nullifier, 1, 2);
        _castAnonymous(id, first);
        _assertTally(id, _u(0, 1, 0), 0, 1, IDENTITIES);
        _assertBallot(id, first.nullifier, true, 1, 2);
    }

    /// Re-sending alice's ballot after she retracted it would count it again: the retraction's sequence
    /// stays behind with the ballot gone.
    function test_castAnonymousVote_RevertWhen_CastReplayedAfterRetraction() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory cast = _proof("p1_alice_0");
        _castAnonymous(id, cast);
        _castAnonymous(id, _proof("p1_alice_retract_s2"));
        _assertBallot(id, cast.nullifier, false, 0, 2);

        _expectStale(id, cast.nullifier, 1, 2);
        _castAnonymous(id, cast);
        _assertTally(id, _u(0, 0, 0), 0, 0, IDENTITIES);
    }

    /// Two ballots with the same sequence: the second is stale, whatever its option.
    function test_castAnonymousVote_RevertWhen_SameSequenceTwice() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        AnonymousProof memory other = _proof("p1_alice_1");
        _expectStale(id, other.nullifier, 1, 1);
        _castAnonymous(id, other);
        _assertTally(id, _u(1, 0, 0), 0, 1, IDENTITIES);
    }

    /// An older ballot arriving after a newer one (a relayer's reordering) is stale too.
    function test_castAnonymousVote_RevertWhen_OlderSequenceArrivesLater() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_1_s2"));
        AnonymousProof memory older = _proof("p1_alice_0");
        _expectStale(id, older.nullifier, 1, 2);
        _castAnonymous(id, older);
        _assertTally(id, _u(0, 1, 0), 0, 1, IDENTITIES);
    }

    /// Sequences need not be consecutive: 1 then 5 is fine, after which 2 to 5 are stale.
    function test_castAnonymousVote_sequenceMayJump() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        AnonymousProof memory jump = _proof("p1_alice_1_s5");
        _castAnonymous(id, jump);
        _assertTally(id, _u(0, 1, 0), 0, 1, IDENTITIES);
        _assertBallot(id, jump.nullifier, true, 1, 5);

        _expectStale(id, jump.nullifier, 2, 5);
        _castAnonymous(id, _proof("p1_alice_1_s2"));
        _expectStale(id, jump.nullifier, 4, 5);
        _castAnonymous(id, _proof("p1_alice_0_s4"));
        _expectStale(id, jump.nullifier, 5, 5);
        _castAnonymous(id, jump);
    }

    /// The highest sequence, 2^64 - 1, is accepted; nothing can follow it.
    function test_castAnonymousVote_maxSequence() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory last = _proof("p1_alice_0_sMax");
        assertEq(last.message, uint256(type(uint64).max) << 8);
        _castAnonymous(id, last);
        _assertTally(id, _u(1, 0, 0), 0, 1, IDENTITIES);
        _assertBallot(id, last.nullifier, true, 0, type(uint64).max);
        _expectStale(id, last.nullifier, type(uint64).max, type(uint64).max);
        _castAnonymous(id, last);
    }

    /// A valid proof with sequence 0 (message = option 0): no ballot has it, whatever came before.
    function test_castAnonymousVote_RevertWhen_SequenceZero() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0_s0");
        assertEq(proof.message, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IAnonymousVoting.AnonymousInvalidMessage.selector, id, 0, 3)
        );
        _castAnonymous(id, proof);
    }

    /// A valid proof with sequence 2^64: beyond what the contract keeps.
    function test_castAnonymousVote_RevertWhen_SequenceAbove64Bits() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0_s2pow64");
        assertEq(proof.message, uint256(1) << 72);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousInvalidMessage.selector, id, uint256(1) << 72, 3
            )
        );
        _castAnonymous(id, proof);
    }

    /// The ballot of a nullifier on another proposal id (existing or not) is all zeros, and so is that
    /// of a nullifier never seen.
    function test_anonymousBallotOf_zeroForOtherProposalsAndUnknownNullifiers() public {
        uint256 first = _anonymousPoll(3);
        uint256 second = _anonymousPoll(2);
        AnonymousProof memory proof = _proof("p1_alice_1_s2");
        _castAnonymous(first, proof);
        _assertBallot(first, proof.nullifier, true, 1, 2);
        _assertBallot(second, proof.nullifier, false, 0, 0);
        _assertBallot(0, proof.nullifier, false, 0, 0);
        _assertBallot(99, proof.nullifier, false, 0, 0);
        _assertBallot(first, _proof("p1_bob_0").nullifier, false, 0, 0);
        _assertBallot(first, 0, false, 0, 0);
    }

    function test_castAnonymousVote_retracts() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        _castAnonymous(id, _proof("p1_bob_0"));

        AnonymousProof memory retraction = _proof("p1_alice_retract_s2");
        vm.expectEmit(address(gov));
        emit IAnonymousVoting.AnonymousVoteRetracted(id, retraction.nullifier);
        _castAnonymous(id, retraction);
        _assertTally(id, _u(1, 0, 0), 0, 1, IDENTITIES);
        _assertBallot(id, retraction.nullifier, false, 0, 2);

        // The same identity may vote again afterwards, with the next sequence.
        _castAnonymous(id, _proof("p1_alice_1_s3"));
        _assertTally(id, _u(1, 1, 0), 0, 2, IDENTITIES);
        _assertBallot(id, retraction.nullifier, true, 1, 3);
    }

    function test_castAnonymousVote_retractsAbstention() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_abstain"));
        _assertTally(id, _u(0, 0, 0), 1, 1, IDENTITIES);
        _castAnonymous(id, _proof("p1_alice_retract_s2"));
        _assertTally(id, _u(0, 0, 0), 0, 0, IDENTITIES);
    }

    function test_castAnonymousVote_RevertWhen_RetractWithoutBallot() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory retraction = _proof("p1_frank_retract");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousNoBallot.selector, id, retraction.nullifier
            )
        );
        _castAnonymous(id, retraction);
        // The failed retraction left no sequence behind.
        _assertBallot(id, retraction.nullifier, false, 0, 0);

        // A retracted ballot cannot be retracted twice either, even with a fresh sequence.
        _castAnonymous(id, _proof("p1_alice_0"));
        _castAnonymous(id, _proof("p1_alice_retract_s2"));
        AnonymousProof memory again = _proof("p1_alice_retract_s3");
        vm.expectRevert(
            abi.encodeWithSelector(IAnonymousVoting.AnonymousNoBallot.selector, id, again.nullifier)
        );
        _castAnonymous(id, again);
        _assertBallot(id, again.nullifier, false, 0, 2);
    }

    /// Two proposals, two independent ballots of the same identity.
    function test_castAnonymousVote_proposalsAreIndependent() public {
        uint256 first = _anonymousPoll(3);
        uint256 second = _anonymousPoll(2);
        _castAnonymous(first, _proof("p1_alice_0"));
        _castAnonymous(second, _proof("p2_alice_0"));
        _castAnonymous(first, _proof("p1_alice_1_s2"));
        _assertTally(first, _u(0, 1, 0), 0, 1, IDENTITIES);
        _assertTally(second, _u(1, 0), 0, 1, IDENTITIES);
        // Each nullifier keeps its own sequence.
        _assertBallot(first, _proof("p1_alice_0").nullifier, true, 1, 2);
        _assertBallot(second, _proof("p2_alice_0").nullifier, true, 0, 1);
    }

    /// A ballot marks the proposal as voted on: its proposer can no longer cancel it.
    function test_castAnonymousVote_blocksCancel() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalHasVotes.selector, id));
        gov.cancel(id);
    }

    // ---------------------------------------------------------------- proofs that do not fit

    function test_castAnonymousVote_RevertWhen_ScopeOfAnotherProposal() public {
        uint256 first = _anonymousPoll(3);
        uint256 second = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p2_alice_0");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousScopeMismatch.selector,
                first,
                _scope(first),
                _scope(second)
            )
        );
        _castAnonymous(first, proof);
        // It was made for the second one.
        _castAnonymous(second, proof);
        _assertTally(second, _u(1, 0, 0), 0, 1, IDENTITIES);
    }

    /// A scope the generator did not make: the check compares before any proof is verified.
    function testFuzz_castAnonymousVote_RevertWhen_ScopeDiffers(uint256 scope) public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        if (scope == proof.scope) scope = ~scope;
        proof.scope = scope;
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousScopeMismatch.selector, id, _scope(id), scope
            )
        );
        _castAnonymous(id, proof);
    }

    function test_castAnonymousVote_RevertWhen_RootNotRecorded() public {
        uint256 id = _anonymousPoll(3);
        // A valid proof of membership in a group the community has not (yet) got.
        AnonymousProof memory proof = _proof("p1_grace_withGrace");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousRootMismatch.selector,
                id,
                _root("base"),
                _root("withGrace")
            )
        );
        _castAnonymous(id, proof);
    }

    /// The message is a public input: neither its option nor its sequence can be changed (a relayer cannot
    /// bump a ballot's sequence to put it ahead of a later one).
    function test_castAnonymousVote_RevertWhen_MessageTampered() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        assertEq(proof.message, _message(1, 0));
        proof.message = _message(1, 1);
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        proof.message = _message(1, ABSTAIN);
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        // A retraction needs a proof of its own, too.
        proof.message = _message(1, RETRACT);
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        proof.message = _message(2, 0);
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
    }

    /// Another nullifier would be another ballot: it must not verify.
    function test_castAnonymousVote_RevertWhen_NullifierTampered() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        proof.nullifier += 1;
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        proof.nullifier = _proof("p1_bob_0").nullifier;
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        // The same field element written another way would be another ballot key: the verifier only
        // takes public inputs below the field's modulus.
        proof.nullifier = _proof("p1_alice_0").nullifier + SNARK_SCALAR_FIELD;
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
    }

    function test_castAnonymousVote_RevertWhen_PointsTampered() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        // Points on the curve, in the wrong places: pA and pC swapped.
        (proof.points[0], proof.points[6]) = (proof.points[6], proof.points[0]);
        (proof.points[1], proof.points[7]) = (proof.points[7], proof.points[1]);
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        // A coordinate off the curve.
        proof = _proof("p1_alice_0");
        proof.points[0] += 1;
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        // Another identity's proof of the same statement, but for bob's nullifier.
        proof = _proof("p1_alice_0");
        proof.points = _proof("p1_bob_0").points;
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        _assertTally(id, _u(0, 0, 0), 0, 0, IDENTITIES);
    }

    function test_castAnonymousVote_RevertWhen_OptionOutOfRange() public {
        uint256 id = _anonymousPoll(3);
        // A valid proof for option 3 of a three-option poll.
        AnonymousProof memory proof = _proof("p1_erin_3");
        assertEq(proof.message, _message(1, 3));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousInvalidMessage.selector, id, _message(1, 3), 3
            )
        );
        _castAnonymous(id, proof);
    }

    /// Any sequence and option, checked against the rule written out: 1 <= sequence < 2^64 and option
    /// 0..2, ABSTAIN or RETRACT. A message that passes it is not the one proven, so the proof fails.
    function testFuzz_castAnonymousVote_messageChecked(uint256 sequence, uint8 option) public {
        sequence = bound(sequence, 0, uint256(1) << 65);
        uint256 message = (sequence << 8) | option;
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        if (message == proof.message) message = _message(2, 0);
        proof.message = message;
        bool validOption = option < 3 || option == ABSTAIN || option == RETRACT;
        bool validSequence = sequence >= 1 && sequence <= type(uint64).max;
        if (validOption && validSequence) {
            _expectInvalidProof(id, proof.nullifier);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAnonymousVoting.AnonymousInvalidMessage.selector, id, message, 3
                )
            );
        }
        _castAnonymous(id, proof);
    }

    /// A message above 72 bits never fits, whatever its low bytes.
    function testFuzz_castAnonymousVote_RevertWhen_MessageAbove72Bits(uint256 message) public {
        message = bound(message, uint256(1) << 72, type(uint256).max);
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        proof.message = message;
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousInvalidMessage.selector, id, message, 3
            )
        );
        _castAnonymous(id, proof);
    }

    function test_castAnonymousVote_RevertWhen_DepthUnsupported() public {
        uint256 id = _anonymousPoll(3);
        AnonymousProof memory proof = _proof("p1_alice_0");
        assertEq(proof.merkleTreeDepth, 3, "six leaves");
        proof.merkleTreeDepth = 0;
        vm.expectRevert(
            abi.encodeWithSelector(IAnonymousVoting.AnonymousUnsupportedDepth.selector, 0)
        );
        _castAnonymous(id, proof);
        proof.merkleTreeDepth = 33;
        vm.expectRevert(
            abi.encodeWithSelector(IAnonymousVoting.AnonymousUnsupportedDepth.selector, 33)
        );
        _castAnonymous(id, proof);
        // A supported depth that is not the proof's selects another verification key.
        proof.merkleTreeDepth = 4;
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
        proof.merkleTreeDepth = 32;
        _expectInvalidProof(id, proof.nullifier);
        _castAnonymous(id, proof);
    }

    // ---------------------------------------------------------------- who may vote on what

    /// An identity outside the group can only prove membership of a group it made up (the real one plus
    /// itself), whose root the proposal did not record.
    function test_castAnonymousVote_RevertWhen_NotInGroup() public {
        uint256 id = _anonymousPoll(3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousRootMismatch.selector,
                id,
                _root("base"),
                _root("outsiderMadeUp")
            )
        );
        _castAnonymous(id, _proof("p1_outsider_madeUp"));
    }

    /// grace joins with her identity after proposal 1 was created: she votes on proposal 2 only.
    function test_castAnonymousVote_RevertWhen_MemberAddedAfterCreation() public {
        uint256 first = _anonymousPoll(3);
        uint64[] memory weights = new uint64[](1);
        weights[0] = 3;
        gov.addMembersWithIdentities(_accounts(grace), weights, _uints(_commitment(6)));
        _assertGroup(_root("withGrace"), IDENTITIES + 1);

        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousRootMismatch.selector,
                first,
                _root("base"),
                _root("withGrace")
            )
        );
        _castAnonymous(first, _proof("p1_grace_withGrace"));
        (uint256 root, uint256 identities) = gov.proposalGroup(first);
        assertEq(root, _root("base"));
        assertEq(identities, IDENTITIES);
        assertEq(gov.quorum(first), QUORUM);

        vm.expectEmit(address(gov));
        emit IProposals.ProposalGroupRecorded(2, _root("withGrace"), IDENTITIES + 1);
        uint256 second = _anonymousPoll(2);
        _castAnonymous(second, _proof("p2_grace_withGrace"));
        _assertTally(second, _u(0, 1), 0, 1, IDENTITIES + 1);
        _assertTally(first, _u(0, 0, 0), 0, 0, IDENTITIES);
    }

    /// ivan, a member all along, registers identity 6 after proposal 1 was created: the same group as
    /// grace's joining, so the same proofs.
    function test_castAnonymousVote_RevertWhen_IdentityRegisteredAfterCreation() public {
        uint256 first = _anonymousPoll(3);
        vm.prank(ivan);
        gov.registerIdentity(_commitment(6));
        _assertGroup(_root("withGrace"), IDENTITIES + 1);

        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousRootMismatch.selector,
                first,
                _root("base"),
                _root("withGrace")
            )
        );
        _castAnonymous(first, _proof("p1_grace_withGrace"));

        uint256 second = _anonymousPoll(2);
        _castAnonymous(second, _proof("p2_grace_withGrace"));
        _assertTally(second, _u(0, 1), 0, 1, IDENTITIES + 1);
    }

    /// bob is removed with his identity after proposal 1: he still votes on it (it recorded the group he
    /// was in), but not on proposal 2.
    function test_castAnonymousVote_RevertWhen_RemovedMemberOnLaterProposal() public {
        uint256 first = _anonymousPoll(3);
        uint256[][] memory siblings = new uint256[][](1);
        siblings[0] = _siblings("bobInBase");
        gov.removeMembersWithIdentities(_accounts(bob), siblings);
        _assertGroup(_root("withoutBob"), IDENTITIES - 1);

        uint256 second = _anonymousPoll(2);
        (uint256 root, uint256 identities) = gov.proposalGroup(second);
        assertEq(root, _root("withoutBob"));
        assertEq(identities, IDENTITIES - 1);
        // His old identity can only prove membership of the group before his removal.
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousRootMismatch.selector,
                second,
                _root("withoutBob"),
                _root("base")
            )
        );
        _castAnonymous(second, _proof("p2_bob_base"));
        _castAnonymous(second, _proof("p2_alice_withoutBob"));
        _assertTally(second, _u(0, 1), 0, 1, IDENTITIES - 1);

        _castAnonymous(first, _proof("p1_bob_0"));
        _assertTally(first, _u(1, 0, 0), 0, 1, IDENTITIES);
    }

    /// carol changes her key after proposal 1: the old key votes on proposal 1 only, the new one on
    /// proposal 2 only.
    function test_castAnonymousVote_RevertWhen_OldKeyOnLaterProposal() public {
        uint256 first = _anonymousPoll(3);
        vm.prank(carol);
        gov.replaceIdentity(_commitment(7), _siblings("carolInBase"));
        _assertGroup(_root("carolRotated"), IDENTITIES);
        uint256 second = _anonymousPoll(2);

        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousRootMismatch.selector,
                second,
                _root("carolRotated"),
                _root("base")
            )
        );
        _castAnonymous(second, _proof("p2_carol_base"));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousRootMismatch.selector,
                first,
                _root("base"),
                _root("carolRotated")
            )
        );
        _castAnonymous(first, _proof("p1_carolNewKey_carolRotated"));

        _castAnonymous(second, _proof("p2_carolNewKey_carolRotated"));
        _castAnonymous(first, _proof("p1_carol_2"));
        _assertTally(first, _u(0, 0, 1), 0, 1, IDENTITIES);
        _assertTally(second, _u(0, 1), 0, 1, IDENTITIES);
    }

    // ---------------------------------------------------------------- proposal and mode

    function test_castAnonymousVote_untilTheDeadline() public {
        uint256 id = _anonymousPoll(3);
        uint256 deadline = gov.proposalDeadline(id);
        assertEq(deadline, vm.getBlockTimestamp() + 7 days);
        vm.warp(deadline);
        _castAnonymous(id, _proof("p1_alice_0"));
        _assertTally(id, _u(1, 0, 0), 0, 1, IDENTITIES);
    }

    function test_castAnonymousVote_RevertWhen_Closed() public {
        uint256 id = _anonymousPoll(3);
        uint256 deadline = gov.proposalDeadline(id);
        _castAnonymous(id, _proof("p1_alice_0"));
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _castAnonymous(id, _proof("p1_bob_0"));
        // Changing or retracting a ballot closes at the same time.
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _castAnonymous(id, _proof("p1_alice_1_s2"));
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingClosed.selector, id, deadline));
        _castAnonymous(id, _proof("p1_alice_retract_s2"));
    }

    function test_castAnonymousVote_RevertWhen_Canceled() public {
        uint256 id = _anonymousPoll(3);
        vm.prank(alice);
        gov.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingProposalCanceled.selector, id));
        _castAnonymous(id, _proof("p1_alice_0"));
    }

    function test_castAnonymousVote_RevertWhen_ProposalNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IProposals.ProposalNotFound.selector, 1));
        _castAnonymous(1, _proof("p1_alice_0"));
    }

    function test_castAnonymousVote_RevertWhen_PublicProposal() public {
        uint256 single = _poll(alice, 0, VoteMode.Single, 3);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, single));
        _castAnonymous(single, _proof("p1_alice_0"));
        uint256 quadratic = _poll(alice, 0, VoteMode.Quadratic, 3);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, quadratic));
        _castAnonymous(quadratic, _proof("p2_alice_0"));
    }

    function test_castVote_RevertWhen_AnonymousProposal() public {
        uint256 id = _anonymousPoll(3);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        gov.castVote(id, 0);

        uint32[] memory votes = new uint32[](3);
        votes[0] = 1;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        gov.castQuadraticVote(id, votes);

        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = Ballot({proposalId: id, option: 0, votes: new uint32[](0)});
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        gov.castVotes(ballots);

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingNoBallot.selector, alice, id));
        gov.retractVote(id);
        _assertTally(id, _u(0, 0, 0), 0, 0, IDENTITIES);
    }

    // ---------------------------------------------------------------- state and outcome

    /// A proposal created in the community's first second (its snapshot one second before the community
    /// existed) still finds the quorum set at initialisation: 20% of 6 identities is 2, not 0, so one
    /// ballot does not pass it.
    function test_quorum_proposalInCommunitysFirstSecond() public {
        assertEq(
            vm.getBlockTimestamp(), 1_700_000_000, "still the second the community was created"
        );
        uint256 id = _poll(alice, 0, VoteMode.Anonymous, 3);
        assertEq(gov.proposalSnapshot(id), vm.getBlockTimestamp() - 1);
        assertEq(gov.quorum(id), QUORUM);

        _castAnonymous(id, _proof("p1_erin_1"));
        _close(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated), "1 ballot < quorum 2");
    }

    function test_state_succeededWithQuorumOfIdentities() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        _castAnonymous(id, _proof("p1_bob_0"));
        _castAnonymous(id, _proof("p1_carol_2"));
        _close(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
    }

    /// One ballot is 1 of 6 identities: below the quorum of 2, though the heaviest member cast it.
    function test_state_defeatedBelowQuorum() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_erin_1"));
        _close(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    /// Abstentions count towards the quorum, not for an option.
    function test_state_abstentionsCountForQuorum() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_erin_1"));
        _castAnonymous(id, _proof("p1_dave_abstain"));
        _close(id);
        _assertTally(id, _u(0, 1, 0), 1, QUORUM, IDENTITIES);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
    }

    function test_state_defeatedOnTie() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        _castAnonymous(id, _proof("p1_carol_2"));
        _close(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    /// A retraction can take a proposal back below its quorum.
    function test_state_retractionUndoesQuorum() public {
        uint256 id = _anonymousPoll(3);
        _castAnonymous(id, _proof("p1_alice_0"));
        _castAnonymous(id, _proof("p1_bob_0"));
        _castAnonymous(id, _proof("p1_alice_retract_s2"));
        _close(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Defeated));
    }

    /// An executable proposal voted anonymously: [Against, For], For wins with two identities.
    function test_state_executableAnonymousSucceeds() public {
        address[] memory targets = _accounts(address(gov));
        uint256[] memory values = _uints(0);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(gov.addMember, (grace, 3));
        vm.warp(vm.getBlockTimestamp() + 1);
        vm.prank(alice);
        uint256 id =
            gov.proposeExecutable(_params(VoteMode.Anonymous, 2), targets, values, calldatas);
        assertEq(id, 1);
        _castAnonymous(id, _proof("p1_alice_1"));
        _castAnonymous(id, _proof("p1_erin_1"));
        _castAnonymous(id, _proof("p1_bob_0"));
        _assertTally(id, _u(1, 2), 0, 3, IDENTITIES);
        assertEq(gov.quorum(id), QUORUM);
        _close(id);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
        gov.queue(id, targets, values, calldatas);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Queued));
    }

    // ---------------------------------------------------------------- against a naive count

    /// A random order of the fixture's ballots for proposal 1, checked after each step against the naive
    /// count: a ballot counts if its sequence is above the last one its nullifier sent (and a retraction
    /// needs a ballot to retract); the tally is the latest counted ballot of each nullifier, one each.
    function testFuzz_castAnonymousVote_tallyIsLatestBallotPerNullifier(uint256 seed) public {
        string[13] memory names = [
            "p1_alice_0",
            "p1_alice_1",
            "p1_alice_1_s2",
            "p1_alice_retract_s2",
            "p1_alice_abstain_s3",
            "p1_alice_retract_s3",
            "p1_alice_0_s4",
            "p1_alice_1_s5",
            "p1_bob_0",
            "p1_bob_1_s2",
            "p1_carol_2",
            "p1_dave_abstain",
            "p1_frank_retract"
        ];
        AnonymousProof[13] memory proofs;
        for (uint256 i; i < names.length; ++i) {
            proofs[i] = _proof(names[i]);
        }
        // Whose each proof is: alice, bob, carol, dave, frank.
        uint256[13] memory ownerOf = [uint256(0), 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4];
        // The oracle: each identity's last sequence, and its current option if any.
        uint256[5] memory last;
        bool[5] memory voted;
        uint8[5] memory option;

        uint256 id = _anonymousPoll(3);
        for (uint256 step; step < 24; ++step) {
            uint256 pick = uint256(keccak256(abi.encode(seed, step))) % names.length;
            AnonymousProof memory proof = proofs[pick];
            uint256 who = ownerOf[pick];
            uint256 sequence = proof.message >> 8;
            uint8 chosen = uint8(proof.message);
            if (sequence <= last[who]) {
                _expectStale(id, proof.nullifier, sequence, last[who]);
                _castAnonymous(id, proof);
                continue;
            }
            if (chosen == RETRACT && !voted[who]) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IAnonymousVoting.AnonymousNoBallot.selector, id, proof.nullifier
                    )
                );
                _castAnonymous(id, proof);
                continue;
            }
            _castAnonymous(id, proof);
            last[who] = sequence;
            if (chosen == RETRACT) {
                voted[who] = false;
            } else {
                (voted[who], option[who]) = (true, chosen);
            }
            _assertBallot(
                id, proof.nullifier, voted[who], voted[who] ? option[who] : 0, uint64(sequence)
            );

            uint256[] memory expected = new uint256[](3);
            uint256 abstain;
            uint256 participation;
            for (uint256 k; k < 5; ++k) {
                if (!voted[k]) continue;
                ++participation;
                if (option[k] == ABSTAIN) ++abstain;
                else ++expected[option[k]];
            }
            _assertTally(id, expected, abstain, participation, IDENTITIES);
        }
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A ballot's message: `sequence << 8 | option`.
    function _message(uint256 sequence, uint8 option) internal pure returns (uint256) {
        return (sequence << 8) | option;
    }

    function _assertBallot(
        uint256 id,
        uint256 nullifier,
        bool expectedVoted,
        uint8 expectedOption,
        uint64 expectedSequence
    ) internal view {
        (bool voted, uint8 option, uint64 sequence) = gov.anonymousBallotOf(id, nullifier);
        assertEq(voted, expectedVoted, "voted");
        assertEq(option, expectedOption, "option");
        assertEq(sequence, expectedSequence, "sequence");
    }

    function _expectStale(uint256 id, uint256 nullifier, uint256 sequence, uint256 lastSequence)
        internal
    {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAnonymousVoting.AnonymousStaleBallot.selector,
                id,
                nullifier,
                sequence,
                lastSequence
            )
        );
    }

    function _expectInvalidProof(uint256 id, uint256 nullifier) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IAnonymousVoting.AnonymousInvalidProof.selector, id, nullifier)
        );
    }

    function _close(uint256 id) internal {
        vm.warp(gov.proposalDeadline(id) + 1);
    }

    function _assertGroup(uint256 expectedRoot, uint256 expectedIdentities) internal view {
        (uint256 root,,, uint256 identities) = gov.identityGroup();
        assertEq(root, expectedRoot, "group root");
        assertEq(identities, expectedIdentities, "identities");
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

    function _u(uint256 a, uint256 b) internal pure returns (uint256[] memory values) {
        values = new uint256[](2);
        (values[0], values[1]) = (a, b);
    }

    function _u(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory values) {
        values = new uint256[](3);
        (values[0], values[1], values[2]) = (a, b, c);
    }
}
