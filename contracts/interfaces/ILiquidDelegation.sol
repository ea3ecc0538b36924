// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ILiquidDelegation
/// @notice Topics and the per-topic liquid delegation graph: each member has at most one delegate per
///         topic; delegation is transitive, revocable, and overridden by voting directly.
/// @dev The graph of every topic is kept a forest whose chains have at most `maxDepth` edges. Edges and
///      the subtree masses the tally needs are checkpointed by the clock, so proposals read them at their
///      snapshot.
interface ILiquidDelegation {
    /// @notice Governance created topic `topic` named `name`.
    event TopicCreated(uint8 indexed topic, string name);
    /// @notice `delegator`'s delegate in `topic` changed from `fromDelegate` to `toDelegate` (0 = none).
    event DelegateChanged(
        address indexed delegator,
        uint8 indexed topic,
        address indexed toDelegate,
        address fromDelegate
    );

    /// @notice `topic` does not exist.
    error DelegationUnknownTopic(uint8 topic, uint8 topicCount);
    /// @notice The community already has `maxTopics` topics.
    error DelegationTooManyTopics(uint8 maxTopics);
    /// @notice A delegation limit is outside its allowed range (maxTopics 1..64, maxDepth 1..16).
    error DelegationInvalidLimit(string name, uint256 value);
    /// @notice A member cannot delegate to themselves.
    error DelegationToSelf(address delegator);
    /// @notice Only members can delegate.
    error DelegationDelegatorNotMember(address delegator);
    /// @notice Only members can be delegated to.
    error DelegationDelegateeNotMember(address delegatee);
    /// @notice Delegating from `delegator` to `delegatee` would close a cycle in `topic`.
    error DelegationCycle(address delegator, address delegatee, uint8 topic);
    /// @notice Delegating would create a chain of `length` edges in `topic`; at most `maxDepth` are allowed.
    error DelegationTooDeep(
        address delegator, address delegatee, uint8 topic, uint256 length, uint256 maxDepth
    );

    /// @notice Sets the caller's delegate in each of `topics` to `to`; `to = address(0)` clears.
    /// @dev Topics where the delegate is already `to` are left untouched. Reverts with
    ///      {DelegationCycle}, {DelegationTooDeep}, {DelegationToSelf}, {DelegationDelegateeNotMember},
    ///      {DelegationDelegatorNotMember} or {DelegationUnknownTopic}. Emits {DelegateChanged} per change.
    ///      Gas is O(maxDepth) per topic, independent of how many members delegate to anyone.
    /// @param topics Topic ids.
    /// @param to The new delegate (a member), or the zero address.
    function delegate(uint8[] calldata topics, address to) external;

    /// @notice The current delegate of `account` in `topic` (0 if none).
    function delegateOf(address account, uint8 topic) external view returns (address);

    /// @notice The delegate of `account` in `topic` at `timepoint`.
    function pastDelegateOf(address account, uint8 topic, uint48 timepoint)
        external
        view
        returns (address);

    /// @notice The current chain above `account` in `topic`: its delegate, that one's delegate, and so on.
    function delegationChain(address account, uint8 topic)
        external
        view
        returns (address[] memory chain);

    /// @notice Mass currently delegated to `account` in `topic` from everyone below them (excluding their
    ///         own): linear (sum of weights) and quadratic (sum of isqrt(weight * 10^18)).
    function delegatedMass(address account, uint8 topic)
        external
        view
        returns (uint256 linear, uint256 quadratic);

    /// @notice The longest chain of delegators below `account` in `topic`, in edges.
    function delegationHeight(address account, uint8 topic) external view returns (uint256);

    /// @notice How many topics exist (ids run from 0).
    function topicCount() external view returns (uint8);

    /// @notice The most topics this community may have.
    function maxTopics() external view returns (uint8);

    /// @notice The longest delegation chain allowed, in edges.
    function maxDepth() external view returns (uint8);
}
