// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LiquidGovernor} from "../../contracts/governor/LiquidGovernor.sol";

/// @notice A next version of the main facet for upgrade tests: same storage, one new function.
/// @custom:oz-upgrades-from contracts/governor/LiquidGovernor.sol:LiquidGovernor
/// @custom:oz-upgrades-unsafe-allow delegatecall missing-initializer
contract LiquidGovernorV2 is LiquidGovernor {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address adminFacet_, address anonymousFacet_)
        LiquidGovernor(adminFacet_, anonymousFacet_)
    {}

    /// @notice Which version runs behind the proxy.
    function version() external pure returns (string memory) {
        return "2";
    }
}
