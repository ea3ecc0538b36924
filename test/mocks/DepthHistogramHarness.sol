// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DepthHistogram} from "../../contracts/libraries/DepthHistogram.sol";

/// @notice Exposes {DepthHistogram}'s internal functions to tests.
contract DepthHistogramHarness {
    function shiftedSubtree(uint256 hi, uint256 lo, uint256 distance)
        external
        pure
        returns (uint256 outHi, uint256 outLo)
    {
        return DepthHistogram.shiftedSubtree(hi, lo, distance);
    }

    function height(uint256 hi, uint256 lo) external pure returns (uint256) {
        return DepthHistogram.height(hi, lo);
    }
}
