// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice How a proposal's ballots are cast and counted (SPEC.md, "Modes").
enum VoteMode {
    /// One option index (or abstain); a member's mass is their weight; delegation applies.
    Single,
    /// A vector of votes with Σ v_i² ≤ weight; a member's mass is isqrt(weight * 10^18); delegation applies.
    Quadratic,
    /// One option proven with a Semaphore proof against the group recorded at creation; one ballot per
    /// identity, no weights, no delegation.
    Anonymous
}

/// @notice A proposal's lifecycle, with OpenZeppelin Governor's names and numbering so that existing
///         tooling reads it. Voting opens at creation, so `Pending` never occurs; `Expired` is unused.
enum ProposalState {
    Pending,
    Active,
    Canceled,
    Defeated,
    Succeeded,
    Queued,
    Expired,
    Executed
}

/// @notice What a proposer supplies for one proposal (a poll, or the vote of an executable proposal).
struct ProposalParams {
    /// Topic whose delegation graph carries the vote.
    uint8 topic;
    /// Single, Quadratic or Anonymous (the latter needs at least one registered identity).
    VoteMode mode;
    /// Number of options (2..32). Executable proposals always have 2: [Against, For].
    uint8 optionCount;
    /// Seconds the vote stays open; 0 for the community's default. Polls may go down to the
    /// community's minimum; executable proposals always use the default.
    uint32 votingPeriod;
    /// Hash of the proposal text (e.g. keccak256 of the document behind `metadataURI`).
    bytes32 metadataHash;
    /// Where the text lives (ipfs://, https://, or the text itself for short polls).
    string metadataURI;
}

/// @notice One ballot in a batch or a signed message.
/// @dev `option` is an option index, `ABSTAIN` (255) or `RETRACT` (254). In quadratic proposals `option`
///      must be 0 (or `RETRACT`) and `votes` holds one entry per option; in single-choice proposals
///      `votes` must be empty.
struct Ballot {
    uint256 proposalId;
    uint8 option;
    uint32[] votes;
}

/// @notice Everything a community is initialised with.
struct CommunityConfig {
    /// Default voting period in seconds (also that of every executable proposal).
    uint32 votingPeriod;
    /// Shortest voting period a poll may ask for.
    uint32 minVotingPeriod;
    /// Quorum as a fraction of total mass, in basis points (0..10000).
    uint16 quorumBps;
    /// Weight a member needs to propose (at least 1: only members propose).
    uint64 proposalThreshold;
    /// Most topics the community may ever have (1..64).
    uint8 maxTopics;
    /// Longest delegation chain, in edges (1..16).
    uint8 maxDepth;
    /// Names of the topics created at initialisation (at least one).
    string[] topics;
}

/// @notice A Semaphore v4 proof as `@semaphore-protocol/proof` produces it (same fields, same order as
///         Semaphore's own `ISemaphore.SemaphoreProof`), carried by an anonymous ballot.
/// @dev `message` is `sequence << 8 | option` (option an index, `ABSTAIN` or `RETRACT`; sequence above the
///      nullifier's last); `scope` must equal
///      {IAnonymousVoting-anonymousScope} of the proposal; `merkleTreeRoot` must equal the group root the
///      proposal recorded at creation.
struct AnonymousProof {
    /// Depth of the circuit the proof was made with (1..32).
    uint256 merkleTreeDepth;
    /// Root of the group the prover showed membership of.
    uint256 merkleTreeRoot;
    /// Poseidon(scope, identity secret): the same identity always gets the same one per proposal.
    uint256 nullifier;
    /// `sequence << 8 | option`: the option voted for, and this ballot's place among the identity's.
    uint256 message;
    /// Binds the proof to one proposal of one community on one chain.
    uint256 scope;
    /// The Groth16 proof: pA (2), pB (2x2), pC (2).
    uint256[8] points;
}
