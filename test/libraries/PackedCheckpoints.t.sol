// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {PackedCheckpoints} from "../../contracts/libraries/PackedCheckpoints.sol";
import {PackedCheckpointsHarness} from "../mocks/PackedCheckpointsHarness.sol";

/// @notice PackedCheckpoints against a naive oracle: a plain array of (key, value) checkpoints searched
///         linearly from the newest.
contract PackedCheckpointsTest is Test {
    uint256 internal constant VALUE_MASK = (1 << 176) - 1;

    PackedCheckpointsHarness internal trace;

    // The naive oracle.
    uint48[] internal oracleKeys;
    uint256[] internal oracleValues;

    function setUp() public {
        trace = new PackedCheckpointsHarness();
    }

    // ---------------------------------------------------------------- unit

    function test_latest_emptyTraceIsZero() public view {
        assertEq(trace.latest(), 0);
        assertEq(trace.length(), 0);
        assertEq(trace.upperLookup(0), 0);
        assertEq(trace.upperLookup(type(uint48).max), 0);
    }

    function test_push_sameKeyOverwrites() public {
        trace.push(10, 1);
        trace.push(10, 2);
        assertEq(trace.length(), 1);
        assertEq(trace.latest(), 2);
        assertEq(trace.upperLookup(9), 0);
        assertEq(trace.upperLookup(10), 2);
        assertEq(trace.upperLookup(11), 2);
    }

    function test_push_sameKeyOverwritesAfterHistory() public {
        trace.push(10, 1);
        trace.push(20, 2);
        trace.push(20, 3);
        assertEq(trace.length(), 2);
        assertEq(trace.upperLookup(19), 1);
        assertEq(trace.upperLookup(20), 3);
    }

    function test_upperLookup_betweenAndAtKeys() public {
        trace.push(10, 100);
        trace.push(20, 200);
        trace.push(30, 0);
        trace.push(40, 400);
        assertEq(trace.length(), 4);
        assertEq(trace.upperLookup(9), 0);
        assertEq(trace.upperLookup(10), 100);
        assertEq(trace.upperLookup(19), 100);
        assertEq(trace.upperLookup(20), 200);
        assertEq(trace.upperLookup(29), 200);
        assertEq(trace.upperLookup(30), 0);
        assertEq(trace.upperLookup(39), 0);
        assertEq(trace.upperLookup(40), 400);
        assertEq(trace.upperLookup(type(uint48).max), 400);
    }

    function test_push_keepsMaximalValue() public {
        trace.push(1, VALUE_MASK);
        trace.push(2, 0);
        trace.push(3, VALUE_MASK);
        assertEq(trace.upperLookup(1), VALUE_MASK);
        assertEq(trace.upperLookup(2), 0);
        assertEq(trace.latest(), VALUE_MASK);
    }

    function test_push_maximalKey() public {
        trace.push(type(uint48).max - 1, 7);
        trace.push(type(uint48).max, 8);
        assertEq(trace.upperLookup(type(uint48).max - 2), 0);
        assertEq(trace.upperLookup(type(uint48).max - 1), 7);
        assertEq(trace.upperLookup(type(uint48).max), 8);
        assertEq(trace.length(), 2);
    }

    function test_push_truncatesValueTo176Bits() public {
        trace.push(5, (uint256(1) << 176) | 42);
        assertEq(trace.latest(), 42);
        assertEq(trace.upperLookup(5), 42);
    }

    function test_push_RevertWhen_KeyDecreases() public {
        trace.push(10, 1);
        trace.push(20, 2);
        vm.expectRevert(
            abi.encodeWithSelector(PackedCheckpoints.CheckpointUnorderedInsertion.selector, 20, 19)
        );
        trace.push(19, 3);
    }

    /// @dev The head stores the count itself, so a first checkpoint of key 0 and value 0 counts.
    function test_length_countsFirstCheckpointAtKeyZeroWithValueZero() public {
        trace.push(0, 0);
        trace.push(1, 5);
        assertEq(trace.length(), 2, "two checkpoints were pushed at distinct keys");
        assertEq(trace.upperLookup(0), 0);
        assertEq(trace.upperLookup(1), 5);
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_push_RevertWhen_KeyDecreases(uint48 lastKey, uint48 key, uint256 value)
        public
    {
        lastKey = uint48(bound(lastKey, 1, type(uint48).max));
        key = uint48(bound(key, 0, lastKey - 1));
        trace.push(lastKey, value);
        vm.expectRevert(
            abi.encodeWithSelector(
                PackedCheckpoints.CheckpointUnorderedInsertion.selector, lastKey, key
            )
        );
        trace.push(key, value);
    }

    /// @dev Random pushes at non-decreasing keys (gap 0 overwrites), checked after every push and at the end
    ///      at every key, its neighbours and random timepoints.
    function testFuzz_upperLookup_matchesNaiveOracle(uint256 seed, uint256 pushes, uint48 firstKey)
        public
    {
        pushes = bound(pushes, 1, 40);
        uint48 key = uint48(bound(firstKey, 1, type(uint48).max / 2));
        for (uint256 i; i < pushes; ++i) {
            uint256 r = _rand(seed, i);
            // A third of the pushes reuse the key; gaps are small or large.
            uint256 gapKind = r % 6;
            if (i != 0 && gapKind >= 2) {
                key += uint48(gapKind == 5 ? bound(r >> 8, 1, 1e9) : bound(r >> 8, 1, 3));
            }
            uint256 value = (r >> 64) % 4 == 0 ? 0 : uint256(keccak256(abi.encode(r))) & VALUE_MASK;
            trace.push(key, value);
            _oraclePush(key, value);

            assertEq(trace.latest(), value, "latest");
            assertEq(trace.length(), oracleKeys.length, "length");
            uint48 probe = uint48(bound(r >> 128, 0, uint256(key) + 2));
            assertEq(trace.upperLookup(probe), _oracleLookup(probe), "lookup after push");
        }
        for (uint256 i; i < oracleKeys.length; ++i) {
            uint48 k = oracleKeys[i];
            assertEq(trace.upperLookup(k), _oracleLookup(k), "at key");
            assertEq(trace.upperLookup(k - 1), _oracleLookup(k - 1), "before key");
            assertEq(trace.upperLookup(k + 1), _oracleLookup(k + 1), "after key");
        }
        assertEq(trace.upperLookup(0), 0, "before everything");
        assertEq(
            trace.upperLookup(type(uint48).max), oracleValues[oracleValues.length - 1], "far future"
        );
    }

    // ---------------------------------------------------------------- oracle

    function _oraclePush(uint48 key, uint256 value) internal {
        uint256 n = oracleKeys.length;
        if (n != 0 && oracleKeys[n - 1] == key) {
            oracleValues[n - 1] = value;
        } else {
            oracleKeys.push(key);
            oracleValues.push(value);
        }
    }

    function _oracleLookup(uint48 timepoint) internal view returns (uint256) {
        for (uint256 i = oracleKeys.length; i > 0; --i) {
            if (oracleKeys[i - 1] <= timepoint) return oracleValues[i - 1];
        }
        return 0;
    }

    function _rand(uint256 seed, uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i)));
    }
}
