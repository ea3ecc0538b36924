// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IProposals} from "../interfaces/IProposals.sol";
import {ILiquidDelegation} from "../interfaces/ILiquidDelegation.sol";
import {LiquidDelegation} from "../delegation/LiquidDelegation.sol";
import {PackedCheckpoints} from "../libraries/PackedCheckpoints.sol";
import {ProposalParams, ProposalState, VoteMode} from "../types/GovernanceTypes.sol";

/// @title Proposals
/// @notice Creating polls (one at a time or a whole agenda) and executable proposals, their state machine,
///         cancellation, and queue + execute through the community's TimelockController.
/// @dev Logic only: entry points are on {LiquidGovernor} (propose, reads) and {LiquidGovernorAdmin}
///      (executable proposals, settings).
abstract contract Proposals is LiquidDelegation {
    using PackedCheckpoints for PackedCheckpoints.Trace;

    /// @dev One slot per proposal: creating a poll writes nothing else.
    struct ProposalCore {
        address proposer;
        uint40 snapshot;
        uint32 votingPeriod;
        uint8 topic;
        /// [optionCount - 1 : 5 | executable : 1 | mode : 2]
        uint8 config;
        /// CANCELED | QUEUED | EXECUTED | HAS_VOTES
        uint8 flags;
    }

    uint8 internal constant _FLAG_CANCELED = 1;
    uint8 internal constant _FLAG_QUEUED = 2;
    uint8 internal constant _FLAG_EXECUTED = 4;
    uint8 internal constant _FLAG_HAS_VOTES = 8;
    uint8 internal constant _MAX_OPTIONS = 32;
    uint16 internal constant _QUORUM_DENOMINATOR = 10_000;

    /// @custom:storage-location erc7201:plenum.storage.Proposals
    struct ProposalsStorage {
        mapping(uint256 proposalId => ProposalCore) proposals;
        /// keccak256(abi.encode(targets, values, calldatas)) of executable proposals.
        mapping(uint256 proposalId => bytes32) actionsHash;
        /// Quorum in basis points over time; a proposal uses the value at its snapshot.
        PackedCheckpoints.Trace quorumBps;
        /// The identity group of each anonymous proposal, as it was at creation.
        mapping(uint256 proposalId => GroupSnapshot) groups;
    }

    /// @dev What an anonymous proposal records of the community's Semaphore group when it is created.
    struct GroupSnapshot {
        uint256 root;
        uint256 identities;
    }

    // keccak256(abi.encode(uint256(keccak256("plenum.storage.Proposals")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _PROPOSALS_LOCATION =
        0xff6f354d304f10455448fca3e79993c8a3c5e914cbff62c97f9ad422a108fd00;

    function _getProposalsStorage() private pure returns (ProposalsStorage storage $) {
        assembly ("memory-safe") {
            $.slot := _PROPOSALS_LOCATION
        }
    }

    // ---------------------------------------------------------------- creation

    /// @dev See {IProposals-propose}.
    function _propose(ProposalParams calldata params) internal returns (uint256 proposalId) {
        Settings memory settings = _getCommunitySettingsStorage().settings;
        _checkProposer(settings);
        proposalId = _create(params, settings, false);
        _getCommunitySettingsStorage().settings.proposalCount = uint64(proposalId);
    }

    /// @dev See {IProposals-proposeBatch}.
    function _proposeBatch(ProposalParams[] calldata params)
        internal
        returns (uint256 firstProposalId)
    {
        if (params.length == 0) revert IProposals.ProposalEmptyBatch();
        Settings memory settings = _getCommunitySettingsStorage().settings;
        _checkProposer(settings);
        firstProposalId = settings.proposalCount + 1;
        for (uint256 i; i < params.length; ++i) {
            settings.proposalCount = uint64(_create(params[i], settings, false));
        }
        _getCommunitySettingsStorage().settings.proposalCount = settings.proposalCount;
    }

    /// @dev See {IProposalExecution-proposeExecutable}.
    function _proposeExecutable(
        ProposalParams calldata params,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) internal returns (uint256 proposalId) {
        if (
            targets.length == 0 || targets.length != values.length
                || targets.length != calldatas.length
        ) {
            revert IProposals.ProposalInvalidActions(
                targets.length, values.length, calldatas.length
            );
        }
        Settings memory settings = _getCommunitySettingsStorage().settings;
        _checkProposer(settings);
        proposalId = _create(params, settings, true);
        _getCommunitySettingsStorage().settings.proposalCount = uint64(proposalId);
        _getProposalsStorage().actionsHash[proposalId] = _hashActions(targets, values, calldatas);
        emit IProposals.ProposalActions(proposalId, targets, values, calldatas);
    }

    function _checkProposer(Settings memory settings) private view {
        uint64 weight = _weightOf(msg.sender);
        if (weight < settings.proposalThreshold) {
            revert IProposals.ProposalBelowThreshold(msg.sender, weight, settings.proposalThreshold);
        }
    }

    function _create(ProposalParams calldata params, Settings memory settings, bool executable)
        private
        returns (uint256 proposalId)
    {
        if (params.topic >= settings.topicCount) {
            revert ILiquidDelegation.DelegationUnknownTopic(params.topic, settings.topicCount);
        }
        uint8 optionCount = params.optionCount;
        if (optionCount < 2 || optionCount > _MAX_OPTIONS || (executable && optionCount != 2)) {
            revert IProposals.ProposalInvalidOptionCount(optionCount);
        }
        uint32 period = params.votingPeriod;
        if (period == 0 || executable) {
            period = settings.votingPeriod;
        } else if (period < settings.minVotingPeriod) {
            revert IProposals.ProposalVotingPeriodTooShort(period, settings.minVotingPeriod);
        }

        proposalId = settings.proposalCount + 1;
        uint48 snapshot = clock() - 1;
        _getProposalsStorage().proposals[proposalId] = ProposalCore({
            proposer: msg.sender,
            snapshot: uint40(snapshot),
            votingPeriod: period,
            topic: params.topic,
            config: ((optionCount - 1) << 3) | (executable ? 4 : 0) | uint8(params.mode),
            flags: 0
        });
        emit IProposals.ProposalCreated(
            proposalId,
            msg.sender,
            params.topic,
            params.mode,
            optionCount,
            snapshot,
            snapshot + 1 + period,
            params.metadataHash,
            params.metadataURI
        );
        if (params.mode == VoteMode.Anonymous) _recordGroup(proposalId);
    }

    /// @dev Anonymous proposals accept proofs against the group as it is now, for their whole vote: later
    ///      registrations, key changes and removals do not reach them (Semaphore's own one-hour window for
    ///      old roots does not apply).
    function _recordGroup(uint256 proposalId) private {
        (uint256 root, uint256 identities) = _groupRootAndIdentities();
        if (identities == 0) revert IProposals.ProposalNoIdentities();
        _getProposalsStorage().groups[proposalId] = GroupSnapshot(root, identities);
        emit IProposals.ProposalGroupRecorded(proposalId, root, identities);
    }

    // ---------------------------------------------------------------- lifecycle

    /// @dev See {IProposalExecution-cancel}.
    function _cancel(uint256 proposalId) internal {
        ProposalCore storage proposal = _getProposalsStorage().proposals[proposalId];
        ProposalState current = _state(proposalId);
        if (current != ProposalState.Active) {
            revert IProposals.ProposalUnexpectedState(proposalId, current);
        }
        if (msg.sender != proposal.proposer) {
            revert IProposals.ProposalOnlyProposer(proposalId, proposal.proposer);
        }
        if (proposal.flags & _FLAG_HAS_VOTES != 0) revert IProposals.ProposalHasVotes(proposalId);
        proposal.flags |= _FLAG_CANCELED;
        emit IProposals.ProposalCanceled(proposalId);
    }

    /// @dev See {IProposalExecution-queue}.
    function _queue(
        uint256 proposalId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) internal {
        _checkActions(proposalId, targets, values, calldatas);
        ProposalState current = _state(proposalId);
        if (current != ProposalState.Succeeded) {
            revert IProposals.ProposalUnexpectedState(proposalId, current);
        }
        _getProposalsStorage().proposals[proposalId].flags |= _FLAG_QUEUED;
        uint256 delay = _scheduleBatch(_salt(proposalId), Actions(targets, values, calldatas));
        emit IProposals.ProposalQueued(proposalId, block.timestamp + delay);
    }

    /// @dev See {IProposalExecution-execute}; forwards `msg.value`.
    function _execute(
        uint256 proposalId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) internal {
        _checkActions(proposalId, targets, values, calldatas);
        ProposalState current = _state(proposalId);
        if (current != ProposalState.Queued) {
            revert IProposals.ProposalUnexpectedState(proposalId, current);
        }
        // Marked before the external call, so a re-entrant execute finds it Executed.
        _getProposalsStorage().proposals[proposalId].flags |= _FLAG_EXECUTED;
        _executeBatch(_salt(proposalId), Actions(targets, values, calldatas));
        emit IProposals.ProposalExecuted(proposalId);
    }

    /// @dev The actions of a proposal, copied to memory so the timelock calls fit the stack.
    struct Actions {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
    }

    function _scheduleBatch(bytes32 salt, Actions memory actions) private returns (uint256 delay) {
        TimelockController timelock_ =
            TimelockController(payable(_getCommunitySettingsStorage().timelock));
        delay = timelock_.getMinDelay();
        timelock_.scheduleBatch(actions.targets, actions.values, actions.calldatas, 0, salt, delay);
    }

    function _executeBatch(bytes32 salt, Actions memory actions) private {
        TimelockController(payable(_getCommunitySettingsStorage().timelock))
        .executeBatch{value: msg.value}(
            actions.targets, actions.values, actions.calldatas, 0, salt
        );
    }

    function _checkActions(
        uint256 proposalId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) private view {
        ProposalsStorage storage $ = _getProposalsStorage();
        ProposalCore storage proposal = $.proposals[proposalId];
        if (proposal.snapshot == 0) revert IProposals.ProposalNotFound(proposalId);
        if (proposal.config & 4 == 0) revert IProposals.ProposalNotExecutable(proposalId);
        if ($.actionsHash[proposalId] != _hashActions(targets, values, calldatas)) {
            revert IProposals.ProposalActionsMismatch(proposalId);
        }
    }

    function _hashActions(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(targets, values, calldatas));
    }

    function _salt(uint256 proposalId) private view returns (bytes32) {
        return keccak256(abi.encode(address(this), proposalId));
    }

    // ---------------------------------------------------------------- settings

    function _setVotingPeriod(uint32 votingPeriod_, uint32 minVotingPeriod_) internal {
        if (minVotingPeriod_ == 0) {
            revert IProposals.ProposalInvalidSetting("minVotingPeriod", minVotingPeriod_);
        }
        if (votingPeriod_ < minVotingPeriod_) {
            revert IProposals.ProposalInvalidSetting("votingPeriod", votingPeriod_);
        }
        Settings storage settings = _getCommunitySettingsStorage().settings;
        settings.votingPeriod = votingPeriod_;
        settings.minVotingPeriod = minVotingPeriod_;
        emit IProposals.VotingPeriodSet(votingPeriod_, minVotingPeriod_);
    }

    /// @dev A quorum set at initialisation takes effect one second early, so that a proposal created in
    ///      the community's first second (snapshot = creation − 1) finds it instead of 0. Later changes
    ///      apply from the current second: to proposals created after it.
    function _setQuorum(uint16 quorumBps_, bool initial) internal {
        if (quorumBps_ > _QUORUM_DENOMINATOR) {
            revert IProposals.ProposalInvalidSetting("quorumBps", quorumBps_);
        }
        uint48 now_ = clock();
        _getProposalsStorage().quorumBps.push(initial ? now_ - 1 : now_, quorumBps_);
        emit IProposals.QuorumSet(quorumBps_);
    }

    function _setProposalThreshold(uint64 proposalThreshold_) internal {
        if (proposalThreshold_ == 0) {
            revert IProposals.ProposalInvalidSetting("proposalThreshold", 0);
        }
        _getCommunitySettingsStorage().settings.proposalThreshold = proposalThreshold_;
        emit IProposals.ProposalThresholdSet(proposalThreshold_);
    }

    // ---------------------------------------------------------------- views

    /// @dev See {IProposals-state}.
    function _state(uint256 proposalId) internal view returns (ProposalState) {
        ProposalCore memory proposal = _proposalCore(proposalId);
        uint8 flags = proposal.flags;
        if (flags & _FLAG_CANCELED != 0) return ProposalState.Canceled;
        if (flags & _FLAG_EXECUTED != 0) return ProposalState.Executed;
        if (flags & _FLAG_QUEUED != 0) return ProposalState.Queued;
        if (clock() <= _voteEnd(proposal)) return ProposalState.Active;
        return _succeeded(proposalId, proposal) ? ProposalState.Succeeded : ProposalState.Defeated;
    }

    /// @dev Quorum met and a strict winner (for executable proposals: For > Against).
    function _succeeded(uint256 proposalId, ProposalCore memory proposal)
        private
        view
        returns (bool)
    {
        (uint256[] memory tallies,, uint256 participation, uint256 totalMass) =
            _tally(proposalId, proposal);
        uint256 quorumBps_ = _getProposalsStorage().quorumBps.upperLookup(proposal.snapshot);
        if (participation * _QUORUM_DENOMINATOR < quorumBps_ * totalMass) return false;
        if (proposal.config & 4 != 0) return tallies[1] > tallies[0];
        uint256 best;
        bool tie;
        for (uint256 i; i < tallies.length; ++i) {
            if (tallies[i] > best) (best, tie) = (tallies[i], false);
            else if (tallies[i] == best) tie = true;
        }
        return best != 0 && !tie;
    }

    /// @dev See {IProposals-quorum}.
    function _quorum(uint256 proposalId) internal view returns (uint256) {
        ProposalCore memory proposal = _proposalCore(proposalId);
        (,,, uint256 totalMass) = _tally(proposalId, proposal);
        uint256 quorumBps_ = _getProposalsStorage().quorumBps.upperLookup(proposal.snapshot);
        return Math.ceilDiv(quorumBps_ * totalMass, _QUORUM_DENOMINATOR);
    }

    /// @dev The current quorum in basis points.
    function _quorumBps() internal view returns (uint16) {
        return uint16(_getProposalsStorage().quorumBps.latest());
    }

    // ---------------------------------------------------------------- for ballots

    function _proposalCore(uint256 proposalId)
        internal
        view
        returns (ProposalCore memory proposal)
    {
        proposal = _getProposalsStorage().proposals[proposalId];
        if (proposal.snapshot == 0) revert IProposals.ProposalNotFound(proposalId);
    }

    /// @dev Records that someone voted, which ends the proposer's right to cancel.
    function _markVoted(uint256 proposalId) internal {
        _getProposalsStorage().proposals[proposalId].flags |= _FLAG_HAS_VOTES;
    }

    /// @dev The group an anonymous proposal recorded at creation (zeros for other proposals).
    function _proposalGroup(uint256 proposalId) internal view returns (GroupSnapshot memory) {
        return _getProposalsStorage().groups[proposalId];
    }

    /// @dev The group root an anonymous proposal recorded at creation (0 for other proposals).
    function _proposalGroupRoot(uint256 proposalId) internal view returns (uint256) {
        return _getProposalsStorage().groups[proposalId].root;
    }

    function _voteEnd(ProposalCore memory proposal) internal pure returns (uint48) {
        return uint48(proposal.snapshot) + 1 + proposal.votingPeriod;
    }

    function _mode(ProposalCore memory proposal) internal pure returns (VoteMode) {
        return VoteMode(proposal.config & 3);
    }

    function _optionCount(ProposalCore memory proposal) internal pure returns (uint8) {
        return (proposal.config >> 3) + 1;
    }

    /// @dev The live tally, as {IVoting-proposalTally} returns it.
    function _tally(uint256 proposalId, ProposalCore memory proposal)
        internal
        view
        virtual
        returns (
            uint256[] memory tallies,
            uint256 abstain,
            uint256 participation,
            uint256 totalMass
        );
}
