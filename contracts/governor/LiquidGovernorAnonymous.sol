// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISemaphoreVerifier} from "@semaphore-protocol/contracts/interfaces/ISemaphoreVerifier.sol";
import {IAnonymousVoting} from "../interfaces/IAnonymousVoting.sol";
import {IIdentityGroup} from "../interfaces/IIdentityGroup.sol";
import {AnonymousVoting} from "../anonymous/AnonymousVoting.sol";
import {AnonymousProof} from "../types/GovernanceTypes.sol";

/// @title LiquidGovernorAnonymous
/// @notice The anonymous-ballot facet of a community: the Semaphore identity group (register, replace,
///         remove together with the member) and anonymous ballots checked by the published Semaphore v4
///         verifier.
/// @dev Only ever runs by delegatecall from {LiquidGovernor} behind the community's proxy, which routes this
///      facet's selectors here directly (one hop, as for the main facet's own ballots). It shares the
///      ERC-7201 namespaces of the other facets and adds two: `IdentityGroup` and `AnonymousVoting`.
///      Called directly it only touches its own empty storage, and its initializers are disabled. The
///      identity group's LeanIMT calls the PoseidonT3 library, linked at its canonical address: a stateless
///      `pure` function, so the call cannot touch this contract's storage.
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract LiquidGovernorAnonymous is IIdentityGroup, IAnonymousVoting, AnonymousVoting {
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    ISemaphoreVerifier private immutable _VERIFIER;

    /// @param verifier_ The published `SemaphoreVerifier` deployment (one per chain serves everyone).
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(ISemaphoreVerifier verifier_) {
        _VERIFIER = verifier_;
        _disableInitializers();
    }

    // ---------------------------------------------------------------- identity group

    /// @inheritdoc IIdentityGroup
    function registerIdentity(uint256 commitment) external {
        _registerIdentity(msg.sender, commitment);
    }

    /// @inheritdoc IIdentityGroup
    function registerIdentities(address[] calldata members, uint256[] calldata commitments)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        _registerIdentities(members, commitments);
    }

    /// @inheritdoc IIdentityGroup
    function addMembersWithIdentities(
        address[] calldata accounts,
        uint64[] calldata weights,
        uint256[] calldata commitments
    ) external onlyRole(REGISTRAR_ROLE) {
        _addMembers(accounts, weights);
        _registerIdentities(accounts, commitments);
    }

    /// @inheritdoc IIdentityGroup
    function replaceIdentity(uint256 newCommitment, uint256[] calldata siblingNodes) external {
        _replaceIdentity(msg.sender, newCommitment, siblingNodes);
    }

    /// @inheritdoc IIdentityGroup
    function removeMembersWithIdentities(
        address[] calldata members,
        uint256[][] calldata siblingNodes
    ) external onlyRole(REGISTRAR_ROLE) {
        if (members.length != siblingNodes.length) {
            revert IdentityLengthMismatch(members.length, siblingNodes.length);
        }
        if (members.length == 0) revert IdentityEmptyBatch();
        for (uint256 i; i < members.length; ++i) {
            _removeIdentity(members[i], siblingNodes[i]);
        }
        _removeMembers(members);
    }

    /// @inheritdoc IIdentityGroup
    function identityCommitmentOf(address member) external view returns (uint256) {
        return _identityCommitmentOf(member);
    }

    /// @inheritdoc IIdentityGroup
    function identityGroup()
        external
        view
        returns (uint256 root, uint256 depth, uint256 size, uint256 identities)
    {
        return _identityGroup();
    }

    // ---------------------------------------------------------------- anonymous ballots

    /// @inheritdoc IAnonymousVoting
    function castAnonymousVote(uint256 proposalId, AnonymousProof calldata proof) external {
        _castAnonymous(proposalId, proof, _VERIFIER);
    }

    /// @inheritdoc IAnonymousVoting
    function anonymousScope(uint256 proposalId) external view returns (uint256) {
        _proposalCore(proposalId);
        return _anonymousScope(proposalId);
    }

    /// @inheritdoc IAnonymousVoting
    function proposalGroup(uint256 proposalId)
        external
        view
        returns (uint256 root, uint256 identities)
    {
        _proposalCore(proposalId);
        GroupSnapshot memory group = _proposalGroup(proposalId);
        return (group.root, group.identities);
    }

    /// @inheritdoc IAnonymousVoting
    function anonymousBallotOf(uint256 proposalId, uint256 nullifier)
        external
        view
        returns (bool voted, uint8 option, uint64 sequence)
    {
        return _anonymousBallotOf(proposalId, nullifier);
    }

    /// @inheritdoc IAnonymousVoting
    function semaphoreVerifier() external view returns (address) {
        return address(_VERIFIER);
    }
}
