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

    /// @custom:storage-location erc7201:plenum.storage.AnonymousVoting
    struct AnonymousVotingStorage {
        /// [voted : 1 | option : 8], or 0 when the nullifier has no current ballot.
        mapping(uint256 proposalId => mapping(uint256 nullifier => uint256)) ballots;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.AnonymousVoting")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _ANONYMOUS_VOTING_LOCATION =
        0x020090aaf1a632568e17a9dd79449cf99947b32742678e66466758879e672100;

    function _getAnonymousVotingStorage()
        private
        pure
        returns (AnonymousVotingStorage storage $)
    {
        assembly ("memory-safe") {
            $.slot := _ANONYMOUS_VOTING_LOCATION
        }
    }

    /// @dev See {IAnonymousVoting-castAnonymousVote}. Cheap checks first, each with its own error; then the
    ///      pairing check; then the ballot.
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
        if (message >= optionCount && message != ABSTAIN && message != RETRACT) {
            revert IAnonymousVoting.AnonymousInvalidOption(proposalId, message, optionCount);
        }
        if (proof.merkleTreeDepth == 0 || proof.merkleTreeDepth > _MAX_DEPTH) {
            revert IAnonymousVoting.AnonymousUnsupportedDepth(proof.merkleTreeDepth);
        }
        if (!_verify(verifier, proof)) {
            revert IAnonymousVoting.AnonymousInvalidProof(proposalId, proof.nullifier);
        }

        mapping(uint256 => uint256) storage ballots =
            _getAnonymousVotingStorage().ballots[proposalId];
        uint256 previous = ballots[proof.nullifier];
        uint8 option = uint8(message);
        if (option == RETRACT) {
            if (previous == 0) revert IAnonymousVoting.AnonymousNoBallot(proposalId, proof.nullifier);
            _addSingle(proposalId, uint8(previous), 1, false);
            delete ballots[proof.nullifier];
            emit IAnonymousVoting.AnonymousVoteRetracted(proposalId, proof.nullifier);
            return;
        }
        if (previous == 0) {
            _addSingle(proposalId, option, 1, true);
            if (proposal.flags & _FLAG_HAS_VOTES == 0) _markVoted(proposalId);
        } else if (uint8(previous) != option) {
            _moveSingle(proposalId, uint8(previous), option, 1);
        }
        ballots[proof.nullifier] = _VOTED | option;
        emit IAnonymousVoting.AnonymousVoteCast(proposalId, proof.nullifier, option);
    }

    /// @dev The Groth16 check of Semaphore v4, with public inputs [root, nullifier, hash(message),
    ///      hash(scope)] as Semaphore's own contract passes them.
    function _verify(ISemaphoreVerifier verifier, AnonymousProof calldata proof)
        private
        view
        returns (bool)
    {
        uint256[8] calldata p = proof.points;
        return verifier.verifyProof(
            [p[0], p[1]],
            [[p[2], p[3]], [p[4], p[5]]],
            [p[6], p[7]],
            [proof.merkleTreeRoot, proof.nullifier, _hash(proof.message), _hash(proof.scope)],
            proof.merkleTreeDepth
        );
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
        returns (bool voted, uint8 option)
    {
        uint256 ballot = _getAnonymousVotingStorage().ballots[proposalId][nullifier];
        return (ballot != 0, uint8(ballot));
    }
}
