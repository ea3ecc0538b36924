// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ballot} from "../types/GovernanceTypes.sol";

/// @title IVoting
/// @notice Public ballots (single-choice and quadratic) with live on-chain tallies. Ballots are tentative:
///         a voter may change or retract theirs until the deadline. A direct vote overrides the voter's
///         delegate; a voter carries every member below them who did not vote (SPEC.md, "The tally").
/// @dev Gas per ballot is O(maxDepth), independent of how many members delegate to the voter.
interface IVoting {
    /// @notice `voter` cast or changed a single-choice ballot: an option index or `ABSTAIN`.
    event VoteCast(address indexed voter, uint256 indexed proposalId, uint8 option);
    /// @notice `voter` cast or changed a quadratic ballot (all zeros = abstain).
    event QuadraticVoteCast(address indexed voter, uint256 indexed proposalId, uint32[] votes);
    /// @notice `voter` retracted their ballot.
    event VoteRetracted(address indexed voter, uint256 indexed proposalId);

    /// @notice Voting on `proposalId` closed at `voteEnd`.
    error VotingClosed(uint256 proposalId, uint48 voteEnd);
    /// @notice `proposalId` was canceled by its proposer, so it takes no ballots.
    error VotingProposalCanceled(uint256 proposalId);
    /// @notice `voter` was not a member at the proposal's snapshot.
    error VotingNotMemberAtSnapshot(address voter, uint256 proposalId);
    /// @notice `option` is not an option of `proposalId` (which has `optionCount`).
    error VotingInvalidOption(uint256 proposalId, uint8 option, uint8 optionCount);
    /// @notice A quadratic ballot needs one entry per option.
    error VotingInvalidVoteCount(uint256 proposalId, uint256 given, uint8 optionCount);
    /// @notice A quadratic ballot costs `cost` credits (Σ v_i²) and `voter` has `credits`.
    error VotingQuadraticCreditsExceeded(address voter, uint256 cost, uint256 credits);
    /// @notice The ballot's form does not match the proposal's mode.
    error VotingWrongMode(uint256 proposalId);
    /// @notice `voter` has no ballot on `proposalId` to retract.
    error VotingNoBallot(address voter, uint256 proposalId);
    /// @notice The signature is not `voter`'s.
    error VotingInvalidSignature(address voter);
    /// @notice The signed message expired at `deadline`.
    error VotingSignatureExpired(uint256 deadline);
    /// @notice A batch of ballots was empty.
    error VotingEmptyBatch();

    /// @notice Casts or changes a single-choice ballot.
    /// @dev Emits {VoteCast}.
    /// @param proposalId The proposal.
    /// @param option An option index, or `ABSTAIN` (255).
    function castVote(uint256 proposalId, uint8 option) external;

    /// @notice Casts or changes a quadratic ballot: `votes[i]` votes for option i, costing Σ votes[i]²
    ///         of the caller's weight. All zeros abstains.
    /// @dev Emits {QuadraticVoteCast}.
    /// @param proposalId The proposal.
    /// @param votes One entry per option.
    function castQuadraticVote(uint256 proposalId, uint32[] calldata votes) external;

    /// @notice Withdraws the caller's ballot; their mass flows back to their delegate chain.
    /// @dev Emits {VoteRetracted}.
    /// @param proposalId The proposal.
    function retractVote(uint256 proposalId) external;

    /// @notice Casts, changes or retracts ballots on several proposals in one call.
    /// @param ballots One per proposal (see {Ballot}).
    function castVotes(Ballot[] calldata ballots) external;

    /// @notice Applies a ballot signed by `voter` (EIP-712 `CastVote`), so anyone can relay it.
    /// @dev Uses and increments `nonces(voter)`. Accepts ERC-1271 signatures from contract accounts.
    /// @param ballot The ballot.
    /// @param voter The member who signed.
    /// @param deadline Last timestamp at which the signature is valid.
    /// @param signature The signature.
    function castVoteBySig(
        Ballot calldata ballot,
        address voter,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Applies several ballots signed by `voter` in one message (EIP-712 `CastVotes`).
    /// @param ballots The ballots.
    /// @param voter The member who signed.
    /// @param deadline Last timestamp at which the signature is valid.
    /// @param signature The signature.
    function castVotesBySig(
        Ballot[] calldata ballots,
        address voter,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice The live tally of `proposalId`.
    /// @return tallies Per option: Single mode, carried mass; Quadratic mode, votes scaled by 10^9.
    /// @return abstain Mass of abstaining voters (and those they carry).
    /// @return participation Mass of all voters and those they carry.
    /// @return totalMass Mass of all members at the snapshot.
    function proposalTally(uint256 proposalId)
        external
        view
        returns (
            uint256[] memory tallies,
            uint256 abstain,
            uint256 participation,
            uint256 totalMass
        );

    /// @notice The mass `voter` currently carries on `proposalId` (0 if they have no ballot).
    function carriedMass(uint256 proposalId, address voter) external view returns (uint256);

    /// @notice `voter`'s current ballot on `proposalId`.
    /// @return hasVoted Whether there is a ballot.
    /// @return option The option (single-choice), `ABSTAIN`, or 0 for quadratic ballots.
    /// @return votes The quadratic vector (empty for single-choice ballots).
    function ballotOf(uint256 proposalId, address voter)
        external
        view
        returns (bool hasVoted, uint8 option, uint32[] memory votes);

    /// @notice Whether `voter` currently has a ballot on `proposalId` (OpenZeppelin Governor's name).
    function hasVoted(uint256 proposalId, address voter) external view returns (bool);
}
