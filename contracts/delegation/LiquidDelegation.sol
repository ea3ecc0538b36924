// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ILiquidDelegation} from "../interfaces/ILiquidDelegation.sol";
import {IdentityGroup} from "../membership/IdentityGroup.sol";
import {PackedCheckpoints} from "../libraries/PackedCheckpoints.sol";
import {DepthHistogram} from "../libraries/DepthHistogram.sol";
import {QuadraticMath} from "../libraries/QuadraticMath.sol";

/// @title LiquidDelegation
/// @notice Topics and the per-topic delegation forest, with the checkpointed aggregates that let a vote
///         find its carried mass in O(maxDepth): for every member and topic, the mass delegated to them
///         from below (linear and quadratic), and a histogram of their delegators by distance that gives the
///         exact height of their subtree for depth checks.
/// @dev Logic only: `delegate` and the reads are served by {LiquidGovernor}, `createTopic` by
///      {LiquidGovernorAdmin}.
abstract contract LiquidDelegation is IdentityGroup {
    using PackedCheckpoints for PackedCheckpoints.Trace;

    uint256 private constant _LINEAR_BITS = 64;
    uint8 private constant _HARD_MAX_TOPICS = 64;
    uint8 private constant _HARD_MAX_DEPTH = 16;

    /// @custom:storage-location erc7201:plenum.storage.LiquidDelegation
    struct LiquidDelegationStorage {
        /// Delegate of (account, topic) over time; key = account << 8 | topic.
        mapping(uint256 key => PackedCheckpoints.Trace) delegates;
        /// [Σ isqrt(w * 10^18) : 112 | Σ w : 64] of everyone below (account, topic), own weight excluded.
        /// Invariant: equals the sum of own mass over all members whose chain passes through the account.
        mapping(uint256 key => PackedCheckpoints.Trace) delegatedMass;
        /// Delegators of (account, topic) by distance, lanes 1..8 and 9..16 (see {DepthHistogram}).
        /// Current values only: depth checks concern the graph as it is now.
        mapping(uint256 key => uint256) histogramLow;
        mapping(uint256 key => uint256) histogramHigh;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.LiquidDelegation")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _LIQUID_DELEGATION_LOCATION =
        0xa3f7e4054dd721781f90adcc10f9f9a2e1b32c11968251088f6b3b092c058a00;

    function _getLiquidDelegationStorage()
        private
        pure
        returns (LiquidDelegationStorage storage $)
    {
        assembly ("memory-safe") {
            $.slot := _LIQUID_DELEGATION_LOCATION
        }
    }

    /// @dev What moves along a chain when an edge appears or disappears: the subtree below the edge.
    struct Subtree {
        uint256 linear;
        uint256 quadratic;
        uint256 histogramHigh;
        uint256 histogramLow;
        uint256 height;
    }

    // ---------------------------------------------------------------- governance

    function _createTopic(string memory name) internal returns (uint8 topic) {
        Settings storage settings = _getCommunitySettingsStorage().settings;
        topic = settings.topicCount;
        if (topic >= settings.maxTopics) {
            revert ILiquidDelegation.DelegationTooManyTopics(settings.maxTopics);
        }
        settings.topicCount = topic + 1;
        emit ILiquidDelegation.TopicCreated(topic, name);
    }

    function _setDelegationLimits(uint8 maxTopics_, uint8 maxDepth_) internal {
        if (maxTopics_ == 0 || maxTopics_ > _HARD_MAX_TOPICS) {
            revert ILiquidDelegation.DelegationInvalidLimit("maxTopics", maxTopics_);
        }
        if (maxDepth_ == 0 || maxDepth_ > _HARD_MAX_DEPTH) {
            revert ILiquidDelegation.DelegationInvalidLimit("maxDepth", maxDepth_);
        }
        Settings storage settings = _getCommunitySettingsStorage().settings;
        settings.maxTopics = maxTopics_;
        settings.maxDepth = maxDepth_;
    }

    // ---------------------------------------------------------------- delegation

    /// @dev Sets the caller's delegate in each of `topics` to `to` (see {ILiquidDelegation-delegate}).
    function _delegateTopics(uint8[] calldata topics, address to) internal {
        uint64 weight = _weightOf(msg.sender);
        if (weight == 0) revert ILiquidDelegation.DelegationDelegatorNotMember(msg.sender);
        if (to != address(0)) {
            if (to == msg.sender) revert ILiquidDelegation.DelegationToSelf(msg.sender);
            if (_weightOf(to) == 0) revert ILiquidDelegation.DelegationDelegateeNotMember(to);
        }
        Settings memory settings = _getCommunitySettingsStorage().settings;
        for (uint256 i; i < topics.length; ++i) {
            uint8 topic = topics[i];
            if (topic >= settings.topicCount) {
                revert ILiquidDelegation.DelegationUnknownTopic(topic, settings.topicCount);
            }
            _setDelegate(msg.sender, weight, topic, to, settings.maxDepth);
        }
    }

    /// @dev Moves `account`'s subtree from its current delegate's chain to `to`'s, and records the edge.
    function _setDelegate(address account, uint64 weight, uint8 topic, address to, uint8 maxDepth_)
        private
    {
        LiquidDelegationStorage storage $ = _getLiquidDelegationStorage();
        uint256 key = _key(account, topic);
        address from = address(uint160($.delegates[key].latest()));
        if (from == to) return;

        Subtree memory subtree = _subtreeOf(weight, key, maxDepth_);
        if (from != address(0)) _walkChain(from, topic, subtree, false, address(0), maxDepth_);
        if (to != address(0)) {
            uint256 above = _walkChain(to, topic, subtree, true, account, maxDepth_);
            // The longest chain through the new edge: the subtree below `account`, the edge, and `above`.
            uint256 length = subtree.height + above;
            if (length > maxDepth_) {
                revert ILiquidDelegation.DelegationTooDeep(account, to, topic, length, maxDepth_);
            }
        }
        $.delegates[key].push(clock(), uint160(to));
        emit ILiquidDelegation.DelegateChanged(account, topic, to, from);
    }

    /// @dev The mass and shape of the subtree rooted at the member of `key` (weight `weight`), as it stands now.
    function _subtreeOf(uint64 weight, uint256 key, uint8 maxDepth_)
        private
        view
        returns (Subtree memory subtree)
    {
        LiquidDelegationStorage storage $ = _getLiquidDelegationStorage();
        uint256 below = $.delegatedMass[key].latest();
        subtree.linear = uint64(below) + weight;
        subtree.quadratic = (below >> _LINEAR_BITS) + QuadraticMath.mass(weight);
        // Every delegator brings at least weight 1, so no mass below means no delegators: the histogram
        // is empty and need not be read (the common case of a member delegating for the first time).
        if (below != 0) {
            subtree.histogramLow = $.histogramLow[key];
            // Lanes 9..16 can only be occupied when chains may be longer than 8 edges.
            if (maxDepth_ > DepthHistogram.LANES_PER_WORD) {
                subtree.histogramHigh = $.histogramHigh[key];
            }
            subtree.height = DepthHistogram.height(subtree.histogramHigh, subtree.histogramLow);
        }
    }

    /// @dev Adds (or removes) `subtree` to every member of the chain starting at `start`, and returns how
    ///      many members that chain has. When adding, meeting `delegator` means the new edge closes a cycle.
    ///      The walk is bounded: chains never exceed maxDepth edges, and a cycle reverts as soon as it is met.
    function _walkChain(
        address start,
        uint8 topic,
        Subtree memory subtree,
        bool adding,
        address delegator,
        uint8 maxDepth_
    ) private returns (uint256 distance) {
        LiquidDelegationStorage storage $ = _getLiquidDelegationStorage();
        uint48 now_ = clock();
        uint256 massDelta = (subtree.quadratic << _LINEAR_BITS) | subtree.linear;
        bool wideHistogram = maxDepth_ > DepthHistogram.LANES_PER_WORD;
        address current = start;
        while (current != address(0)) {
            if (current == delegator) {
                revert ILiquidDelegation.DelegationCycle(delegator, start, topic);
            }
            unchecked {
                ++distance;
            }
            uint256 key = _key(current, topic);
            PackedCheckpoints.Trace storage mass = $.delegatedMass[key];
            (uint256 high, uint256 low) =
                DepthHistogram.shiftedSubtree(subtree.histogramHigh, subtree.histogramLow, distance);
            // Neither field can wrap: additions are bounded by total weight (< 2^64) and its quadratic
            // counterpart (< 2^80), and a removal only takes back what an earlier addition brought.
            if (adding) {
                mass.push(now_, mass.latest() + massDelta);
                $.histogramLow[key] += low;
                if (wideHistogram && high != 0) $.histogramHigh[key] += high;
            } else {
                mass.push(now_, mass.latest() - massDelta);
                $.histogramLow[key] -= low;
                if (wideHistogram && high != 0) $.histogramHigh[key] -= high;
            }
            current = address(uint160($.delegates[key].latest()));
        }
    }

    /// @dev Moves only mass (no shape) along every chain `account` belongs to; used when weights change.
    function _walkMass(address account, uint256 linear, uint256 quadratic, bool adding) private {
        LiquidDelegationStorage storage $ = _getLiquidDelegationStorage();
        uint48 now_ = clock();
        uint256 massDelta = (quadratic << _LINEAR_BITS) | linear;
        uint8 topics = _getCommunitySettingsStorage().settings.topicCount;
        for (uint8 topic; topic < topics; ++topic) {
            address current = address(uint160($.delegates[_key(account, topic)].latest()));
            while (current != address(0)) {
                uint256 key = _key(current, topic);
                PackedCheckpoints.Trace storage mass = $.delegatedMass[key];
                mass.push(now_, adding ? mass.latest() + massDelta : mass.latest() - massDelta);
                current = address(uint160($.delegates[key].latest()));
            }
        }
    }

    /// @dev Clears every outgoing edge of a member who is being removed.
    function _beforeMemberRemoved(address account, uint64 weight) internal override {
        super._beforeMemberRemoved(account, weight);
        Settings memory settings = _getCommunitySettingsStorage().settings;
        for (uint8 topic; topic < settings.topicCount; ++topic) {
            // Clearing the edge takes the whole subtree (own weight included) off the old chain; those who
            // delegate to `account` stay attached to it and stop there until they choose again.
            _setDelegate(account, weight, topic, address(0), settings.maxDepth);
        }
    }

    /// @dev Carries a member's weight change up every chain they belong to.
    function _afterWeightChanged(address account, uint64 previous, uint64 current)
        internal
        override
    {
        uint256 previousMass = QuadraticMath.mass(previous);
        uint256 currentMass = QuadraticMath.mass(current);
        // Weight and its square root move the same way, so one walk carries both differences.
        if (current > previous) {
            _walkMass(account, current - previous, currentMass - previousMass, true);
        } else {
            _walkMass(account, previous - current, previousMass - currentMass, false);
        }
    }

    // ---------------------------------------------------------------- reads

    /// @dev The current delegate of `account` in `topic`.
    function _delegateOf(address account, uint8 topic) internal view returns (address) {
        return
            address(uint160(_getLiquidDelegationStorage().delegates[_key(account, topic)].latest()));
    }

    /// @dev The current chain above `account` in `topic`.
    function _delegationChain(address account, uint8 topic)
        internal
        view
        returns (address[] memory chain)
    {
        chain = new address[](_HARD_MAX_DEPTH);
        uint256 length;
        for (address current = _delegateOf(account, topic); current != address(0); ++length) {
            chain[length] = current;
            current = _delegateOf(current, topic);
        }
        assembly ("memory-safe") {
            mstore(chain, length)
        }
    }

    /// @dev Mass currently delegated to `account` in `topic`, linear and quadratic.
    function _delegatedMass(address account, uint8 topic)
        internal
        view
        returns (uint256 linear, uint256 quadratic)
    {
        uint256 mass = _getLiquidDelegationStorage().delegatedMass[_key(account, topic)].latest();
        return (uint64(mass), mass >> _LINEAR_BITS);
    }

    /// @dev The longest chain of delegators below `account` in `topic`.
    function _delegationHeight(address account, uint8 topic) internal view returns (uint256) {
        LiquidDelegationStorage storage $ = _getLiquidDelegationStorage();
        uint256 key = _key(account, topic);
        return DepthHistogram.height($.histogramHigh[key], $.histogramLow[key]);
    }

    // ---------------------------------------------------------------- for the tally

    /// @dev `account`'s delegate in `topic` at `timepoint`.
    function _delegateAt(address account, uint8 topic, uint48 timepoint)
        internal
        view
        returns (address)
    {
        return address(
            uint160(
                _getLiquidDelegationStorage().delegates[_key(account, topic)].upperLookup(timepoint)
            )
        );
    }

    /// @dev Mass delegated to `account` in `topic` at `timepoint` (own excluded), linear or quadratic.
    function _delegatedMassAt(address account, uint8 topic, uint48 timepoint, bool quadratic)
        internal
        view
        returns (uint256)
    {
        uint256 mass = _getLiquidDelegationStorage()
        .delegatedMass[_key(account, topic)].upperLookup(timepoint);
        return quadratic ? mass >> _LINEAR_BITS : uint64(mass);
    }

    function _key(address account, uint8 topic) private pure returns (uint256) {
        return (uint256(uint160(account)) << 8) | topic;
    }
}
