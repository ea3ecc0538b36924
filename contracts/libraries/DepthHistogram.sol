// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title DepthHistogram
/// @notice Per-member counts of delegators by distance, packed as sixteen 32-bit lanes in two words,
///         so that the height of a delegation subtree is known exactly and kept in O(depth) writes.
/// @dev Lane k (1..16) holds how many members reach this member through a chain of exactly k edges.
///      Lanes 1..8 live in `lo`, lanes 9..16 in `hi`. A member's height is its highest non-empty lane.
///      Counts never exceed the number of members (< 2^32), so lanes never carry into each other, and a
///      subtraction only removes what an earlier addition put there, so lanes never borrow.
library DepthHistogram {
    uint256 internal constant LANE_BITS = 32;
    uint256 internal constant LANES_PER_WORD = 8;

    /// @notice The contribution of a member with histogram (hi, lo) to the ancestor `distance` edges
    ///         above it: the member itself in lane `distance` plus its own lanes shifted by `distance`.
    function shiftedSubtree(uint256 hi, uint256 lo, uint256 distance)
        internal
        pure
        returns (uint256 outHi, uint256 outLo)
    {
        // (hi, lo) as a 512-bit number; the subtree seen from one edge above is 1 + (lanes << 1 lane).
        (outHi, outLo) = _shiftLeft(hi, lo, LANE_BITS);
        outLo |= 1;
        (outHi, outLo) = _shiftLeft(outHi, outLo, LANE_BITS * (distance - 1));
    }

    /// @notice The index of the highest non-empty lane (0 when nobody delegates to the member).
    function height(uint256 hi, uint256 lo) internal pure returns (uint256) {
        if (hi != 0) return LANES_PER_WORD + _highestLane(hi);
        return _highestLane(lo);
    }

    function _highestLane(uint256 word) private pure returns (uint256 lane) {
        while (word != 0) {
            word >>= LANE_BITS;
            unchecked {
                ++lane;
            }
        }
    }

    function _shiftLeft(uint256 hi, uint256 lo, uint256 bits)
        private
        pure
        returns (uint256, uint256)
    {
        if (bits == 0) return (hi, lo);
        if (bits >= 256) return (lo << (bits - 256), 0);
        return ((hi << bits) | (lo >> (256 - bits)), lo << bits);
    }
}
