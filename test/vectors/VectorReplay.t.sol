// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {CommunityConfig, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Replays every scenario of shared/vectors (committed copies in test/vectors) through the real
///         contracts and checks tallies, abstain, participation, total mass and carried masses exactly;
///         for sequences, after every action.
contract VectorReplayTest is CommunityFixture {
    string internal constant HAND = "test/vectors/hand.json";
    string internal constant RANDOM = "test/vectors/random.json";
    string internal constant SEQUENCES = "test/vectors/sequences.json";

    uint256 internal currentMaxDepth = 8;

    function _config() internal view override returns (CommunityConfig memory config) {
        string[] memory topics = new string[](1);
        topics[0] = "Vector topic";
        config = deployer.defaultConfig(topics);
        config.maxDepth = uint8(currentMaxDepth);
    }

    function test_vectors_hand() public {
        assertEq(_replayStates(HAND), 11, "hand scenarios");
    }

    function test_vectors_random() public {
        assertEq(_replayStates(RANDOM), 12, "random scenarios");
    }

    function test_vectors_sequences() public {
        string memory json = vm.readFile(SEQUENCES);
        uint256 count = _length(json, "");
        assertEq(count, 6, "sequence count");
        for (uint256 i; i < count; ++i) {
            string memory base = string.concat("[", vm.toString(i), "]");
            (uint256 proposalId, bool quadratic) = _setUpScenario(json, base);
            uint256 actions = _length(json, string.concat(base, ".actions"));
            assertEq(actions, 40, "actions per sequence");
            for (uint256 a; a < actions; ++a) {
                string memory action = string.concat(base, ".actions[", vm.toString(a), "]");
                if (vm.keyExistsJson(json, string.concat(action, ".retract"))) {
                    vm.prank(_member(vm.parseJsonString(json, string.concat(action, ".retract"))));
                    gov.retractVote(proposalId);
                } else {
                    address voter =
                        _member(vm.parseJsonString(json, string.concat(action, ".vote")));
                    _cast(json, string.concat(action, ".ballot"), voter, proposalId, quadratic);
                }
                _checkTally(json, string.concat(action, ".expect"), proposalId, false);
            }
        }
    }

    // ---------------------------------------------------------------- scenario plumbing

    function _replayStates(string memory path) internal returns (uint256 count) {
        string memory json = vm.readFile(path);
        count = _length(json, "");
        for (uint256 i; i < count; ++i) {
            string memory base = string.concat("[", vm.toString(i), "]");
            (uint256 proposalId, bool quadratic) = _setUpScenario(json, base);
            string[] memory voters = vm.parseJsonKeys(json, string.concat(base, ".ballots"));
            for (uint256 v; v < voters.length; ++v) {
                _cast(
                    json,
                    string.concat(base, ".ballots.", voters[v]),
                    _member(voters[v]),
                    proposalId,
                    quadratic
                );
            }
            _checkTally(json, string.concat(base, ".expect"), proposalId, true);
            _checkCarried(json, base, proposalId);
        }
    }

    /// @dev A fresh community with the scenario's maxDepth, members and delegations, then one proposal.
    function _setUpScenario(string memory json, string memory base)
        internal
        returns (uint256 id, bool quadratic)
    {
        string memory depthKey = string.concat(base, ".maxDepth");
        currentMaxDepth = vm.keyExistsJson(json, depthKey) ? vm.parseJsonUint(json, depthKey) : 8;
        (address community,) = deployer.createCommunity(
            core.factory, _config(), TIMELOCK_DELAY, address(this), address(0)
        );
        gov = ILiquidGovernor(community);

        string[] memory labels = vm.parseJsonKeys(json, string.concat(base, ".weights"));
        address[] memory accounts = new address[](labels.length);
        uint64[] memory weights = new uint64[](labels.length);
        for (uint256 m; m < labels.length; ++m) {
            accounts[m] = _member(labels[m]);
            weights[m] = uint64(vm.parseJsonUint(json, string.concat(base, ".weights.", labels[m])));
        }
        gov.addMembers(accounts, weights);

        string memory delegationsKey = string.concat(base, ".delegations");
        if (_hasKeys(json, delegationsKey)) {
            string[] memory delegators = vm.parseJsonKeys(json, delegationsKey);
            for (uint256 d; d < delegators.length; ++d) {
                string memory to =
                    vm.parseJsonString(json, string.concat(delegationsKey, ".", delegators[d]));
                _delegate(_member(delegators[d]), 0, _member(to));
            }
        }

        quadratic = keccak256(bytes(vm.parseJsonString(json, string.concat(base, ".mode"))))
            == keccak256("quadratic");
        uint8 optionCount = uint8(vm.parseJsonUint(json, string.concat(base, ".optionCount")));
        vm.warp(block.timestamp + 1);
        id = _poll(accounts[0], 0, quadratic ? VoteMode.Quadratic : VoteMode.Single, optionCount);
    }

    function _cast(
        string memory json,
        string memory key,
        address voter,
        uint256 proposalId,
        bool quadratic
    ) internal {
        vm.startPrank(voter);
        if (quadratic) {
            uint256[] memory raw = vm.parseJsonUintArray(json, key);
            uint32[] memory votes = new uint32[](raw.length);
            for (uint256 k; k < raw.length; ++k) {
                votes[k] = uint32(raw[k]);
            }
            gov.castQuadraticVote(proposalId, votes);
        } else {
            string memory raw = vm.parseJsonString(json, key);
            bool abstain = keccak256(bytes(raw)) == keccak256("abstain");
            gov.castVote(proposalId, abstain ? gov.ABSTAIN() : uint8(vm.parseUint(raw)));
        }
        vm.stopPrank();
    }

    function _checkTally(
        string memory json,
        string memory expect,
        uint256 proposalId,
        bool withTotal
    ) internal view {
        (uint256[] memory tallies, uint256 abstain, uint256 participation, uint256 totalMass) =
            gov.proposalTally(proposalId);
        string[] memory expected = vm.parseJsonStringArray(json, string.concat(expect, ".tallies"));
        assertEq(tallies.length, expected.length, "option count");
        for (uint256 k; k < expected.length; ++k) {
            assertEq(
                tallies[k],
                vm.parseUint(expected[k]),
                string.concat(expect, " tally ", vm.toString(k))
            );
        }
        assertEq(
            abstain,
            _uintString(json, string.concat(expect, ".abstain")),
            string.concat(expect, " abstain")
        );
        assertEq(
            participation,
            _uintString(json, string.concat(expect, ".participation")),
            string.concat(expect, " participation")
        );
        if (withTotal) {
            assertEq(
                totalMass, _uintString(json, string.concat(expect, ".totalMass")), "total mass"
            );
        }
    }

    function _checkCarried(string memory json, string memory base, uint256 proposalId)
        internal
        view
    {
        string memory key = string.concat(base, ".expect.carried");
        string[] memory voters = vm.parseJsonKeys(json, key);
        for (uint256 v; v < voters.length; ++v) {
            assertEq(
                gov.carriedMass(proposalId, _member(voters[v])),
                _uintString(json, string.concat(key, ".", voters[v])),
                string.concat(base, " carried by ", voters[v])
            );
        }
    }

    function _uintString(string memory json, string memory key) internal pure returns (uint256) {
        return vm.parseUint(vm.parseJsonString(json, key));
    }

    function _hasKeys(string memory json, string memory key) internal view returns (bool) {
        return vm.keyExistsJson(json, key) && vm.parseJsonKeys(json, key).length > 0;
    }

    function _length(string memory json, string memory key) internal view returns (uint256 n) {
        // forge has no length cheatcode: probe indices until one is missing.
        while (vm.keyExistsJson(json, string.concat(key, "[", vm.toString(n), "]"))) {
            ++n;
        }
    }
}
