// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {
    AccessControlUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title CommunitySettings
/// @notice The base every module of a community builds on: roles, the ERC-6372 timestamp clock, and the
///         community's scalar settings packed in one slot, so that creating a proposal reads them at once.
abstract contract CommunitySettings is AccessControlUpgradeable, IERC6372 {
    /// @dev Everything a proposal or a delegation needs to read, in one slot (216 bits).
    struct Settings {
        uint64 proposalCount;
        uint32 votingPeriod;
        uint32 minVotingPeriod;
        uint64 proposalThreshold;
        uint8 topicCount;
        uint8 maxTopics;
        uint8 maxDepth;
    }

    /// @custom:storage-location erc7201:plenum.storage.CommunitySettings
    struct CommunitySettingsStorage {
        Settings settings;
        address timelock;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.CommunitySettings")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _COMMUNITY_SETTINGS_LOCATION =
        0x4ef5b23fcb3aa4ef573d6706aa564cdf00a0ab92344505311479ce574fd0e400;

    function _getCommunitySettingsStorage()
        internal
        pure
        returns (CommunitySettingsStorage storage $)
    {
        assembly ("memory-safe") {
            $.slot := _COMMUNITY_SETTINGS_LOCATION
        }
    }

    /// @inheritdoc IERC6372
    function clock() public view virtual returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc IERC6372
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view virtual returns (string memory) {
        return "mode=timestamp";
    }
}
