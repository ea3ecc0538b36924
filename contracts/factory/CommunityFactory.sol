// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {
    TimelockControllerUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";
import {IGovernanceSettings} from "../interfaces/IGovernanceSettings.sol";

/// @title CommunityFactory
/// @notice Creates communities: a {LiquidGovernor} proxy and a TimelockController clone per community.
/// @dev The timelock is an EIP-1167 clone of one TimelockControllerUpgradeable (a timelock never needs
///      upgrading, and a clone costs ~50k gas instead of ~2M). The governor's proxy and the timelock refer
///      to each other; both are created and initialised in the same transaction, so nobody can step in
///      between.
contract CommunityFactory is ICommunityFactory {
    /// @inheritdoc ICommunityFactory
    address public immutable governorImplementation;
    /// @inheritdoc ICommunityFactory
    address public immutable timelockImplementation;

    /// @param governorImplementation_ The shared {LiquidGovernor} implementation.
    constructor(address governorImplementation_) {
        governorImplementation = governorImplementation_;
        TimelockControllerUpgradeable timelock = new TimelockControllerUpgradeable();
        // Lock the implementation itself: initialised with no roles, it can never schedule anything.
        timelock.initialize(0, new address[](0), new address[](0), address(0));
        timelockImplementation = address(timelock);
    }

    /// @inheritdoc ICommunityFactory
    function createCommunity(CommunityParams calldata params)
        external
        returns (address community, address timelock)
    {
        timelock = Clones.clone(timelockImplementation);
        community = address(
            new ERC1967Proxy(
                governorImplementation,
                abi.encodeCall(
                    IGovernanceSettings.initialize,
                    (timelock, params.registrar, params.bootstrapAdmin, params.config)
                )
            )
        );
        address[] memory governor = new address[](1);
        governor[0] = community;
        // The governor alone proposes (and so cancels) and executes; the timelock administers itself.
        TimelockControllerUpgradeable(payable(timelock))
            .initialize(params.timelockDelay, governor, governor, address(0));
        emit CommunityCreated(
            community,
            timelock,
            msg.sender,
            governorImplementation,
            params.registrar,
            params.bootstrapAdmin
        );
    }
}
