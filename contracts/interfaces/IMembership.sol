// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IMembership
/// @notice Who belongs to a community and with what weight (voice credits), checkpointed by the clock.
/// @dev A member has a weight of at least 1; a non-member has weight 0. Total weight is capped at
///      2^64 - 1 (weights are voice credits, not token amounts with 18 decimals).
interface IMembership {
    /// @notice `account` became a member (again) with `weight`.
    event MemberAdded(address indexed account, uint64 weight);
    /// @notice `account` stopped being a member; it had `previousWeight`.
    event MemberRemoved(address indexed account, uint64 previousWeight);
    /// @notice The weight of member `account` changed from `previousWeight` to `newWeight`.
    event MemberWeightChanged(address indexed account, uint64 previousWeight, uint64 newWeight);

    /// @notice `account` is already a member.
    error MembershipAlreadyMember(address account);
    /// @notice `account` is not a member.
    error MembershipNotMember(address account);
    /// @notice A member's weight must be at least 1.
    error MembershipZeroWeight(address account);
    /// @notice The zero address cannot be a member.
    error MembershipZeroAddress();
    /// @notice Total weight would exceed 2^64 - 1.
    error MembershipTotalWeightOverflow(uint256 totalWeight);
    /// @notice Two arrays of a batch have different lengths.
    error MembershipLengthMismatch(uint256 accounts, uint256 weights);

    /// @notice Adds `account` with `weight` voice credits.
    /// @dev Requires REGISTRAR_ROLE. Emits {MemberAdded}.
    /// @param account The new member.
    /// @param weight Their weight, at least 1.
    function addMember(address account, uint64 weight) external;

    /// @notice Adds many members in one transaction.
    /// @dev Requires REGISTRAR_ROLE. Emits {MemberAdded} per member.
    /// @param accounts The new members.
    /// @param weights Their weights, one per account.
    function addMembers(address[] calldata accounts, uint64[] calldata weights) external;

    /// @notice Removes `account`; their outgoing delegations are cleared in every topic, and weight
    ///         delegated to them stops there until their delegators choose again.
    /// @dev Requires REGISTRAR_ROLE. Emits {MemberRemoved} and a {ILiquidDelegation-DelegateChanged} per
    ///      cleared topic.
    /// @param account The member to remove.
    function removeMember(address account) external;

    /// @notice Removes many members in one transaction.
    /// @dev Requires REGISTRAR_ROLE.
    /// @param accounts The members to remove.
    function removeMembers(address[] calldata accounts) external;

    /// @notice Changes the weight of member `account`.
    /// @dev Requires REGISTRAR_ROLE. Emits {MemberWeightChanged}.
    /// @param account The member.
    /// @param weight The new weight, at least 1.
    function setWeight(address account, uint64 weight) external;

    /// @notice Changes the weights of many members in one transaction.
    /// @dev Requires REGISTRAR_ROLE.
    /// @param accounts The members.
    /// @param weights Their new weights, one per account.
    function setWeights(address[] calldata accounts, uint64[] calldata weights) external;

    /// @notice The current weight of `account` (0 for a non-member).
    function weightOf(address account) external view returns (uint64);

    /// @notice The weight of `account` at `timepoint` (0 if not a member then).
    function pastWeightOf(address account, uint48 timepoint) external view returns (uint64);

    /// @notice The current total weight of all members.
    function totalWeight() external view returns (uint64);

    /// @notice Total weight at `timepoint`.
    function pastTotalWeight(uint48 timepoint) external view returns (uint64);

    /// @notice Whether `account` is currently a member.
    function isMember(address account) external view returns (bool);

    /// @notice How many members the community currently has.
    function memberCount() external view returns (uint32);

    /// @notice Total mass at `timepoint`: the sum of weights (linear) and of isqrt(weight * 10^18)
    ///         (quadratic), as single-choice and quadratic tallies count it.
    function pastTotalMass(uint48 timepoint)
        external
        view
        returns (uint256 linear, uint256 quadratic);
}
