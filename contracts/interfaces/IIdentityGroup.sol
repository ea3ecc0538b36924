// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIdentityGroup
/// @notice The community's Semaphore group: one identity commitment per member, kept in a LeanIMT whose
///         root anonymous proposals record at creation. Members register and replace their own commitment;
///         the registrar may register in batches, and removes a member together with their commitment.
interface IIdentityGroup {
    /// @notice `member` registered `commitment` as leaf `index`; the group root is now `groupRoot`.
    event IdentityRegistered(
        address indexed member, uint256 indexed commitment, uint256 index, uint256 groupRoot
    );
    /// @notice `member` replaced `oldCommitment` by `newCommitment` at leaf `index` (a key change).
    event IdentityReplaced(
        address indexed member,
        uint256 indexed oldCommitment,
        uint256 indexed newCommitment,
        uint256 index,
        uint256 groupRoot
    );
    /// @notice `member`'s `commitment` at leaf `index` was removed (the leaf is now 0).
    event IdentityRemoved(
        address indexed member, uint256 indexed commitment, uint256 index, uint256 groupRoot
    );

    /// @notice `commitment` is 0 or not below the BN254 scalar field.
    error IdentityInvalidCommitment(uint256 commitment);
    /// @notice `commitment` is already a leaf of the group (perhaps another member's).
    error IdentityCommitmentTaken(uint256 commitment);
    /// @notice `member` already has `commitment` registered; use {replaceIdentity} to change it.
    error IdentityAlreadyRegistered(address member, uint256 commitment);
    /// @notice `member` has no identity registered.
    error IdentityNotRegistered(address member);
    /// @notice `member` still has `commitment` in the group: remove them with {removeMembersWithIdentities}.
    error IdentityStillRegistered(address member, uint256 commitment);
    /// @notice The Merkle proof for `member`'s leaf has `given` sibling nodes where the tree needs `expected`.
    error IdentityWrongSiblingCount(address member, uint256 given, uint256 expected);
    /// @notice A batch with nothing in it.
    error IdentityEmptyBatch();
    /// @notice Two arrays of a batch differ in length.
    error IdentityLengthMismatch(uint256 members, uint256 entries);

    /// @notice Registers the caller's identity commitment (the caller must be a member without one).
    function registerIdentity(uint256 commitment) external;

    /// @notice Registers the commitments of several members who have none (REGISTRAR_ROLE). Cheaper per
    ///         identity than one by one: the tree is rebuilt once.
    function registerIdentities(address[] calldata members, uint256[] calldata commitments) external;

    /// @notice Adds members with their weights and identity commitments in one transaction (REGISTRAR_ROLE).
    function addMembersWithIdentities(
        address[] calldata accounts,
        uint64[] calldata weights,
        uint256[] calldata commitments
    ) external;

    /// @notice Replaces the caller's commitment by `newCommitment` (a key change). Proposals created before
    ///         keep the old one in the root they recorded; later proposals know only the new one.
    /// @param siblingNodes The Merkle proof of the caller's current leaf (LeanIMT siblings, bottom up).
    function replaceIdentity(uint256 newCommitment, uint256[] calldata siblingNodes) external;

    /// @notice Removes members and their commitments, if any (REGISTRAR_ROLE). Members without an identity
    ///         take an empty proof.
    /// @param siblingNodes For each member, the Merkle proof of their leaf in the tree as it is when their
    ///        turn comes (each removal changes the tree for the next).
    function removeMembersWithIdentities(
        address[] calldata members,
        uint256[][] calldata siblingNodes
    ) external;

    /// @notice The commitment `member` has registered, or 0.
    function identityCommitmentOf(address member) external view returns (uint256);

    /// @notice The group now: its root, LeanIMT depth and size (leaves, removed ones included), and how
    ///         many identities it holds.
    function identityGroup()
        external
        view
        returns (uint256 root, uint256 depth, uint256 size, uint256 identities);
}
