// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A contract that executable proposals call through the timelock; it records the last call.
contract CallTargetMock {
    uint256 public calls;
    uint256 public lastArgument;
    address public lastCaller;
    uint256 public lastValue;

    error CallTargetFailed(uint256 argument);

    function record(uint256 argument) external payable {
        calls += 1;
        lastArgument = argument;
        lastCaller = msg.sender;
        lastValue = msg.value;
    }

    function fail(uint256 argument) external pure {
        revert CallTargetFailed(argument);
    }
}
