// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {AnonymousProof, ProposalParams, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Base for the anonymous-ballot tests: reads the real Semaphore proofs, group roots and sibling
///         nodes that `test/anonymous/fixtures/generate.mjs` wrote to `fixtures/proofs.json` (see the README
///         next to this file), and checks that this run deploys the community those proofs are bound to.
/// @dev The fixture's identities are numbered: 0-5 are alice, bob, carol, dave, erin and frank (the base
///      group, see {_registerBaseGroup}); 6 is a late joiner's; 7 is carol's new key; 8 an outsider's; 9
///      alice's or frank's new key. The gas benchmark's identities ("plenum-gas-<n>") are separate. Every
///      group the tests build is replayed by the generator, which records its root.
abstract contract AnonymousFixture is CommunityFixture {
    string internal constant FIXTURE = "test/anonymous/fixtures/proofs.json";
    string internal constant GENERATOR = "node test/anonymous/fixtures/generate.mjs";
    uint256 internal constant SNARK_SCALAR_FIELD =
        21_888_242_871_839_275_222_246_405_745_257_275_088_548_364_400_416_034_343_698_204_186_575_808_495_617;
    uint8 internal constant ABSTAIN = 255;
    uint8 internal constant RETRACT = 254;

    address internal alice = _member("alice");
    address internal bob = _member("bob");
    address internal carol = _member("carol");
    address internal dave = _member("dave");
    address internal erin = _member("erin");
    address internal frank = _member("frank");
    /// A member who never registers an identity in the base group.
    address internal ivan = _member("ivan");
    /// Not a member until a test adds her.
    address internal grace = _member("grace");
    address internal outsider = _member("outsider");
    /// Submits anonymous ballots for others: anyone may.
    address internal relayer = _member("relayer");

    function setUp() public virtual override {
        super.setUp();
        string memory fixture = _fixture();
        assertEq(
            block.chainid,
            vm.parseJsonUint(fixture, ".chainId"),
            string.concat(FIXTURE, " was generated for another chain id")
        );
        assertEq(
            address(gov),
            vm.parseJsonAddress(fixture, ".community"),
            string.concat(
                "the community moved, so every fixture proof has the wrong scope: run `",
                GENERATOR,
                " --community ",
                vm.toString(address(gov)),
                "`"
            )
        );
    }

    // ---------------------------------------------------------------- the community

    /// @dev alice..frank with weights 1, 4, 9, 16, 25, 2 and ivan with 7; no identities yet.
    function _addMembers() internal {
        _addMember(alice, 1);
        _addMember(bob, 4);
        _addMember(carol, 9);
        _addMember(dave, 16);
        _addMember(erin, 25);
        _addMember(frank, 2);
        _addMember(ivan, 7);
    }

    /// @dev The base group (root `base`): alice and bob register themselves, the registrar registers
    ///      carol, dave and erin in one batch, frank registers himself. ivan has no identity.
    function _registerBaseGroup() internal {
        vm.prank(alice);
        gov.registerIdentity(_commitment(0));
        vm.prank(bob);
        gov.registerIdentity(_commitment(1));
        gov.registerIdentities(
            _accounts(carol, dave, erin), _uints(_commitment(2), _commitment(3), _commitment(4))
        );
        vm.prank(frank);
        gov.registerIdentity(_commitment(5));
    }

    /// @dev An anonymous poll by alice with `optionCount` options and the default voting period, one
    ///      second after whatever came before (so that its snapshot sees the community's settings).
    function _anonymousPoll(uint8 optionCount) internal returns (uint256 id) {
        vm.warp(vm.getBlockTimestamp() + 1);
        id = _poll(alice, 0, VoteMode.Anonymous, optionCount);
    }

    /// @dev Submits `proof` for `proposalId` from the relayer.
    function _castAnonymous(uint256 proposalId, AnonymousProof memory proof) internal {
        vm.prank(relayer);
        gov.castAnonymousVote(proposalId, proof);
    }

    function _params(VoteMode mode, uint8 optionCount)
        internal
        pure
        returns (ProposalParams memory)
    {
        return ProposalParams({
            topic: 0,
            mode: mode,
            optionCount: optionCount,
            votingPeriod: 0,
            metadataHash: keccak256("anonymous"),
            metadataURI: "ipfs://anonymous"
        });
    }

    // ---------------------------------------------------------------- the fixture

    /// @dev The fixture file (read where needed rather than kept in storage: it is ~50 kB).
    function _fixture() internal view returns (string memory) {
        return vm.readFile(string.concat(vm.projectRoot(), "/", FIXTURE));
    }

    /// @dev The proof named `name` (see the generator for what each one proves).
    function _proof(string memory name) internal view returns (AnonymousProof memory proof) {
        string memory fixture = _fixture();
        string memory key = string.concat(".proofs.", name);
        proof.merkleTreeDepth = vm.parseJsonUint(fixture, string.concat(key, ".merkleTreeDepth"));
        proof.merkleTreeRoot = vm.parseJsonUint(fixture, string.concat(key, ".merkleTreeRoot"));
        proof.nullifier = vm.parseJsonUint(fixture, string.concat(key, ".nullifier"));
        proof.message = vm.parseJsonUint(fixture, string.concat(key, ".message"));
        proof.scope = vm.parseJsonUint(fixture, string.concat(key, ".scope"));
        uint256[] memory points = vm.parseJsonUintArray(fixture, string.concat(key, ".points"));
        assertEq(points.length, 8, "a Groth16 proof has 8 coordinates");
        for (uint256 i; i < 8; ++i) {
            proof.points[i] = points[i];
        }
    }

    /// @dev The root the generator recorded as `name`.
    function _root(string memory name) internal view returns (uint256) {
        return vm.parseJsonUint(_fixture(), string.concat(".roots.", name));
    }

    /// @dev The LeanIMT sibling nodes the generator recorded as `name` (from `generateMerkleProof`).
    function _siblings(string memory name) internal view returns (uint256[] memory) {
        return vm.parseJsonUintArray(_fixture(), string.concat(".siblings.", name));
    }

    /// @dev The commitment of fixture identity `n` (`new Identity("plenum-fixture-<n>")`).
    function _commitment(uint256 n) internal view returns (uint256) {
        return vm.parseJsonUint(_fixture(), string.concat(".commitments[", vm.toString(n), "]"));
    }

    /// @dev The commitment of gas-benchmark identity `n` (`new Identity("plenum-gas-<n>")`).
    function _gasCommitment(uint256 n) internal view returns (uint256) {
        return vm.parseJsonUint(_fixture(), string.concat(".gasCommitments[", vm.toString(n), "]"));
    }

    /// @dev The scope a proof for `proposalId` must carry, computed independently of the contract.
    function _scope(uint256 proposalId) internal view returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, address(gov), proposalId)));
    }

    // ---------------------------------------------------------------- arrays

    function _accounts(address a) internal pure returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = a;
    }

    function _accounts(address a, address b) internal pure returns (address[] memory accounts) {
        accounts = new address[](2);
        (accounts[0], accounts[1]) = (a, b);
    }

    function _accounts(address a, address b, address c)
        internal
        pure
        returns (address[] memory accounts)
    {
        accounts = new address[](3);
        (accounts[0], accounts[1], accounts[2]) = (a, b, c);
    }

    function _uints(uint256 a) internal pure returns (uint256[] memory values) {
        values = new uint256[](1);
        values[0] = a;
    }

    function _uints(uint256 a, uint256 b) internal pure returns (uint256[] memory values) {
        values = new uint256[](2);
        (values[0], values[1]) = (a, b);
    }

    function _uints(uint256 a, uint256 b, uint256 c)
        internal
        pure
        returns (uint256[] memory values)
    {
        values = new uint256[](3);
        (values[0], values[1], values[2]) = (a, b, c);
    }
}
