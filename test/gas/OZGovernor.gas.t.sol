// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GasBenchmark} from "../utils/GasBenchmark.sol";
import {ReferenceGovernor} from "./reference/ReferenceGovernor.sol";
import {ReferenceVotesToken} from "./reference/ReferenceVotesToken.sol";

/// @notice The gas benchmark's reference: the same operations on OpenZeppelin Governor 5 with ERC20Votes on
///         a timestamp clock, measured the same way (one whole transaction under `--isolate`) into
///         snapshots/OZGovernorGasTest.json. Settings are the Contracts Wizard's: 1 day voting delay,
///         1 week voting period, threshold 0, 4% quorum, a timelock with a 1 day delay. 10 holders of 100
///         tokens each have delegated to themselves before anything is measured.
contract OZGovernorGasTest is GasBenchmark {
    uint256 internal constant BALANCE = 100e18;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 1 weeks;
    uint8 internal constant FOR = 1;

    ReferenceVotesToken internal token;
    TimelockController internal timelock;
    ReferenceGovernor internal governor;
    address[] internal holders;
    /// A holder who has never delegated.
    address internal newcomer = _holder("newcomer");

    function setUp() public {
        vm.warp(1_700_000_000);
        _detectIsolation();
        token = new ReferenceVotesToken();
        address[] memory none = new address[](0);
        timelock = new TimelockController(1 days, none, none, address(this));
        governor = new ReferenceGovernor(token, timelock, VOTING_DELAY, VOTING_PERIOD, 0, 4);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(0));
        for (uint256 i; i < 10; ++i) {
            address holder = _holder(string.concat("holder ", vm.toString(i)));
            holders.push(holder);
            token.mint(holder, BALANCE);
            vm.prank(holder);
            token.delegate(holder);
        }
        token.mint(newcomer, BALANCE);
        _nextBlock();
    }

    /// A signalling proposal (one no-op action: an empty call to the timelock) whose description is the
    /// same 66-character ipfs:// URI the community's polls carry; the governor already has a proposal.
    function test_propose_gas() public {
        _propose(holders[0], 0);
        _nextBlock();
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        string memory description = _metadataURI(1);
        vm.prank(holders[1]);
        governor.propose(targets, values, calldatas, description);
        _snapshot("propose");
    }

    /// A holder's first vote (For) on an active proposal another holder already voted For on.
    function test_castVote_gas() public {
        uint256 id = _propose(holders[0], 0);
        vm.warp(block.timestamp + VOTING_DELAY + 1);
        vm.prank(holders[1]);
        governor.castVote(id, FOR);
        _nextBlock();
        vm.prank(holders[2]);
        governor.castVote(id, FOR);
        _snapshot("castVote");
        assertTrue(governor.hasVoted(id, holders[2]));
    }

    /// For comparison only: the proposal's very first vote (its For tally still zero).
    function test_castVote_firstOnProposal_gas() public {
        uint256 id = _propose(holders[0], 0);
        vm.warp(block.timestamp + VOTING_DELAY + 1);
        vm.prank(holders[2]);
        governor.castVote(id, FOR);
        _snapshot("castVote_firstOnProposal");
        assertTrue(governor.hasVoted(id, holders[2]));
    }

    /// A holder delegates for the first time, to a holder who has votes (and checkpoints) already.
    function test_delegate_existingDelegatee_gas() public {
        vm.prank(newcomer);
        token.delegate(holders[0]);
        _snapshot("delegate_existingDelegatee");
        assertEq(token.getVotes(holders[0]), 2 * BALANCE);
    }

    /// A holder delegates for the first time, to themselves: the delegatee has no checkpoints yet.
    function test_delegate_newDelegatee_gas() public {
        vm.prank(newcomer);
        token.delegate(newcomer);
        _snapshot("delegate_newDelegatee");
        assertEq(token.getVotes(newcomer), BALANCE);
    }

    function _propose(address proposer, uint256 index) internal returns (uint256 id) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        string memory description = _metadataURI(index);
        vm.prank(proposer);
        id = governor.propose(targets, values, calldatas, description);
    }

    function _actions()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        targets[0] = address(timelock);
        values = new uint256[](1);
        calldatas = new bytes[](1);
    }

    function _holder(string memory label) internal pure returns (address) {
        return address(uint160(uint256(keccak256(bytes(label)))));
    }
}
