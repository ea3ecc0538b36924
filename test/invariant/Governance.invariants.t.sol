// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {GovernanceHandler} from "./handlers/GovernanceHandler.sol";
import {CommunityConfig, ProposalState} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Invariants of one community under random delegation, voting, membership and time: live tallies
///         equal a naive recount of SPEC.md's definition, the delegation graph stays a forest of bounded chains
///         whose aggregates match plain sums, totals match the members, and no ballot lands after a deadline.
/// @dev All state changes go through {GovernanceHandler}, which also checks every call's outcome (success or the
///      exact error) against its model; each invariant first asserts that the model was never surprised.
///      The handler reads most fuzzed words as choices (who, which topic, which proposal), so the fuzzer draws
///      fewer of them from its dictionary of seen values than by default (80%), which would repeat a handful
///      of choices.
/// forge-config: default.invariant.dictionary-weight = 20
/// forge-config: ci.invariant.dictionary-weight = 20
contract GovernanceInvariantsTest is CommunityFixture {
    GovernanceHandler internal handler;

    uint256 internal constant ACTORS = 14;
    uint256 internal constant TOPICS = 2;
    /// Deeper than 8, so chains reach the second word of the depth histogram.
    uint8 internal constant MAX_DEPTH = 10;

    address[ACTORS] internal actors;
    mapping(address account => uint256) internal indexPlusOne;

    function _config() internal view override returns (CommunityConfig memory config) {
        string[] memory topics = new string[](TOPICS);
        topics[0] = "General";
        topics[1] = "Budget";
        config = deployer.defaultConfig(topics);
        config.maxDepth = MAX_DEPTH;
    }

    function setUp() public override {
        super.setUp();
        handler = new GovernanceHandler(gov, address(this));
        handler.bootstrap();
        _assertHandlerClean();
        actors = handler.actors();
        for (uint256 i; i < ACTORS; ++i) {
            indexPlusOne[actors[i]] = i + 1;
        }

        bytes4[] memory selectors = new bytes4[](15);
        selectors[0] = GovernanceHandler.delegate.selector;
        selectors[1] = GovernanceHandler.undelegate.selector;
        selectors[2] = GovernanceHandler.castVote.selector;
        selectors[3] = GovernanceHandler.castQuadraticVote.selector;
        selectors[4] = GovernanceHandler.retract.selector;
        selectors[5] = GovernanceHandler.castBatch.selector;
        selectors[6] = GovernanceHandler.setWeight.selector;
        selectors[7] = GovernanceHandler.removeMember.selector;
        selectors[8] = GovernanceHandler.addMember.selector;
        selectors[9] = GovernanceHandler.warp.selector;
        selectors[10] = GovernanceHandler.warpToDeadline.selector;
        selectors[11] = GovernanceHandler.propose.selector;
        selectors[12] = GovernanceHandler.cancel.selector;
        selectors[13] = GovernanceHandler.castAfterDeadline.selector;
        selectors[14] = GovernanceHandler.delegateDeep.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ---------------------------------------------------------------- invariants

    /// @notice Every tracked proposal's tallies, abstain, participation, total mass, voters' carried masses and
    ///         state equal a recount from its snapshot graph and the current ballots. One proposal per check, in
    ///         turn, is also checked in full: every actor's ballot and carried mass, and its snapshot graph read
    ///         again deep in checkpoint history.
    function invariant_tallyMatchesNaiveRecount() public view {
        _assertHandlerClean();
        uint256[] memory ids = handler.proposalIds();
        uint256 full = ids[handler.totalCalls() % ids.length];
        for (uint256 k; k < ids.length; ++k) {
            _checkTally(ids[k], ids[k] == full);
        }
        _checkSnapshotReads(full);
    }

    /// @notice Single-choice: Σ tallies + abstain = participation = Σ carried masses <= total mass.
    function invariant_singleModeSumsToParticipation() public view {
        _assertHandlerClean();
        uint256[] memory ids = handler.proposalIds();
        for (uint256 k; k < ids.length; ++k) {
            if (handler.trackedProposal(ids[k]).quadratic) continue;
            (uint256[] memory tallies, uint256 abstain, uint256 participation, uint256 totalMass) =
                gov.proposalTally(ids[k]);
            uint256 sum = abstain;
            for (uint256 i; i < tallies.length; ++i) {
                sum += tallies[i];
            }
            _eq(sum, participation, "sum of tallies and abstain");
            _eq(_sumCarried(ids[k]), participation, "sum of carried masses");
            assertLe(participation, totalMass, "participation above total mass");
        }
    }

    /// @notice Quadratic: abstain <= participation = Σ carried masses <= total quadratic mass.
    function invariant_quadraticParticipationAtMostTotalMass() public view {
        _assertHandlerClean();
        uint256[] memory ids = handler.proposalIds();
        for (uint256 k; k < ids.length; ++k) {
            if (!handler.trackedProposal(ids[k]).quadratic) continue;
            (, uint256 abstain, uint256 participation, uint256 totalMass) =
                gov.proposalTally(ids[k]);
            assertLe(abstain, participation, "abstain above participation");
            _eq(_sumCarried(ids[k]), participation, "sum of carried masses");
            assertLe(participation, totalMass, "participation above total mass");
        }
    }

    /// @notice In every topic each current chain ends within maxDepth edges (no cycle), matches
    ///         `delegationChain` and the model, and `delegationHeight` is the longest chain below each member.
    function invariant_delegationGraphIsForest() public view {
        _assertHandlerClean();
        uint256 maxDepth = gov.maxDepth();
        (uint64[ACTORS] memory weights,) = handler.ghostWeights();
        for (uint256 t; t < TOPICS; ++t) {
            uint256[ACTORS] memory parent = _currentGraph(uint8(t));
            uint256[ACTORS] memory height;
            for (uint256 i; i < ACTORS; ++i) {
                // Removal clears outgoing edges, and only members delegate.
                if (weights[i] == 0) _eq(parent[i], 0, "non-member with a delegate");
                address[] memory chain = new address[](maxDepth);
                uint256 length;
                for (uint256 current = i; parent[current] != 0; ++length) {
                    _check(length < maxDepth, "chain longer than maxDepth, or a cycle");
                    current = parent[current] - 1;
                    chain[length] = actors[current];
                    if (length + 1 > height[current]) height[current] = length + 1;
                }
                assembly ("memory-safe") {
                    mstore(chain, length)
                }
                address[] memory reported = gov.delegationChain(actors[i], uint8(t));
                if (keccak256(abi.encode(reported)) != keccak256(abi.encode(chain))) {
                    assertEq(reported, chain, "delegationChain");
                }
            }
            for (uint256 i; i < ACTORS; ++i) {
                _eq(gov.delegationHeight(actors[i], uint8(t)), height[i], "delegationHeight");
            }
        }
    }

    /// @notice `delegatedMass` of every actor and topic is the sum of the weights (and quadratic masses) of
    ///         everyone whose current chain passes through them.
    function invariant_delegatedMassMatchesOracle() public view {
        _assertHandlerClean();
        // Weights and masses from the model, which invariant_totalsMatchMembers ties to weightOf.
        (uint64[ACTORS] memory weight, uint256[ACTORS] memory root) = handler.ghostWeights();
        for (uint256 t; t < TOPICS; ++t) {
            uint256[ACTORS] memory parent = _currentGraph(uint8(t));
            uint256[ACTORS] memory linear;
            uint256[ACTORS] memory quadratic;
            for (uint256 x; x < ACTORS; ++x) {
                uint256 current = x;
                for (uint256 steps; parent[current] != 0 && steps < ACTORS; ++steps) {
                    current = parent[current] - 1;
                    linear[current] += weight[x];
                    quadratic[current] += root[x];
                }
            }
            for (uint256 i; i < ACTORS; ++i) {
                (uint256 l, uint256 q) = gov.delegatedMass(actors[i], uint8(t));
                _eq(l, linear[i], "linear delegated mass");
                _eq(q, quadratic[i], "quadratic delegated mass");
            }
            (uint256 outsiderLinear, uint256 outsiderQuadratic) =
                gov.delegatedMass(handler.outsider(), uint8(t));
            assertEq(outsiderLinear + outsiderQuadratic, 0, "outsider delegated mass");
        }
    }

    /// @notice No ballot, change or retraction was accepted after a proposal's deadline, and closed
    ///         proposals are no longer active.
    function invariant_nothingAcceptedAfterDeadline() public view {
        _assertHandlerClean();
        assertEq(handler.acceptedAfterDeadline(), 0, "ballot accepted after the deadline");
        uint256[] memory ids = handler.proposalIds();
        for (uint256 k; k < ids.length; ++k) {
            if (block.timestamp > gov.proposalDeadline(ids[k])) {
                assertTrue(gov.state(ids[k]) != ProposalState.Active, "active after the deadline");
            }
        }
    }

    /// @notice Total weight, member count and total mass (linear and quadratic) now equal the sums over the
    ///         members, and every actor's weight and membership match the model.
    function invariant_totalsMatchMembers() public view {
        _assertHandlerClean();
        (uint64[ACTORS] memory weights, uint256[ACTORS] memory roots) = handler.ghostWeights();
        uint256 sumWeight;
        uint256 sumRoot;
        uint256 members;
        for (uint256 i; i < ACTORS; ++i) {
            _eq(gov.weightOf(actors[i]), weights[i], "weightOf");
            _check(gov.isMember(actors[i]) == (weights[i] != 0), "isMember");
            sumWeight += weights[i];
            sumRoot += roots[i];
            if (weights[i] != 0) ++members;
        }
        assertEq(gov.weightOf(handler.outsider()), 0, "outsider weight");
        assertEq(gov.totalWeight(), sumWeight, "totalWeight");
        assertEq(gov.pastTotalWeight(uint48(block.timestamp)), sumWeight, "pastTotalWeight(now)");
        assertEq(gov.memberCount(), members, "memberCount");
        (uint256 linear, uint256 quadratic) = gov.pastTotalMass(uint48(block.timestamp));
        assertEq(linear, sumWeight, "pastTotalMass(now).linear");
        assertEq(quadratic, sumRoot, "pastTotalMass(now).quadratic");
    }

    /// @notice What the run did (visible with -vv): calls per action, successes and expected reverts.
    function afterInvariant() public view {
        handler.logSummary();
    }

    // ---------------------------------------------------------------- helpers

    function _assertHandlerClean() internal view {
        uint256 surprises = handler.unexpected();
        if (surprises != 0) assertEq(surprises, 0, handler.firstUnexpected());
    }

    function _checkTally(uint256 id, bool full) internal view {
        (uint256[] memory tallies, uint256 abstain, uint256 participation, uint256 totalMass) =
            gov.proposalTally(id);
        GovernanceHandler.Recount memory r = handler.naiveRecount(id);
        if (keccak256(abi.encode(tallies)) != keccak256(abi.encode(r.tallies))) {
            assertEq(tallies, r.tallies, _label(id, "tallies", 0));
        }
        if (abstain != r.abstain) assertEq(abstain, r.abstain, _label(id, "abstain", 0));
        if (participation != r.participation) {
            assertEq(participation, r.participation, _label(id, "participation", 0));
        }
        if (totalMass != r.totalMass) {
            assertEq(totalMass, r.totalMass, _label(id, "total mass", 0));
        }
        if (gov.state(id) != r.state) {
            assertEq(uint8(gov.state(id)), uint8(r.state), _label(id, "state", 0));
        }
        for (uint256 i; i < ACTORS; ++i) {
            if (!r.voted[i] && !full) continue;
            uint256 carried = gov.carriedMass(id, actors[i]);
            if (carried != r.carried[i]) {
                assertEq(carried, r.carried[i], _label(id, "carried mass of actor", i));
            }
            if (!full) continue;
            (bool voted, uint8 option, uint32[] memory votes) = gov.ballotOf(id, actors[i]);
            (bool ghostVoted, uint8 ghostOption, uint32[] memory ghostVotes) =
                handler.ghostBallot(id, i);
            if (
                voted != ghostVoted || option != ghostOption
                    || keccak256(abi.encode(votes)) != keccak256(abi.encode(ghostVotes))
            ) {
                assertEq(
                    abi.encode(voted, option, votes),
                    abi.encode(ghostVoted, ghostOption, ghostVotes),
                    _label(id, "ballot of actor", i)
                );
            }
        }
        if (full) {
            assertEq(
                gov.carriedMass(id, handler.outsider()), 0, _label(id, "carried by the outsider", 0)
            );
        }
    }

    /// @dev The snapshot graph read again now equals what was read when the proposal was created.
    function _checkSnapshotReads(uint256 id) internal view {
        GovernanceHandler.Tracked memory p = handler.trackedProposal(id);
        (address[ACTORS] memory delegates, uint64[ACTORS] memory weights) = handler.snapshotOf(id);
        for (uint256 i; i < ACTORS; ++i) {
            address delegatee = gov.pastDelegateOf(actors[i], p.topic, p.snapshot);
            if (delegatee != delegates[i]) {
                assertEq(delegatee, delegates[i], _label(id, "pastDelegateOf, actor", i));
            }
            uint64 weight = gov.pastWeightOf(actors[i], p.snapshot);
            if (weight != weights[i]) {
                assertEq(weight, weights[i], _label(id, "pastWeightOf, actor", i));
            }
        }
    }

    function _eq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) assertEq(a, b, what);
    }

    function _check(bool ok, string memory what) internal pure {
        if (!ok) assertTrue(ok, what);
    }

    function _label(uint256 id, string memory what, uint256 i)
        internal
        pure
        returns (string memory)
    {
        return string.concat("proposal ", vm.toString(id), ": ", what, " ", vm.toString(i));
    }

    function _sumCarried(uint256 id) internal view returns (uint256 sum) {
        for (uint256 i; i < ACTORS; ++i) {
            sum += gov.carriedMass(id, actors[i]);
        }
    }

    /// @dev The current graph of `topic` as actor index + 1 (0 = none), checked against the model.
    function _currentGraph(uint8 topic) internal view returns (uint256[ACTORS] memory parent) {
        address[ACTORS] memory ghost = handler.ghostDelegates(topic);
        for (uint256 i; i < ACTORS; ++i) {
            address delegatee = gov.delegateOf(actors[i], topic);
            if (delegatee != ghost[i]) {
                assertEq(delegatee, ghost[i], "delegateOf differs from the model");
            }
            parent[i] = indexPlusOne[delegatee];
            _check(delegatee == address(0) || parent[i] != 0, "delegate outside the actors");
        }
    }
}
