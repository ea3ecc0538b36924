// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title PackedCheckpoints
/// @notice A history of 176-bit values keyed by a 48-bit timepoint, where the latest checkpoint lives
///         in a single "head" slot together with the history length.
/// @dev Compared with OpenZeppelin's `Checkpoints.Trace208` (length slot + array), reading a value
///      at a timepoint at or after the latest checkpoint costs one SLOAD instead of two, and the first
///      write costs one new slot instead of two. That is what keeps a first vote under ~65k gas.
///
///      head layout: [ key : 48 | count : 32 | value : 176 ]   count = checkpoints, head included
///      history[i] : [ key : 48 | unused : 32 | value : 176 ]   i < count - 1, oldest at 0
///      Invariant: keys strictly increase from history[0] to head; count == 0 iff nothing was pushed
///      (so even a first checkpoint of key 0 and value 0 is told apart from an empty trace).
library PackedCheckpoints {
    struct Trace {
        uint256 head;
        mapping(uint256 index => uint256) history;
    }

    uint256 internal constant VALUE_BITS = 176;
    uint256 internal constant VALUE_MASK = (1 << VALUE_BITS) - 1;
    uint256 private constant _COUNT_SHIFT = 176;
    uint256 private constant _KEY_SHIFT = 208;

    /// @dev A checkpoint was pushed with a key older than the latest one.
    error CheckpointUnorderedInsertion(uint48 lastKey, uint48 key);

    /// @notice The latest value (0 when the trace is empty).
    function latest(Trace storage self) internal view returns (uint256) {
        return self.head & VALUE_MASK;
    }

    /// @notice The value in force at `timepoint`: that of the last checkpoint with key <= timepoint.
    function upperLookup(Trace storage self, uint48 timepoint) internal view returns (uint256) {
        uint256 head = self.head;
        if (head >> _KEY_SHIFT <= timepoint) return head & VALUE_MASK;
        uint256 count = (head >> _COUNT_SHIFT) & type(uint32).max;
        if (count <= 1) return 0;
        uint256 high = count - 1; // entries in history
        // Most lookups are for recent snapshots: try the newest history entry before searching.
        uint256 last = self.history[high - 1];
        if (last >> _KEY_SHIFT <= timepoint) return last & VALUE_MASK;
        uint256 low = 0;
        high -= 1;
        // Find the first entry with key > timepoint in [low, high); the answer is the one before it.
        while (low < high) {
            uint256 mid = (low + high) >> 1;
            if (self.history[mid] >> _KEY_SHIFT > timepoint) high = mid;
            else low = mid + 1;
        }
        return high == 0 ? 0 : self.history[high - 1] & VALUE_MASK;
    }

    /// @notice Records `value` as of `key` (the current clock). Overwrites the head when the key is the
    ///         same, otherwise moves the head into history first.
    function push(Trace storage self, uint48 key, uint256 value) internal {
        uint256 head = self.head;
        uint256 count = (head >> _COUNT_SHIFT) & type(uint32).max;
        if (count == 0) {
            count = 1;
        } else {
            uint48 lastKey = uint48(head >> _KEY_SHIFT);
            if (lastKey > key) revert CheckpointUnorderedInsertion(lastKey, key);
            if (lastKey != key) {
                self.history[count - 1] = head & ~(uint256(type(uint32).max) << _COUNT_SHIFT);
                unchecked {
                    ++count;
                }
            }
        }
        self.head = (uint256(key) << _KEY_SHIFT) | (count << _COUNT_SHIFT) | (value & VALUE_MASK);
    }

    /// @notice Number of checkpoints (head included).
    function length(Trace storage self) internal view returns (uint256) {
        return (self.head >> _COUNT_SHIFT) & type(uint32).max;
    }
}
