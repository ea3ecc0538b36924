// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InternalLeanIMT, LeanIMTData} from "@zk-kit/lean-imt.sol/InternalLeanIMT.sol";
import {SNARK_SCALAR_FIELD} from "@zk-kit/lean-imt.sol/Constants.sol";
import {IIdentityGroup} from "../interfaces/IIdentityGroup.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {Membership} from "./Membership.sol";

/// @title IdentityGroup
/// @notice The community's Semaphore group: one identity commitment per member in a LeanIMT (the tree
///         Semaphore v4 proves membership of), with who registered what, and how many identities it holds.
/// @dev Logic only: the entry points are on {LiquidGovernorAnonymous}. Reading the root is cheap and lives
///      here so that proposal creation (on the other facets) can record it without the tree's write code.
abstract contract IdentityGroup is Membership {
    using InternalLeanIMT for LeanIMTData;

    /// @custom:storage-location erc7201:plenum.storage.IdentityGroup
    struct IdentityGroupStorage {
        /// The Semaphore group. A removed identity leaves a 0 leaf behind, as Semaphore's own groups do.
        LeanIMTData tree;
        mapping(address member => uint256 commitment) commitments;
        /// Non-zero leaves: the group's size for quorum.
        uint256 identities;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.IdentityGroup")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _IDENTITY_GROUP_LOCATION =
        0xa56696f594e64f192444e2eb82aa994826e79aa8b3f50bbd1532e46b12608f00;

    function _getIdentityGroupStorage() private pure returns (IdentityGroupStorage storage $) {
        assembly ("memory-safe") {
            $.slot := _IDENTITY_GROUP_LOCATION
        }
    }

    // ---------------------------------------------------------------- writes

    /// @dev Registers `commitment` for `member`, a member without one.
    function _registerIdentity(address member, uint256 commitment) internal {
        IdentityGroupStorage storage $ = _getIdentityGroupStorage();
        _checkNewCommitment($, member, commitment);
        $.commitments[member] = commitment;
        uint256 index = $.tree.size;
        uint256 root = $.tree._insert(commitment);
        $.identities += 1;
        emit IIdentityGroup.IdentityRegistered(member, commitment, index, root);
    }

    /// @dev Registers one commitment per member, rebuilding the tree once; `members` must be members
    ///      without one.
    function _registerIdentities(address[] memory members, uint256[] calldata commitments)
        internal
    {
        if (members.length != commitments.length) {
            revert IIdentityGroup.IdentityLengthMismatch(members.length, commitments.length);
        }
        if (members.length == 0) revert IIdentityGroup.IdentityEmptyBatch();
        IdentityGroupStorage storage $ = _getIdentityGroupStorage();
        uint256 firstIndex = $.tree.size;
        for (uint256 i; i < members.length; ++i) {
            _checkNewCommitment($, members[i], commitments[i]);
            // A member twice in the batch fails here on the second; a commitment twice fails in the tree.
            $.commitments[members[i]] = commitments[i];
        }
        uint256 root = $.tree._insertMany(commitments);
        $.identities += members.length;
        for (uint256 i; i < members.length; ++i) {
            emit IIdentityGroup.IdentityRegistered(members[i], commitments[i], firstIndex + i, root);
        }
    }

    /// @dev Replaces `member`'s commitment by `newCommitment`.
    function _replaceIdentity(
        address member,
        uint256 newCommitment,
        uint256[] calldata siblingNodes
    ) internal {
        IdentityGroupStorage storage $ = _getIdentityGroupStorage();
        uint256 oldCommitment = $.commitments[member];
        if (oldCommitment == 0) revert IIdentityGroup.IdentityNotRegistered(member);
        _checkCommitment($, newCommitment);
        uint256 index = $.tree._indexOf(oldCommitment);
        _checkSiblingCount($, member, index, siblingNodes.length);
        uint256 root = $.tree._update(oldCommitment, newCommitment, siblingNodes);
        $.commitments[member] = newCommitment;
        emit IIdentityGroup.IdentityReplaced(member, oldCommitment, newCommitment, index, root);
    }

    /// @dev Removes `member`'s commitment, if they have one (then `siblingNodes` is its Merkle proof).
    function _removeIdentity(address member, uint256[] calldata siblingNodes) internal {
        IdentityGroupStorage storage $ = _getIdentityGroupStorage();
        uint256 commitment = $.commitments[member];
        if (commitment == 0) {
            if (siblingNodes.length != 0) {
                revert IIdentityGroup.IdentityWrongSiblingCount(member, siblingNodes.length, 0);
            }
            return;
        }
        uint256 index = $.tree._indexOf(commitment);
        _checkSiblingCount($, member, index, siblingNodes.length);
        uint256 root = $.tree._remove(commitment, siblingNodes);
        delete $.commitments[member];
        $.identities -= 1;
        emit IIdentityGroup.IdentityRemoved(member, commitment, index, root);
    }

    function _checkNewCommitment(IdentityGroupStorage storage $, address member, uint256 commitment)
        private
        view
    {
        if (_weightOf(member) == 0) revert IMembership.MembershipNotMember(member);
        uint256 existing = $.commitments[member];
        if (existing != 0) revert IIdentityGroup.IdentityAlreadyRegistered(member, existing);
        _checkCommitment($, commitment);
    }

    function _checkCommitment(IdentityGroupStorage storage $, uint256 commitment) private view {
        if (commitment == 0 || commitment >= SNARK_SCALAR_FIELD) {
            revert IIdentityGroup.IdentityInvalidCommitment(commitment);
        }
        if ($.tree._has(commitment)) revert IIdentityGroup.IdentityCommitmentTaken(commitment);
    }

    /// @dev LeanIMT's update reads one sibling per level where the leaf's path has a neighbour: where the
    ///      path goes right, or where a subtree to its right exists. A short proof would otherwise end in an
    ///      out-of-bounds panic, and a long one would be silently accepted.
    function _checkSiblingCount(
        IdentityGroupStorage storage $,
        address member,
        uint256 index,
        uint256 given
    ) private view {
        uint256 lastIndex = $.tree.size - 1;
        uint256 depth = $.tree.depth;
        uint256 expected;
        for (uint256 level; level < depth; ++level) {
            if ((index >> level) & 1 == 1 || index >> level != lastIndex >> level) ++expected;
        }
        if (given != expected) {
            revert IIdentityGroup.IdentityWrongSiblingCount(member, given, expected);
        }
    }

    /// @dev A member being removed must leave the group in the same transaction.
    function _beforeMemberRemoved(address account, uint64) internal virtual override {
        uint256 commitment = _getIdentityGroupStorage().commitments[account];
        if (commitment != 0) revert IIdentityGroup.IdentityStillRegistered(account, commitment);
    }

    // ---------------------------------------------------------------- reads

    /// @dev The group's current root and number of identities, as a new anonymous proposal records them.
    function _groupRootAndIdentities() internal view returns (uint256 root, uint256 identities) {
        IdentityGroupStorage storage $ = _getIdentityGroupStorage();
        return ($.tree._root(), $.identities);
    }

    function _identityCommitmentOf(address member) internal view returns (uint256) {
        return _getIdentityGroupStorage().commitments[member];
    }

    function _identityGroup()
        internal
        view
        returns (uint256 root, uint256 depth, uint256 size, uint256 identities)
    {
        IdentityGroupStorage storage $ = _getIdentityGroupStorage();
        return ($.tree._root(), $.tree.depth, $.tree.size, $.identities);
    }
}
