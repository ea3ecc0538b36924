// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {CommunityFixture} from "../utils/CommunityFixture.sol";
import {ERC1271WalletMock} from "../mocks/ERC1271WalletMock.sol";
import {ILiquidGovernor} from "../../contracts/interfaces/ILiquidGovernor.sol";
import {IVoting} from "../../contracts/interfaces/IVoting.sol";
import {Ballot, ProposalParams, VoteMode} from "../../contracts/types/GovernanceTypes.sol";

/// @notice Signed ballots (EIP-712, domain "Plenum" / "1"): digests computed here independently of the
///         contract, nonces, replay, expiry, wrong signers, ERC-1271 wallets, quadratic and retracting ballots,
///         and batches.
contract VotingBySignatureTest is CommunityFixture {
    uint8 internal constant ABSTAIN = 255;
    uint8 internal constant RETRACT = 254;

    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant BALLOT_TYPEHASH =
        keccak256("Ballot(uint256 proposalId,uint8 option,uint32[] votes)");
    bytes32 internal constant CAST_VOTE_TYPEHASH = keccak256(
        "CastVote(Ballot ballot,address voter,uint256 nonce,uint256 deadline)Ballot(uint256 proposalId,uint8 option,uint32[] votes)"
    );
    bytes32 internal constant CAST_VOTES_TYPEHASH = keccak256(
        "CastVotes(Ballot[] ballots,address voter,uint256 nonce,uint256 deadline)Ballot(uint256 proposalId,uint8 option,uint32[] votes)"
    );

    address internal voter;
    uint256 internal voterKey;
    address internal stranger;
    uint256 internal strangerKey;
    address internal relayer = _member("relayer");
    address internal whale = _member("whale");
    uint256 internal whaleKey;

    uint256 internal single;
    uint256 internal quadratic;

    function setUp() public override {
        super.setUp();
        (voter, voterKey) = makeAddrAndKey("voter");
        (stranger, strangerKey) = makeAddrAndKey("stranger");
        (whale, whaleKey) = makeAddrAndKey("whale");
        _addMember(voter, 9);
        _addMember(whale, 1_000_000);
        vm.warp(_now() + 1);
        single = _poll(voter, 0, VoteMode.Single, 3);
        quadratic = _poll(voter, 0, VoteMode.Quadratic, 2);
    }

    // ---------------------------------------------------------------- domain

    function test_eip712Domain_isPlenumVersionOneOnTheProxy() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = IERC5267(address(gov)).eip712Domain();
        assertEq(fields, hex"0f");
        assertEq(name, "Plenum");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(gov));
        assertEq(salt, bytes32(0));
        assertEq(extensions.length, 0);
    }

    // ---------------------------------------------------------------- castVoteBySig

    function test_castVoteBySig_appliesBallotAndIncrementsNonce() public {
        Ballot memory ballot = _ballot(single, 2);
        bytes memory signature = _signVote(voterKey, ballot, voter, 0, _now() + 1 hours);
        assertEq(gov.nonces(voter), 0);
        vm.expectEmit(address(gov));
        emit IVoting.VoteCast(voter, single, 2);
        vm.prank(relayer);
        gov.castVoteBySig(ballot, voter, _now() + 1 hours, signature);

        assertEq(gov.nonces(voter), 1);
        assertEq(gov.carriedMass(single, voter), 9);
        (bool voted, uint8 option,) = gov.ballotOf(single, voter);
        assertTrue(voted);
        assertEq(option, 2);
        assertFalse(gov.hasVoted(single, relayer));

        // The next message uses nonce 1.
        Ballot memory change = _ballot(single, 0);
        gov.castVoteBySig(change, voter, _now(), _signVote(voterKey, change, voter, 1, _now()));
        assertEq(gov.nonces(voter), 2);
        (, option,) = gov.ballotOf(single, voter);
        assertEq(option, 0);
    }

    function test_castVoteBySig_abstain() public {
        Ballot memory ballot = _ballot(single, ABSTAIN);
        gov.castVoteBySig(ballot, voter, _now(), _signVote(voterKey, ballot, voter, 0, _now()));
        (, uint256 abstain, uint256 participation,) = gov.proposalTally(single);
        assertEq(abstain, 9);
        assertEq(participation, 9);
    }

    function test_castVoteBySig_RevertWhen_Replayed() public {
        Ballot memory ballot = _ballot(single, 1);
        bytes memory signature = _signVote(voterKey, ballot, voter, 0, _now());
        gov.castVoteBySig(ballot, voter, _now(), signature);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(ballot, voter, _now(), signature);
        assertEq(gov.nonces(voter), 1);
    }

    function test_castVoteBySig_acceptedAtDeadline() public {
        uint256 deadline = _now() + 10;
        Ballot memory ballot = _ballot(single, 1);
        bytes memory signature = _signVote(voterKey, ballot, voter, 0, deadline);
        vm.warp(deadline);
        gov.castVoteBySig(ballot, voter, deadline, signature);
        assertTrue(gov.hasVoted(single, voter));
    }

    function test_castVoteBySig_RevertWhen_Expired() public {
        uint256 deadline = _now() + 10;
        Ballot memory ballot = _ballot(single, 1);
        bytes memory signature = _signVote(voterKey, ballot, voter, 0, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingSignatureExpired.selector, deadline));
        gov.castVoteBySig(ballot, voter, deadline, signature);
        assertEq(gov.nonces(voter), 0);
    }

    function test_castVoteBySig_RevertWhen_WrongSigner() public {
        Ballot memory ballot = _ballot(single, 1);
        bytes memory signature = _signVote(strangerKey, ballot, voter, 0, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(ballot, voter, _now(), signature);
    }

    function test_castVoteBySig_RevertWhen_BallotTampered() public {
        bytes memory signature = _signVote(voterKey, _ballot(single, 1), voter, 0, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(_ballot(single, 0), voter, _now(), signature);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(_ballot(single, 1), voter, _now() + 1, signature);
        // Signed for a voter, claimed for another.
        bytes memory forStranger = _signVote(voterKey, _ballot(single, 1), stranger, 0, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(_ballot(single, 1), voter, _now(), forStranger);
    }

    function test_castVoteBySig_RevertWhen_FutureNonce() public {
        Ballot memory ballot = _ballot(single, 1);
        bytes memory signature = _signVote(voterKey, ballot, voter, 1, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(ballot, voter, _now(), signature);
    }

    function test_castVoteBySig_RevertWhen_MalformedSignature() public {
        Ballot memory ballot = _ballot(single, 1);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(ballot, voter, _now(), "");
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(ballot, voter, _now(), new bytes(65));
    }

    function test_castVoteBySig_RevertWhen_SignedForAnotherCommunity() public {
        (address other,) = deployer.createCommunity(
            core.factory, _config(), TIMELOCK_DELAY, address(this), address(this)
        );
        ILiquidGovernor otherGov = ILiquidGovernor(other);
        otherGov.addMember(voter, 9);
        vm.warp(_now() + 1);
        vm.prank(voter);
        uint256 otherId = otherGov.propose(_pollParams());
        assertEq(otherId, 1, "same id as `single` in this community");
        Ballot memory ballot = _ballot(otherId, 1);
        bytes memory signature = _signVote(voterKey, ballot, voter, 0, _now()); // domain of `gov`
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        otherGov.castVoteBySig(ballot, voter, _now(), signature);
    }

    function test_castVoteBySig_RevertWhen_BallotInvalidKeepsNonce() public {
        Ballot memory ballot = _ballot(single, 7);
        bytes memory signature = _signVote(voterKey, ballot, voter, 0, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidOption.selector, single, 7, 3));
        gov.castVoteBySig(ballot, voter, _now(), signature);
        assertEq(gov.nonces(voter), 0);
    }

    function test_castVoteBySig_RevertWhen_VoterNotMember() public {
        Ballot memory ballot = _ballot(single, 1);
        bytes memory signature = _signVote(strangerKey, ballot, stranger, 0, _now());
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingNotMemberAtSnapshot.selector, stranger, single)
        );
        gov.castVoteBySig(ballot, stranger, _now(), signature);
    }

    function test_castVoteBySig_quadratic() public {
        Ballot memory ballot = Ballot({proposalId: quadratic, option: 0, votes: _v(1000, 0)});
        vm.expectEmit(address(gov));
        emit IVoting.QuadraticVoteCast(whale, quadratic, _v(1000, 0));
        gov.castVoteBySig(ballot, whale, _now(), _signVote(whaleKey, ballot, whale, 0, _now()));
        (uint256[] memory tallies,, uint256 participation,) = gov.proposalTally(quadratic);
        assertEq(tallies[0], 1000e9);
        assertEq(tallies[1], 0);
        assertEq(participation, 1000e9, "isqrt(1e6 * 1e18)");
        assertEq(gov.nonces(whale), 1);
    }

    function test_castVoteBySig_RevertWhen_QuadraticVotesTampered() public {
        bytes memory signature = _signVote(
            whaleKey,
            Ballot({proposalId: quadratic, option: 0, votes: _v(1000, 0)}),
            whale,
            0,
            _now()
        );
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, whale));
        gov.castVoteBySig(
            Ballot({proposalId: quadratic, option: 0, votes: _v(0, 1000)}), whale, _now(), signature
        );
    }

    function test_castVoteBySig_retract() public {
        vm.prank(voter);
        gov.castVote(single, 1);
        Ballot memory ballot = _ballot(single, RETRACT);
        vm.expectEmit(address(gov));
        emit IVoting.VoteRetracted(voter, single);
        gov.castVoteBySig(ballot, voter, _now(), _signVote(voterKey, ballot, voter, 0, _now()));
        assertFalse(gov.hasVoted(single, voter));
        assertEq(gov.nonces(voter), 1);
        (,, uint256 participation,) = gov.proposalTally(single);
        assertEq(participation, 0);
    }

    function test_castVoteBySig_erc1271Wallet() public {
        ERC1271WalletMock wallet = new ERC1271WalletMock(voter);
        _addMember(address(wallet), 4);
        vm.warp(_now() + 1);
        uint256 id = _poll(voter, 0, VoteMode.Single, 2);
        Ballot memory ballot = _ballot(id, 1);
        bytes memory signature = _signVote(voterKey, ballot, address(wallet), 0, _now());
        vm.expectEmit(address(gov));
        emit IVoting.VoteCast(address(wallet), id, 1);
        vm.prank(relayer);
        gov.castVoteBySig(ballot, address(wallet), _now(), signature);
        assertEq(gov.carriedMass(id, address(wallet)), 4);
        assertEq(gov.nonces(address(wallet)), 1);
        assertEq(gov.nonces(voter), 0, "the owner's own nonce is untouched");
    }

    function test_castVoteBySig_RevertWhen_Erc1271WalletRejects() public {
        ERC1271WalletMock wallet = new ERC1271WalletMock(voter);
        _addMember(address(wallet), 4);
        vm.warp(_now() + 1);
        uint256 id = _poll(voter, 0, VoteMode.Single, 2);
        Ballot memory ballot = _ballot(id, 1);
        bytes memory signature = _signVote(strangerKey, ballot, address(wallet), 0, _now());
        vm.expectRevert(
            abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, address(wallet))
        );
        gov.castVoteBySig(ballot, address(wallet), _now(), signature);
    }

    // ---------------------------------------------------------------- castVotesBySig

    function test_castVotesBySig_appliesEveryBallotWithOneNonce() public {
        vm.prank(voter);
        gov.castVote(single, 0);
        uint256 third = _poll(voter, 1, VoteMode.Single, 2);
        Ballot[] memory ballots = new Ballot[](3);
        ballots[0] = _ballot(single, RETRACT);
        ballots[1] = Ballot({proposalId: quadratic, option: 0, votes: _v(2, 2)});
        ballots[2] = _ballot(third, 1);
        bytes memory signature = _signVotes(voterKey, ballots, voter, 0, _now());

        vm.expectEmit(address(gov));
        emit IVoting.VoteRetracted(voter, single);
        vm.expectEmit(address(gov));
        emit IVoting.QuadraticVoteCast(voter, quadratic, _v(2, 2));
        vm.expectEmit(address(gov));
        emit IVoting.VoteCast(voter, third, 1);
        vm.prank(relayer);
        gov.castVotesBySig(ballots, voter, _now(), signature);

        assertEq(gov.nonces(voter), 1);
        assertFalse(gov.hasVoted(single, voter));
        (uint256[] memory tallies,,,) = gov.proposalTally(quadratic);
        assertEq(tallies[0], 2e9);
        assertEq(tallies[1], 2e9);
        assertEq(gov.carriedMass(third, voter), 9);
    }

    function test_castVotesBySig_RevertWhen_Replayed() public {
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = _ballot(single, 1);
        bytes memory signature = _signVotes(voterKey, ballots, voter, 0, _now());
        gov.castVotesBySig(ballots, voter, _now(), signature);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVotesBySig(ballots, voter, _now(), signature);
    }

    function test_castVotesBySig_RevertWhen_Expired() public {
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = _ballot(single, 1);
        uint256 deadline = _now() - 1;
        bytes memory signature = _signVotes(voterKey, ballots, voter, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingSignatureExpired.selector, deadline));
        gov.castVotesBySig(ballots, voter, deadline, signature);
    }

    function test_castVotesBySig_RevertWhen_OrderChanged() public {
        Ballot[] memory ballots = new Ballot[](2);
        ballots[0] = _ballot(single, 1);
        ballots[1] = Ballot({proposalId: quadratic, option: 0, votes: _v(1, 0)});
        bytes memory signature = _signVotes(voterKey, ballots, voter, 0, _now());
        (ballots[0], ballots[1]) = (ballots[1], ballots[0]);
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVotesBySig(ballots, voter, _now(), signature);
    }

    function test_castVotesBySig_RevertWhen_SingleVoteSignatureReused() public {
        Ballot memory ballot = _ballot(single, 1);
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = ballot;
        bytes memory voteSignature = _signVote(voterKey, ballot, voter, 0, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVotesBySig(ballots, voter, _now(), voteSignature);
        bytes memory votesSignature = _signVotes(voterKey, ballots, voter, 0, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingInvalidSignature.selector, voter));
        gov.castVoteBySig(ballot, voter, _now(), votesSignature);
    }

    function test_castVotesBySig_RevertWhen_EmptyBatch() public {
        Ballot[] memory ballots = new Ballot[](0);
        bytes memory signature = _signVotes(voterKey, ballots, voter, 0, _now());
        vm.expectRevert(abi.encodeWithSelector(IVoting.VotingEmptyBatch.selector));
        gov.castVotesBySig(ballots, voter, _now(), signature);
    }

    function test_castVotesBySig_erc1271Wallet() public {
        ERC1271WalletMock wallet = new ERC1271WalletMock(whale);
        _addMember(address(wallet), 16);
        vm.warp(_now() + 1);
        uint256 id = _poll(voter, 0, VoteMode.Quadratic, 2);
        Ballot[] memory ballots = new Ballot[](1);
        ballots[0] = Ballot({proposalId: id, option: 0, votes: _v(0, 4)});
        gov.castVotesBySig(
            ballots,
            address(wallet),
            _now(),
            _signVotes(whaleKey, ballots, address(wallet), 0, _now())
        );
        (uint256[] memory tallies,,,) = gov.proposalTally(id);
        assertEq(tallies[1], 4e9);
        assertEq(gov.nonces(address(wallet)), 1);
    }

    // ---------------------------------------------------------------- EIP-712, computed here

    function _domainSeparator() internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("Plenum"), keccak256("1"), block.chainid, address(gov)
            )
        );
    }

    /// @dev hashStruct(Ballot): a uint32[] is hashed as the concatenation of its 32-byte-encoded elements.
    function _hashBallot(Ballot memory ballot) internal pure returns (bytes32) {
        bytes memory words;
        for (uint256 i; i < ballot.votes.length; ++i) {
            words = bytes.concat(words, bytes32(uint256(ballot.votes[i])));
        }
        return keccak256(
            abi.encode(BALLOT_TYPEHASH, ballot.proposalId, uint256(ballot.option), keccak256(words))
        );
    }

    function _signVote(
        uint256 key,
        Ballot memory ballot,
        address voter_,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(
            abi.encode(CAST_VOTE_TYPEHASH, _hashBallot(ballot), voter_, nonce, deadline)
        );
        return _sign(key, structHash);
    }

    function _signVotes(
        uint256 key,
        Ballot[] memory ballots,
        address voter_,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes memory) {
        bytes memory hashes;
        for (uint256 i; i < ballots.length; ++i) {
            hashes = bytes.concat(hashes, _hashBallot(ballots[i]));
        }
        bytes32 structHash =
            keccak256(abi.encode(CAST_VOTES_TYPEHASH, keccak256(hashes), voter_, nonce, deadline));
        return _sign(key, structHash);
    }

    function _sign(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    // ---------------------------------------------------------------- helpers

    function _ballot(uint256 id, uint8 option) internal pure returns (Ballot memory) {
        return Ballot({proposalId: id, option: option, votes: new uint32[](0)});
    }

    function _pollParams() internal pure returns (ProposalParams memory) {
        return ProposalParams({
            topic: 0,
            mode: VoteMode.Single,
            optionCount: 3,
            votingPeriod: 0,
            metadataHash: bytes32(0),
            metadataURI: ""
        });
    }

    function _v(uint32 a, uint32 b) internal pure returns (uint32[] memory votes) {
        votes = new uint32[](2);
        (votes[0], votes[1]) = (a, b);
    }

    function _now() internal view returns (uint48) {
        return uint48(vm.getBlockTimestamp());
    }
}
