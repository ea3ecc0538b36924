// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {DepthHistogramHarness} from "../mocks/DepthHistogramHarness.sol";

/// @notice DepthHistogram against naive lane arithmetic: a histogram is an array of 16 lane counts
///         (lane k = delegators at exactly k edges), packed lanes 1..8 into `lo` and 9..16 into `hi`.
contract DepthHistogramTest is Test {
    uint256 internal constant LANES = 16;

    DepthHistogramHarness internal histogram;

    function setUp() public {
        histogram = new DepthHistogramHarness();
    }

    // ---------------------------------------------------------------- unit

    function test_height_emptyIsZero() public view {
        assertEq(histogram.height(0, 0), 0);
    }

    function test_height_highestNonEmptyLane() public view {
        uint32[17] memory lanes;
        lanes[1] = 3;
        assertEq(histogram.height(0, _lo(lanes)), 1);
        lanes[5] = 1;
        assertEq(histogram.height(0, _lo(lanes)), 5);
        lanes[8] = 1;
        assertEq(histogram.height(0, _lo(lanes)), 8);
        lanes[9] = 1;
        assertEq(histogram.height(_hi(lanes), _lo(lanes)), 9);
        lanes[16] = type(uint32).max;
        assertEq(histogram.height(_hi(lanes), _lo(lanes)), 16);
    }

    function test_shiftedSubtree_leafAtDistanceOne() public view {
        (uint256 hi, uint256 lo) = histogram.shiftedSubtree(0, 0, 1);
        assertEq(hi, 0);
        assertEq(lo, 1, "the leaf itself in lane 1");
    }

    function test_shiftedSubtree_leafAtDistanceNine() public view {
        (uint256 hi, uint256 lo) = histogram.shiftedSubtree(0, 0, 9);
        assertEq(hi, 1, "lane 9 is the first lane of hi");
        assertEq(lo, 0);
    }

    function test_shiftedSubtree_crossesWords() public view {
        uint32[17] memory lanes;
        lanes[7] = 2;
        lanes[8] = 5;
        (uint256 hi, uint256 lo) = histogram.shiftedSubtree(0, _lo(lanes), 2);
        uint32[17] memory expected;
        expected[2] = 1;
        expected[9] = 2;
        expected[10] = 5;
        assertEq(hi, _hi(expected));
        assertEq(lo, _lo(expected));
    }

    function test_shiftedSubtree_dropsLanesBeyondSixteen() public view {
        uint32[17] memory lanes;
        lanes[16] = 1;
        lanes[15] = 4;
        (uint256 hi, uint256 lo) = histogram.shiftedSubtree(_hi(lanes), 0, 1);
        uint32[17] memory expected;
        expected[1] = 1;
        expected[16] = 4;
        assertEq(hi, _hi(expected));
        assertEq(lo, _lo(expected));
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_shiftedSubtree_matchesNaiveLanes(uint256 seed, uint256 distance) public view {
        distance = bound(distance, 1, LANES);
        uint32[17] memory lanes = _randomLanes(seed);
        (uint256 hi, uint256 lo) = histogram.shiftedSubtree(_hi(lanes), _lo(lanes), distance);

        uint32[17] memory expected;
        expected[distance] = 1;
        for (uint256 k = 1; k + distance <= LANES; ++k) {
            expected[k + distance] = lanes[k];
        }
        assertEq(hi, _hi(expected), "hi");
        assertEq(lo, _lo(expected), "lo");
    }

    function testFuzz_height_matchesNaiveLanes(uint256 seed) public view {
        uint32[17] memory lanes = _randomLanes(seed);
        uint256 expected;
        for (uint256 k = 1; k <= LANES; ++k) {
            if (lanes[k] != 0) expected = k;
        }
        assertEq(histogram.height(_hi(lanes), _lo(lanes)), expected);
    }

    /// @dev Adding a child's shifted subtree to its parent and taking it away again restores the parent,
    ///      and the parent's height is max(own, child's height + distance) while it is attached.
    function testFuzz_shiftedSubtree_addThenRemoveRestores(
        uint256 seedParent,
        uint256 seedChild,
        uint256 distance
    ) public view {
        distance = bound(distance, 1, LANES);
        uint32[17] memory parent = _randomLanes(seedParent);
        uint32[17] memory child = _randomLanes(seedChild);
        // Keep sums within a lane (counts are bounded by members, < 2^32) and the child within 16 lanes.
        for (uint256 k = 1; k <= LANES; ++k) {
            parent[k] = parent[k] >> 1;
            child[k] = k + distance > LANES ? 0 : child[k] >> 1;
        }
        (uint256 addHi, uint256 addLo) = histogram.shiftedSubtree(_hi(child), _lo(child), distance);
        uint256 hi = _hi(parent) + addHi;
        uint256 lo = _lo(parent) + addLo;

        uint256 childHeight = histogram.height(_hi(child), _lo(child));
        uint256 parentHeight = histogram.height(_hi(parent), _lo(parent));
        uint256 expected =
            childHeight + distance > parentHeight ? childHeight + distance : parentHeight;
        assertEq(histogram.height(hi, lo), expected, "height with child");
        assertEq(hi - addHi, _hi(parent), "hi restored");
        assertEq(lo - addLo, _lo(parent), "lo restored");
    }

    // ---------------------------------------------------------------- naive lanes

    function _randomLanes(uint256 seed) internal pure returns (uint32[17] memory lanes) {
        uint256 occupied = uint256(keccak256(abi.encode(seed, "mask")));
        for (uint256 k = 1; k <= LANES; ++k) {
            // About half the lanes are empty, so heights vary.
            if ((occupied >> k) & 1 == 0) continue;
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            lanes[k] = r % 3 == 0 ? type(uint32).max : uint32(r % 1000);
        }
    }

    function _lo(uint32[17] memory lanes) internal pure returns (uint256 word) {
        for (uint256 k = 1; k <= 8; ++k) {
            word += uint256(lanes[k]) * (2 ** (32 * (k - 1)));
        }
    }

    function _hi(uint32[17] memory lanes) internal pure returns (uint256 word) {
        for (uint256 k = 9; k <= 16; ++k) {
            word += uint256(lanes[k]) * (2 ** (32 * (k - 9)));
        }
    }
}
