// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PackedCheckpoints} from "../../contracts/libraries/PackedCheckpoints.sol";

/// @notice Exposes one {PackedCheckpoints.Trace} so tests can drive the library directly.
contract PackedCheckpointsHarness {
    using PackedCheckpoints for PackedCheckpoints.Trace;

    PackedCheckpoints.Trace private _trace;

    function push(uint48 key, uint256 value) external {
        _trace.push(key, value);
    }

    function latest() external view returns (uint256) {
        return _trace.latest();
    }

    function upperLookup(uint48 timepoint) external view returns (uint256) {
        return _trace.upperLookup(timepoint);
    }

    function length() external view returns (uint256) {
        return _trace.length();
    }
}
