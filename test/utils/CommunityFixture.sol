// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {DeployCore} from "../../script/DeployCore.s.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {CommunityConfig, ProposalParams, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Base for tests: deploys the core through the production deploy script and creates a community
///         whose registrar and bootstrap admin are this test contract.
abstract contract CommunityFixture is Test {
    DeployCore internal deployer;
    DeployCore.Core internal core;
    ILiquidGovernor internal gov;
    address internal timelock;

    uint256 internal constant TIMELOCK_DELAY = 1 days;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        deployer = new DeployCore();
        core = deployer.deployCore();
        (address community, address timelock_) = deployer.createCommunity(
            core.factory, _config(), TIMELOCK_DELAY, address(this), address(this)
        );
        gov = ILiquidGovernor(community);
        timelock = timelock_;
    }

    /// @dev Override to change the community's settings.
    function _config() internal virtual returns (CommunityConfig memory config) {
        string[] memory topics = new string[](3);
        topics[0] = "General";
        topics[1] = "Budget";
        topics[2] = "Environment";
        config = deployer.defaultConfig(topics);
    }

    /// @dev A deterministic address for a label.
    function _member(string memory label) internal pure returns (address) {
        return address(uint160(uint256(keccak256(bytes(label)))));
    }

    function _addMember(address account, uint64 weight) internal {
        gov.addMember(account, weight);
    }

    function _delegate(address from, uint8 topic, address to) internal {
        uint8[] memory topics = new uint8[](1);
        topics[0] = topic;
        vm.prank(from);
        gov.delegate(topics, to);
    }

    function _poll(address proposer, uint8 topic, VoteMode mode, uint8 optionCount)
        internal
        returns (uint256 id)
    {
        vm.prank(proposer);
        id = gov.propose(
            ProposalParams({
                topic: topic,
                mode: mode,
                optionCount: optionCount,
                votingPeriod: 0,
                metadataHash: keccak256("poll"),
                metadataURI: "ipfs://poll"
            })
        );
    }
}
