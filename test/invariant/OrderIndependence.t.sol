// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {CommunityConfig, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice SPEC.md: the tally is a pure function of (snapshot graph, snapshot weights, current ballots); it
///         does not depend on the order in which votes arrived. Two identical proposals created in the same
///         block share a snapshot; the same final ballots reach them in two fuzzed orders (the second with
///         detours: ballots changed later, and ballots cast and retracted), and every result must be equal.
contract OrderIndependenceTest is CommunityFixture {
    uint256 internal constant MEMBERS = 12;
    uint8 internal constant OPTIONS = 4;
    uint8 internal constant ABSTAIN = 255;

    address[MEMBERS] internal members;
    uint64[MEMBERS] internal weights;
    bool[MEMBERS] internal removed;

    /// @dev One member's final ballot on both proposals of a pair.
    struct Final {
        bool votes;
        uint8 option;
        uint32[] vector;
    }

    function _config() internal view override returns (CommunityConfig memory config) {
        string[] memory topics = new string[](1);
        topics[0] = "General";
        config = deployer.defaultConfig(topics);
        // Random forests below have chains of up to MEMBERS - 1 edges.
        config.maxDepth = 16;
    }

    function testFuzz_tallyIndependentOfVoteOrder(
        uint256 seed,
        uint256 orderSeedA,
        uint256 orderSeedB
    ) public {
        _buildForest(seed);
        vm.warp(block.timestamp + 1);
        address proposer = _firstMember();
        uint256 single1 = _poll(proposer, 0, VoteMode.Single, OPTIONS);
        uint256 single2 = _poll(proposer, 0, VoteMode.Single, OPTIONS);
        uint256 quadratic1 = _poll(proposer, 0, VoteMode.Quadratic, OPTIONS);
        uint256 quadratic2 = _poll(proposer, 0, VoteMode.Quadratic, OPTIONS);
        assertEq(gov.proposalSnapshot(single1), gov.proposalSnapshot(quadratic2), "one snapshot");

        Final[MEMBERS] memory singles =
            _finals(uint256(keccak256(abi.encode(seed, "single"))), false);
        Final[MEMBERS] memory vectors =
            _finals(uint256(keccak256(abi.encode(seed, "quadratic"))), true);
        uint256[MEMBERS] memory orderA = _permutation(orderSeedA);
        uint256[MEMBERS] memory orderB = _permutation(orderSeedB);
        uint256 detours = uint256(keccak256(abi.encode(seed, "detours")));

        _castInOrder(single1, singles, orderA, 0);
        _castInOrder(single2, singles, orderB, detours);
        _castInOrder(quadratic1, vectors, orderA, 0);
        _castInOrder(quadratic2, vectors, orderB, detours);

        _assertSameResult(single1, single2);
        _assertSameResult(quadratic1, quadratic2);
    }

    // ---------------------------------------------------------------- setup

    /// @dev Members with weights 1..1000; each delegates (3 in 4) to a random member added before it, which
    ///      can never close a cycle; then now and then one member is removed (weight delegated to it stops
    ///      there) and one re-weighted, all before the snapshot.
    function _buildForest(uint256 seed) internal {
        address[] memory accounts = new address[](MEMBERS);
        uint64[] memory initial = new uint64[](MEMBERS);
        for (uint256 i; i < MEMBERS; ++i) {
            members[i] = address(uint160(uint256(keccak256(abi.encode(seed, "member", i)))));
            weights[i] = uint64(bound(uint256(keccak256(abi.encode(seed, "weight", i))), 1, 1000));
            accounts[i] = members[i];
            initial[i] = weights[i];
        }
        gov.addMembers(accounts, initial);
        for (uint256 i = 1; i < MEMBERS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "edge", i)));
            if (r % 4 != 0) _delegate(members[i], 0, members[(r >> 8) % i]);
        }
        uint256 changes = uint256(keccak256(abi.encode(seed, "changes")));
        if (changes % 3 == 0) {
            uint256 gone = (changes >> 8) % MEMBERS;
            gov.removeMember(members[gone]);
            removed[gone] = true;
        }
        uint256 reweighted = (changes >> 16) % MEMBERS;
        if (!removed[reweighted]) {
            weights[reweighted] = uint64(bound(changes >> 32, 1, 1000));
            gov.setWeight(members[reweighted], weights[reweighted]);
        }
    }

    /// @dev About 60% of members vote: an option or abstain, or a vector within their budget (zeros abstain).
    function _finals(uint256 seed, bool quadratic)
        internal
        view
        returns (Final[MEMBERS] memory finals)
    {
        for (uint256 i; i < MEMBERS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (removed[i] || r % 5 < 2) continue;
            finals[i].votes = true;
            if (quadratic) finals[i].vector = _vector(r >> 8, weights[i]);
            else finals[i].option = (r >> 8) % 6 == 0 ? ABSTAIN : uint8((r >> 16) % OPTIONS);
        }
    }

    // ---------------------------------------------------------------- casting

    /// @dev Casts every final ballot in `order`. With `detours` != 0, some voters first cast another ballot
    ///      (changed at the end), some vote, retract and vote again, and some non-voters cast and retract.
    function _castInOrder(
        uint256 id,
        Final[MEMBERS] memory finals,
        uint256[MEMBERS] memory order,
        uint256 detours
    ) internal {
        bool quadratic = _isQuadratic(id);
        bool[MEMBERS] memory pending;
        for (uint256 k; k < MEMBERS; ++k) {
            uint256 i = order[k];
            if (removed[i]) continue;
            uint256 kind = detours == 0 ? 0 : uint256(keccak256(abi.encode(detours, i))) % 4;
            if (kind == 1) {
                // A ballot that is changed at the end, or retracted if the member ends without one.
                _castDecoy(id, i, quadratic, detours);
                pending[i] = true;
            } else if (kind == 2 && finals[i].votes) {
                _cast(id, i, finals[i], quadratic);
                vm.prank(members[i]);
                gov.retractVote(id);
                _cast(id, i, finals[i], quadratic);
            } else if (finals[i].votes) {
                _cast(id, i, finals[i], quadratic);
            }
        }
        for (uint256 k; k < MEMBERS; ++k) {
            uint256 i = order[MEMBERS - 1 - k];
            if (!pending[i]) continue;
            if (finals[i].votes) {
                _cast(id, i, finals[i], quadratic);
            } else {
                vm.prank(members[i]);
                gov.retractVote(id);
            }
        }
    }

    function _cast(uint256 id, uint256 i, Final memory ballot, bool quadratic) internal {
        vm.prank(members[i]);
        if (quadratic) gov.castQuadraticVote(id, ballot.vector);
        else gov.castVote(id, ballot.option);
    }

    function _castDecoy(uint256 id, uint256 i, bool quadratic, uint256 detours) internal {
        uint256 r = uint256(keccak256(abi.encode(detours, "decoy", i)));
        vm.prank(members[i]);
        if (quadratic) gov.castQuadraticVote(id, _vector(r, weights[i]));
        else gov.castVote(id, uint8(r % OPTIONS));
    }

    // ---------------------------------------------------------------- checks

    function _assertSameResult(uint256 first, uint256 second) internal view {
        (uint256[] memory tallies1, uint256 abstain1, uint256 participation1, uint256 total1) =
            gov.proposalTally(first);
        (uint256[] memory tallies2, uint256 abstain2, uint256 participation2, uint256 total2) =
            gov.proposalTally(second);
        assertEq(tallies1, tallies2, "tallies");
        assertEq(abstain1, abstain2, "abstain");
        assertEq(participation1, participation2, "participation");
        assertEq(total1, total2, "total mass");
        assertLe(participation1, total1, "participation above total mass");
        for (uint256 i; i < MEMBERS; ++i) {
            assertEq(
                gov.carriedMass(first, members[i]),
                gov.carriedMass(second, members[i]),
                "carried mass"
            );
            (bool voted1, uint8 option1, uint32[] memory votes1) = gov.ballotOf(first, members[i]);
            (bool voted2, uint8 option2, uint32[] memory votes2) = gov.ballotOf(second, members[i]);
            assertEq(
                abi.encode(voted1, option1, votes1), abi.encode(voted2, option2, votes2), "ballot"
            );
        }
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Fisher-Yates shuffle of 0..MEMBERS-1 driven by `seed`.
    function _permutation(uint256 seed) internal pure returns (uint256[MEMBERS] memory order) {
        for (uint256 i; i < MEMBERS; ++i) {
            order[i] = i;
        }
        for (uint256 i = MEMBERS - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % (i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// @dev Votes with Σ v_i² <= budget, spent from a random option onwards.
    function _vector(uint256 seed, uint64 budget) internal pure returns (uint32[] memory votes) {
        votes = new uint32[](OPTIONS);
        uint256 remaining = budget;
        for (uint256 j; j < OPTIONS; ++j) {
            uint256 v = uint256(keccak256(abi.encode(seed, j))) % (_isqrt(remaining) + 1);
            votes[(seed % OPTIONS + j) % OPTIONS] = uint32(v);
            remaining -= v * v;
        }
    }

    function _isqrt(uint256 x) internal pure returns (uint256 r) {
        while ((r + 1) * (r + 1) <= x) {
            ++r;
        }
    }

    function _isQuadratic(uint256 id) internal view returns (bool) {
        (, VoteMode mode,,) = gov.proposalConfig(id);
        return mode == VoteMode.Quadratic;
    }

    function _firstMember() internal view returns (address) {
        for (uint256 i; i < MEMBERS; ++i) {
            if (!removed[i]) return members[i];
        }
        revert("no member");
    }
}
