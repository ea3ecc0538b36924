// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {GasBenchmark} from "../utils/GasBenchmark.sol";
import {ProposalParams, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Gas benchmark of a community: each test builds a realistic state, then measures ONE transaction
///         (run with `pnpm bench:gas`; numbers land in snapshots/LiquidGovernorGasTest.json and
///         bench/gas-report.md). Conditions shared by every scenario:
///         - every member has weight 100; the community has 20 other members besides the actors;
///         - setup transactions are one block (12 s) apart, and delegations are made before the proposal,
///           so its snapshot sees them as settled history;
///         - a "first vote" lands on a proposal that already has votes: another member, unrelated to the
///           voter's chain, voted the same option (the same vector, for quadratic) one block earlier.
contract LiquidGovernorGasTest is CommunityFixture, GasBenchmark {
    uint8 internal constant TOPIC = 0;
    uint64 internal constant WEIGHT = 100;
    uint256 internal constant REGISTRAR_BATCH = 250;

    address internal proposer = _member("proposer");
    /// The member who voted first, unrelated to every chain below.
    address internal firstVoter = _member("first voter");
    address internal voter = _member("voter");
    /// Delegators and delegatees of the delegation scenarios.
    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal carol = _member("carol");
    address internal mover = _member("mover");

    function setUp() public override {
        super.setUp();
        _detectIsolation();
        address[] memory actors = new address[](7);
        (actors[0], actors[1], actors[2], actors[3]) = (proposer, firstVoter, voter, alice);
        (actors[4], actors[5], actors[6]) = (bob, carol, mover);
        _addAll(actors);
        _addAll(_accounts("member ", 20));
        _addAll(_accounts("chain ", 8));
        _nextBlock();
    }

    // ---------------------------------------------------------------- proposing

    /// Poll: metadata hash and a 66-character ipfs:// URI; the community already has a proposal.
    function test_propose_gas() public {
        _propose(VoteMode.Single, 2);
        _nextBlock();
        ProposalParams memory params = _params(VoteMode.Single, 2, 1);
        vm.prank(proposer);
        gov.propose(params);
        _snapshot("propose");
        assertEq(gov.proposalCount(), 2);
    }

    /// An agenda of 20 bills (topics 0, 1, 2 in turn), each with its own hash and URI; the report divides
    /// by 20.
    function test_proposeBatch_gas() public {
        _propose(VoteMode.Single, 2);
        _nextBlock();
        ProposalParams[] memory bills = new ProposalParams[](20);
        for (uint256 i; i < bills.length; ++i) {
            bills[i] = _params(VoteMode.Single, 2, i + 1);
            bills[i].topic = uint8(i % 3);
        }
        vm.prank(proposer);
        gov.proposeBatch(bills);
        _snapshot("proposeBatch_20");
        assertEq(gov.proposalCount(), 21);
    }

    // ---------------------------------------------------------------- first votes

    function test_castVote_depth0_gas() public {
        _firstVote(0, 0, "castVote_depth0");
    }

    function test_castVote_depth1_gas() public {
        _firstVote(1, 0, "castVote_depth1");
    }

    function test_castVote_depth4_gas() public {
        _firstVote(4, 0, "castVote_depth4");
    }

    function test_castVote_depth8_gas() public {
        _firstVote(8, 0, "castVote_depth8");
    }

    function test_castVote_depth0_delegators1_gas() public {
        _firstVote(0, 1, "castVote_depth0_delegators1");
    }

    /// 1,000 members delegate straight to the voter, one block apart (so the voter's delegated mass has
    /// 1,000 checkpoints), none of them votes.
    function test_castVote_depth0_delegators1000_gas() public {
        _firstVote(0, 1000, "castVote_depth0_delegators1000");
    }

    /// For comparison only: the proposal's very first ballot (its tallies still empty), at depth 0.
    function test_castVote_firstOnProposal_gas() public {
        uint256 id = _propose(VoteMode.Single, 2);
        _nextBlock();
        vm.prank(voter);
        gov.castVote(id, 0);
        _snapshot("castVote_firstOnProposal");
        assertEq(gov.carriedMass(id, voter), WEIGHT);
    }

    /// Yes to no on a two-option poll; the other option already has votes.
    function test_castVote_change_gas() public {
        uint256 id = _propose(VoteMode.Single, 2);
        _nextBlock();
        _vote(firstVoter, id, 1);
        _vote(voter, id, 0);
        vm.prank(voter);
        gov.castVote(id, 1);
        _snapshot("castVote_change");
        (, uint8 option,) = gov.ballotOf(id, voter);
        assertEq(option, 1);
    }

    /// A change between options whose tallies sit in different storage words (two options per word):
    /// option 0 to option 2 on a four-option poll; option 2 already has votes.
    function test_castVote_change_otherWord_gas() public {
        uint256 id = _propose(VoteMode.Single, 4);
        _nextBlock();
        _vote(firstVoter, id, 2);
        _vote(voter, id, 0);
        vm.prank(voter);
        gov.castVote(id, 2);
        _snapshot("castVote_change_otherWord");
        (, uint8 option,) = gov.ballotOf(id, voter);
        assertEq(option, 2);
    }

    /// The voter (no chain above, no delegators) retracts; another ballot for the same option remains.
    function test_retractVote_gas() public {
        uint256 id = _propose(VoteMode.Single, 2);
        _nextBlock();
        _vote(firstVoter, id, 0);
        _vote(voter, id, 0);
        vm.prank(voter);
        gov.retractVote(id);
        _snapshot("retractVote");
        assertFalse(gov.hasVoted(id, voter));
    }

    /// Votes [6, 8]: 100 credits, the voter's whole weight.
    function test_castQuadraticVote_options2_gas() public {
        uint32[] memory votes = new uint32[](2);
        (votes[0], votes[1]) = (6, 8);
        _quadraticVote(votes, "castQuadraticVote_options2");
    }

    /// Votes [4, 4, 4, 3, 3, 3, 2, 1]: 80 of 100 credits, every option non-zero.
    function test_castQuadraticVote_options8_gas() public {
        uint32[] memory votes = new uint32[](8);
        (votes[0], votes[1], votes[2], votes[3]) = (4, 4, 4, 3);
        (votes[4], votes[5], votes[6], votes[7]) = (3, 3, 2, 1);
        _quadraticVote(votes, "castQuadraticVote_options8");
    }

    // ---------------------------------------------------------------- delegation (one topic)

    /// alice delegates to bob, a root nobody has delegated to before: a chain of 1 edge.
    function test_delegate_depth1_newDelegatee_gas() public {
        _measureDelegate(alice, bob, "delegate_depth1_newDelegatee");
        assertEq(gov.delegationChain(alice, TOPIC).length, 1);
    }

    /// alice delegates to bob, a root 3 members already delegate to (in earlier blocks).
    function test_delegate_depth1_existingDelegatee_gas() public {
        _delegateAll(_accounts("bob's delegator ", 3), bob);
        _measureDelegate(alice, bob, "delegate_depth1_existingDelegatee");
        (uint256 linear,) = gov.delegatedMass(bob, TOPIC);
        assertEq(linear, 4 * WEIGHT);
    }

    /// alice moves from bob (who keeps another delegator) to carol (who has one): depth 1 on both sides.
    function test_delegate_redelegate_gas() public {
        _delegateAll(_accounts("bob's delegator ", 1), bob);
        _delegateAll(_accounts("carol's delegator ", 1), carol);
        _delegate(alice, TOPIC, bob);
        _nextBlock();
        _measureDelegate(alice, carol, "delegate_redelegate");
        (uint256 linear,) = gov.delegatedMass(bob, TOPIC);
        assertEq(linear, WEIGHT);
    }

    /// mover carries a subtree of 100 (80 direct delegators, 20 more below the first 20 of them, so the
    /// subtree is 2 edges high) and moves it from bob to carol; each of them has one other delegator.
    function test_delegate_redelegate_subtree100_gas() public {
        _delegateAll(_accounts("bob's delegator ", 1), bob);
        _delegateAll(_accounts("carol's delegator ", 1), carol);
        address[] memory direct = _accounts("direct ", 80);
        address[] memory indirect = _accounts("indirect ", 20);
        _delegateAll(direct, mover);
        _addAll(indirect);
        _nextBlock();
        for (uint256 i; i < indirect.length; ++i) {
            _delegate(indirect[i], TOPIC, direct[i]);
            _nextBlock();
        }
        _delegate(mover, TOPIC, bob);
        _nextBlock();
        assertEq(gov.delegationHeight(mover, TOPIC), 2);
        _measureDelegate(mover, carol, "delegate_redelegate_subtree100");
        (uint256 linear,) = gov.delegatedMass(carol, TOPIC);
        assertEq(linear, 102 * WEIGHT);
    }

    // ---------------------------------------------------------------- membership (registrar)

    function test_addMember_gas() public {
        address account = _member("newcomer");
        gov.addMember(account, WEIGHT);
        _snapshot("addMember");
        assertTrue(gov.isMember(account));
    }

    /// The report divides by 20.
    function test_addMembers_gas() public {
        address[] memory accounts = _accounts("newcomer ", 20);
        uint64[] memory weights = _weights(20);
        gov.addMembers(accounts, weights);
        _snapshot("addMembers_20");
        assertEq(gov.memberCount(), 7 + 20 + 8 + 20);
    }

    // ---------------------------------------------------------------- scenarios

    /// The voter's first vote, with a chain of `depth` non-voting members above them and `delegators`
    /// members delegating straight to them.
    function _firstVote(uint256 depth, uint256 delegators, string memory name) internal {
        address[] memory chain = _accounts("chain ", depth);
        address below = voter;
        for (uint256 i; i < depth; ++i) {
            _delegate(below, TOPIC, chain[i]);
            _nextBlock();
            below = chain[i];
        }
        _delegateAll(_accounts("delegator ", delegators), voter);
        uint256 id = _propose(VoteMode.Single, 2);
        _nextBlock();
        _vote(firstVoter, id, 0);
        assertEq(gov.delegationChain(voter, TOPIC).length, depth);
        vm.prank(voter);
        gov.castVote(id, 0);
        _snapshot(name);
        assertEq(gov.carriedMass(id, voter), WEIGHT * (1 + delegators));
        for (uint256 i; i < depth; ++i) {
            assertFalse(gov.hasVoted(id, chain[i]));
        }
    }

    /// The voter's first quadratic ballot `votes`, after another member cast the same.
    function _quadraticVote(uint32[] memory votes, string memory name) internal {
        uint256 id = _propose(VoteMode.Quadratic, uint8(votes.length));
        _nextBlock();
        vm.prank(firstVoter);
        gov.castQuadraticVote(id, votes);
        _nextBlock();
        vm.prank(voter);
        gov.castQuadraticVote(id, votes);
        _snapshot(name);
        assertTrue(gov.hasVoted(id, voter));
    }

    function _measureDelegate(address from, address to, string memory name) internal {
        uint8[] memory topics = new uint8[](1);
        topics[0] = TOPIC;
        vm.prank(from);
        gov.delegate(topics, to);
        _snapshot(name);
        assertEq(gov.delegateOf(from, TOPIC), to);
    }

    // ---------------------------------------------------------------- helpers

    /// Adds `accounts` as members (a registrar's batches), then has each delegate to `to`, a block apart.
    function _delegateAll(address[] memory accounts, address to) internal {
        if (accounts.length == 0) return;
        _addAll(accounts);
        _nextBlock();
        for (uint256 i; i < accounts.length; ++i) {
            _delegate(accounts[i], TOPIC, to);
            _nextBlock();
        }
    }

    /// A poll by `proposer`, one block after whatever came before; voting opens at once.
    function _propose(VoteMode mode, uint8 optionCount) internal returns (uint256 id) {
        _nextBlock();
        ProposalParams memory params = _params(mode, optionCount, 0);
        vm.prank(proposer);
        id = gov.propose(params);
    }

    function _params(VoteMode mode, uint8 optionCount, uint256 index)
        internal
        pure
        returns (ProposalParams memory)
    {
        return ProposalParams({
            topic: TOPIC,
            mode: mode,
            optionCount: optionCount,
            votingPeriod: 0,
            metadataHash: keccak256(abi.encode("proposal text", index)),
            metadataURI: _metadataURI(index)
        });
    }

    function _vote(address member, uint256 id, uint8 option) internal {
        vm.prank(member);
        gov.castVote(id, option);
        _nextBlock();
    }

    /// Adds `accounts` with weight 100, at most 250 per transaction.
    function _addAll(address[] memory accounts) internal {
        for (uint256 start; start < accounts.length; start += REGISTRAR_BATCH) {
            uint256 count = accounts.length - start;
            if (count > REGISTRAR_BATCH) count = REGISTRAR_BATCH;
            address[] memory batch = new address[](count);
            for (uint256 i; i < count; ++i) {
                batch[i] = accounts[start + i];
            }
            gov.addMembers(batch, _weights(count));
        }
    }

    function _accounts(string memory prefix, uint256 count)
        internal
        pure
        returns (address[] memory accounts)
    {
        accounts = new address[](count);
        for (uint256 i; i < count; ++i) {
            accounts[i] = _member(string.concat(prefix, vm.toString(i)));
        }
    }

    function _weights(uint256 count) internal pure returns (uint64[] memory weights) {
        weights = new uint64[](count);
        for (uint256 i; i < count; ++i) {
            weights[i] = WEIGHT;
        }
    }
}
