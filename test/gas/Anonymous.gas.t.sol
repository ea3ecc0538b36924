// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Semaphore} from "@semaphore-protocol/contracts/Semaphore.sol";
import {ISemaphore} from "@semaphore-protocol/contracts/interfaces/ISemaphore.sol";
import {ISemaphoreVerifier} from "@semaphore-protocol/contracts/interfaces/ISemaphoreVerifier.sol";
import {AnonymousFixture} from "../anonymous/AnonymousFixture.sol";
import {GasBenchmark} from "../utils/GasBenchmark.sol";
import {AnonymousProof, ProposalParams, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Gas benchmark of anonymous ballots and the identity group, with real Semaphore proofs from
///         test/anonymous/fixtures/proofs.json (run with `pnpm bench:gas`; numbers land in
///         snapshots/AnonymousGasTest.json). Conditions shared by every scenario:
///         - 30 members of weight 100, each with an identity, registered in one batch (a LeanIMT of
///           depth 5), and 21 members without one;
///         - setup transactions are one block (12 s) apart;
///         - ballots are on a two-option poll and come from a relayer; a "first" ballot lands on a proposal
///           that already has one for the same option;
///         - a first ballot carries sequence 1 in its message (`sequence << 8 | option`), a change or a
///           retraction after it sequence 2.
///         For comparison, the same proof is validated by Semaphore's own contract (`Semaphore.sol` 4.14.3
///         with the same verifier, compiled with this project's test settings) on a group with the same
///         30 commitments, hence the same root: Semaphore does not constrain the scope.
contract AnonymousGasTest is AnonymousFixture, GasBenchmark {
    uint64 internal constant WEIGHT = 100;
    uint256 internal constant GROUP = 30;
    uint256 internal constant BATCH = 20;

    address[] internal members;
    /// newcomers[0] registers alone; the others in one batch.
    address[] internal newcomers;

    function setUp() public override {
        super.setUp();
        _detectIsolation();
        members = _accountsOf("member ", GROUP);
        newcomers = _accountsOf("newcomer ", BATCH + 1);
        gov.addMembers(members, _weights(GROUP));
        gov.addMembers(newcomers, _weights(BATCH + 1));
        _nextBlock();
        uint256[] memory commitments = new uint256[](GROUP);
        for (uint256 i; i < GROUP; ++i) {
            commitments[i] = _gasCommitment(i);
        }
        gov.registerIdentities(members, commitments);
        _nextBlock();
        _assertRoot("gas");
    }

    // ---------------------------------------------------------------- ballots

    function test_castAnonymousVote_gas() public {
        uint256 id = _propose();
        _cast(id, "gas_first");
        AnonymousProof memory proof = _proof("gas_ballot");
        vm.prank(relayer);
        gov.castAnonymousVote(id, proof);
        _snapshot("castAnonymousVote");
        _assertTally(id, 2, 0);
    }

    /// For comparison only: the proposal's very first ballot (its tallies still empty).
    function test_castAnonymousVote_firstOnProposal_gas() public {
        uint256 id = _propose();
        AnonymousProof memory proof = _proof("gas_ballot");
        vm.prank(relayer);
        gov.castAnonymousVote(id, proof);
        _snapshot("castAnonymousVote_firstOnProposal");
        _assertTally(id, 1, 0);
    }

    /// The same identity changes its ballot from option 0 to option 1 (the same tally word), with
    /// sequence 2 after 1.
    function test_castAnonymousVote_change_gas() public {
        uint256 id = _propose();
        _cast(id, "gas_first");
        _cast(id, "gas_ballot");
        AnonymousProof memory proof = _proof("gas_change");
        vm.prank(relayer);
        gov.castAnonymousVote(id, proof);
        _snapshot("castAnonymousVote_change");
        _assertTally(id, 1, 1);
    }

    /// The same identity retracts (sequence 2, which stays behind); another ballot for the same option
    /// remains.
    function test_castAnonymousVote_retract_gas() public {
        uint256 id = _propose();
        _cast(id, "gas_first");
        _cast(id, "gas_ballot");
        AnonymousProof memory proof = _proof("gas_retract");
        vm.prank(relayer);
        gov.castAnonymousVote(id, proof);
        _snapshot("castAnonymousVote_retract");
        _assertTally(id, 1, 0);
    }

    /// Semaphore's own `validateProof` of the proof measured in {test_castAnonymousVote_gas}: the first
    /// proof of its group (a fresh nullifier slot), against the group's current root.
    function test_semaphoreValidateProof_gas() public {
        Semaphore semaphore = new Semaphore(ISemaphoreVerifier(core.semaphoreVerifier));
        uint256 groupId = semaphore.createGroup();
        uint256[] memory commitments = new uint256[](GROUP);
        for (uint256 i; i < GROUP; ++i) {
            commitments[i] = _gasCommitment(i);
        }
        semaphore.addMembers(groupId, commitments);
        assertEq(semaphore.getMerkleTreeRoot(groupId), _root("gas"), "Semaphore's root");
        _nextBlock();
        AnonymousProof memory proof = _proof("gas_ballot");
        ISemaphore.SemaphoreProof memory semaphoreProof = ISemaphore.SemaphoreProof({
            merkleTreeDepth: proof.merkleTreeDepth,
            merkleTreeRoot: proof.merkleTreeRoot,
            nullifier: proof.nullifier,
            message: proof.message,
            scope: proof.scope,
            points: proof.points
        });
        vm.prank(relayer);
        semaphore.validateProof(groupId, semaphoreProof);
        _snapshot("semaphore_validateProof");
    }

    // ---------------------------------------------------------------- identity group

    /// A member registers alone: leaf 30 of a tree of depth 5.
    function test_registerIdentity_gas() public {
        uint256 commitment = _gasCommitment(GROUP);
        vm.prank(newcomers[0]);
        gov.registerIdentity(commitment);
        _snapshot("registerIdentity");
        _assertRoot("gasAfterSelf");
    }

    /// The registrar registers 20 members' identities; the report divides by 20.
    function test_registerIdentities_gas() public {
        (address[] memory accounts, uint256[] memory commitments) = _batch();
        gov.registerIdentities(accounts, commitments);
        _snapshot("registerIdentities_20");
        _assertRoot("gasAfterBatch");
    }

    /// The registrar adds 20 members with their identities (the same commitments as the batch above,
    /// hence the same root); the report divides by 20.
    function test_addMembersWithIdentities_gas() public {
        (, uint256[] memory commitments) = _batch();
        address[] memory accounts = _accountsOf("joiner ", BATCH);
        uint64[] memory weights = _weights(BATCH);
        gov.addMembersWithIdentities(accounts, weights, commitments);
        _snapshot("addMembersWithIdentities_20");
        _assertRoot("gasAfterBatch");
    }

    /// Member 7 changes their key: five sibling nodes (a full path), each level hashed twice.
    function test_replaceIdentity_gas() public {
        uint256 commitment = _gasCommitment(51);
        uint256[] memory siblings = _siblings("gasMember7");
        assertEq(siblings.length, 5);
        vm.prank(members[7]);
        gov.replaceIdentity(commitment, siblings);
        _snapshot("replaceIdentity");
        _assertRoot("gasAfterReplace");
    }

    // ---------------------------------------------------------------- helpers

    /// An anonymous two-option poll by member 0, one block after whatever came before; then one more
    /// block, so that ballots land in a later one.
    function _propose() internal returns (uint256 id) {
        _nextBlock();
        ProposalParams memory params = ProposalParams({
            topic: 0,
            mode: VoteMode.Anonymous,
            optionCount: 2,
            votingPeriod: 0,
            metadataHash: keccak256("proposal text"),
            metadataURI: _metadataURI(0)
        });
        vm.prank(members[0]);
        id = gov.propose(params);
        assertEq(id, 1, "the fixture's proofs are for proposal 1");
        _nextBlock();
    }

    function _cast(uint256 id, string memory name) internal {
        AnonymousProof memory proof = _proof(name);
        vm.prank(relayer);
        gov.castAnonymousVote(id, proof);
        _nextBlock();
    }

    function _batch()
        internal
        view
        returns (address[] memory accounts, uint256[] memory commitments)
    {
        accounts = new address[](BATCH);
        commitments = new uint256[](BATCH);
        for (uint256 i; i < BATCH; ++i) {
            accounts[i] = newcomers[i + 1];
            commitments[i] = _gasCommitment(GROUP + 1 + i);
        }
    }

    function _assertRoot(string memory name) internal view {
        (uint256 root,,,) = gov.identityGroup();
        assertEq(root, _root(name), string.concat("root ", name));
    }

    function _assertTally(uint256 id, uint256 option0, uint256 option1) internal view {
        (uint256[] memory tallies,, uint256 participation, uint256 totalMass) =
            gov.proposalTally(id);
        assertEq(tallies[0], option0);
        assertEq(tallies[1], option1);
        assertEq(participation, option0 + option1);
        assertEq(totalMass, GROUP);
    }

    function _accountsOf(string memory prefix, uint256 count)
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
