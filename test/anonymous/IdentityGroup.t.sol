// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {LeafAlreadyExists, WrongSiblingNodes} from "@zk-kit/lean-imt.sol/InternalLeanIMT.sol";
import {AnonymousFixture} from "./AnonymousFixture.sol";
import {IIdentityGroup} from "../../contracts/interfaces/IIdentityGroup.sol";
import {IMembership} from "../../contracts/interfaces/IMembership.sol";
import {IProposals} from "../../contracts/interfaces/IProposals.sol";
import {VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice The community's Semaphore group: registering (alone and in batches), adding members with their
///         identities, replacing a key with LeanIMT sibling nodes, removing members with their identities,
///         every revert, and the root after each step against the root Semaphore's JS group computes for
///         the same steps (fixtures/proofs.json). Every call goes through the community's proxy.
contract IdentityGroupTest is AnonymousFixture {
    function setUp() public override {
        super.setUp();
        _addMembers();
    }

    // ---------------------------------------------------------------- registerIdentity

    function test_identityGroup_startsEmpty() public view {
        _assertGroup(0, 0, 0, 0);
        assertEq(gov.identityCommitmentOf(alice), 0);
    }

    function test_registerIdentity_addsLeaf() public {
        uint256 commitment = _commitment(0);
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(alice, commitment, 0, _root("base1"));
        vm.prank(alice);
        gov.registerIdentity(commitment);

        assertEq(gov.identityCommitmentOf(alice), commitment);
        // A LeanIMT of one leaf has depth 0 and that leaf as its root.
        assertEq(_root("base1"), commitment);
        _assertGroup(commitment, 0, 1, 1);
    }

    /// The base group step by step, as AnonymousFixture._registerBaseGroup builds it: each index and root
    ///      as the JS group has them.
    function test_registerIdentity_matchesTheJsGroup() public {
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(alice, _commitment(0), 0, _root("base1"));
        vm.prank(alice);
        gov.registerIdentity(_commitment(0));

        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(bob, _commitment(1), 1, _root("base2"));
        vm.prank(bob);
        gov.registerIdentity(_commitment(1));
        _assertGroup(_root("base2"), 1, 2, 2);

        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(carol, _commitment(2), 2, _root("base5"));
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(dave, _commitment(3), 3, _root("base5"));
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(erin, _commitment(4), 4, _root("base5"));
        gov.registerIdentities(
            _accounts(carol, dave, erin), _uints(_commitment(2), _commitment(3), _commitment(4))
        );
        _assertGroup(_root("base5"), 3, 5, 5);

        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(frank, _commitment(5), 5, _root("base"));
        vm.prank(frank);
        gov.registerIdentity(_commitment(5));

        _assertGroup(_root("base"), 3, 6, 6);
        assertEq(gov.identityCommitmentOf(carol), _commitment(2));
        assertEq(gov.identityCommitmentOf(ivan), 0);
    }

    function test_registerIdentity_RevertWhen_NotMember() public {
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, outsider));
        gov.registerIdentity(_commitment(8));
    }

    function test_registerIdentity_RevertWhen_AlreadyRegistered() public {
        vm.prank(alice);
        gov.registerIdentity(_commitment(0));
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityGroup.IdentityAlreadyRegistered.selector, alice, _commitment(0)
            )
        );
        gov.registerIdentity(_commitment(9));
    }

    function test_registerIdentity_RevertWhen_CommitmentTaken() public {
        vm.prank(alice);
        gov.registerIdentity(_commitment(0));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityCommitmentTaken.selector, _commitment(0))
        );
        gov.registerIdentity(_commitment(0));
    }

    function test_registerIdentity_RevertWhen_CommitmentZero() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityInvalidCommitment.selector, 0)
        );
        gov.registerIdentity(0);
    }

    function testFuzz_registerIdentity_RevertWhen_CommitmentOutsideField(uint256 commitment)
        public
    {
        commitment = bound(commitment, SNARK_SCALAR_FIELD, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityInvalidCommitment.selector, commitment)
        );
        gov.registerIdentity(commitment);
    }

    function test_registerIdentity_largestCommitmentInField() public {
        vm.prank(alice);
        gov.registerIdentity(SNARK_SCALAR_FIELD - 1);
        assertEq(gov.identityCommitmentOf(alice), SNARK_SCALAR_FIELD - 1);
    }

    /// A removed member's commitment leaves the tree: a member can register it again (as a new leaf).
    function test_registerIdentity_reusesRemovedCommitment() public {
        _registerBaseGroup();
        gov.removeMembersWithIdentities(_accounts(bob), _proofs(_siblings("bobInBase")));
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(
            ivan, _commitment(1), 6, _root("withoutBobReregistered")
        );
        vm.prank(ivan);
        gov.registerIdentity(_commitment(1));
        _assertGroup(_root("withoutBobReregistered"), 3, 7, 6);
    }

    // ---------------------------------------------------------------- registerIdentities

    function test_registerIdentities_registersBatch() public {
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(alice, _commitment(0), 0, _root("base2"));
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(bob, _commitment(1), 1, _root("base2"));
        gov.registerIdentities(_accounts(alice, bob), _uints(_commitment(0), _commitment(1)));
        _assertGroup(_root("base2"), 1, 2, 2);
        assertEq(gov.identityCommitmentOf(bob), _commitment(1));
    }

    /// The tree only depends on the leaves and their order, not on how they were batched.
    function test_registerIdentities_sameRootAsOneByOne() public {
        gov.registerIdentities(
            _accounts(alice, bob, carol), _uints(_commitment(0), _commitment(1), _commitment(2))
        );
        gov.registerIdentities(
            _accounts(dave, erin, frank), _uints(_commitment(3), _commitment(4), _commitment(5))
        );
        _assertGroup(_root("base"), 3, 6, 6);
    }

    function test_registerIdentities_RevertWhen_NotRegistrar() public {
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role
            )
        );
        gov.registerIdentities(_accounts(alice), _uints(_commitment(0)));
    }

    function test_registerIdentities_RevertWhen_LengthMismatch() public {
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityLengthMismatch.selector, 2, 1)
        );
        gov.registerIdentities(_accounts(alice, bob), _uints(_commitment(0)));
    }

    function test_registerIdentities_RevertWhen_Empty() public {
        vm.expectRevert(IIdentityGroup.IdentityEmptyBatch.selector);
        gov.registerIdentities(new address[](0), new uint256[](0));
    }

    function test_registerIdentities_RevertWhen_NotMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, outsider));
        gov.registerIdentities(_accounts(alice, outsider), _uints(_commitment(0), _commitment(8)));
    }

    function test_registerIdentities_RevertWhen_MemberTwice() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityGroup.IdentityAlreadyRegistered.selector, carol, _commitment(2)
            )
        );
        gov.registerIdentities(_accounts(carol, carol), _uints(_commitment(2), _commitment(3)));
    }

    function test_registerIdentities_RevertWhen_AlreadyRegistered() public {
        vm.prank(alice);
        gov.registerIdentity(_commitment(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityGroup.IdentityAlreadyRegistered.selector, alice, _commitment(0)
            )
        );
        gov.registerIdentities(_accounts(bob, alice), _uints(_commitment(1), _commitment(9)));
    }

    function test_registerIdentities_RevertWhen_CommitmentTaken() public {
        vm.prank(alice);
        gov.registerIdentity(_commitment(0));
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityCommitmentTaken.selector, _commitment(0))
        );
        gov.registerIdentities(_accounts(bob), _uints(_commitment(0)));
    }

    /// Twice in one batch: the tree refuses the second.
    function test_registerIdentities_RevertWhen_CommitmentTwice() public {
        vm.expectRevert(LeafAlreadyExists.selector);
        gov.registerIdentities(_accounts(carol, dave), _uints(_commitment(2), _commitment(2)));
    }

    function test_registerIdentities_RevertWhen_InvalidCommitment() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityGroup.IdentityInvalidCommitment.selector, SNARK_SCALAR_FIELD
            )
        );
        gov.registerIdentities(_accounts(carol, dave), _uints(_commitment(2), SNARK_SCALAR_FIELD));
    }

    // ---------------------------------------------------------------- addMembersWithIdentities

    function test_addMembersWithIdentities_addsMemberAndLeaf() public {
        _registerBaseGroup();
        vm.expectEmit(address(gov));
        emit IMembership.MemberAdded(grace, 3);
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRegistered(grace, _commitment(6), 6, _root("withGrace"));
        gov.addMembersWithIdentities(_accounts(grace), _weights(3), _uints(_commitment(6)));

        assertTrue(gov.isMember(grace));
        assertEq(gov.weightOf(grace), 3);
        assertEq(gov.memberCount(), 8);
        assertEq(gov.identityCommitmentOf(grace), _commitment(6));
        _assertGroup(_root("withGrace"), 3, 7, 7);
    }

    function test_addMembersWithIdentities_RevertWhen_NotRegistrar() public {
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role
            )
        );
        gov.addMembersWithIdentities(_accounts(grace), _weights(3), _uints(_commitment(6)));
    }

    function test_addMembersWithIdentities_RevertWhen_LengthMismatch() public {
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityLengthMismatch.selector, 1, 2)
        );
        gov.addMembersWithIdentities(
            _accounts(grace), _weights(3), _uints(_commitment(6), _commitment(7))
        );
        assertFalse(gov.isMember(grace), "all or nothing");
    }

    function test_addMembersWithIdentities_RevertWhen_AlreadyMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipAlreadyMember.selector, alice));
        gov.addMembersWithIdentities(_accounts(alice), _weights(3), _uints(_commitment(0)));
    }

    function test_addMembersWithIdentities_RevertWhen_CommitmentTaken() public {
        _registerBaseGroup();
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityCommitmentTaken.selector, _commitment(5))
        );
        gov.addMembersWithIdentities(_accounts(grace), _weights(3), _uints(_commitment(5)));
    }

    // ---------------------------------------------------------------- replaceIdentity

    function test_replaceIdentity_changesLeaf() public {
        _registerBaseGroup();
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityReplaced(
            carol, _commitment(2), _commitment(7), 2, _root("carolRotated")
        );
        vm.prank(carol);
        gov.replaceIdentity(_commitment(7), _siblings("carolInBase"));

        assertEq(gov.identityCommitmentOf(carol), _commitment(7));
        _assertGroup(_root("carolRotated"), 3, 6, 6);
    }

    /// Next to a removed leaf, the sibling is 0 and still counts.
    function test_replaceIdentity_besideRemovedLeaf() public {
        _registerBaseGroup();
        gov.removeMembersWithIdentities(_accounts(bob), _proofs(_siblings("bobInBase")));
        uint256[] memory siblings = _siblings("aliceWithoutBob");
        assertEq(siblings[0], 0, "bob's leaf");
        vm.prank(alice);
        gov.replaceIdentity(_commitment(9), siblings);
        _assertGroup(_root("aliceRotatedWithoutBob"), 3, 6, 5);
    }

    /// The last leaf has no right neighbour at the bottom level: two siblings, not three.
    function test_replaceIdentity_lastLeaf() public {
        _registerBaseGroup();
        vm.prank(frank);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityWrongSiblingCount.selector, frank, 3, 2)
        );
        gov.replaceIdentity(_commitment(9), _siblings("carolInBase"));

        uint256[] memory siblings = _siblings("frankInBase");
        assertEq(siblings.length, 2);
        vm.prank(frank);
        gov.replaceIdentity(_commitment(9), siblings);
        _assertGroup(_root("frankRotated"), 3, 6, 6);
    }

    function test_replaceIdentity_RevertWhen_TooFewSiblings() public {
        _registerBaseGroup();
        uint256[] memory siblings = _siblings("carolInBase");
        uint256[] memory short = new uint256[](2);
        (short[0], short[1]) = (siblings[0], siblings[1]);
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityWrongSiblingCount.selector, carol, 2, 3)
        );
        gov.replaceIdentity(_commitment(7), short);
    }

    /// An extra sibling would be ignored by the tree: it is refused instead.
    function test_replaceIdentity_RevertWhen_TooManySiblings() public {
        _registerBaseGroup();
        uint256[] memory siblings = _siblings("carolInBase");
        uint256[] memory long = new uint256[](4);
        (long[0], long[1], long[2], long[3]) = (siblings[0], siblings[1], siblings[2], 0);
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityWrongSiblingCount.selector, carol, 4, 3)
        );
        gov.replaceIdentity(_commitment(7), long);
    }

    function test_replaceIdentity_RevertWhen_WrongSiblings() public {
        _registerBaseGroup();
        uint256[] memory siblings = _siblings("carolInBase");
        siblings[1] += 1;
        vm.prank(carol);
        vm.expectRevert(WrongSiblingNodes.selector);
        gov.replaceIdentity(_commitment(7), siblings);
        // Another leaf's proof of the same length.
        vm.prank(carol);
        vm.expectRevert(WrongSiblingNodes.selector);
        gov.replaceIdentity(_commitment(7), _siblings("bobInBase"));
    }

    function test_replaceIdentity_RevertWhen_NotRegistered() public {
        _registerBaseGroup();
        vm.prank(ivan);
        vm.expectRevert(abi.encodeWithSelector(IIdentityGroup.IdentityNotRegistered.selector, ivan));
        gov.replaceIdentity(_commitment(7), _siblings("carolInBase"));
    }

    function test_replaceIdentity_RevertWhen_CommitmentTaken() public {
        _registerBaseGroup();
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityCommitmentTaken.selector, _commitment(0))
        );
        gov.replaceIdentity(_commitment(0), _siblings("carolInBase"));
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityCommitmentTaken.selector, _commitment(2))
        );
        gov.replaceIdentity(_commitment(2), _siblings("carolInBase"));
    }

    /// Replacing by 0 would remove the leaf without removing the member.
    function test_replaceIdentity_RevertWhen_InvalidCommitment() public {
        _registerBaseGroup();
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityInvalidCommitment.selector, 0)
        );
        gov.replaceIdentity(0, _siblings("carolInBase"));
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityGroup.IdentityInvalidCommitment.selector, SNARK_SCALAR_FIELD
            )
        );
        gov.replaceIdentity(SNARK_SCALAR_FIELD, _siblings("carolInBase"));
    }

    // ---------------------------------------------------------------- removeMembersWithIdentities

    /// Each removal changes the tree for the next: dave's proof is taken without bob's leaf.
    function test_removeMembersWithIdentities_removesLeaves() public {
        _registerBaseGroup();
        uint256[][] memory siblings = new uint256[][](2);
        (siblings[0], siblings[1]) = (_siblings("bobInBase"), _siblings("daveWithoutBob"));
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRemoved(bob, _commitment(1), 1, _root("withoutBob"));
        vm.expectEmit(address(gov));
        emit IIdentityGroup.IdentityRemoved(dave, _commitment(3), 3, _root("withoutBobDave"));
        vm.expectEmit(address(gov));
        emit IMembership.MemberRemoved(bob, 4);
        vm.expectEmit(address(gov));
        emit IMembership.MemberRemoved(dave, 16);
        gov.removeMembersWithIdentities(_accounts(bob, dave), siblings);

        assertFalse(gov.isMember(bob));
        assertFalse(gov.isMember(dave));
        assertEq(gov.identityCommitmentOf(bob), 0);
        assertEq(gov.identityCommitmentOf(dave), 0);
        // Removed leaves stay in the tree as zeros.
        _assertGroup(_root("withoutBobDave"), 3, 6, 4);
    }

    /// Members without an identity go with an empty proof.
    function test_removeMembersWithIdentities_memberWithoutIdentity() public {
        _registerBaseGroup();
        uint256[][] memory siblings = new uint256[][](2);
        siblings[0] = _siblings("bobInBase");
        gov.removeMembersWithIdentities(_accounts(bob, ivan), siblings);
        assertFalse(gov.isMember(ivan));
        assertEq(gov.memberCount(), 5);
        _assertGroup(_root("withoutBob"), 3, 6, 5);
    }

    /// The last leaf removed, a new one appended after it.
    function test_removeMembersWithIdentities_lastLeafThenRegister() public {
        _registerBaseGroup();
        gov.removeMembersWithIdentities(_accounts(frank), _proofs(_siblings("frankInBase")));
        _assertGroup(_root("withoutFrank"), 3, 6, 5);
        vm.prank(ivan);
        gov.registerIdentity(_commitment(6));
        _assertGroup(_root("withoutFrankWithGrace"), 3, 7, 6);
    }

    /// dave's proof in the tree as it was before bob's removal no longer fits when his turn comes.
    function test_removeMembersWithIdentities_RevertWhen_StaleSiblings() public {
        _registerBaseGroup();
        uint256[][] memory siblings = new uint256[][](2);
        (siblings[0], siblings[1]) = (_siblings("bobInBase"), _siblings("daveInBase"));
        vm.expectRevert(WrongSiblingNodes.selector);
        gov.removeMembersWithIdentities(_accounts(bob, dave), siblings);
    }

    function test_removeMembersWithIdentities_RevertWhen_WrongSiblingCount() public {
        _registerBaseGroup();
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityWrongSiblingCount.selector, bob, 0, 3)
        );
        gov.removeMembersWithIdentities(_accounts(bob), new uint256[][](1));
    }

    function test_removeMembersWithIdentities_RevertWhen_SiblingsWithoutIdentity() public {
        _registerBaseGroup();
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityWrongSiblingCount.selector, ivan, 3, 0)
        );
        gov.removeMembersWithIdentities(_accounts(ivan), _proofs(_siblings("bobInBase")));
    }

    function test_removeMembersWithIdentities_RevertWhen_NotMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMembership.MembershipNotMember.selector, outsider));
        gov.removeMembersWithIdentities(_accounts(outsider), new uint256[][](1));
    }

    function test_removeMembersWithIdentities_RevertWhen_NotRegistrar() public {
        _registerBaseGroup();
        bytes32 role = gov.REGISTRAR_ROLE();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role
            )
        );
        gov.removeMembersWithIdentities(_accounts(bob), _proofs(_siblings("bobInBase")));
    }

    function test_removeMembersWithIdentities_RevertWhen_LengthMismatch() public {
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityGroup.IdentityLengthMismatch.selector, 2, 1)
        );
        gov.removeMembersWithIdentities(_accounts(bob, ivan), new uint256[][](1));
    }

    function test_removeMembersWithIdentities_RevertWhen_Empty() public {
        vm.expectRevert(IIdentityGroup.IdentityEmptyBatch.selector);
        gov.removeMembersWithIdentities(new address[](0), new uint256[][](0));
    }

    // ---------------------------------------------------------------- removeMember(s)

    function test_removeMember_RevertWhen_IdentityRegistered() public {
        _registerBaseGroup();
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityGroup.IdentityStillRegistered.selector, bob, _commitment(1)
            )
        );
        gov.removeMember(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityGroup.IdentityStillRegistered.selector, bob, _commitment(1)
            )
        );
        gov.removeMembers(_accounts(ivan, bob));
        assertTrue(gov.isMember(ivan), "all or nothing");
    }

    function test_removeMember_withoutIdentity() public {
        _registerBaseGroup();
        gov.removeMember(ivan);
        assertFalse(gov.isMember(ivan));
        _assertGroup(_root("base"), 3, 6, 6);
    }

    // ---------------------------------------------------------------- anonymous proposals

    function test_propose_RevertWhen_NoIdentities() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        vm.prank(alice);
        vm.expectRevert(IProposals.ProposalNoIdentities.selector);
        gov.propose(_params(VoteMode.Anonymous, 2));
    }

    /// The tree still has a leaf, but a zero one: no identity left.
    function test_propose_RevertWhen_AllIdentitiesRemoved() public {
        vm.prank(alice);
        gov.registerIdentity(_commitment(0));
        gov.removeMembersWithIdentities(_accounts(alice), new uint256[][](1));
        _assertGroup(0, 0, 1, 0);
        vm.prank(bob);
        vm.expectRevert(IProposals.ProposalNoIdentities.selector);
        gov.propose(_params(VoteMode.Anonymous, 2));
    }

    // ---------------------------------------------------------------- helpers

    function _assertGroup(
        uint256 expectedRoot,
        uint256 expectedDepth,
        uint256 expectedSize,
        uint256 expectedIdentities
    ) internal view {
        (uint256 root, uint256 depth, uint256 size, uint256 identities) = gov.identityGroup();
        assertEq(root, expectedRoot, "root");
        assertEq(depth, expectedDepth, "depth");
        assertEq(size, expectedSize, "size");
        assertEq(identities, expectedIdentities, "identities");
    }

    function _proofs(uint256[] memory siblings) internal pure returns (uint256[][] memory proofs) {
        proofs = new uint256[][](1);
        proofs[0] = siblings;
    }

    function _weights(uint64 weight) internal pure returns (uint64[] memory weights) {
        weights = new uint64[](1);
        weights[0] = weight;
    }
}
