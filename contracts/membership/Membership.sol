// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {CommunitySettings} from "../governor/CommunitySettings.sol";
import {PackedCheckpoints} from "../libraries/PackedCheckpoints.sol";
import {QuadraticMath} from "../libraries/QuadraticMath.sol";

/// @title Membership
/// @notice Members and their weights, checkpointed by the clock, with the totals every tally needs.
/// @dev Logic only: the registrar's entry points are on {LiquidGovernorAdmin}, reads on the main and admin facets.
abstract contract Membership is CommunitySettings {
    using PackedCheckpoints for PackedCheckpoints.Trace;

    /// @notice Role allowed to add, remove and re-weight members.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    uint256 private constant _LINEAR_BITS = 64;
    uint256 private constant _QUADRATIC_BITS = 80;

    /// @custom:storage-location erc7201:plenum.storage.Membership
    struct MembershipStorage {
        /// Weight of each account over time; 0 while not a member.
        mapping(address account => PackedCheckpoints.Trace) weights;
        /// [memberCount : 32 | Σ isqrt(w * 10^18) : 80 | Σ w : 64] over time.
        /// Invariant: equals the sums over all accounts' current weights.
        PackedCheckpoints.Trace totals;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.Membership")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _MEMBERSHIP_LOCATION =
        0x2ba82e7efa4dea085b389cc73c6b6e570abb13ef108223e4de65343ab7e01500;

    function _getMembershipStorage() private pure returns (MembershipStorage storage $) {
        assembly ("memory-safe") {
            $.slot := _MEMBERSHIP_LOCATION
        }
    }

    /// @dev A running change to the totals, so that a batch writes them once.
    struct TotalsDelta {
        uint256 addedLinear;
        uint256 removedLinear;
        uint256 addedQuadratic;
        uint256 removedQuadratic;
        uint256 addedMembers;
        uint256 removedMembers;
    }

    // ---------------------------------------------------------------- registrar

    function _addMembers(address[] memory accounts, uint64[] memory weights) internal {
        if (accounts.length != weights.length) {
            revert IMembership.MembershipLengthMismatch(accounts.length, weights.length);
        }
        TotalsDelta memory delta;
        for (uint256 i; i < accounts.length; ++i) {
            _addMember(accounts[i], weights[i], delta);
        }
        _applyTotals(delta);
    }

    function _removeMembers(address[] memory accounts) internal {
        TotalsDelta memory delta;
        for (uint256 i; i < accounts.length; ++i) {
            _removeMember(accounts[i], delta);
        }
        _applyTotals(delta);
    }

    function _setWeights(address[] memory accounts, uint64[] memory weights) internal {
        if (accounts.length != weights.length) {
            revert IMembership.MembershipLengthMismatch(accounts.length, weights.length);
        }
        TotalsDelta memory delta;
        for (uint256 i; i < accounts.length; ++i) {
            _setWeight(accounts[i], weights[i], delta);
        }
        _applyTotals(delta);
    }

    // ---------------------------------------------------------------- reads

    /// @dev The current weight of `account` (0 for a non-member).
    function _weightOf(address account) internal view returns (uint64) {
        return uint64(_getMembershipStorage().weights[account].latest());
    }

    /// @dev Total mass at `timepoint`, linear and quadratic.
    function _pastTotalMass(uint48 timepoint)
        internal
        view
        returns (uint256 linear, uint256 quadratic)
    {
        uint256 totals = _getMembershipStorage().totals.upperLookup(timepoint);
        linear = uint64(totals);
        quadratic = uint80(totals >> _LINEAR_BITS);
    }

    /// @dev Total weight at `timepoint`.
    function _pastTotalWeight(uint48 timepoint) internal view returns (uint64) {
        return uint64(_getMembershipStorage().totals.upperLookup(timepoint));
    }

    /// @dev How many members there are now.
    function _memberCount() internal view returns (uint32) {
        return uint32(_getMembershipStorage().totals.latest() >> (_LINEAR_BITS + _QUADRATIC_BITS));
    }

    // ---------------------------------------------------------------- internals

    /// @dev The weight of `account` at `timepoint` (0 when not a member then).
    function _weightAt(address account, uint48 timepoint) internal view returns (uint64) {
        return uint64(_getMembershipStorage().weights[account].upperLookup(timepoint));
    }

    function _addMember(address account, uint64 weight, TotalsDelta memory delta) private {
        if (account == address(0)) revert IMembership.MembershipZeroAddress();
        if (weight == 0) revert IMembership.MembershipZeroWeight(account);
        PackedCheckpoints.Trace storage trace = _getMembershipStorage().weights[account];
        if (trace.latest() != 0) revert IMembership.MembershipAlreadyMember(account);
        trace.push(clock(), weight);
        delta.addedLinear += weight;
        delta.addedQuadratic += QuadraticMath.mass(weight);
        delta.addedMembers += 1;
        emit IMembership.MemberAdded(account, weight);
    }

    function _removeMember(address account, TotalsDelta memory delta) private {
        PackedCheckpoints.Trace storage trace = _getMembershipStorage().weights[account];
        uint64 weight = uint64(trace.latest());
        if (weight == 0) revert IMembership.MembershipNotMember(account);
        // Delegations are cleared while the old weight is still known: it is what leaves the chains.
        _beforeMemberRemoved(account, weight);
        trace.push(clock(), 0);
        delta.removedLinear += weight;
        delta.removedQuadratic += QuadraticMath.mass(weight);
        delta.removedMembers += 1;
        emit IMembership.MemberRemoved(account, weight);
    }

    function _setWeight(address account, uint64 weight, TotalsDelta memory delta) private {
        if (weight == 0) revert IMembership.MembershipZeroWeight(account);
        PackedCheckpoints.Trace storage trace = _getMembershipStorage().weights[account];
        uint64 previous = uint64(trace.latest());
        if (previous == 0) revert IMembership.MembershipNotMember(account);
        if (previous == weight) return;
        trace.push(clock(), weight);
        _afterWeightChanged(account, previous, weight);
        delta.removedLinear += previous;
        delta.removedQuadratic += QuadraticMath.mass(previous);
        delta.addedLinear += weight;
        delta.addedQuadratic += QuadraticMath.mass(weight);
        emit IMembership.MemberWeightChanged(account, previous, weight);
    }

    function _applyTotals(TotalsDelta memory delta) private {
        PackedCheckpoints.Trace storage totals = _getMembershipStorage().totals;
        uint256 current = totals.latest();
        uint256 linear = uint64(current) + delta.addedLinear - delta.removedLinear;
        if (linear > type(uint64).max) revert IMembership.MembershipTotalWeightOverflow(linear);
        uint256 quadratic =
            uint80(current >> _LINEAR_BITS) + delta.addedQuadratic - delta.removedQuadratic;
        uint256 members = (current >> (_LINEAR_BITS + _QUADRATIC_BITS)) + delta.addedMembers
            - delta.removedMembers;
        // quadratic <= sqrt(members * linear) * 10^9 < 2^(48 + 30): it fits its 80 bits.
        totals.push(
            clock(),
            (members << (_LINEAR_BITS + _QUADRATIC_BITS)) | (quadratic << _LINEAR_BITS) | linear
        );
    }

    /// @dev Called before `account`, of weight `weight`, stops being a member.
    function _beforeMemberRemoved(address account, uint64 weight) internal virtual;

    /// @dev Called after a member's weight changed from `previous` to `current`.
    function _afterWeightChanged(address account, uint64 previous, uint64 current) internal virtual;
}
