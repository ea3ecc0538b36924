// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IAnonymousVoting} from "../interfaces/IAnonymousVoting.sol";
import {IIdentityGroup} from "../interfaces/IIdentityGroup.sol";
import {ILiquidDelegation} from "../interfaces/ILiquidDelegation.sol";
import {IProposals} from "../interfaces/IProposals.sol";
import {IVoting} from "../interfaces/IVoting.sol";
import {VotingBySignature} from "../proposals/VotingBySignature.sol";
import {Ballot, ProposalParams, ProposalState, VoteMode} from "../types/GovernanceTypes.sol";

/// @title LiquidGovernor
/// @notice A community's implementation, behind its UUPS proxy: members vote (single-choice and quadratic,
///         directly or relayed by signature), delegate per topic, propose polls and agendas, and read live
///         tallies here. Identities and anonymous ballots are served by {LiquidGovernorAnonymous}; registrar,
///         settings and executable proposals by {LiquidGovernorAdmin}. This contract reaches both by
///         delegatecall from its fallback, routing by selector.
/// @dev Why facets and one proxy: a ballot reads weights, the topic graph and other ballots, so those
///      must share one contract's storage (a call across proxies costs ~8k gas per vote), yet the whole
///      community does not fit EIP-170's 24 KB. The split keeps every public hot path in this contract, with
///      no extra hop; anonymous ballots and administrative calls pay the ~3k of a second delegatecall.
///      All facets use the same ERC-7201 namespaces, so they see the same state. The ABI of the whole is {ILiquidGovernor}.
///      Its initializer lives in {LiquidGovernorAdmin} and is reached through the fallback, like every
///      administrative selector; hence `missing-initializer` below.
/// @custom:oz-upgrades-unsafe-allow delegatecall missing-initializer
contract LiquidGovernor is
    ILiquidDelegation,
    IProposals,
    IVoting,
    VotingBySignature,
    UUPSUpgradeable
{
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address private immutable _ADMIN_FACET;
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address private immutable _ANONYMOUS_FACET;

    /// @param adminFacet_ The {LiquidGovernorAdmin} deployment this implementation forwards to.
    /// @param anonymousFacet_ The {LiquidGovernorAnonymous} deployment this implementation forwards to.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address adminFacet_, address anonymousFacet_) {
        _ADMIN_FACET = adminFacet_;
        _ANONYMOUS_FACET = anonymousFacet_;
        _disableInitializers();
    }

    /// @notice Forwards the selectors of {IIdentityGroup} and {IAnonymousVoting} to {LiquidGovernorAnonymous}
    ///         and every other selector this facet does not have to {LiquidGovernorAdmin}, in this storage.
    /// @custom:oz-upgrades-unsafe-allow delegatecall
    fallback() external payable {
        address facet = _isAnonymousSelector(msg.sig) ? _ANONYMOUS_FACET : _ADMIN_FACET;
        assembly ("memory-safe") {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), facet, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }

    /// @notice The {LiquidGovernorAdmin} facet this implementation forwards to.
    function adminFacet() external view returns (address) {
        return _ADMIN_FACET;
    }

    /// @notice The {LiquidGovernorAnonymous} facet this implementation forwards to.
    function anonymousFacet() external view returns (address) {
        return _ANONYMOUS_FACET;
    }

    /// @dev The routing table of the anonymous facet: every function of its two interfaces, ballots first.
    function _isAnonymousSelector(bytes4 selector) private pure returns (bool) {
        return selector == IAnonymousVoting.castAnonymousVote.selector
            || selector == IAnonymousVoting.anonymousScope.selector
            || selector == IAnonymousVoting.proposalGroup.selector
            || selector == IAnonymousVoting.anonymousBallotOf.selector
            || selector == IAnonymousVoting.semaphoreVerifier.selector
            || selector == IIdentityGroup.registerIdentity.selector
            || selector == IIdentityGroup.registerIdentities.selector
            || selector == IIdentityGroup.addMembersWithIdentities.selector
            || selector == IIdentityGroup.replaceIdentity.selector
            || selector == IIdentityGroup.removeMembersWithIdentities.selector
            || selector == IIdentityGroup.identityCommitmentOf.selector
            || selector == IIdentityGroup.identityGroup.selector;
    }

    // ---------------------------------------------------------------- voting

    /// @inheritdoc IVoting
    function castVote(uint256 proposalId, uint8 option) external {
        _castSingle(proposalId, msg.sender, option);
    }

    /// @inheritdoc IVoting
    function castQuadraticVote(uint256 proposalId, uint32[] calldata votes) external {
        _castQuadratic(proposalId, msg.sender, votes);
    }

    /// @inheritdoc IVoting
    function retractVote(uint256 proposalId) external {
        _retract(proposalId, msg.sender);
    }

    /// @inheritdoc IVoting
    function castVotes(Ballot[] calldata ballots) external {
        _applyBallots(ballots, msg.sender);
    }

    /// @inheritdoc IVoting
    function castVoteBySig(
        Ballot calldata ballot,
        address voter,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _castVoteBySig(ballot, voter, deadline, signature);
    }

    /// @inheritdoc IVoting
    function castVotesBySig(
        Ballot[] calldata ballots,
        address voter,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _castVotesBySig(ballots, voter, deadline, signature);
    }

    /// @inheritdoc IVoting
    function proposalTally(uint256 proposalId)
        external
        view
        returns (
            uint256[] memory tallies,
            uint256 abstain,
            uint256 participation,
            uint256 totalMass
        )
    {
        return _tally(proposalId, _proposalCore(proposalId));
    }

    /// @inheritdoc IVoting
    function carriedMass(uint256 proposalId, address voter) external view returns (uint256) {
        return _carriedMass(proposalId, voter);
    }

    /// @inheritdoc IVoting
    function ballotOf(uint256 proposalId, address voter)
        external
        view
        returns (bool voted, uint8 option, uint32[] memory votes)
    {
        return _ballotOf(proposalId, voter);
    }

    /// @inheritdoc IVoting
    function hasVoted(uint256 proposalId, address voter) external view returns (bool) {
        return _hasVoted(proposalId, voter);
    }

    // ---------------------------------------------------------------- delegation

    /// @inheritdoc ILiquidDelegation
    function delegate(uint8[] calldata topics, address to) external {
        _delegateTopics(topics, to);
    }

    /// @inheritdoc ILiquidDelegation
    function delegateOf(address account, uint8 topic) external view returns (address) {
        return _delegateOf(account, topic);
    }

    /// @inheritdoc ILiquidDelegation
    function pastDelegateOf(address account, uint8 topic, uint48 timepoint)
        external
        view
        returns (address)
    {
        return _delegateAt(account, topic, timepoint);
    }

    /// @inheritdoc ILiquidDelegation
    function delegationChain(address account, uint8 topic)
        external
        view
        returns (address[] memory)
    {
        return _delegationChain(account, topic);
    }

    /// @inheritdoc ILiquidDelegation
    function delegatedMass(address account, uint8 topic)
        external
        view
        returns (uint256 linear, uint256 quadratic)
    {
        return _delegatedMass(account, topic);
    }

    /// @inheritdoc ILiquidDelegation
    function delegationHeight(address account, uint8 topic) external view returns (uint256) {
        return _delegationHeight(account, topic);
    }

    /// @inheritdoc ILiquidDelegation
    function topicCount() external view returns (uint8) {
        return _getCommunitySettingsStorage().settings.topicCount;
    }

    /// @inheritdoc ILiquidDelegation
    function maxTopics() external view returns (uint8) {
        return _getCommunitySettingsStorage().settings.maxTopics;
    }

    /// @inheritdoc ILiquidDelegation
    function maxDepth() external view returns (uint8) {
        return _getCommunitySettingsStorage().settings.maxDepth;
    }

    // ---------------------------------------------------------------- proposals

    /// @inheritdoc IProposals
    function propose(ProposalParams calldata params) external returns (uint256) {
        return _propose(params);
    }

    /// @inheritdoc IProposals
    function proposeBatch(ProposalParams[] calldata params) external returns (uint256) {
        return _proposeBatch(params);
    }

    /// @inheritdoc IProposals
    function state(uint256 proposalId) external view returns (ProposalState) {
        return _state(proposalId);
    }

    /// @inheritdoc IProposals
    function proposalSnapshot(uint256 proposalId) external view returns (uint256) {
        return _proposalCore(proposalId).snapshot;
    }

    /// @inheritdoc IProposals
    function proposalDeadline(uint256 proposalId) external view returns (uint256) {
        return _voteEnd(_proposalCore(proposalId));
    }

    /// @inheritdoc IProposals
    function proposalProposer(uint256 proposalId) external view returns (address) {
        return _proposalCore(proposalId).proposer;
    }

    /// @inheritdoc IProposals
    function proposalConfig(uint256 proposalId)
        external
        view
        returns (uint8 topic, VoteMode mode, uint8 optionCount, bool executable)
    {
        ProposalCore memory proposal = _proposalCore(proposalId);
        return (proposal.topic, _mode(proposal), _optionCount(proposal), proposal.config & 4 != 0);
    }

    /// @inheritdoc IProposals
    function quorum(uint256 proposalId) external view returns (uint256) {
        return _quorum(proposalId);
    }

    /// @inheritdoc IProposals
    function proposalCount() external view returns (uint256) {
        return _getCommunitySettingsStorage().settings.proposalCount;
    }

    // ---------------------------------------------------------------- upgrades

    /// @dev Upgrades are governance's: the timelock, or a bootstrap admin until it renounces.
    function _authorizeUpgrade(address) internal override onlyRole(DEFAULT_ADMIN_ROLE) {}
}
