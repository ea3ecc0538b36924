// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISemaphoreVerifier} from "@semaphore-protocol/contracts/interfaces/ISemaphoreVerifier.sol";
import {IAnonymousVoting} from "../interfaces/IAnonymousVoting.sol";
import {Voting} from "../proposals/Voting.sol";
import {AnonymousProof, VoteMode} from "../types/GovernanceTypes.sol";

/// @title AnonymousVoting
/// @notice Anonymous ballots: a Semaphore proof of membership in the group the proposal recorded at
///         creation, bound to the proposal by its scope, with the option as its message. The nullifier keys
///         the ballot, so the same identity voting again replaces its ballot; the tally counts one per
///         current ballot in the same words public single-choice ballots use, so state, quorum and outcome
///         follow unchanged.
/// @dev Logic only: the entry points are on {LiquidGovernorAnonymous}.
abstract contract AnonymousVoting is Voting {
    /// @dev Semaphore v4 has verification keys for trees of depth 1 to 32.
    uint256 private constant _MAX_DEPTH = 32;
    uint256 private constant _VOTED = 1 << 8;

    uint256 private constant _PROPOSAL_SHIFT = 9;
    uint256 private constant _SEQUENCE_SHIFT = 73;
    uint256 private constant _OPTION_BITS = 8;

    /// @custom:storage-location erc7201:plenum.storage.AnonymousVoting
    struct AnonymousVotingStorage {
        /// [sequence : 64 | proposalId : 64 | voted : 1 | option : 8]; 0 for a nullifier never seen. A
        /// nullifier is Poseidon(hash(scope), secret) and the scope names the proposal, so one key per
        /// nullifier suffices; the proposal id is kept so that reads can check it. After a retraction the
        /// sequence stays, with `voted` cleared.
        mapping(uint256 nullifier => uint256) ballots;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.AnonymousVoting")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _ANONYMOUS_VOTING_LOCATION =
        0x020090aaf1a632568e17a9dd79449cf99947b32742678e66466758879e672100;

    function _getAnonymousVotingStorage() private pure returns (AnonymousVotingStorage storage $) {
        assembly ("memory-safe") {
            $.slot := _ANONYMOUS_VOTING_LOCATION
        }
    }

    /// @dev See {IAnonymousVoting-castAnonymousVote}. Cheap checks first, each with its own error (the
    ///      ballot order included); then the pairing check; then the ballot. The message is `sequence << 8 | option`: proofs are public once
    ///      sent, so without an order anyone could re-send a voter's earlier proof and undo their change
    ///      or retraction. Each ballot of a nullifier must carry a higher sequence than the last one.
    function _castAnonymous(
        uint256 proposalId,
        AnonymousProof calldata proof,
        ISemaphoreVerifier verifier
    ) internal {
        ProposalCore memory proposal = _openProposal(proposalId, VoteMode.Anonymous);
        uint256 scope = _anonymousScope(proposalId);
        if (proof.scope != scope) {
            revert IAnonymousVoting.AnonymousScopeMismatch(proposalId, scope, proof.scope);
        }
        uint256 root = _proposalGroupRoot(proposalId);
        if (proof.merkleTreeRoot != root) {
            revert IAnonymousVoting.AnonymousRootMismatch(proposalId, root, proof.merkleTreeRoot);
        }
        uint8 optionCount = _optionCount(proposal);
        uint256 message = proof.message;
        uint8 option = uint8(message);
        uint256 sequence = message >> _OPTION_BITS;
        if (
            (option >= optionCount && option != ABSTAIN && option != RETRACT) || sequence == 0
                || sequence > type(uint64).max
        ) {
            revert IAnonymousVoting.AnonymousInvalidMessage(proposalId, message, optionCount);
        }
        if (proof.merkleTreeDepth == 0 || proof.merkleTreeDepth > _MAX_DEPTH) {
            revert IAnonymousVoting.AnonymousUnsupportedDepth(proof.merkleTreeDepth);
        }
        // Before the pairing check, so that a replayed proof costs its sender little: the sequence
        // is public, and a forged proof fails either way.
        mapping(uint256 => uint256) storage ballots = _getAnonymousVotingStorage().ballots;
        uint256 previous = ballots[proof.nullifier];
        uint256 lastSequence = previous >> _SEQUENCE_SHIFT;
        if (sequence <= lastSequence) {
            revert IAnonymousVoting.AnonymousStaleBallot(
                proposalId, proof.nullifier, sequence, lastSequence
            );
        }
        if (!_verify(verifier, proof)) {
            revert IAnonymousVoting.AnonymousInvalidProof(proposalId, proof.nullifier);
        }

        uint256 record = (sequence << _SEQUENCE_SHIFT) | (proposalId << _PROPOSAL_SHIFT);
        bool voted = previous & _VOTED != 0;
        if (option == RETRACT) {
            if (!voted) revert IAnonymousVoting.AnonymousNoBallot(proposalId, proof.nullifier);
            _addSingle(proposalId, uint8(previous), 1, false);
            ballots[proof.nullifier] = record;
            emit IAnonymousVoting.AnonymousVoteRetracted(proposalId, proof.nullifier);
            return;
        }
        if (!voted) {
            _addSingle(proposalId, option, 1, true);
            if (proposal.flags & _FLAG_HAS_VOTES == 0) _markVoted(proposalId);
        } else if (uint8(previous) != option) {
            _moveSingle(proposalId, uint8(previous), option, 1);
        }
        ballots[proof.nullifier] = record | _VOTED | option;
        emit IAnonymousVoting.AnonymousVoteCast(proposalId, proof.nullifier, option);
    }

    /// @dev The Groth16 check of Semaphore v4, with public inputs [root, nullifier, hash(message),
    ///      hash(scope)] as Semaphore's own contract passes them. The call is encoded by hand: the proof's
    ///      eight points are already pA, pB and pC in the verifier's order, so they are copied from calldata
    ///      in one go (this saves ~1k gas over building the nested memory arrays). A verifier that reverts
    ///      or answers anything but `true` fails the check.
    function _verify(ISemaphoreVerifier verifier, AnonymousProof calldata proof)
        private
        view
        returns (bool valid)
    {
        bytes4 selector = ISemaphoreVerifier.verifyProof.selector;
        uint256 messageHash = _hash(proof.message);
        uint256 scopeHash = _hash(proof.scope);
        assembly ("memory-safe") {
            // verifyProof(uint256[2] pA, uint256[2][2] pB, uint256[2] pC, uint256[4] inputs, uint256 depth):
            // 13 static words. AnonymousProof is static too: depth, root, nullifier, message, scope,
            // points[8] at offsets 0x00, 0x20, 0x40, 0x60, 0x80, 0xa0.
            let ptr := mload(0x40)
            mstore(ptr, selector)
            calldatacopy(add(ptr, 0x04), add(proof, 0xa0), 0x100)
            mstore(add(ptr, 0x104), calldataload(add(proof, 0x20)))
            mstore(add(ptr, 0x124), calldataload(add(proof, 0x40)))
            mstore(add(ptr, 0x144), messageHash)
            mstore(add(ptr, 0x164), scopeHash)
            mstore(add(ptr, 0x184), calldataload(proof))
            let ok := staticcall(gas(), verifier, ptr, 0x1a4, 0x00, 0x20)
            valid := and(ok, and(eq(returndatasize(), 0x20), eq(mload(0x00), 1)))
        }
    }

    /// @dev Semaphore's hash of a message or scope into the field: keccak256 shifted right by 8 bits.
    function _hash(uint256 value) private pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked(value))) >> 8;
    }

    /// @dev See {IAnonymousVoting-anonymousScope}.
    function _anonymousScope(uint256 proposalId) internal view returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, address(this), proposalId)));
    }

    /// @dev See {IAnonymousVoting-anonymousBallotOf}.
    function _anonymousBallotOf(uint256 proposalId, uint256 nullifier)
        internal
        view
        returns (bool voted, uint8 option, uint64 sequence)
    {
        uint256 ballot = _getAnonymousVotingStorage().ballots[nullifier];
        if (uint64(ballot >> _PROPOSAL_SHIFT) != proposalId) return (false, 0, 0);
        return (ballot & _VOTED != 0, uint8(ballot), uint64(ballot >> _SEQUENCE_SHIFT));
    }
}
