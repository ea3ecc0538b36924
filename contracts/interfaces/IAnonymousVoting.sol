// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AnonymousProof} from "../types/GovernanceTypes.sol";

/// @title IAnonymousVoting
/// @notice Anonymous ballots (SPEC.md, "Anonymous ballots"): one vote per identity in the group the
///         proposal recorded at creation, proven with Semaphore. Anyone may submit a ballot, so a relayer can
///         pay for it; the nullifier keys it, and a later proof with the same nullifier replaces it.
/// @dev The proof's message is `sequence << 8 | option`, with `option` an index, `ABSTAIN` (255) or
///      `RETRACT` (254) and `sequence` ≥ 1 higher than that of the nullifier's last ballot (the SDK uses last
///      + 1). "Later" is thus what the voter signed, not what arrived last: a proof is public once sent, and
///      re-sending an old one cannot undo a change or a retraction.
interface IAnonymousVoting {
    /// @notice A ballot with nullifier `nullifier` now counts for `option` (an index or `ABSTAIN`).
    event AnonymousVoteCast(uint256 indexed proposalId, uint256 indexed nullifier, uint8 option);
    /// @notice The ballot with nullifier `nullifier` no longer counts.
    event AnonymousVoteRetracted(uint256 indexed proposalId, uint256 indexed nullifier);

    /// @notice The proof was made for another proposal (or community, or chain): its scope is not this one's.
    error AnonymousScopeMismatch(uint256 proposalId, uint256 expected, uint256 given);
    /// @notice The proof is against another group root than the one the proposal recorded at creation.
    error AnonymousRootMismatch(uint256 proposalId, uint256 recorded, uint256 given);
    /// @notice The proof's message is not `sequence << 8 | option` with 1 ≤ sequence < 2^64 and option an
    ///         index of the proposal's options, `ABSTAIN` or `RETRACT`.
    error AnonymousInvalidMessage(uint256 proposalId, uint256 message, uint8 optionCount);
    /// @notice A ballot with sequence `lastSequence` already came from this nullifier: this one (`sequence`)
    ///         is older or a replay.
    error AnonymousStaleBallot(
        uint256 proposalId, uint256 nullifier, uint256 sequence, uint256 lastSequence
    );
    /// @notice Semaphore has circuits for depths 1 to 32 only.
    error AnonymousUnsupportedDepth(uint256 depth);
    /// @notice The Groth16 proof does not verify for these public inputs (a tampered message, nullifier,
    ///         root or scope, or a forged proof).
    error AnonymousInvalidProof(uint256 proposalId, uint256 nullifier);
    /// @notice A retraction for a nullifier that has no current ballot.
    error AnonymousNoBallot(uint256 proposalId, uint256 nullifier);

    /// @notice Casts, replaces or (with message `RETRACT`) retracts an anonymous ballot. Anyone may send it.
    function castAnonymousVote(uint256 proposalId, AnonymousProof calldata proof) external;

    /// @notice The `scope` a proof for `proposalId` must carry: keccak256(chainid, community, proposalId).
    function anonymousScope(uint256 proposalId) external view returns (uint256);

    /// @notice The group root recorded when `proposalId` was created, and how many identities it held.
    function proposalGroup(uint256 proposalId)
        external
        view
        returns (uint256 root, uint256 identities);

    /// @notice The current ballot of `nullifier` on `proposalId`, and the sequence of the last one it sent
    ///         (its next ballot needs a higher one); zeros for a nullifier never seen.
    function anonymousBallotOf(uint256 proposalId, uint256 nullifier)
        external
        view
        returns (bool voted, uint8 option, uint64 sequence);

    /// @notice The Semaphore verifier anonymous ballots are checked with.
    function semaphoreVerifier() external view returns (address);
}
