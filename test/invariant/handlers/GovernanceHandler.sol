// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {console2} from "forge-std/console2.sol";
import {ILiquidGovernor} from "../../../contracts/interfaces/ILiquidGovernor.sol";
import {ILiquidDelegation} from "../../../contracts/interfaces/ILiquidDelegation.sol";
import {IMembership} from "../../../contracts/interfaces/IMembership.sol";
import {IProposals} from "../../../contracts/interfaces/IProposals.sol";
import {IProposalExecution} from "../../../contracts/interfaces/IProposalExecution.sol";
import {IVoting} from "../../../contracts/interfaces/IVoting.sol";
import {
    Ballot,
    ProposalParams,
    ProposalState,
    VoteMode
} from "../../../contracts/types/GovernanceTypes.sol";

/// @notice Drives one community through everything its members and registrar can do: delegating and
///         undelegating per topic, single-choice, quadratic and batched ballots, retractions, weight changes,
///         removals and re-admissions, new polls (alone and in batches), cancellations, small warps, and
///         ballots on proposals whose deadline has passed.
/// @dev Every call is predicted from a ghost model before it is made: the set of errors the call may revert
///      with (empty = it must succeed). Expected reverts are counted and ignored; anything else is recorded in
///      `unexpected`, which every invariant checks. The model holds the current graph and weights, the same as
///      of the end of the previous second (what a proposal created now snapshots), the snapshot graph of every
///      tracked proposal (read through `pastDelegateOf`/`pastWeightOf` when it is created, and checked against
///      the model), and every current ballot. From those it recomputes tallies exactly as SPEC.md writes them.
///      Seeds that pick among choices are hashed first (see `_mix`); numeric ones are reduced with forge-std's
///      `_bound` (`bound` without its log line, which would drown the summary).
contract GovernanceHandler is CommonBase, StdCheats, StdUtils {
    // ---------------------------------------------------------------- constants

    /// Members are drawn from this many fixed accounts.
    uint256 public constant ACTORS = 14;
    /// The community's topics.
    uint256 public constant TOPICS = 2;
    /// Most proposals tracked at once (tallies are recounted for each of them after every call).
    uint256 public constant MAX_PROPOSALS = 7;
    /// The setup proposals are never replaced: two expired ones (for `castAfterDeadline`), then a week-long
    /// single-choice and quadratic poll whose tallies accumulate over the whole run.
    uint256 internal constant KEPT_PROPOSALS = 4;
    /// Actor index of an account that is never a member.
    uint256 internal constant OUTSIDER = ACTORS;
    /// Actor index of the zero address (undelegating).
    uint256 internal constant NOBODY = ACTORS + 1;
    uint64 internal constant MAX_WEIGHT = 1000;
    uint8 internal constant ABSTAIN = 255;
    uint8 internal constant RETRACT = 254;
    uint256 internal constant QUADRATIC_SCALE = 1e9;
    uint256 internal constant QUORUM_DENOMINATOR = 10_000;

    // ---------------------------------------------------------------- the community

    ILiquidGovernor public immutable gov;
    address public immutable registrar;
    address public immutable outsider;
    uint8 public immutable maxDepth;
    uint256 public immutable quorumBps;
    uint32 internal immutable _minVotingPeriod;
    uint64 internal immutable _proposalThreshold;

    address[ACTORS] internal _actors;
    mapping(address account => uint256) internal _indexPlusOne;

    // ---------------------------------------------------------------- ghost model

    /// Current weight of each actor; 0 = not a member; and its quadratic mass isqrt(w * 10^18).
    uint64[ACTORS] internal _weight;
    uint256[ACTORS] internal _rootMass;
    /// Current delegate of each actor per topic, as actor index + 1; 0 = none. `_del[topic][actor]`.
    uint8[ACTORS][TOPICS] internal _del;
    /// The same as of the end of the previous second: what a proposal created now snapshots.
    uint64[ACTORS] internal _prevWeight;
    uint8[ACTORS][TOPICS] internal _prevDel;

    struct Tracked {
        uint8 topic;
        bool quadratic;
        uint8 optionCount;
        bool canceled;
        bool everVoted;
        uint48 snapshot;
        uint48 deadline;
        address proposer;
    }

    struct GhostBallot {
        bool voted;
        uint8 option;
        uint32[] votes;
    }

    /// Ids of the tracked proposals; the first `KEPT_PROPOSALS` are the setup polls.
    uint256[] internal _ids;
    mapping(uint256 id => Tracked) internal _proposal;
    /// Snapshot graph of a proposal's topic and snapshot weights, read when it was created, and the mass
    /// each actor has in the proposal's mode.
    mapping(uint256 id => uint8[ACTORS]) internal _snapDel;
    mapping(uint256 id => uint64[ACTORS]) internal _snapWeight;
    mapping(uint256 id => uint256[ACTORS]) internal _snapMass;
    mapping(uint256 id => mapping(uint256 actor => GhostBallot)) internal _ballot;

    // ---------------------------------------------------------------- ghost counters

    struct Counter {
        uint256 calls;
        uint256 ok;
        uint256 expectedReverts;
    }

    string[] internal _actionNames;
    mapping(string action => Counter) internal _counters;
    bytes4[] internal _revertSelectors;
    mapping(bytes4 selector => uint256) internal _revertsBySelector;

    /// Handler calls in this run.
    uint256 public totalCalls;
    /// Ballots attempted on proposals past their deadline, and how many of them the contract accepted.
    uint256 public afterDeadlineAttempts;
    uint256 public acceptedAfterDeadline;
    /// Calls whose outcome the model did not predict; the first one is described in `firstUnexpected`.
    uint256 public unexpected;
    string public firstUnexpected;
    /// Longest chain (edges) through an edge created during the run, and polls created during the run.
    uint256 public longestChain;
    uint256 public proposalsCreated;
    bool internal _counting;

    /// @notice What a call may revert with; no entries means it must succeed.
    struct Expect {
        bytes[8] errors;
        uint256 count;
    }

    constructor(ILiquidGovernor gov_, address registrar_) {
        gov = gov_;
        registrar = registrar_;
        outsider = address(uint160(uint256(keccak256("governance-handler.outsider"))));
        maxDepth = gov_.maxDepth();
        _minVotingPeriod = gov_.minVotingPeriod();
        _proposalThreshold = gov_.proposalThreshold();
        quorumBps = gov_.quorumBps();
        require(gov_.topicCount() == TOPICS, "handler expects two topics");
        for (uint256 i; i < ACTORS; ++i) {
            address account =
                address(uint160(uint256(keccak256(abi.encode("governance-handler.actor", i)))));
            _actors[i] = account;
            _indexPlusOne[account] = i + 1;
        }
    }

    // ---------------------------------------------------------------- setup

    /// @notice Members with weights 1..1000, a random forest in both topics with a chain of maxDepth edges
    ///         in topic 0 (so runs meet the depth limit and use the upper half of the depth histogram), two
    ///         one-hour polls with ballots that then expire, more delegations in topic 1, then one
    ///         single-choice poll on topic 0 and one quadratic poll on topic 1 with a week to run.
    /// @dev Called once from the test's setUp; not a fuzzed selector. Calls are checked but not counted.
    function bootstrap() external {
        address[] memory accounts = new address[](ACTORS);
        uint64[] memory weights = new uint64[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            accounts[i] = _actors[i];
            weights[i] = uint64(1 + uint256(keccak256(abi.encode("weight", i))) % MAX_WEIGHT);
            _setGhostWeight(i, weights[i]);
        }
        vm.prank(registrar);
        gov.addMembers(accounts, weights);

        // A chain of maxDepth edges: the next delegation onto its bottom is too deep.
        for (uint256 i = 1; i <= maxDepth && i < ACTORS; ++i) {
            _setupDelegate(i, 0, i - 1);
        }
        _randomForest(keccak256("forest.1"), 0);
        _randomForest(keccak256("forest.1"), 1);
        _warp(1);
        _createPoll(0, 0, VoteMode.Single, 3, 1 hours);
        _createPoll(1, 1, VoteMode.Quadratic, 3, 1 hours);
        _setupBallots("expired ballots", 6, _ids[0], _ids[1]);
        _warp(1 hours + 1);
        _randomForest(keccak256("forest.2"), 1);
        _warp(1);
        _createPoll(2, 0, VoteMode.Single, 4, 0);
        _createPoll(3, 1, VoteMode.Quadratic, 4, 0);
        _setupBallots("open ballots", 5, _ids[2], _ids[3]);
        _counting = true;
        delete totalCalls;
    }

    /// @dev Two actors in three without a delegate delegate in `topic` to a random member, where the model
    ///      accepts it.
    function _randomForest(bytes32 salt, uint8 topic) internal {
        for (uint256 i; i < ACTORS; ++i) {
            if (_del[topic][i] != 0) continue;
            uint256 seed = uint256(keccak256(abi.encode(salt, topic, i)));
            if (seed % 3 != 0) _setupDelegate(i, topic, (seed >> 8) % ACTORS);
        }
    }

    /// @dev `count` random ballots on each of a single-choice and a quadratic proposal.
    function _setupBallots(string memory salt, uint256 count, uint256 single, uint256 quadratic)
        internal
    {
        for (uint256 i; i < count; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(salt, i)));
            _castVoteAs(_pickActor(seed), single, _pickOption(single, seed >> 64));
            uint256 voter = _pickActor(seed >> 8);
            _castQuadraticAs(voter, quadratic, _pickVector(quadratic, voter, seed >> 128));
        }
    }

    function _setupDelegate(uint256 from, uint8 topic, uint256 to) internal {
        uint8[] memory topics = new uint8[](1);
        topics[0] = topic;
        uint8[ACTORS][TOPICS] memory sim = _del;
        (Expect memory e,) = _expectDelegate(from, topics, to, sim);
        if (e.count == 0) _delegate("setup.delegate", from, topics, to);
    }

    function _createPoll(uint256 slot, uint8 topic, VoteMode mode, uint8 optionCount, uint32 period)
        internal
    {
        ProposalParams memory params = ProposalParams({
            topic: topic,
            mode: mode,
            optionCount: optionCount,
            votingPeriod: period,
            metadataHash: keccak256(abi.encode("setup poll", slot)),
            metadataURI: "ipfs://setup"
        });
        vm.prank(_actors[0]);
        uint256 id = gov.propose(params);
        _track(id, slot, _actors[0], params);
    }

    // ---------------------------------------------------------------- delegation

    /// @notice A member (or not) delegates one or two topics (or an unknown one) to a random account or to
    ///         the deepest member of the topic, which grows long chains, cycles and too-deep attempts.
    function delegate(uint256 actorSeed, uint256 topicsSeed, uint256 targetSeed) external {
        _begin("delegate");
        uint256 from = _pickActor(_mix(actorSeed, 1));
        uint8[] memory topics = _pickTopics(_mix(topicsSeed, 2));
        uint256 to = _pickTarget(from, topics[0] < TOPICS ? topics[0] : 0, _mix(targetSeed, 3));
        _delegate("delegate", from, topics, to);
    }

    /// @notice Extends the longest chain of a topic: a random account, or the member with the tallest subtree,
    ///         delegates to the member deepest in the topic outside its own subtree, so chains reach maxDepth
    ///         and then meet {DelegationTooDeep}.
    function delegateDeep(uint256 actorSeed, uint256 topicSeed) external {
        _begin("delegateDeep");
        actorSeed = _mix(actorSeed, 1);
        uint8[] memory topics = new uint8[](1);
        topics[0] = uint8(_mix(topicSeed, 2) % TOPICS);
        uint256 from =
            actorSeed % 2 == 0 ? _pickActor(actorSeed >> 1) : _tallest(topics[0], actorSeed >> 1);
        _delegate("delegateDeep", from, topics, _deepest(topics[0], from, actorSeed >> 8));
    }

    /// @notice Clears delegations in one or two topics.
    function undelegate(uint256 actorSeed, uint256 topicsSeed) external {
        _begin("undelegate");
        _delegate(
            "undelegate", _pickActor(_mix(actorSeed, 1)), _pickTopics(_mix(topicsSeed, 2)), NOBODY
        );
    }

    function _delegate(string memory action, uint256 from, uint8[] memory topics, uint256 to)
        internal
    {
        uint8[ACTORS][TOPICS] memory sim = _del;
        (Expect memory e, uint256 length) = _expectDelegate(from, topics, to, sim);
        vm.prank(_addr(from));
        (bool ok, bytes memory err) = _tryDelegate(topics, _addr(to));
        if (_settle(action, e, ok, err)) {
            _del = sim;
            if (_counting && length > longestChain) longestChain = length;
        }
    }

    function _tryDelegate(uint8[] memory topics, address to) internal returns (bool, bytes memory) {
        try gov.delegate(topics, to) {
            return (true, "");
        } catch (bytes memory err) {
            return (false, err);
        }
    }

    /// @dev Every error the contract may give, given which checks fail; `sim` ends as the graph on success, and
    ///      `longest` is the longest chain through a new edge.
    function _expectDelegate(
        uint256 from,
        uint8[] memory topics,
        uint256 to,
        uint8[ACTORS][TOPICS] memory sim
    ) internal view returns (Expect memory e, uint256 longest) {
        address fromAddr = _addr(from);
        address toAddr = _addr(to);
        if (!_isMember(from)) {
            _allow(
                e,
                abi.encodeWithSelector(
                    ILiquidDelegation.DelegationDelegatorNotMember.selector, fromAddr
                )
            );
        }
        if (to != NOBODY && to == from) {
            _allow(e, abi.encodeWithSelector(ILiquidDelegation.DelegationToSelf.selector, fromAddr));
        }
        if (to != NOBODY && !_isMember(to)) {
            _allow(
                e,
                abi.encodeWithSelector(
                    ILiquidDelegation.DelegationDelegateeNotMember.selector, toAddr
                )
            );
        }
        bool accountsFail = e.count != 0;
        // Topics are applied in order, so the first failing one names the error; an unknown topic may also be
        // reported up front.
        for (uint256 k; k < topics.length; ++k) {
            if (topics[k] >= TOPICS) {
                _allow(
                    e,
                    abi.encodeWithSelector(
                        ILiquidDelegation.DelegationUnknownTopic.selector, topics[k], uint8(TOPICS)
                    )
                );
            }
        }
        if (accountsFail) return (e, 0);
        for (uint256 k; k < topics.length; ++k) {
            uint8 topic = topics[k];
            if (topic >= TOPICS) break;
            uint8[ACTORS] memory graph = sim[topic];
            uint8 target = to == NOBODY ? 0 : uint8(to + 1);
            if (graph[from] == target) continue;
            graph[from] = 0;
            if (target != 0) {
                (bool cycle, uint256 above) = _chainFrom(graph, to, from);
                if (cycle) {
                    _allow(
                        e,
                        abi.encodeWithSelector(
                            ILiquidDelegation.DelegationCycle.selector, fromAddr, toAddr, topic
                        )
                    );
                    return (e, 0);
                }
                uint256 length = _height(graph, from) + above;
                if (length > maxDepth) {
                    _allow(
                        e,
                        abi.encodeWithSelector(
                            ILiquidDelegation.DelegationTooDeep.selector,
                            fromAddr,
                            toAddr,
                            topic,
                            length,
                            uint256(maxDepth)
                        )
                    );
                    return (e, 0);
                }
                if (length > longest) longest = length;
            }
            graph[from] = target;
        }
    }

    // ---------------------------------------------------------------- ballots

    /// @notice Casts or changes a single-choice ballot (sometimes abstain, sometimes an invalid option).
    function castVote(uint256 voterSeed, uint256 proposalSeed, uint256 optionSeed) external {
        _begin("castVote");
        uint256 id = _pickProposal(_mix(proposalSeed, 2), false);
        _castVoteAs(_pickActor(_mix(voterSeed, 1)), id, _pickOption(id, _mix(optionSeed, 3)));
    }

    function _castVoteAs(uint256 voter, uint256 id, uint8 option) internal {
        Expect memory e = _expectSingle(id, voter, option, _ballot[id][voter].voted);
        vm.prank(_addr(voter));
        (bool ok, bytes memory err) = _tryCastVote(id, option);
        if (_settle("castVote", e, ok, err)) _recordSingle(id, voter, option);
    }

    /// @notice Casts or changes a quadratic ballot within budget (sometimes all zeros, over budget or of the
    ///         wrong length).
    function castQuadraticVote(uint256 voterSeed, uint256 proposalSeed, uint256 vectorSeed)
        external
    {
        _begin("castQuadraticVote");
        uint256 id = _pickProposal(_mix(proposalSeed, 2), true);
        uint256 voter = _pickActor(_mix(voterSeed, 1));
        _castQuadraticAs(voter, id, _pickVector(id, voter, _mix(vectorSeed, 3)));
    }

    function _castQuadraticAs(uint256 voter, uint256 id, uint32[] memory votes) internal {
        Expect memory e = _expectQuadratic(id, voter, 0, votes, _ballot[id][voter].voted);
        vm.prank(_addr(voter));
        (bool ok, bytes memory err) = _tryCastQuadratic(id, votes);
        if (_settle("castQuadraticVote", e, ok, err)) _recordQuadratic(id, voter, votes);
    }

    /// @notice Retracts a ballot (mostly one that exists).
    function retract(uint256 voterSeed, uint256 proposalSeed) external {
        _begin("retract");
        (voterSeed, proposalSeed) = (_mix(voterSeed, 1), _mix(proposalSeed, 2));
        uint256 id = _pickOpen(proposalSeed, false);
        uint256 voter = _pickBallotHolder(id, voterSeed);
        Expect memory e = _expectRetract(id, voter, _ballot[id][voter].voted);
        vm.prank(_addr(voter));
        (bool ok, bytes memory err) = _tryRetract(id);
        if (_settle("retract", e, ok, err)) _recordRetract(id, voter);
    }

    /// @notice One to three ballots in one `castVotes` call, over any proposals: votes, abstentions,
    ///         retractions, and now and then a ballot of the wrong form.
    function castBatch(uint256 voterSeed, uint256 ballotsSeed) external {
        _begin("castBatch");
        (voterSeed, ballotsSeed) = (_mix(voterSeed, 1), _mix(ballotsSeed, 2));
        uint256 voter = _pickActor(voterSeed);
        Ballot[] memory ballots = new Ballot[](1 + ballotsSeed % 3);
        bool[] memory votedAfter = new bool[](ballots.length);
        Expect memory e;
        for (uint256 j; j < ballots.length; ++j) {
            uint256 seed = uint256(keccak256(abi.encode(ballotsSeed, j)));
            uint256 id = _pickBatchProposal(voter, seed);
            bool votedBefore = _ballot[id][voter].voted;
            for (uint256 k; k < j; ++k) {
                if (ballots[k].proposalId == id) votedBefore = votedAfter[k];
            }
            Expect memory ballotExpect;
            (ballots[j], ballotExpect) = _makeBallot(id, voter, seed >> 16, votedBefore);
            // The batch reverts with the first failing ballot's error.
            if (e.count == 0) e = ballotExpect;
            votedAfter[j] = ballots[j].option != RETRACT;
        }
        vm.prank(_addr(voter));
        (bool ok, bytes memory err) = _tryCastVotes(ballots);
        if (_settle("castBatch", e, ok, err)) {
            for (uint256 j; j < ballots.length; ++j) {
                _recordBallot(ballots[j], voter);
            }
        }
    }

    /// @notice Tries a ballot of every kind on a proposal whose deadline has passed: all must revert.
    function castAfterDeadline(uint256 proposalSeed, uint256 voterSeed, uint256 kindSeed) external {
        _begin("castAfterDeadline");
        (proposalSeed, voterSeed, kindSeed) =
        (_mix(proposalSeed, 1), _mix(voterSeed, 2), _mix(kindSeed, 3));
        uint256 id = _pickExpired(proposalSeed);
        uint256 voter = _pickSnapshotMember(id, voterSeed, kindSeed % 2 == 0);
        Tracked memory p = _proposal[id];
        Expect memory e;
        _allowClosed(e, id);
        Ballot[] memory ballots = new Ballot[](1);
        uint256 kind = (kindSeed >> 1) % 4;
        if (kind == 1) {
            ballots[0] = Ballot({proposalId: id, option: RETRACT, votes: new uint32[](0)});
        } else if (p.quadratic) {
            ballots[0] = Ballot({
                proposalId: id,
                option: 0,
                votes: _vectorWithin(kindSeed >> 8, p.optionCount, _snapWeightOf(id, voter))
            });
        } else {
            ballots[0] = Ballot({
                proposalId: id,
                option: uint8((kindSeed >> 8) % p.optionCount),
                votes: new uint32[](0)
            });
        }
        if (ballots[0].option == RETRACT && !_ballot[id][voter].voted) {
            _allow(e, abi.encodeWithSelector(IVoting.VotingNoBallot.selector, _addr(voter), id));
        }
        if (ballots[0].option != RETRACT && _snapWeightOf(id, voter) == 0) {
            _allow(
                e,
                abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, _addr(voter), id)
            );
        }
        ++afterDeadlineAttempts;
        vm.prank(_addr(voter));
        (bool ok, bytes memory err) = kind == 3 ? _tryCastVotes(ballots) : _tryOne(ballots[0]);
        if (ok) {
            ++acceptedAfterDeadline;
            _recordBallot(ballots[0], voter);
            return;
        }
        _settle("castAfterDeadline", e, ok, err);
    }

    function _tryOne(Ballot memory ballot) internal returns (bool, bytes memory) {
        if (ballot.option == RETRACT) return _tryRetract(ballot.proposalId);
        if (ballot.votes.length != 0) return _tryCastQuadratic(ballot.proposalId, ballot.votes);
        return _tryCastVote(ballot.proposalId, ballot.option);
    }

    function _tryCastVote(uint256 id, uint8 option) internal returns (bool, bytes memory) {
        try gov.castVote(id, option) {
            return (true, "");
        } catch (bytes memory err) {
            return (false, err);
        }
    }

    function _tryCastQuadratic(uint256 id, uint32[] memory votes)
        internal
        returns (bool, bytes memory)
    {
        try gov.castQuadraticVote(id, votes) {
            return (true, "");
        } catch (bytes memory err) {
            return (false, err);
        }
    }

    function _tryRetract(uint256 id) internal returns (bool, bytes memory) {
        try gov.retractVote(id) {
            return (true, "");
        } catch (bytes memory err) {
            return (false, err);
        }
    }

    function _tryCastVotes(Ballot[] memory ballots) internal returns (bool, bytes memory) {
        try gov.castVotes(ballots) {
            return (true, "");
        } catch (bytes memory err) {
            return (false, err);
        }
    }

    function _makeBallot(uint256 id, uint256 voter, uint256 seed, bool voted)
        internal
        view
        returns (Ballot memory ballot, Expect memory e)
    {
        Tracked memory p = _proposal[id];
        uint256 kind = seed % 20;
        ballot.proposalId = id;
        if (kind >= 10 && kind < 15) {
            ballot.option = RETRACT;
            e = _expectRetract(id, voter, voted);
        } else if (kind == 18) {
            // The other mode's form.
            if (p.quadratic) ballot.option = _pickOption(id, seed >> 8);
            else ballot.votes = _vectorWithin(seed >> 8, p.optionCount, _snapWeightOf(id, voter));
            e = _expectWrongForm(id, voter, ballot, voted);
        } else if (kind == 19 && p.quadratic) {
            // A quadratic ballot must carry option 0.
            ballot.option = 1;
            ballot.votes = _pickVector(id, voter, seed >> 8);
            e = _expectQuadratic(id, voter, 1, ballot.votes, voted);
        } else if (p.quadratic) {
            ballot.votes = _pickVector(id, voter, seed >> 8);
            e = _expectQuadratic(id, voter, 0, ballot.votes, voted);
        } else {
            ballot.option = _pickOption(id, seed >> 8);
            e = _expectSingle(id, voter, ballot.option, voted);
        }
    }

    function _expectWrongForm(uint256 id, uint256 voter, Ballot memory ballot, bool voted)
        internal
        view
        returns (Expect memory e)
    {
        e = ballot.votes.length == 0
            ? _expectSingle(id, voter, ballot.option, voted)
            : _expectQuadratic(id, voter, 0, ballot.votes, voted);
    }

    function _expectSingle(uint256 id, uint256 voter, uint8 option, bool voted)
        internal
        view
        returns (Expect memory e)
    {
        Tracked memory p = _proposal[id];
        _allowClosed(e, id);
        if (p.quadratic) _allow(e, abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        if (option != ABSTAIN && option >= p.optionCount) {
            _allow(
                e,
                abi.encodeWithSelector(
                    IVoting.VotingInvalidOption.selector, id, option, p.optionCount
                )
            );
        }
        if (!voted && _snapWeightOf(id, voter) == 0) {
            _allow(
                e,
                abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, _addr(voter), id)
            );
        }
    }

    function _expectQuadratic(
        uint256 id,
        uint256 voter,
        uint8 option,
        uint32[] memory votes,
        bool voted
    ) internal view returns (Expect memory e) {
        Tracked memory p = _proposal[id];
        if (option != 0 || !p.quadratic) {
            _allow(e, abi.encodeWithSelector(IVoting.VotingWrongMode.selector, id));
        }
        _allowClosed(e, id);
        if (votes.length != p.optionCount) {
            _allow(
                e,
                abi.encodeWithSelector(
                    IVoting.VotingInvalidVoteCount.selector, id, votes.length, p.optionCount
                )
            );
        }
        uint64 credits = _snapWeightOf(id, voter);
        if (!voted && credits == 0) {
            _allow(
                e,
                abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, _addr(voter), id)
            );
        } else {
            uint256 cost = _cost(votes);
            if (cost > credits) {
                _allow(
                    e,
                    abi.encodeWithSelector(
                        IVoting.VotingQuadraticCreditsExceeded.selector, _addr(voter), cost, credits
                    )
                );
            }
        }
    }

    /// @dev A canceled proposal refuses ballots with its own error; one past its deadline with VotingClosed.
    function _allowClosed(Expect memory e, uint256 id) internal view {
        Tracked storage p = _proposal[id];
        if (p.canceled) {
            _allow(e, abi.encodeWithSelector(IVoting.VotingProposalCanceled.selector, id));
        }
        if (block.timestamp > p.deadline) {
            _allow(e, abi.encodeWithSelector(IVoting.VotingClosed.selector, id, p.deadline));
        }
    }

    function _expectRetract(uint256 id, uint256 voter, bool voted)
        internal
        view
        returns (Expect memory e)
    {
        if (!voted) {
            _allow(e, abi.encodeWithSelector(IVoting.VotingNoBallot.selector, _addr(voter), id));
        }
        _allowClosed(e, id);
    }

    function _recordBallot(Ballot memory ballot, uint256 voter) internal {
        if (ballot.option == RETRACT) _recordRetract(ballot.proposalId, voter);
        else if (ballot.votes.length == 0) _recordSingle(ballot.proposalId, voter, ballot.option);
        else _recordQuadratic(ballot.proposalId, voter, ballot.votes);
    }

    function _recordSingle(uint256 id, uint256 voter, uint8 option) internal {
        _ballot[id][voter] = GhostBallot({voted: true, option: option, votes: new uint32[](0)});
        _proposal[id].everVoted = true;
    }

    function _recordQuadratic(uint256 id, uint256 voter, uint32[] memory votes) internal {
        _ballot[id][voter] = GhostBallot({voted: true, option: 0, votes: votes});
        _proposal[id].everVoted = true;
    }

    function _recordRetract(uint256 id, uint256 voter) internal {
        delete _ballot[id][voter];
    }

    // ---------------------------------------------------------------- registrar

    /// @notice Changes a weight to 1..1000 (now and then 0, or a non-member's).
    function setWeight(uint256 actorSeed, uint256 weightSeed) external {
        _begin("setWeight");
        actorSeed = _mix(actorSeed, 1);
        uint256 who = _pickActor(actorSeed);
        uint64 weight = weightSeed % 25 == 0 ? 0 : uint64(_bound(weightSeed, 1, MAX_WEIGHT));
        Expect memory e;
        if (weight == 0) {
            _allow(e, abi.encodeWithSelector(IMembership.MembershipZeroWeight.selector, _addr(who)));
        }
        if (!_isMember(who)) {
            _allow(e, abi.encodeWithSelector(IMembership.MembershipNotMember.selector, _addr(who)));
        }
        vm.prank(registrar);
        (bool ok, bytes memory err) =
            _tryCall(abi.encodeCall(IMembership.setWeight, (_addr(who), weight)));
        if (_settle("setWeight", e, ok, err)) _setGhostWeight(who, weight);
    }

    /// @notice Removes a member: their outgoing delegations are cleared; delegations to them stay.
    function removeMember(uint256 actorSeed) external {
        _begin("removeMember");
        actorSeed = _mix(actorSeed, 1);
        uint256 who = _pickActor(actorSeed);
        Expect memory e;
        if (!_isMember(who)) {
            _allow(e, abi.encodeWithSelector(IMembership.MembershipNotMember.selector, _addr(who)));
        }
        vm.prank(registrar);
        (bool ok, bytes memory err) =
            _tryCall(abi.encodeCall(IMembership.removeMember, (_addr(who))));
        if (_settle("removeMember", e, ok, err)) {
            _setGhostWeight(who, 0);
            for (uint256 t; t < TOPICS; ++t) {
                _del[t][who] = 0;
            }
        }
    }

    /// @notice Re-admits a former member (mostly), with a new weight.
    function addMember(uint256 actorSeed, uint256 weightSeed) external {
        _begin("addMember");
        actorSeed = _mix(actorSeed, 1);
        // Never the outsider: it stays a non-member for the whole run.
        uint256 who =
            actorSeed % 10 == 0 ? (actorSeed >> 4) % ACTORS : _pickNonMember(actorSeed >> 4);
        uint64 weight = uint64(_bound(weightSeed, 1, MAX_WEIGHT));
        Expect memory e;
        if (_isMember(who)) {
            _allow(
                e, abi.encodeWithSelector(IMembership.MembershipAlreadyMember.selector, _addr(who))
            );
        }
        vm.prank(registrar);
        (bool ok, bytes memory err) =
            _tryCall(abi.encodeCall(IMembership.addMember, (_addr(who), weight)));
        if (_settle("addMember", e, ok, err)) _setGhostWeight(who, weight);
    }

    /// @dev A low-level call to the community; returns its return data or revert data.
    function _tryCall(bytes memory data) internal returns (bool, bytes memory) {
        return address(gov).call(data);
    }

    function _setGhostWeight(uint256 who, uint64 weight) internal {
        if (who >= ACTORS) return;
        _weight[who] = weight;
        _rootMass[who] = rootMass(weight);
    }

    // ---------------------------------------------------------------- time

    /// @notice Moves time forward by up to three hours (often by seconds only).
    function warp(uint256 secondsSeed) external {
        _begin("warp");
        _warp(secondsSeed % 4 == 0 ? secondsSeed % 61 : _bound(secondsSeed, 0, 3 hours));
    }

    /// @notice Moves time to exactly the deadline of an open proposal due within a day: ballots are still
    ///         accepted in that second and refused from the next.
    function warpToDeadline(uint256 proposalSeed) external {
        _begin("warpToDeadline");
        proposalSeed = _mix(proposalSeed, 1);
        uint256 n = _ids.length;
        for (uint256 j; j < n; ++j) {
            uint256 id = _ids[(proposalSeed % n + j) % n];
            uint256 deadline = _proposal[id].deadline;
            if (_isOpen(id) && deadline - block.timestamp <= 1 days) {
                _warp(deadline - block.timestamp);
                return;
            }
        }
        _warp(1 hours);
    }

    function _warp(uint256 secs) internal {
        if (secs == 0) return;
        // Everything so far happened before the new second: it is what proposals created from now see.
        _prevWeight = _weight;
        _prevDel = _del;
        vm.warp(block.timestamp + secs);
    }

    // ---------------------------------------------------------------- proposals

    /// @notice Creates one poll, or two through `proposeBatch`, with a random topic, mode, option count and
    ///         voting period (now and then an invalid one). Expired polls make room when eight are tracked.
    function propose(uint256 proposerSeed, uint256 configSeed) external {
        _begin("propose");
        (proposerSeed, configSeed) = (_mix(proposerSeed, 1), _mix(configSeed, 2));
        uint256 count = configSeed % 4 == 0 ? 2 : 1;
        uint256[2] memory slots;
        for (uint256 j; j < count; ++j) {
            slots[j] = _freeSlot(j == 0 ? type(uint256).max : slots[0]);
        }
        uint256 proposer = _pickActor(proposerSeed);
        Expect memory e;
        if (_weightOf(proposer) < _proposalThreshold) {
            _allow(
                e,
                abi.encodeWithSelector(
                    IProposals.ProposalBelowThreshold.selector,
                    _addr(proposer),
                    _weightOf(proposer),
                    _proposalThreshold
                )
            );
        }
        ProposalParams[] memory params = new ProposalParams[](count);
        for (uint256 j; j < count; ++j) {
            params[j] = _makeParams(uint256(keccak256(abi.encode(configSeed, j))), e);
        }
        uint256 first = gov.proposalCount() + 1;
        vm.prank(_addr(proposer));
        (bool ok, bytes memory err) = count == 2
            ? _tryCall(abi.encodeCall(IProposals.proposeBatch, (params)))
            : _tryCall(abi.encodeCall(IProposals.propose, (params[0])));
        if (!_settle("propose", e, ok, err)) return;
        if (abi.decode(err, (uint256)) != first || gov.proposalCount() != first + count - 1) {
            _unexpected("propose: ids are not consecutive from proposalCount + 1");
        }
        for (uint256 j; j < count; ++j) {
            _track(first + j, slots[j], _addr(proposer), params[j]);
            ++proposalsCreated;
        }
    }

    /// @notice The proposer (mostly) cancels a proposal; only possible while active and never voted on.
    function cancel(uint256 proposalSeed, uint256 callerSeed) external {
        _begin("cancel");
        (proposalSeed, callerSeed) = (_mix(proposalSeed, 1), _mix(callerSeed, 2));
        uint256 id = _pickOpen(proposalSeed, true);
        Tracked memory p = _proposal[id];
        address caller = callerSeed % 4 == 0 ? _addr(_pickActor(callerSeed >> 2)) : p.proposer;
        Expect memory e;
        ProposalState current = naiveRecount(id).state;
        if (current != ProposalState.Active) {
            _allow(
                e, abi.encodeWithSelector(IProposals.ProposalUnexpectedState.selector, id, current)
            );
        }
        if (caller != p.proposer) {
            _allow(
                e, abi.encodeWithSelector(IProposals.ProposalOnlyProposer.selector, id, p.proposer)
            );
        }
        if (p.everVoted) {
            _allow(e, abi.encodeWithSelector(IProposals.ProposalHasVotes.selector, id));
        }
        vm.prank(caller);
        (bool ok, bytes memory err) = _tryCall(abi.encodeCall(IProposalExecution.cancel, (id)));
        if (_settle("cancel", e, ok, err)) _proposal[id].canceled = true;
    }

    function _makeParams(uint256 seed, Expect memory e)
        internal
        view
        returns (ProposalParams memory params)
    {
        params.topic = seed % 16 == 0 ? uint8(TOPICS) : uint8((seed >> 4) % TOPICS);
        params.mode = seed % 32 == 1
            ? VoteMode.Anonymous
            : ((seed >> 5) % 2 == 0 ? VoteMode.Single : VoteMode.Quadratic);
        params.optionCount =
            seed % 16 == 2 ? ((seed >> 6) % 2 == 0 ? 1 : 33) : uint8(2 + (seed >> 7) % 4);
        uint256 periodKind = (seed >> 10) % 8;
        params.votingPeriod = periodKind == 0
            ? 0
            : periodKind == 1 ? 30 minutes : uint32(1 hours + (seed >> 13) % 7 hours);
        params.metadataHash = bytes32(seed);
        params.metadataURI = "ipfs://fuzzed";
        if (params.topic >= TOPICS) {
            _allow(
                e,
                abi.encodeWithSelector(
                    ILiquidDelegation.DelegationUnknownTopic.selector, params.topic, uint8(TOPICS)
                )
            );
        }
        if (params.mode == VoteMode.Anonymous) {
            // The handler registers no identities, so anonymous proposals cannot be created.
            _allow(e, abi.encodeWithSelector(IProposals.ProposalNoIdentities.selector));
        }
        if (params.optionCount < 2 || params.optionCount > 32) {
            _allow(
                e,
                abi.encodeWithSelector(
                    IProposals.ProposalInvalidOptionCount.selector, params.optionCount
                )
            );
        }
        if (params.votingPeriod != 0 && params.votingPeriod < _minVotingPeriod) {
            _allow(
                e,
                abi.encodeWithSelector(
                    IProposals.ProposalVotingPeriodTooShort.selector,
                    params.votingPeriod,
                    _minVotingPeriod
                )
            );
        }
    }

    /// @dev Starts tracking a new proposal: checks its public fields and reads its snapshot graph, which must be
    ///      the model's graph as of the previous second.
    function _track(uint256 id, uint256 slot, address proposer, ProposalParams memory params)
        internal
    {
        uint48 snapshot = uint48(block.timestamp - 1);
        uint32 period = params.votingPeriod == 0 ? gov.votingPeriod() : params.votingPeriod;
        Tracked storage p = _proposal[id];
        p.topic = params.topic;
        p.quadratic = params.mode == VoteMode.Quadratic;
        p.optionCount = params.optionCount;
        p.snapshot = snapshot;
        p.deadline = uint48(block.timestamp + period);
        p.proposer = proposer;
        if (gov.proposalSnapshot(id) != snapshot) {
            _unexpected(string.concat("proposalSnapshot of ", vm.toString(id)));
        }
        if (gov.proposalDeadline(id) != p.deadline) {
            _unexpected(string.concat("proposalDeadline of ", vm.toString(id)));
        }
        if (gov.proposalProposer(id) != proposer) {
            _unexpected(string.concat("proposalProposer of ", vm.toString(id)));
        }
        (uint8 topic, VoteMode mode, uint8 optionCount, bool executable) = gov.proposalConfig(id);
        if (
            topic != params.topic || mode != params.mode || optionCount != params.optionCount
                || executable
        ) {
            _unexpected(string.concat("proposalConfig of ", vm.toString(id)));
        }
        for (uint256 i; i < ACTORS; ++i) {
            address delegatee = gov.pastDelegateOf(_actors[i], p.topic, snapshot);
            uint8 d = delegatee == address(0) ? 0 : uint8(_indexPlusOne[delegatee]);
            uint64 w = gov.pastWeightOf(_actors[i], snapshot);
            if (d != _prevDel[p.topic][i] || w != _prevWeight[i]) {
                _unexpected(
                    string.concat(
                        "snapshot graph of proposal ", vm.toString(id), " at actor ", vm.toString(i)
                    )
                );
            }
            _snapDel[id][i] = d;
            _snapWeight[id][i] = w;
            _snapMass[id][i] = _mass(w, p.quadratic);
        }
        if (slot < _ids.length) _ids[slot] = id;
        else _ids.push(id);
    }

    /// @dev A slot for a new proposal: a free one, else one whose proposal has closed, else the oldest one
    ///      (setup ones excepted). A replaced proposal is simply no longer tracked.
    function _freeSlot(uint256 taken) internal view returns (uint256) {
        if (_ids.length < MAX_PROPOSALS && taken != _ids.length) return _ids.length;
        if (_ids.length + 1 < MAX_PROPOSALS && taken == _ids.length) return _ids.length + 1;
        uint256 oldest = type(uint256).max;
        for (uint256 k = KEPT_PROPOSALS; k < _ids.length; ++k) {
            if (k == taken) continue;
            if (!_isOpen(_ids[k])) return k;
            if (oldest == type(uint256).max || _ids[k] < _ids[oldest]) oldest = k;
        }
        return oldest;
    }

    // ---------------------------------------------------------------- the naive tally (SPEC.md)

    /// @notice A recount of one proposal.
    struct Recount {
        /// Per option.
        uint256[] tallies;
        /// Mass of abstaining voters and those they carry.
        uint256 abstain;
        /// Mass of all voters and those they carry.
        uint256 participation;
        /// Mass of all members at the snapshot.
        uint256 totalMass;
        /// Mass each actor carries (0 for non-voters).
        uint256[] carried;
        /// Whether each actor has a ballot.
        bool[] voted;
        /// The state the proposal must be in.
        ProposalState state;
    }

    /// @notice Recounts `id` from its snapshot graph and the model's ballots, as SPEC.md defines the tally:
    ///         each member's mass goes to the first voter on their snapshot chain; floors per voter. The state
    ///         is canceled, active until the deadline, then succeeded when quorum is met and one option has
    ///         the strictly largest tally.
    function naiveRecount(uint256 id) public view returns (Recount memory r) {
        Tracked memory p = _proposal[id];
        uint8[ACTORS] memory graph = _snapDel[id];
        uint256[ACTORS] memory mass = _snapMass[id];
        r.voted = new bool[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            r.totalMass += mass[i];
            r.voted[i] = _ballot[id][i].voted;
        }
        r.carried = new uint256[](ACTORS);
        for (uint256 m; m < ACTORS; ++m) {
            if (mass[m] == 0) continue;
            // Walk m, d(m), d(d(m)), ... to the first voter; the step cap only guards against a cycle.
            uint256 current = m;
            for (uint256 steps; steps <= ACTORS; ++steps) {
                if (r.voted[current]) {
                    r.carried[current] += mass[m];
                    break;
                }
                if (graph[current] == 0) break;
                current = graph[current] - 1;
            }
        }
        r.tallies = new uint256[](p.optionCount);
        for (uint256 d; d < ACTORS; ++d) {
            if (r.voted[d]) _count(r, _ballot[id][d], p.quadratic, r.carried[d], mass[d]);
        }
        r.state = _outcome(p, r);
    }

    /// @dev Adds voter `d`'s ballot, carrying `carried`, with own mass `own`.
    function _count(
        Recount memory r,
        GhostBallot storage ballot,
        bool quadratic,
        uint256 carried,
        uint256 own
    ) internal view {
        r.participation += carried;
        if (!quadratic) {
            if (ballot.option == ABSTAIN) r.abstain += carried;
            else r.tallies[ballot.option] += carried;
            return;
        }
        bool any;
        for (uint256 i; i < r.tallies.length; ++i) {
            if (ballot.votes[i] == 0) continue;
            any = true;
            r.tallies[i] += uint256(ballot.votes[i]) * carried * QUADRATIC_SCALE / own;
        }
        if (!any) r.abstain += carried;
    }

    function _outcome(Tracked memory p, Recount memory r) internal view returns (ProposalState) {
        if (p.canceled) return ProposalState.Canceled;
        if (block.timestamp <= p.deadline) return ProposalState.Active;
        if (r.participation * QUORUM_DENOMINATOR < quorumBps * r.totalMass) {
            return ProposalState.Defeated;
        }
        uint256 best;
        uint256 winners;
        for (uint256 i; i < r.tallies.length; ++i) {
            if (r.tallies[i] > best) (best, winners) = (r.tallies[i], 1);
            else if (r.tallies[i] == best) ++winners;
        }
        return best != 0 && winners == 1 ? ProposalState.Succeeded : ProposalState.Defeated;
    }

    // ---------------------------------------------------------------- model reads for the invariants

    function proposalIds() external view returns (uint256[] memory) {
        return _ids;
    }

    function actor(uint256 i) external view returns (address) {
        return _actors[i];
    }

    /// @notice Actor index + 1 of `account`, 0 for anyone else.
    function actors() external view returns (address[ACTORS] memory) {
        return _actors;
    }

    /// @notice The model's current weights and quadratic masses.
    function ghostWeights()
        external
        view
        returns (uint64[ACTORS] memory weights, uint256[ACTORS] memory roots)
    {
        return (_weight, _rootMass);
    }

    /// @notice The model's current delegates in `topic` (zero address = none).
    function ghostDelegates(uint256 topic)
        external
        view
        returns (address[ACTORS] memory delegates)
    {
        for (uint256 i; i < ACTORS; ++i) {
            uint8 d = _del[topic][i];
            if (d != 0) delegates[i] = _actors[d - 1];
        }
    }

    function ghostBallot(uint256 id, uint256 i)
        external
        view
        returns (bool voted, uint8 option, uint32[] memory votes)
    {
        GhostBallot storage ballot = _ballot[id][i];
        return (ballot.voted, ballot.option, ballot.votes);
    }

    function trackedProposal(uint256 id) external view returns (Tracked memory) {
        return _proposal[id];
    }

    /// @notice The snapshot graph and weights read when `id` was created.
    function snapshotOf(uint256 id)
        external
        view
        returns (address[ACTORS] memory delegates, uint64[ACTORS] memory weights)
    {
        for (uint256 i; i < ACTORS; ++i) {
            uint8 d = _snapDel[id][i];
            if (d != 0) delegates[i] = _actors[d - 1];
        }
        weights = _snapWeight[id];
    }

    /// @notice isqrt(w * 10^18) by bisection: the quadratic mass of weight `w`, computed independently.
    function rootMass(uint256 w) public pure returns (uint256 low) {
        uint256 x = w * 1e18;
        require(x < 1 << 128, "rootMass: out of range");
        // Invariant: low^2 <= x < high^2.
        uint256 high = 1 << 64;
        while (high - low > 1) {
            uint256 mid = (low + high) / 2;
            if (mid * mid <= x) low = mid;
            else high = mid;
        }
    }

    /// @notice Prints what the run did: calls, successes and expected reverts per action, reverts by error.
    function logSummary() external view {
        console2.log("handler calls", totalCalls, "after-deadline attempts", afterDeadlineAttempts);
        console2.log("longest chain", longestChain, "polls created", proposalsCreated);
        (uint256 ok, uint256 expectedReverts) = outcomeTotals();
        console2.log("calls that went through", ok, "reverted as expected", expectedReverts);
        for (uint256 k; k < _actionNames.length; ++k) {
            Counter memory c = _counters[_actionNames[k]];
            console2.log(
                string.concat("  ", _actionNames[k], " calls/ok/expected reverts"),
                c.calls,
                c.ok,
                c.expectedReverts
            );
        }
        for (uint256 k; k < _revertSelectors.length; ++k) {
            console2.log(
                string.concat("  expected reverts with ", _errorName(_revertSelectors[k])),
                _revertsBySelector[_revertSelectors[k]]
            );
        }
    }

    function _errorName(bytes4 selector) internal view returns (string memory) {
        bytes4[24] memory selectors = [
            IVoting.VotingProposalCanceled.selector,
            IProposals.ProposalOnlyProposer.selector,
            IProposals.ProposalNoIdentities.selector,
            ILiquidDelegation.DelegationDelegatorNotMember.selector,
            ILiquidDelegation.DelegationDelegateeNotMember.selector,
            ILiquidDelegation.DelegationToSelf.selector,
            ILiquidDelegation.DelegationUnknownTopic.selector,
            ILiquidDelegation.DelegationCycle.selector,
            ILiquidDelegation.DelegationTooDeep.selector,
            IVoting.VotingClosed.selector,
            IVoting.VotingWrongMode.selector,
            IVoting.VotingInvalidOption.selector,
            IVoting.VotingNotMemberAtSnapshot.selector,
            IVoting.VotingInvalidVoteCount.selector,
            IVoting.VotingQuadraticCreditsExceeded.selector,
            IVoting.VotingNoBallot.selector,
            IMembership.MembershipZeroWeight.selector,
            IMembership.MembershipNotMember.selector,
            IMembership.MembershipAlreadyMember.selector,
            IProposals.ProposalBelowThreshold.selector,
            IProposals.ProposalInvalidOptionCount.selector,
            IProposals.ProposalVotingPeriodTooShort.selector,
            IProposals.ProposalUnexpectedState.selector,
            IProposals.ProposalHasVotes.selector
        ];
        string[24] memory names = [
            "VotingProposalCanceled",
            "ProposalOnlyProposer",
            "ProposalNoIdentities",
            "DelegationDelegatorNotMember",
            "DelegationDelegateeNotMember",
            "DelegationToSelf",
            "DelegationUnknownTopic",
            "DelegationCycle",
            "DelegationTooDeep",
            "VotingClosed",
            "VotingWrongMode",
            "VotingInvalidOption",
            "VotingNotMemberAtSnapshot",
            "VotingInvalidVoteCount",
            "VotingQuadraticCreditsExceeded",
            "VotingNoBallot",
            "MembershipZeroWeight",
            "MembershipNotMember",
            "MembershipAlreadyMember",
            "ProposalBelowThreshold",
            "ProposalInvalidOptionCount",
            "ProposalVotingPeriodTooShort",
            "ProposalUnexpectedState",
            "ProposalHasVotes"
        ];
        for (uint256 k; k < selectors.length; ++k) {
            if (selectors[k] == selector) return names[k];
        }
        return vm.toString(abi.encodePacked(selector));
    }

    /// @notice Calls that succeeded and calls that reverted as expected, over all actions.
    function outcomeTotals() public view returns (uint256 ok, uint256 expectedReverts) {
        for (uint256 k; k < _actionNames.length; ++k) {
            Counter memory c = _counters[_actionNames[k]];
            ok += c.ok;
            expectedReverts += c.expectedReverts;
        }
    }

    // ---------------------------------------------------------------- picking

    function _pickActor(uint256 seed) internal pure returns (uint256) {
        uint256 i = seed % (2 * ACTORS + 1);
        return i == 2 * ACTORS ? OUTSIDER : i % ACTORS;
    }

    function _pickNonMember(uint256 seed) internal view returns (uint256) {
        for (uint256 j; j < ACTORS; ++j) {
            uint256 i = (seed % ACTORS + j) % ACTORS;
            if (_weight[i] == 0) return i;
        }
        return seed % ACTORS;
    }

    /// @dev [0], [1], [0, 1], [1, 0], [0, 0], or [1, unknown].
    function _pickTopics(uint256 seed) internal pure returns (uint8[] memory topics) {
        uint256 kind = seed % 16;
        if (kind < 11) {
            topics = new uint8[](1);
            topics[0] = kind < 6 ? 0 : 1;
            return topics;
        }
        topics = new uint8[](2);
        if (kind == 11 || kind == 15) {
            (topics[0], topics[1]) = (0, 1);
        } else if (kind == 12) {
            (topics[0], topics[1]) = (1, 0);
        } else if (kind == 13) {
            (topics[0], topics[1]) = (0, 0);
        } else {
            (topics[0], topics[1]) = (1, uint8(TOPICS));
        }
    }

    /// @dev Often the member deepest in the topic, which grows long chains (and meets cycles and the depth
    ///      limit); otherwise any actor (self and non-members included), now and then the outsider.
    function _pickTarget(uint256 from, uint8 topic, uint256 seed) internal view returns (uint256) {
        uint256 kind = seed % 10;
        uint256 r = seed / 10;
        if (kind < 6) return r % ACTORS;
        if (kind < 9) return _deepest(topic, from, r);
        return OUTSIDER;
    }

    /// @dev The member with the longest chain above it, outside `from`'s subtree (so no cycle): delegating
    ///      there lengthens the longest chain by `from`'s height + 1, or runs into the depth limit.
    function _deepest(uint8 topic, uint256 from, uint256 r) internal view returns (uint256 best) {
        best = r % ACTORS;
        uint256 bestDepth;
        uint8[ACTORS] memory graph = _del[topic];
        for (uint256 j; j < ACTORS; ++j) {
            uint256 i = (r % ACTORS + j) % ACTORS;
            if (i == from || _weight[i] == 0) continue;
            (bool below, uint256 depth) = _chainFrom(graph, i, from);
            if (!below && depth > bestDepth) (best, bestDepth) = (i, depth);
        }
    }

    /// @dev The member with the most levels of delegators below it.
    function _tallest(uint8 topic, uint256 r) internal view returns (uint256 best) {
        best = r % ACTORS;
        uint256 bestHeight;
        uint8[ACTORS] memory graph = _del[topic];
        for (uint256 j; j < ACTORS; ++j) {
            uint256 i = (r % ACTORS + j) % ACTORS;
            if (_weight[i] == 0) continue;
            uint256 height = _height(graph, i);
            if (height > bestHeight) (best, bestHeight) = (i, height);
        }
    }

    /// @dev A tracked proposal of the mode, mostly an open one.
    function _pickProposal(uint256 seed, bool quadratic) internal view returns (uint256) {
        uint256 n = _ids.length;
        uint256[] memory open = new uint256[](n);
        uint256[] memory all = new uint256[](n);
        (uint256 openCount, uint256 allCount) = (0, 0);
        for (uint256 k; k < n; ++k) {
            uint256 id = _ids[k];
            if (_proposal[id].quadratic != quadratic) continue;
            all[allCount++] = id;
            if (_isOpen(id)) open[openCount++] = id;
        }
        if (openCount != 0 && seed % 8 != 0) return open[(seed >> 3) % openCount];
        return all[(seed >> 3) % allCount];
    }

    /// @dev Three times in four an open proposal (never voted on, if `unvoted`), if there is one; otherwise
    ///      any tracked proposal.
    function _pickOpen(uint256 seed, bool unvoted) internal view returns (uint256) {
        uint256 n = _ids.length;
        if (seed % 4 != 0) {
            for (uint256 j; j < n; ++j) {
                uint256 id = _ids[((seed >> 2) % n + j) % n];
                if (_isOpen(id) && !(unvoted && _proposal[id].everVoted)) return id;
            }
        }
        return _ids[(seed >> 2) % n];
    }

    /// @dev For a retraction, mostly a proposal the voter has a ballot on.
    function _pickBatchProposal(uint256 voter, uint256 seed) internal view returns (uint256) {
        uint256 n = _ids.length;
        if ((seed >> 16) % 20 >= 10 && (seed >> 16) % 20 < 15) {
            for (uint256 j; j < n; ++j) {
                uint256 id = _ids[(seed % n + j) % n];
                if (_ballot[id][voter].voted) return id;
            }
        }
        return _pickProposal(seed, (seed >> 8) % 2 == 0);
    }

    function _pickBallotHolder(uint256 id, uint256 seed) internal view returns (uint256) {
        if (seed % 8 != 0) {
            for (uint256 j; j < ACTORS; ++j) {
                uint256 i = (seed % ACTORS + j) % ACTORS;
                if (_ballot[id][i].voted) return i;
            }
        }
        return _pickActor(seed >> 3);
    }

    function _pickExpired(uint256 seed) internal view returns (uint256) {
        uint256 n = _ids.length;
        for (uint256 j; j < n; ++j) {
            uint256 id = _ids[(seed % n + j) % n];
            if (block.timestamp > _proposal[id].deadline) return id;
        }
        revert("no expired proposal"); // unreachable: the setup polls stay tracked
    }

    /// @dev A member at the snapshot, preferably one with a ballot (actor 0 if there was none).
    function _pickSnapshotMember(uint256 id, uint256 seed, bool withBallot)
        internal
        view
        returns (uint256)
    {
        for (uint256 j; j < ACTORS; ++j) {
            uint256 i = (seed % ACTORS + j) % ACTORS;
            if (_snapWeight[id][i] != 0 && (!withBallot || _ballot[id][i].voted)) return i;
        }
        return withBallot ? _pickSnapshotMember(id, seed, false) : 0;
    }

    function _pickOption(uint256 id, uint256 seed) internal view returns (uint8) {
        uint8 optionCount = _proposal[id].optionCount;
        uint256 kind = seed % 16;
        if (kind < 2) return ABSTAIN;
        if (kind == 2) return uint8(optionCount + (seed >> 4) % 3);
        return uint8((seed >> 4) % optionCount);
    }

    /// @dev Mostly within the voter's snapshot budget; sometimes all zeros, over budget or of the wrong length.
    function _pickVector(uint256 id, uint256 voter, uint256 seed)
        internal
        view
        returns (uint32[] memory votes)
    {
        uint8 optionCount = _proposal[id].optionCount;
        uint64 budget = _snapWeightOf(id, voter);
        uint256 kind = seed % 16;
        if (kind == 0) return new uint32[](optionCount);
        if (kind == 1) {
            votes = new uint32[](optionCount);
            votes[(seed >> 4) % optionCount] = uint32(_isqrt(budget) + 1);
            return votes;
        }
        if (kind == 2) return _vectorWithin(seed >> 4, optionCount + 1, budget);
        if (kind == 3) {
            votes = new uint32[](optionCount);
            votes[(seed >> 4) % optionCount] = uint32(_isqrt(budget));
            return votes;
        }
        return _vectorWithin(seed >> 4, optionCount, budget);
    }

    /// @dev Random votes with Σ v_i² <= budget, options visited from a random one.
    function _vectorWithin(uint256 seed, uint256 optionCount, uint64 budget)
        internal
        pure
        returns (uint32[] memory votes)
    {
        votes = new uint32[](optionCount);
        uint256 remaining = budget;
        for (uint256 j; j < optionCount; ++j) {
            uint256 i = (seed % optionCount + j) % optionCount;
            uint256 v = uint256(keccak256(abi.encode(seed, j))) % (_isqrt(remaining) + 1);
            votes[i] = uint32(v);
            remaining -= v * v;
        }
    }

    // ---------------------------------------------------------------- model helpers

    function _begin(string memory action) internal {
        if (!_counting) return;
        ++totalCalls;
        Counter storage c = _counters[action];
        if (c.calls == 0) _actionNames.push(action);
        ++c.calls;
    }

    /// @dev Checks an outcome against the expectation; returns whether the call went through.
    function _settle(string memory action, Expect memory e, bool success, bytes memory returned)
        internal
        returns (bool)
    {
        Counter storage c = _counters[action];
        if (success) {
            if (_counting) ++c.ok;
            if (e.count != 0) {
                _unexpected(
                    string.concat(
                        action, " succeeded, expected a revert such as ", vm.toString(e.errors[0])
                    )
                );
            }
            return true;
        }
        for (uint256 k; k < e.count; ++k) {
            if (keccak256(returned) == keccak256(e.errors[k])) {
                if (_counting) {
                    ++c.expectedReverts;
                    bytes4 selector = bytes4(returned);
                    if (_revertsBySelector[selector] == 0) _revertSelectors.push(selector);
                    ++_revertsBySelector[selector];
                }
                return false;
            }
        }
        _unexpected(
            string.concat(
                action,
                " reverted with ",
                vm.toString(returned),
                e.count == 0
                    ? ", expected success"
                    : string.concat(", expected e.g. ", vm.toString(e.errors[0]))
            )
        );
        return false;
    }

    function _unexpected(string memory what) internal {
        if (unexpected == 0) firstUnexpected = what;
        ++unexpected;
    }

    /// @dev Spreads a fuzzed seed that picks among categories: the fuzzer's dictionary values (addresses,
    ///      timestamps, small numbers) would otherwise favour a few of them.
    function _mix(uint256 seed, uint256 tag) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, tag)));
    }

    function _allow(Expect memory e, bytes memory err) internal pure {
        e.errors[e.count] = err;
        ++e.count;
    }

    function _addr(uint256 i) internal view returns (address) {
        if (i == NOBODY) return address(0);
        if (i == OUTSIDER) return outsider;
        return _actors[i];
    }

    function _isMember(uint256 i) internal view returns (bool) {
        return i < ACTORS && _weight[i] != 0;
    }

    function _weightOf(uint256 i) internal view returns (uint64) {
        return i < ACTORS ? _weight[i] : 0;
    }

    /// @dev Snapshot weight of an actor, 0 for the outsider.
    function _snapWeightOf(uint256 id, uint256 i) internal view returns (uint64) {
        return i < ACTORS ? _snapWeight[id][i] : 0;
    }

    function _isOpen(uint256 id) internal view returns (bool) {
        Tracked storage p = _proposal[id];
        return !p.canceled && block.timestamp <= p.deadline;
    }

    function _mass(uint64 weight, bool quadratic) internal pure returns (uint256) {
        if (weight == 0) return 0;
        return quadratic ? rootMass(weight) : weight;
    }

    function _cost(uint32[] memory votes) internal pure returns (uint256 cost) {
        for (uint256 i; i < votes.length; ++i) {
            cost += uint256(votes[i]) * votes[i];
        }
    }

    function _isqrt(uint256 x) internal pure returns (uint256 r) {
        while ((r + 1) * (r + 1) <= x) {
            ++r;
        }
    }

    /// @dev Walks the chain from `start` (inclusive): how many members it has, and whether it meets `stop`.
    function _chainFrom(uint8[ACTORS] memory graph, uint256 start, uint256 stop)
        internal
        pure
        returns (bool met, uint256 members)
    {
        uint256 current = start;
        for (uint256 guard; guard <= ACTORS; ++guard) {
            if (current == stop) return (true, members);
            ++members;
            if (graph[current] == 0) return (false, members);
            current = graph[current] - 1;
        }
        return (true, members); // a cycle in the model: treat like meeting `stop`
    }

    /// @dev The longest chain of delegators below `x`, in edges, by walking up from every actor.
    function _height(uint8[ACTORS] memory graph, uint256 x) internal pure returns (uint256 height) {
        for (uint256 y; y < ACTORS; ++y) {
            uint256 current = y;
            for (uint256 steps = 1; steps <= ACTORS; ++steps) {
                if (graph[current] == 0) break;
                current = graph[current] - 1;
                if (current == x) {
                    if (steps > height) height = steps;
                    break;
                }
            }
        }
    }
}
