// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    EIP712Upgradeable
} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Voting} from "./Voting.sol";
import {IVoting} from "../interfaces/IVoting.sol";
import {Ballot} from "../types/GovernanceTypes.sol";

/// @title VotingBySignature
/// @notice EIP-712 ballots, single or batched, so that a relayer can pay for them.
/// @dev Typed data (domain name "Plenum", version "1"):
///      Ballot(uint256 proposalId,uint8 option,uint32[] votes)
///      CastVote(Ballot ballot,address voter,uint256 nonce,uint256 deadline)
///      CastVotes(Ballot[] ballots,address voter,uint256 nonce,uint256 deadline)
abstract contract VotingBySignature is Voting, EIP712Upgradeable, NoncesUpgradeable {
    /// @notice Type hash of a single {Ballot}.
    bytes32 public constant BALLOT_TYPEHASH =
        keccak256("Ballot(uint256 proposalId,uint8 option,uint32[] votes)");
    /// @notice Type hash of a signed single ballot.
    bytes32 public constant CAST_VOTE_TYPEHASH = keccak256(
        "CastVote(Ballot ballot,address voter,uint256 nonce,uint256 deadline)"
        "Ballot(uint256 proposalId,uint8 option,uint32[] votes)"
    );
    /// @notice Type hash of a signed batch of ballots.
    bytes32 public constant CAST_VOTES_TYPEHASH = keccak256(
        "CastVotes(Ballot[] ballots,address voter,uint256 nonce,uint256 deadline)"
        "Ballot(uint256 proposalId,uint8 option,uint32[] votes)"
    );

    /// @dev See {IVoting-castVoteBySig}.
    function _castVoteBySig(
        Ballot calldata ballot,
        address voter,
        uint256 deadline,
        bytes calldata signature
    ) internal {
        bytes32 structHash = keccak256(
            abi.encode(CAST_VOTE_TYPEHASH, _hashBallot(ballot), voter, _useNonce(voter), deadline)
        );
        _checkSignature(structHash, voter, deadline, signature);
        _applyBallot(ballot, voter);
    }

    /// @dev See {IVoting-castVotesBySig}.
    function _castVotesBySig(
        Ballot[] calldata ballots,
        address voter,
        uint256 deadline,
        bytes calldata signature
    ) internal {
        bytes32[] memory hashes = new bytes32[](ballots.length);
        for (uint256 i; i < ballots.length; ++i) {
            hashes[i] = _hashBallot(ballots[i]);
        }
        bytes32 structHash = keccak256(
            abi.encode(
                CAST_VOTES_TYPEHASH,
                keccak256(abi.encodePacked(hashes)),
                voter,
                _useNonce(voter),
                deadline
            )
        );
        _checkSignature(structHash, voter, deadline, signature);
        _applyBallots(ballots, voter);
    }

    function _checkSignature(
        bytes32 structHash,
        address voter,
        uint256 deadline,
        bytes calldata signature
    ) private view {
        // A signature's deadline is a wall-clock expiry; seconds of validator drift do not matter.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > deadline) {
            revert IVoting.VotingSignatureExpired(deadline);
        }
        if (!SignatureChecker.isValidSignatureNow(voter, _hashTypedDataV4(structHash), signature)) {
            revert IVoting.VotingInvalidSignature(voter);
        }
    }

    function _hashBallot(Ballot calldata ballot) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                BALLOT_TYPEHASH,
                ballot.proposalId,
                ballot.option,
                keccak256(abi.encodePacked(ballot.votes))
            )
        );
    }
}
