// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";

/// @notice Base for the gas benchmark (`pnpm bench:gas`): each scenario measures ONE top-level call with
///         `vm.snapshotGasLastCall`, which writes `snapshots/<TestContract>.json`.
/// @dev The numbers are whole-transaction gas only under `forge test --isolate`, where every top-level call
///      of a test runs as its own transaction: 21,000 intrinsic gas, calldata (EIP-7623 floor included),
///      cold accounts and slots, and refunds capped at a fifth. {test_isolate_chargesWholeTransaction}
///      checks exactly that. Without `--isolate` (plain `forge test`, as CI runs it) a call reports its
///      execution gas only, so the scenarios still run as functional tests but record nothing, and the
///      committed snapshots are left alone.
abstract contract GasBenchmark is Test {
    /// @dev A real CIDv1 (dag-pb, sha2-256, base32: 59 characters) behind ipfs://, 66 characters in all.
    string internal constant METADATA_URI =
        "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

    /// @dev An address without code: calling it costs nothing beyond the transaction itself.
    address private constant _NO_CODE =
        address(uint160(uint256(keccak256("gas benchmark: no code"))));

    /// @dev Whether top-level calls run as transactions (`--isolate`); set by {_detectIsolation}.
    bool internal isolated;

    /// @dev Call from `setUp`: a call to an address without code costs exactly the intrinsic 21,000 gas
    ///      as a transaction, and nothing as a plain call.
    function _detectIsolation() internal {
        (bool ok,) = _NO_CODE.call("");
        require(ok, "no-code call failed");
        isolated = vm.lastCallGas().gasTotalUsed == 21_000;
    }

    /// @dev Records the gas of the last top-level call as `name`, when it is a whole transaction.
    function _snapshot(string memory name) internal {
        if (isolated) vm.snapshotGasLastCall(name);
    }

    /// @dev One block later (12 s): setup transactions and the measured one land in different blocks,
    ///      and checkpoints written before a proposal lie before its snapshot.
    function _nextBlock() internal {
        vm.warp(block.timestamp + 12);
        vm.roll(block.number + 1);
    }

    /// @dev The same CID with its last two base32 characters replaced by `index` (< 1024).
    function _metadataURI(uint256 index) internal pure returns (string memory uri) {
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        bytes memory b = bytes(METADATA_URI);
        b[b.length - 2] = alphabet[(index >> 5) & 31];
        b[b.length - 1] = alphabet[index & 31];
        uri = string(b);
    }

    /// @notice Checks that `--isolate` measures whole transactions: intrinsic gas, calldata priced as
    ///         Prague prices it, per-transaction cold access, and capped refunds.
    function test_isolate_chargesWholeTransaction() public {
        vm.skip(!isolated, "needs --isolate");
        address stop = makeAddr("STOP");
        address sload = makeAddr("PUSH0 SLOAD STOP");
        address clear = makeAddr("PUSH0 PUSH0 SSTORE STOP");
        vm.etch(stop, hex"00");
        vm.etch(sload, hex"5f5400");
        vm.etch(clear, hex"5f5f5500");
        vm.store(clear, 0, bytes32(uint256(1)));
        bool ok;

        // Intrinsic gas alone.
        (ok,) = stop.call("");
        assertEq(vm.lastCallGas().gasTotalUsed, 21_000, "empty call");
        // No execution: the EIP-7623 floor applies, 10 gas per token (4 tokens per non-zero byte).
        (ok,) = stop.call(hex"11223344");
        assertEq(vm.lastCallGas().gasTotalUsed, 21_000 + 10 * 16, "calldata floor");
        // 2,102 gas of execution (PUSH0 + cold SLOAD) lifts it above the floor: 16 per non-zero byte,
        // 4 per zero byte.
        (ok,) = sload.call(hex"11223344");
        assertEq(vm.lastCallGas().gasTotalUsed, 21_000 + 4 * 16 + 2102, "4 non-zero bytes");
        (ok,) = sload.call(abi.encodeWithSelector(0x11223344, uint256(1)));
        assertEq(
            vm.lastCallGas().gasTotalUsed, 21_000 + 5 * 16 + 31 * 4 + 2102, "selector and a word"
        );
        // Each transaction starts cold: the same slot costs 2,100 again.
        (ok,) = sload.call("");
        assertEq(vm.lastCallGas().gasTotalUsed, 21_000 + 2102, "cold again");
        // Clearing a slot: 5,004 of execution, 4,800 refunded (below the cap of a fifth).
        (ok,) = clear.call("");
        assertEq(vm.lastCallGas().gasTotalUsed, 21_000 + 5004 - 4800, "refund");
        assertTrue(ok);
    }
}
