// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IProposals} from "../interfaces/IProposals.sol";
import {IVoting} from "../interfaces/IVoting.sol";
import {Proposals} from "./Proposals.sol";
import {QuadraticMath} from "../libraries/QuadraticMath.sol";
import {Ballot, VoteMode} from "../types/GovernanceTypes.sol";

/// @title Voting
/// @notice Public ballots with live tallies kept incrementally, following SPEC.md's guidance: each member's
///         ballot slot holds either the mass it carries (a voter) or the mass voters below it have taken
///         (anyone else). A ballot walks up the voter's snapshot chain to the first voter above, so its
///         cost is O(maxDepth) whatever the number of delegators.
/// @dev Logic only: the entry points are on {LiquidGovernor}.
abstract contract Voting is Proposals {
    /// @notice The `option` that abstains.
    uint8 public constant ABSTAIN = 255;
    /// @notice The `option` that retracts a ballot in batches and signed ballots.
    uint8 public constant RETRACT = 254;

    // Ballot slot: [mass : 128 | weight : 64 | voteEnd : 40 | optionCount - 1 : 5 | mode : 2 | voted : 1 | option : 8]
    // A voter's mass is the mass they carry, R(d); anyone else's is what voters below them have absorbed.
    // weight (snapshot weight), voteEnd, mode and optionCount are cached at the first vote so that
    // changing a ballot reads nothing but this slot and the tally.
    uint256 private constant _VOTED = 1 << 8;
    uint256 private constant _MODE_SHIFT = 9;
    uint256 private constant _OPTIONS_SHIFT = 11;
    uint256 private constant _VOTE_END_SHIFT = 16;
    uint256 private constant _WEIGHT_SHIFT = 56;
    uint256 private constant _MASS_SHIFT = 120;
    uint256 private constant _LOW_128 = type(uint128).max;
    uint256 private constant _LANE_BITS = 32;
    uint256 private constant _LANES_PER_WORD = 8;

    /// @custom:storage-location erc7201:plenum.storage.Voting
    struct VotingStorage {
        /// key = proposalId << 160 | member.
        mapping(uint256 key => uint256) ballots;
        /// Quadratic vectors, 8 lanes of 32 bits per word; key = (proposalId << 160 | voter) << 2 | word.
        mapping(uint256 key => uint256) quadraticVotes;
        /// Two options per word: [option 2k+1 : 128 | option 2k : 128]; key = proposalId << 4 | k.
        mapping(uint256 key => uint256) tallies;
        /// [participation : 128 | abstain : 128]. Participation is stored in quadratic mode only: in single
        /// mode it equals Σ tallies + abstain exactly, so it is derived.
        mapping(uint256 proposalId => uint256) totals;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.Voting")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _VOTING_LOCATION =
        0x3584ec5bac369dfd32edcd24adf60762b9c10ad217913cc79b448dd0af0c2d00;

    function _getVotingStorage() private pure returns (VotingStorage storage $) {
        assembly ("memory-safe") {
            $.slot := _VOTING_LOCATION
        }
    }

    /// @dev A proposal as a ballot's first cast sees it.
    struct Context {
        uint256 proposalId;
        uint48 snapshot;
        uint8 topic;
        bool quadratic;
    }

    // ---------------------------------------------------------------- entry points

    function _applyBallots(Ballot[] calldata ballots, address voter) internal {
        if (ballots.length == 0) revert IVoting.VotingEmptyBatch();
        for (uint256 i; i < ballots.length; ++i) {
            _applyBallot(ballots[i], voter);
        }
    }

    function _applyBallot(Ballot calldata ballot, address voter) internal {
        if (ballot.option == RETRACT) {
            _retract(ballot.proposalId, voter);
        } else if (ballot.votes.length == 0) {
            _castSingle(ballot.proposalId, voter, ballot.option);
        } else {
            if (ballot.option != 0) revert IVoting.VotingWrongMode(ballot.proposalId);
            _castQuadratic(ballot.proposalId, voter, ballot.votes);
        }
    }

    // ---------------------------------------------------------------- single choice

    function _castSingle(uint256 proposalId, address voter, uint8 option) internal {
        VotingStorage storage $ = _getVotingStorage();
        uint256 key = _ballotKey(proposalId, voter);
        uint256 slot = $.ballots[key];
        if (slot & _VOTED != 0) {
            // A change: everything needed is cached in the slot. Once anyone has voted a proposal can no
            // longer be canceled, so its deadline is all that can close it.
            _checkCached(proposalId, slot, VoteMode.Single);
            _checkOption(proposalId, option, _cachedOptionCount(slot));
            uint8 previous = uint8(slot);
            if (previous != option) {
                _moveSingle(proposalId, previous, option, slot >> _MASS_SHIFT);
                $.ballots[key] = (slot & ~uint256(0xff)) | option;
            }
        } else {
            ProposalCore memory proposal = _openProposal(proposalId, VoteMode.Single);
            _checkOption(proposalId, option, _optionCount(proposal));
            Context memory context = _context(proposalId, proposal, false);
            uint64 weight = _weightAt(voter, context.snapshot);
            if (weight == 0) revert IVoting.VotingNotMemberAtSnapshot(voter, proposalId);
            uint256 carried = weight
                + _delegatedMassAt(voter, context.topic, context.snapshot, false)
                - (slot >> _MASS_SHIFT);
            _moveUp(context, voter, carried, true);
            _addSingle(proposalId, option, carried, true);
            $.ballots[key] = _newBallotSlot(option, proposal, weight, carried);
            if (proposal.flags & _FLAG_HAS_VOTES == 0) _markVoted(proposalId);
        }
        emit IVoting.VoteCast(voter, proposalId, option);
    }

    function _checkOption(uint256 proposalId, uint8 option, uint8 optionCount) private pure {
        if (option >= optionCount && option != ABSTAIN) {
            revert IVoting.VotingInvalidOption(proposalId, option, optionCount);
        }
    }

    /// @dev Moves a voter's carried mass from option `from` to option `to` (either may be abstain). Two
    ///      options of the same pair share a word, so the common binary case writes one slot.
    function _moveSingle(uint256 proposalId, uint8 from, uint8 to, uint256 carried) internal {
        if (from != ABSTAIN && to != ABSTAIN && from >> 1 == to >> 1) {
            uint256 tallyKey = (proposalId << 4) | (from >> 1);
            VotingStorage storage $ = _getVotingStorage();
            // Both halves stay within [0, total mass], so the word-wide add and subtract never carry.
            $.tallies[tallyKey] = $.tallies[tallyKey] + (carried << ((to & 1) * 128))
                - (carried << ((from & 1) * 128));
        } else {
            _addSingle(proposalId, from, carried, false);
            _addSingle(proposalId, to, carried, true);
        }
    }

    /// @dev Adds (or removes) `amount` to a single-choice option or to abstain.
    function _addSingle(uint256 proposalId, uint8 option, uint256 amount, bool adding) internal {
        VotingStorage storage $ = _getVotingStorage();
        if (option == ABSTAIN) {
            // Abstain sits in the low half of `totals`; it never exceeds total mass (< 2^128).
            if (adding) $.totals[proposalId] += amount;
            else $.totals[proposalId] -= amount;
        } else {
            uint256 shifted = amount << ((option & 1) * 128);
            uint256 tallyKey = (proposalId << 4) | (option >> 1);
            if (adding) $.tallies[tallyKey] += shifted;
            else $.tallies[tallyKey] -= shifted;
        }
    }

    // ---------------------------------------------------------------- quadratic

    function _castQuadratic(uint256 proposalId, address voter, uint32[] calldata votes) internal {
        VotingStorage storage $ = _getVotingStorage();
        uint256 key = _ballotKey(proposalId, voter);
        uint256 slot = $.ballots[key];
        if (slot & _VOTED != 0) {
            _checkCached(proposalId, slot, VoteMode.Quadratic);
            uint8 optionCount = _cachedOptionCount(slot);
            if (votes.length != optionCount) {
                revert IVoting.VotingInvalidVoteCount(proposalId, votes.length, optionCount);
            }
            uint64 weight = uint64(slot >> _WEIGHT_SHIFT);
            _checkCredits(voter, votes, weight);
            uint256 carried = slot >> _MASS_SHIFT;
            uint256 ownMass = QuadraticMath.mass(weight);
            uint256[4] memory previous = _loadVector(key, optionCount);
            _addQuadratic(proposalId, previous, optionCount, carried, ownMass, false);
            uint256[4] memory next = _packVector(votes);
            _storeVector(key, previous, next, optionCount);
            _addQuadratic(proposalId, next, optionCount, carried, ownMass, true);
        } else {
            ProposalCore memory proposal = _openProposal(proposalId, VoteMode.Quadratic);
            uint8 optionCount = _optionCount(proposal);
            if (votes.length != optionCount) {
                revert IVoting.VotingInvalidVoteCount(proposalId, votes.length, optionCount);
            }
            Context memory context = _context(proposalId, proposal, true);
            uint64 weight = _weightAt(voter, context.snapshot);
            if (weight == 0) revert IVoting.VotingNotMemberAtSnapshot(voter, proposalId);
            _checkCredits(voter, votes, weight);
            uint256 ownMass = QuadraticMath.mass(weight);
            uint256 carried = ownMass
                + _delegatedMassAt(voter, context.topic, context.snapshot, true)
                - (slot >> _MASS_SHIFT);
            if (!_moveUp(context, voter, carried, true)) {
                _addParticipation(proposalId, carried, true);
            }
            uint256[4] memory next = _packVector(votes);
            uint256[4] memory none;
            _storeVector(key, none, next, optionCount);
            _addQuadratic(proposalId, next, optionCount, carried, ownMass, true);
            $.ballots[key] = _newBallotSlot(0, proposal, weight, carried);
            if (proposal.flags & _FLAG_HAS_VOTES == 0) _markVoted(proposalId);
        }
        emit IVoting.QuadraticVoteCast(voter, proposalId, votes);
    }

    function _checkCredits(address voter, uint32[] calldata votes, uint64 credits) private pure {
        uint256 cost;
        for (uint256 i; i < votes.length; ++i) {
            cost += uint256(votes[i]) * votes[i];
        }
        if (cost > credits) revert IVoting.VotingQuadraticCreditsExceeded(voter, cost, credits);
    }

    /// @dev Adds (or removes) a quadratic voter's contribution: floor(v_i * carried * 10^9 / ownMass) per
    ///      option, or `carried` to abstain for an all-zero vector. Floors are per voter, as SPEC.md says.
    function _addQuadratic(
        uint256 proposalId,
        uint256[4] memory vector,
        uint8 optionCount,
        uint256 carried,
        uint256 ownMass,
        bool adding
    ) private {
        VotingStorage storage $ = _getVotingStorage();
        bool anyVotes;
        for (uint256 pair; pair * 2 < optionCount; ++pair) {
            uint256 even = _lane(vector, pair * 2);
            uint256 odd = pair * 2 + 1 < optionCount ? _lane(vector, pair * 2 + 1) : 0;
            if (even == 0 && odd == 0) continue;
            anyVotes = true;
            uint256 delta = QuadraticMath.contribution(even, carried, ownMass)
                | (QuadraticMath.contribution(odd, carried, ownMass) << 128);
            uint256 tallyKey = (proposalId << 4) | pair;
            // Per-option sums stay below total quadratic mass (< 2^80), so halves never carry or borrow.
            if (adding) $.tallies[tallyKey] += delta;
            else $.tallies[tallyKey] -= delta;
        }
        if (!anyVotes) {
            if (adding) $.totals[proposalId] += carried;
            else $.totals[proposalId] -= carried;
        }
    }

    function _addParticipation(uint256 proposalId, uint256 amount, bool adding) private {
        VotingStorage storage $ = _getVotingStorage();
        if (adding) $.totals[proposalId] += amount << 128;
        else $.totals[proposalId] -= amount << 128;
    }

    function _packVector(uint32[] calldata votes) private pure returns (uint256[4] memory vector) {
        for (uint256 i; i < votes.length; ++i) {
            vector[i / _LANES_PER_WORD] |= uint256(votes[i]) << ((i % _LANES_PER_WORD) * _LANE_BITS);
        }
    }

    function _lane(uint256[4] memory vector, uint256 index) private pure returns (uint256) {
        return uint32(vector[index / _LANES_PER_WORD] >> ((index % _LANES_PER_WORD) * _LANE_BITS));
    }

    function _loadVector(uint256 key, uint8 optionCount)
        private
        view
        returns (uint256[4] memory vector)
    {
        VotingStorage storage $ = _getVotingStorage();
        uint256 words = (uint256(optionCount) + _LANES_PER_WORD - 1) / _LANES_PER_WORD;
        for (uint256 w; w < words; ++w) {
            vector[w] = $.quadraticVotes[(key << 2) | w];
        }
    }

    /// @dev Writes only the words that changed.
    function _storeVector(
        uint256 key,
        uint256[4] memory previous,
        uint256[4] memory next,
        uint8 optionCount
    ) private {
        VotingStorage storage $ = _getVotingStorage();
        uint256 words = (uint256(optionCount) + _LANES_PER_WORD - 1) / _LANES_PER_WORD;
        for (uint256 w; w < words; ++w) {
            if (previous[w] != next[w]) $.quadraticVotes[(key << 2) | w] = next[w];
        }
    }

    // ---------------------------------------------------------------- retraction

    function _retract(uint256 proposalId, address voter) internal {
        VotingStorage storage $ = _getVotingStorage();
        uint256 key = _ballotKey(proposalId, voter);
        uint256 slot = $.ballots[key];
        if (slot & _VOTED == 0) revert IVoting.VotingNoBallot(voter, proposalId);
        bool quadratic = VoteMode((slot >> _MODE_SHIFT) & 3) == VoteMode.Quadratic;
        _checkCached(proposalId, slot, quadratic ? VoteMode.Quadratic : VoteMode.Single);
        Context memory context = _context(proposalId, _proposalCore(proposalId), quadratic);
        uint256 carried = slot >> _MASS_SHIFT;
        uint64 weight = uint64(slot >> _WEIGHT_SHIFT);
        uint256 ownMass;
        if (quadratic) {
            ownMass = QuadraticMath.mass(weight);
            uint8 optionCount = _cachedOptionCount(slot);
            uint256[4] memory previous = _loadVector(key, optionCount);
            _addQuadratic(proposalId, previous, optionCount, carried, ownMass, false);
            uint256[4] memory none;
            _storeVector(key, previous, none, optionCount);
            if (!_moveUp(context, voter, carried, false)) {
                _addParticipation(proposalId, carried, false);
            }
        } else {
            ownMass = weight;
            _addSingle(proposalId, uint8(slot), carried, false);
            _moveUp(context, voter, carried, false);
        }
        // What voters below still take from this member is its subtree minus what it carried.
        uint256 subtree =
            ownMass + _delegatedMassAt(voter, context.topic, context.snapshot, quadratic);
        $.ballots[key] = (subtree - carried) << _MASS_SHIFT;
        emit IVoting.VoteRetracted(voter, proposalId);
    }

    // ---------------------------------------------------------------- the chain walk

    /// @dev Moves `amount` (the mass `member` now carries, or gives back) along `member`'s snapshot chain:
    ///      every non-voter passed absorbs it (or releases it), and the first voter met stops carrying it
    ///      (or carries it again). Returns whether a voter was met; if not, participation changes.
    function _moveUp(Context memory context, address member, uint256 amount, bool voting)
        private
        returns (bool)
    {
        VotingStorage storage $ = _getVotingStorage();
        address current = _delegateAt(member, context.topic, context.snapshot);
        while (current != address(0)) {
            uint256 key = _ballotKey(context.proposalId, current);
            uint256 slot = $.ballots[key];
            uint256 mass = slot >> _MASS_SHIFT;
            if (slot & _VOTED != 0) {
                uint256 updated = voting ? mass - amount : mass + amount;
                $.ballots[key] = (slot & ((1 << _MASS_SHIFT) - 1)) | (updated << _MASS_SHIFT);
                _recarry(context, key, slot, mass, updated);
                return true;
            }
            // A non-voter's slot holds only what voters below it absorbed.
            $.ballots[key] = (voting ? mass + amount : mass - amount) << _MASS_SHIFT;
            current = _delegateAt(current, context.topic, context.snapshot);
        }
        return false;
    }

    /// @dev A voter's carried mass went from `previous` to `current`: move their contribution accordingly.
    function _recarry(
        Context memory context,
        uint256 key,
        uint256 slot,
        uint256 previous,
        uint256 current
    ) private {
        if (!context.quadratic) {
            uint8 option = uint8(slot);
            if (current > previous) {
                _addSingle(context.proposalId, option, current - previous, true);
            } else {
                _addSingle(context.proposalId, option, previous - current, false);
            }
            return;
        }
        uint8 optionCount = _cachedOptionCount(slot);
        uint256 ownMass = QuadraticMath.mass(uint64(slot >> _WEIGHT_SHIFT));
        uint256[4] memory vector = _loadVector(key, optionCount);
        _addQuadratic(context.proposalId, vector, optionCount, previous, ownMass, false);
        _addQuadratic(context.proposalId, vector, optionCount, current, ownMass, true);
    }

    // ---------------------------------------------------------------- helpers

    function _openProposal(uint256 proposalId, VoteMode mode)
        internal
        view
        returns (ProposalCore memory proposal)
    {
        proposal = _proposalCore(proposalId);
        uint48 voteEnd = _voteEnd(proposal);
        if (proposal.flags & _FLAG_CANCELED != 0) {
            revert IVoting.VotingProposalCanceled(proposalId);
        }
        if (clock() > voteEnd) revert IVoting.VotingClosed(proposalId, voteEnd);
        if (_mode(proposal) != mode) revert IVoting.VotingWrongMode(proposalId);
    }

    function _checkCached(uint256 proposalId, uint256 slot, VoteMode mode) private view {
        uint48 voteEnd = uint40(slot >> _VOTE_END_SHIFT);
        if (clock() > voteEnd) revert IVoting.VotingClosed(proposalId, voteEnd);
        if ((slot >> _MODE_SHIFT) & 3 != uint8(mode)) revert IVoting.VotingWrongMode(proposalId);
    }

    function _cachedOptionCount(uint256 slot) private pure returns (uint8) {
        return uint8((slot >> _OPTIONS_SHIFT) & 31) + 1;
    }

    function _context(uint256 proposalId, ProposalCore memory proposal, bool quadratic)
        private
        pure
        returns (Context memory)
    {
        return Context({
            proposalId: proposalId,
            snapshot: proposal.snapshot,
            topic: proposal.topic,
            quadratic: quadratic
        });
    }

    function _newBallotSlot(
        uint8 option,
        ProposalCore memory proposal,
        uint64 weight,
        uint256 carried
    ) private pure returns (uint256) {
        return option | _VOTED | (uint256(proposal.config & 3) << _MODE_SHIFT)
            | (uint256(proposal.config >> 3) << _OPTIONS_SHIFT)
            | (uint256(_voteEnd(proposal)) << _VOTE_END_SHIFT) | (uint256(weight) << _WEIGHT_SHIFT)
            | (carried << _MASS_SHIFT);
    }

    function _ballotKey(uint256 proposalId, address member) private pure returns (uint256) {
        // Ids are a uint64 counter; a larger one would wrap the shift onto another proposal's ballots.
        if (proposalId > type(uint64).max) revert IProposals.ProposalNotFound(proposalId);
        return (proposalId << 160) | uint160(member);
    }

    // ---------------------------------------------------------------- views

    /// @dev The live tally (see {IVoting-proposalTally}).
    function _tally(uint256 proposalId, ProposalCore memory proposal)
        internal
        view
        override
        returns (
            uint256[] memory tallies,
            uint256 abstain,
            uint256 participation,
            uint256 totalMass
        )
    {
        VotingStorage storage $ = _getVotingStorage();
        uint8 optionCount = _optionCount(proposal);
        tallies = new uint256[](optionCount);
        for (uint256 i; i < optionCount; ++i) {
            tallies[i] = ($.tallies[(proposalId << 4) | (i >> 1)] >> ((i & 1) * 128)) & _LOW_128;
        }
        uint256 totals = $.totals[proposalId];
        abstain = totals & _LOW_128;
        VoteMode mode = _mode(proposal);
        if (mode == VoteMode.Quadratic) {
            participation = totals >> 128;
            (, totalMass) = _pastTotalMass(proposal.snapshot);
        } else {
            participation = abstain;
            for (uint256 i; i < optionCount; ++i) {
                participation += tallies[i];
            }
            // An anonymous ballot carries 1; the group recorded at creation is the whole electorate.
            if (mode == VoteMode.Anonymous) totalMass = _proposalGroup(proposalId).identities;
            else (totalMass,) = _pastTotalMass(proposal.snapshot);
        }
    }

    /// @dev See {IVoting-carriedMass}.
    function _carriedMass(uint256 proposalId, address voter) internal view returns (uint256) {
        uint256 slot = _getVotingStorage().ballots[_ballotKey(proposalId, voter)];
        return slot & _VOTED == 0 ? 0 : slot >> _MASS_SHIFT;
    }

    /// @dev See {IVoting-ballotOf}.
    function _ballotOf(uint256 proposalId, address voter)
        internal
        view
        returns (bool voted, uint8 option, uint32[] memory votes)
    {
        uint256 key = _ballotKey(proposalId, voter);
        uint256 slot = _getVotingStorage().ballots[key];
        if (slot & _VOTED == 0) return (false, 0, votes);
        if (VoteMode((slot >> _MODE_SHIFT) & 3) != VoteMode.Quadratic) {
            return (true, uint8(slot), votes);
        }
        uint8 optionCount = _cachedOptionCount(slot);
        uint256[4] memory vector = _loadVector(key, optionCount);
        votes = new uint32[](optionCount);
        for (uint256 i; i < optionCount; ++i) {
            votes[i] = uint32(_lane(vector, i));
        }
        return (true, 0, votes);
    }

    /// @dev See {IVoting-hasVoted}.
    function _hasVoted(uint256 proposalId, address voter) internal view returns (bool) {
        return _getVotingStorage().ballots[_ballotKey(proposalId, voter)] & _VOTED != 0;
    }
}
