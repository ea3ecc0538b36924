// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICommunityFactory} from "@plenum/contracts/interfaces/ICommunityFactory.sol";
import {ILiquidGovernor} from "@plenum/contracts/interfaces/ILiquidGovernor.sol";

/// @notice The pack test's Foundry project (d): a contract that imports @plenum/contracts interfaces
/// (ILiquidGovernor pulls in OpenZeppelin's) through the remappings the package README documents.
contract Probe {
    ICommunityFactory public immutable factory;

    constructor(ICommunityFactory factory_) {
        factory = factory_;
    }

    function tallyOf(ILiquidGovernor community, uint256 proposalId)
        external
        view
        returns (uint256[] memory tallies, uint256 participation)
    {
        (tallies,, participation,) = community.proposalTally(proposalId);
    }
}
