// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {LiquidGovernorV2} from "../mocks/LiquidGovernorV2.sol";
import {
    Ballot,
    ProposalParams,
    ProposalState,
    VoteMode
} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Upgrading a community keeps every piece of its state, through the bootstrap admin and
///         through governance's own path (an executable proposal run by the timelock).
contract LiquidGovernorUpgradeTest is CommunityFixture {
    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal carol = _member("carol");
    address internal dave = _member("dave");
    address internal newImplementation;

    uint256 internal singleId;
    uint256 internal quadraticId;
    uint48 internal beforeVotes;

    function setUp() public override {
        super.setUp();
        gov.addMember(alice, 4);
        gov.addMember(bob, 9);
        gov.addMember(carol, 16);
        gov.addMember(dave, 1);
        _delegate(alice, 0, bob);
        _delegate(bob, 0, carol);
        _delegate(dave, 1, carol);
        vm.warp(block.timestamp + 10);
        singleId = _poll(alice, 0, VoteMode.Single, 3);
        quadraticId = _poll(bob, 1, VoteMode.Quadratic, 2);
        beforeVotes = uint48(block.timestamp);
        vm.warp(block.timestamp + 10);
        vm.prank(carol);
        gov.castVote(singleId, 2);
        vm.prank(alice);
        gov.castVote(singleId, 0);
        uint32[] memory votes = new uint32[](2);
        votes[0] = 3;
        votes[1] = 1;
        vm.prank(carol);
        gov.castQuadraticVote(quadraticId, votes);
        gov.setWeight(dave, 7);
        newImplementation = address(new LiquidGovernorV2(core.adminFacet, core.anonymousFacet));
    }

    /// @dev Everything a test can read, hashed so that two moments can be compared exactly.
    function _state() internal view returns (bytes32) {
        (uint256[] memory t1, uint256 a1, uint256 p1, uint256 m1) = gov.proposalTally(singleId);
        (uint256[] memory t2, uint256 a2, uint256 p2, uint256 m2) = gov.proposalTally(quadraticId);
        bytes memory members = abi.encode(
            gov.weightOf(alice),
            gov.weightOf(dave),
            gov.pastWeightOf(dave, beforeVotes),
            gov.totalWeight(),
            gov.pastTotalWeight(beforeVotes),
            gov.memberCount()
        );
        bytes memory graph = abi.encode(
            gov.delegationChain(alice, 0),
            gov.pastDelegateOf(dave, 1, beforeVotes),
            gov.delegationHeight(carol, 0),
            gov.topicCount(),
            gov.maxDepth()
        );
        (uint256 linear, uint256 quadratic) = gov.delegatedMass(carol, 0);
        bytes memory votes = abi.encode(
            t1,
            a1,
            p1,
            m1,
            t2,
            a2,
            p2,
            m2,
            gov.carriedMass(singleId, carol),
            gov.carriedMass(quadraticId, carol),
            gov.state(singleId),
            gov.proposalDeadline(singleId),
            gov.proposalCount(),
            linear,
            quadratic
        );
        bytes memory settings = abi.encode(
            gov.votingPeriod(),
            gov.quorumBps(),
            gov.proposalThreshold(),
            gov.timelock(),
            gov.hasRole(gov.REGISTRAR_ROLE(), address(this)),
            gov.hasRole(gov.DEFAULT_ADMIN_ROLE(), timelock),
            gov.nonces(alice)
        );
        return keccak256(abi.encode(members, graph, votes, settings));
    }

    function test_upgradeToAndCall_byBootstrapAdmin_keepsState() public {
        bytes32 before = _state();
        gov.upgradeToAndCall(newImplementation, "");
        assertEq(
            address(uint160(uint256(vm.load(address(gov), ERC1967Utils.IMPLEMENTATION_SLOT)))),
            newImplementation
        );
        assertEq(LiquidGovernorV2(payable(address(gov))).version(), "2");
        assertEq(_state(), before, "state changed across the upgrade");

        // Voting and administration still work, and tallies move exactly as before the upgrade.
        vm.prank(bob);
        gov.castVote(singleId, 1);
        (uint256[] memory tallies,,,) = gov.proposalTally(singleId);
        assertEq(tallies[0], 4);
        assertEq(tallies[1], 9);
        assertEq(tallies[2], 16);
        gov.addMember(_member("erin"), 2);
        assertEq(gov.weightOf(_member("erin")), 2);
    }

    function test_upgradeToAndCall_RevertWhen_NotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                alice,
                gov.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        gov.upgradeToAndCall(newImplementation, "");
    }

    function test_upgradeToAndCall_throughAnExecutableProposal_keepsState() public {
        // Governance takes over: the bootstrap admin renounces, so only the timelock can upgrade.
        gov.renounceRole(gov.DEFAULT_ADMIN_ROLE(), address(this));
        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = address(gov);
        calldatas[0] = abi.encodeCall(gov.upgradeToAndCall, (newImplementation, ""));
        vm.prank(carol);
        uint256 id = gov.proposeExecutable(
            ProposalParams({
                topic: 0,
                mode: VoteMode.Single,
                optionCount: 2,
                votingPeriod: 0,
                metadataHash: keccak256("upgrade to v2"),
                metadataURI: "ipfs://upgrade"
            }),
            targets,
            values,
            calldatas
        );
        vm.warp(block.timestamp + 1);
        vm.prank(carol);
        gov.castVote(id, 1); // carol carries alice and bob: 29 of 30 on topic 0
        vm.warp(gov.proposalDeadline(id) + 1);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Succeeded));
        gov.queue(id, targets, values, calldatas);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        bytes32 before = _state();
        gov.execute(id, targets, values, calldatas);
        assertEq(uint8(gov.state(id)), uint8(ProposalState.Executed));
        assertEq(LiquidGovernorV2(payable(address(gov))).version(), "2");
        assertEq(_state(), before, "state changed across the governed upgrade");
    }

    // ---------------------------------------------------------------- every readable value, both paths

    uint256 internal constant EVE_KEY = 0xE7E;
    address internal eve = vm.addr(EVE_KEY);
    address internal frank = _member("frank");
    address internal registrar2 = _member("registrar2");
    uint8 internal culture;
    uint256 internal sigPollId;
    uint256 internal queuedId;
    uint256 internal upgradeId;
    /// Moments at which past weights, delegates and totals are read back.
    uint48[] internal timepoints;

    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant BALLOT_TYPEHASH =
        keccak256("Ballot(uint256 proposalId,uint8 option,uint32[] votes)");
    bytes32 internal constant CAST_VOTE_TYPEHASH = keccak256(
        "CastVote(Ballot ballot,address voter,uint256 nonce,uint256 deadline)"
        "Ballot(uint256 proposalId,uint8 option,uint32[] votes)"
    );

    function test_upgradeToAndCall_byBootstrapAdmin_keepsEveryReadableValue() public {
        _populate(false);
        Digest memory before = _digest(0);
        gov.upgradeToAndCall(newImplementation, "");
        assertEq(_implementation(), newImplementation, "implementation slot");
        assertEq(LiquidGovernorV2(payable(address(gov))).version(), "2");
        _assertSameDigest(before, _digest(0));
        _assertStillWorks();
    }

    function test_upgradeToAndCall_throughTimelock_keepsEveryReadableValue() public {
        _populate(true);
        // From here on only governance (the timelock) may upgrade.
        gov.renounceRole(gov.DEFAULT_ADMIN_ROLE(), address(this));
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        Digest memory before = _digest(upgradeId);
        assertEq(uint8(gov.state(upgradeId)), uint8(ProposalState.Queued));
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _upgradeAction();
        gov.execute(upgradeId, targets, values, calldatas);
        assertEq(uint8(gov.state(upgradeId)), uint8(ProposalState.Executed));
        assertEq(_implementation(), newImplementation, "implementation slot");
        assertEq(LiquidGovernorV2(payable(address(gov))).version(), "2");
        _assertSameDigest(before, _digest(upgradeId));
        _assertStillWorks();
    }

    function test_upgradeToAndCall_RevertWhen_Registrar() public {
        gov.grantRole(gov.REGISTRAR_ROLE(), registrar2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                registrar2,
                gov.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(registrar2);
        gov.upgradeToAndCall(newImplementation, "");
    }

    function test_upgradeToAndCall_RevertWhen_BootstrapAdminRenounced() public {
        gov.renounceRole(gov.DEFAULT_ADMIN_ROLE(), address(this));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(this),
                gov.DEFAULT_ADMIN_ROLE()
            )
        );
        gov.upgradeToAndCall(newImplementation, "");
    }

    function test_upgradeToAndCall_RevertWhen_CalledOnTheImplementation() public {
        vm.expectRevert(UUPSUpgradeable.UUPSUnauthorizedCallContext.selector);
        UUPSUpgradeable(core.governorImplementation).upgradeToAndCall(newImplementation, "");
    }

    function test_upgradeToAndCall_RevertWhen_NotUUPS() public {
        // The admin facet has no proxiableUUID: upgrading to it would brick the community.
        vm.expectRevert(
            abi.encodeWithSelector(
                ERC1967Utils.ERC1967InvalidImplementation.selector, core.adminFacet
            )
        );
        gov.upgradeToAndCall(core.adminFacet, "");
    }

    // ---------------------------------------------------------------- scenario

    /// @dev On top of setUp: non-default settings, a fourth topic, a second registrar, two more members
    ///      (one signs a ballot), more delegations, a canceled poll, an expired poll, an executable proposal
    ///      queued in the timelock (and, for the governed path, the upgrade proposal queued beside it), then
    ///      weight changes and a removal after every snapshot, so that past and current values differ.
    function _populate(bool withUpgradeProposal) internal {
        timepoints.push(uint48(block.timestamp - 30));
        timepoints.push(beforeVotes);
        gov.setVotingPeriod(5 days, 2 hours);
        gov.setProposalThreshold(2);
        culture = gov.createTopic("Culture");
        gov.grantRole(gov.REGISTRAR_ROLE(), registrar2);
        vm.prank(registrar2);
        gov.addMember(eve, 25);
        gov.addMember(frank, 3);
        _delegate(eve, 0, carol);
        _delegate(frank, culture, eve);
        _delegate(alice, culture, eve);
        timepoints.push(uint48(block.timestamp));
        vm.warp(block.timestamp + 1);

        vm.prank(eve);
        sigPollId = gov.propose(_params(culture, VoteMode.Single, 2, 10 days, "signed"));
        vm.prank(carol);
        uint256 canceled = gov.propose(_params(2, VoteMode.Single, 2, 0, "canceled"));
        vm.prank(carol);
        gov.cancel(canceled);
        vm.prank(bob);
        uint256 expired = gov.propose(_params(0, VoteMode.Quadratic, 3, 2 hours, "expired"));
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _quorumAction();
        vm.prank(carol);
        queuedId = gov.proposeExecutable(
            _params(0, VoteMode.Single, 2, 0, "quorum"), targets, values, calldatas
        );
        if (withUpgradeProposal) {
            (targets, values, calldatas) = _upgradeAction();
            vm.prank(carol);
            upgradeId = gov.proposeExecutable(
                _params(0, VoteMode.Single, 2, 0, "upgrade"), targets, values, calldatas
            );
        }

        vm.warp(block.timestamp + 1);
        uint32[] memory votes = new uint32[](3);
        votes[1] = 2;
        vm.prank(bob);
        gov.castQuadraticVote(expired, votes);
        gov.castVoteBySig(
            Ballot({proposalId: sigPollId, option: 1, votes: new uint32[](0)}),
            eve,
            block.timestamp + 1 hours,
            _signBallot(
                Ballot({proposalId: sigPollId, option: 1, votes: new uint32[](0)}),
                block.timestamp + 1 hours
            )
        );
        vm.prank(carol);
        gov.castVote(queuedId, 1); // carol carries alice, bob and eve: 54 For, dave 7 Against, of 64
        if (withUpgradeProposal) {
            vm.prank(carol);
            gov.castVote(upgradeId, 1);
        }
        vm.prank(dave);
        gov.castVote(queuedId, 0);
        timepoints.push(uint48(block.timestamp));

        vm.warp(gov.proposalDeadline(queuedId) + 1);
        (targets, values, calldatas) = _quorumAction();
        gov.queue(queuedId, targets, values, calldatas);
        if (withUpgradeProposal) {
            (targets, values, calldatas) = _upgradeAction();
            gov.queue(upgradeId, targets, values, calldatas);
        }
        // After every snapshot: current values now differ from past ones.
        gov.setWeight(bob, 12);
        gov.removeMember(frank);
        _delegate(dave, 1, address(0));
        timepoints.push(uint48(block.timestamp));
        assertEq(uint8(gov.state(canceled)), uint8(ProposalState.Canceled));
        assertEq(uint8(gov.state(expired)), uint8(ProposalState.Succeeded));
        assertEq(uint8(gov.state(queuedId)), uint8(ProposalState.Queued));
        assertEq(gov.nonces(eve), 1);
    }

    /// @dev After the upgrade: the queued proposal executes, ballots change and retract with the tallies
    ///      SPEC.md gives, signed ballots continue from the same nonce, and the registrar still works.
    function _assertStillWorks() internal {
        if (block.timestamp < gov.proposalDeadline(queuedId) + 1 + TIMELOCK_DELAY) {
            vm.warp(gov.proposalDeadline(queuedId) + 1 + TIMELOCK_DELAY);
        }
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _quorumAction();
        gov.execute(queuedId, targets, values, calldatas);
        assertEq(uint8(gov.state(queuedId)), uint8(ProposalState.Executed));
        assertEq(gov.quorumBps(), 3000);

        // Single poll on topic 0 (snapshot weights alice 4, bob 9, carol 16; alice -> bob -> carol):
        // alice 0, carol 2 carrying bob. Bob votes 1, alice retracts (back to bob), carol abstains.
        vm.prank(bob);
        gov.castVote(singleId, 1);
        vm.prank(alice);
        gov.retractVote(singleId);
        uint8 abstainOption = gov.ABSTAIN();
        vm.prank(carol);
        gov.castVote(singleId, abstainOption);
        (uint256[] memory tallies, uint256 abstain, uint256 participation, uint256 total) =
            gov.proposalTally(singleId);
        assertEq(tallies[0], 0);
        assertEq(tallies[1], 13);
        assertEq(tallies[2], 0);
        assertEq(abstain, 16);
        assertEq(participation, 29);
        assertEq(total, 30);
        assertEq(gov.carriedMass(singleId, bob), 13);

        // Quadratic poll on topic 1 (dave 1 -> carol 16 at the snapshot): carol [3, 1] carried 5e9 for
        // floor(3 * 5e9 * 1e9 / 4e9) and floor(1 * 5e9 * 1e9 / 4e9). Dave votes [1, 0] himself.
        (tallies,, participation,) = gov.proposalTally(quadraticId);
        assertEq(tallies[0], 3_750_000_000);
        assertEq(tallies[1], 1_250_000_000);
        uint32[] memory votes = new uint32[](2);
        votes[0] = 1;
        vm.prank(dave);
        gov.castQuadraticVote(quadraticId, votes);
        (tallies,, participation,) = gov.proposalTally(quadraticId);
        assertEq(tallies[0], 4_000_000_000);
        assertEq(tallies[1], 1_000_000_000);
        assertEq(participation, 5_000_000_000);

        // Eve's next signed ballot uses nonce 1.
        Ballot memory change = Ballot({proposalId: sigPollId, option: 0, votes: new uint32[](0)});
        gov.castVoteBySig(
            change, eve, block.timestamp + 1 hours, _signBallot(change, block.timestamp + 1 hours)
        );
        assertEq(gov.nonces(eve), 2);
        (bool voted, uint8 option,) = gov.ballotOf(sigPollId, eve);
        assertTrue(voted);
        assertEq(option, 0);

        // The admin facet behind the fallback.
        vm.prank(registrar2);
        gov.addMember(frank, 5);
        assertEq(gov.weightOf(frank), 5);
    }

    // ---------------------------------------------------------------- digest

    /// @dev Labeled values, compared one by one so that a difference names what changed.
    struct Digest {
        string[] labels;
        bytes[] values;
        uint256 count;
    }

    /// @dev Every value the community answers, for every account, topic, proposal and recorded moment,
    ///      except the state of proposal `skip` (the upgrade proposal, which the upgrade itself executes).
    function _digest(uint256 skip) internal view returns (Digest memory d) {
        d.labels = new string[](4096);
        d.values = new bytes[](4096);
        address[] memory accounts = _accounts();
        _digestSettings(d);
        for (uint256 a; a < accounts.length; ++a) {
            _digestAccount(d, accounts[a]);
        }
        for (uint256 k; k < timepoints.length; ++k) {
            string memory when = string.concat(" at ", vm.toString(timepoints[k]));
            _put(
                d,
                string.concat("pastTotalWeight", when),
                abi.encode(gov.pastTotalWeight(timepoints[k]))
            );
            (uint256 linear, uint256 quadratic) = gov.pastTotalMass(timepoints[k]);
            _put(d, string.concat("pastTotalMass", when), abi.encode(linear, quadratic));
        }
        for (uint256 id = 1; id <= gov.proposalCount(); ++id) {
            if (id != skip) _digestProposal(d, id, accounts);
        }
    }

    function _digestSettings(Digest memory d) internal view {
        _put(d, "votingPeriod", abi.encode(gov.votingPeriod(), gov.minVotingPeriod()));
        _put(d, "quorumBps", abi.encode(gov.quorumBps()));
        _put(d, "proposalThreshold", abi.encode(gov.proposalThreshold()));
        _put(d, "topics", abi.encode(gov.topicCount(), gov.maxTopics(), gov.maxDepth()));
        _put(d, "timelock", abi.encode(gov.timelock()));
        _put(d, "proposalCount", abi.encode(gov.proposalCount()));
        _put(d, "clock", abi.encode(gov.clock(), gov.CLOCK_MODE()));
        _put(
            d,
            "constants",
            abi.encode(gov.ABSTAIN(), gov.RETRACT(), gov.REGISTRAR_ROLE(), gov.DEFAULT_ADMIN_ROLE())
        );
        _put(
            d,
            "role admins",
            abi.encode(gov.getRoleAdmin(gov.REGISTRAR_ROLE()), gov.getRoleAdmin(bytes32(0)))
        );
        _put(d, "totals", abi.encode(gov.totalWeight(), gov.memberCount()));
        _put(d, "adminFacet", abi.encode(gov.adminFacet()));
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifier,,
        ) = gov.eip712Domain();
        _put(d, "eip712Domain", abi.encode(fields, name, version, chainId, verifier));
    }

    function _digestAccount(Digest memory d, address account) internal view {
        string memory who = vm.toString(account);
        _put(
            d,
            string.concat("weightOf ", who),
            abi.encode(gov.weightOf(account), gov.isMember(account))
        );
        _put(d, string.concat("nonces ", who), abi.encode(gov.nonces(account)));
        _put(
            d,
            string.concat("roles ", who),
            abi.encode(gov.hasRole(bytes32(0), account), gov.hasRole(gov.REGISTRAR_ROLE(), account))
        );
        for (uint256 k; k < timepoints.length; ++k) {
            _put(
                d,
                string.concat("pastWeightOf ", who, " at ", vm.toString(timepoints[k])),
                abi.encode(gov.pastWeightOf(account, timepoints[k]))
            );
        }
        for (uint8 t; t < gov.topicCount(); ++t) {
            string memory where = string.concat(who, " topic ", vm.toString(t));
            _put(
                d,
                string.concat("delegation ", where),
                abi.encode(
                    gov.delegateOf(account, t),
                    gov.delegationChain(account, t),
                    gov.delegationHeight(account, t)
                )
            );
            (uint256 linear, uint256 quadratic) = gov.delegatedMass(account, t);
            _put(d, string.concat("delegatedMass ", where), abi.encode(linear, quadratic));
            for (uint256 k; k < timepoints.length; ++k) {
                _put(
                    d,
                    string.concat("pastDelegateOf ", where, " at ", vm.toString(timepoints[k])),
                    abi.encode(gov.pastDelegateOf(account, t, timepoints[k]))
                );
            }
        }
    }

    function _digestProposal(Digest memory d, uint256 id, address[] memory accounts) internal view {
        string memory which = string.concat("proposal ", vm.toString(id));
        _put(d, string.concat(which, " state"), abi.encode(gov.state(id)));
        _put(
            d,
            string.concat(which, " timing"),
            abi.encode(gov.proposalSnapshot(id), gov.proposalDeadline(id), gov.proposalProposer(id))
        );
        (uint8 topic, VoteMode mode, uint8 optionCount, bool executable) = gov.proposalConfig(id);
        _put(d, string.concat(which, " config"), abi.encode(topic, mode, optionCount, executable));
        _put(d, string.concat(which, " quorum"), abi.encode(gov.quorum(id)));
        (uint256[] memory tallies, uint256 abstain, uint256 participation, uint256 total) =
            gov.proposalTally(id);
        _put(d, string.concat(which, " tally"), abi.encode(tallies, abstain, participation, total));
        for (uint256 a; a < accounts.length; ++a) {
            (bool voted, uint8 option, uint32[] memory votes) = gov.ballotOf(id, accounts[a]);
            _put(
                d,
                string.concat(which, " ballot of ", vm.toString(accounts[a])),
                abi.encode(
                    voted,
                    option,
                    votes,
                    gov.hasVoted(id, accounts[a]),
                    gov.carriedMass(id, accounts[a])
                )
            );
        }
    }

    function _put(Digest memory d, string memory label, bytes memory value) internal pure {
        d.labels[d.count] = label;
        d.values[d.count] = value;
        ++d.count;
    }

    function _assertSameDigest(Digest memory before, Digest memory after_) internal pure {
        assertEq(after_.count, before.count, "number of values read");
        assertGt(before.count, 400, "digest too small to mean much");
        for (uint256 i; i < before.count; ++i) {
            assertEq(after_.labels[i], before.labels[i], "digest order");
            if (keccak256(after_.values[i]) != keccak256(before.values[i])) {
                assertEq(after_.values[i], before.values[i], before.labels[i]);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    function _accounts() internal view returns (address[] memory accounts) {
        accounts = new address[](10);
        (accounts[0], accounts[1], accounts[2], accounts[3]) = (alice, bob, carol, dave);
        (accounts[4], accounts[5], accounts[6]) = (eve, frank, registrar2);
        (accounts[7], accounts[8], accounts[9]) = (address(this), timelock, _member("nobody"));
    }

    function _implementation() internal view returns (address) {
        return address(uint160(uint256(vm.load(address(gov), ERC1967Utils.IMPLEMENTATION_SLOT))));
    }

    function _params(
        uint8 topic,
        VoteMode mode,
        uint8 optionCount,
        uint32 period,
        string memory text
    ) internal pure returns (ProposalParams memory) {
        return ProposalParams({
            topic: topic,
            mode: mode,
            optionCount: optionCount,
            votingPeriod: period,
            metadataHash: keccak256(bytes(text)),
            metadataURI: text
        });
    }

    function _quorumAction()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        (targets, values, calldatas) = (new address[](1), new uint256[](1), new bytes[](1));
        targets[0] = address(gov);
        calldatas[0] = abi.encodeCall(gov.setQuorum, (3000));
    }

    function _upgradeAction()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        (targets, values, calldatas) = (new address[](1), new uint256[](1), new bytes[](1));
        targets[0] = address(gov);
        calldatas[0] = abi.encodeCall(gov.upgradeToAndCall, (newImplementation, ""));
    }

    /// @dev Eve's EIP-712 signature of `ballot` with her current nonce.
    function _signBallot(Ballot memory ballot, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        bytes32 ballotHash = keccak256(
            abi.encode(
                BALLOT_TYPEHASH,
                ballot.proposalId,
                uint256(ballot.option),
                keccak256(abi.encodePacked(ballot.votes))
            )
        );
        bytes32 structHash =
            keccak256(abi.encode(CAST_VOTE_TYPEHASH, ballotHash, eve, gov.nonces(eve), deadline));
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("Plenum"), keccak256("1"), block.chainid, address(gov)
            )
        );
        (uint8 v, bytes32 r, bytes32 sig) =
            vm.sign(EVE_KEY, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        return abi.encodePacked(r, sig, v);
    }
}
