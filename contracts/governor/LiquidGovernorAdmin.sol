// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMembership} from "../interfaces/IMembership.sol";
import {IProposalExecution} from "../interfaces/IProposalExecution.sol";
import {IGovernanceSettings} from "../interfaces/IGovernanceSettings.sol";
import {ILiquidDelegation} from "../interfaces/ILiquidDelegation.sol";
import {IProposals} from "../interfaces/IProposals.sol";
import {VotingBySignature} from "../proposals/VotingBySignature.sol";
import {CommunityConfig, ProposalParams} from "../types/GovernanceTypes.sol";

/// @title LiquidGovernorAdmin
/// @notice The administrative facet of a community: the registrar's membership changes, governance's
///         settings and topics, executable proposals (create, cancel, queue, execute) and initialisation.
/// @dev Only ever runs by delegatecall from {LiquidGovernor} behind the community's proxy, in the proxy's
///      storage. Called directly it only touches its own empty storage, and its initializers are disabled.
contract LiquidGovernorAdmin is
    IMembership,
    IProposalExecution,
    IGovernanceSettings,
    VotingBySignature
{
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    // ---------------------------------------------------------------- initialisation

    /// @inheritdoc IGovernanceSettings
    function initialize(
        address timelock_,
        address registrar,
        address bootstrapAdmin,
        CommunityConfig calldata config
    ) external initializer {
        __EIP712_init("Plenum", "1");
        __Nonces_init();
        __AccessControl_init();
        if (timelock_ == address(0)) revert IProposals.ProposalInvalidSetting("timelock", 0);
        _getCommunitySettingsStorage().timelock = timelock_;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock_);
        if (bootstrapAdmin != address(0)) _grantRole(DEFAULT_ADMIN_ROLE, bootstrapAdmin);
        if (registrar != address(0)) _grantRole(REGISTRAR_ROLE, registrar);
        _setDelegationLimits(config.maxTopics, config.maxDepth);
        _setVotingPeriod(config.votingPeriod, config.minVotingPeriod);
        _setQuorum(config.quorumBps, true);
        _setProposalThreshold(config.proposalThreshold);
        if (config.topics.length == 0) {
            revert ILiquidDelegation.DelegationInvalidLimit("topics", 0);
        }
        for (uint256 i; i < config.topics.length; ++i) {
            _createTopic(config.topics[i]);
        }
    }

    // ---------------------------------------------------------------- membership

    /// @inheritdoc IMembership
    function addMember(address account, uint64 weight) external onlyRole(REGISTRAR_ROLE) {
        _addMembers(_one(account), _one(weight));
    }

    /// @inheritdoc IMembership
    function addMembers(address[] calldata accounts, uint64[] calldata weights)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        _addMembers(accounts, weights);
    }

    /// @inheritdoc IMembership
    function removeMember(address account) external onlyRole(REGISTRAR_ROLE) {
        _removeMembers(_one(account));
    }

    /// @inheritdoc IMembership
    function removeMembers(address[] calldata accounts) external onlyRole(REGISTRAR_ROLE) {
        _removeMembers(accounts);
    }

    /// @inheritdoc IMembership
    function setWeight(address account, uint64 weight) external onlyRole(REGISTRAR_ROLE) {
        _setWeights(_one(account), _one(weight));
    }

    /// @inheritdoc IMembership
    function setWeights(address[] calldata accounts, uint64[] calldata weights)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        _setWeights(accounts, weights);
    }

    /// @inheritdoc IMembership
    function weightOf(address account) external view returns (uint64) {
        return _weightOf(account);
    }

    /// @inheritdoc IMembership
    function pastWeightOf(address account, uint48 timepoint) external view returns (uint64) {
        return _weightAt(account, timepoint);
    }

    /// @inheritdoc IMembership
    function totalWeight() external view returns (uint64) {
        return _pastTotalWeight(clock());
    }

    /// @inheritdoc IMembership
    function pastTotalWeight(uint48 timepoint) external view returns (uint64) {
        return _pastTotalWeight(timepoint);
    }

    /// @inheritdoc IMembership
    function pastTotalMass(uint48 timepoint)
        external
        view
        returns (uint256 linear, uint256 quadratic)
    {
        return _pastTotalMass(timepoint);
    }

    /// @inheritdoc IMembership
    function isMember(address account) external view returns (bool) {
        return _weightOf(account) != 0;
    }

    /// @inheritdoc IMembership
    function memberCount() external view returns (uint32) {
        return _memberCount();
    }

    // ---------------------------------------------------------------- executable proposals

    /// @inheritdoc IProposalExecution
    function proposeExecutable(
        ProposalParams calldata params,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) external returns (uint256) {
        return _proposeExecutable(params, targets, values, calldatas);
    }

    /// @inheritdoc IProposalExecution
    function cancel(uint256 proposalId) external {
        _cancel(proposalId);
    }

    /// @inheritdoc IProposalExecution
    function queue(
        uint256 proposalId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) external {
        _queue(proposalId, targets, values, calldatas);
    }

    /// @inheritdoc IProposalExecution
    function execute(
        uint256 proposalId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas
    ) external payable {
        _execute(proposalId, targets, values, calldatas);
    }

    // ---------------------------------------------------------------- settings

    /// @inheritdoc IGovernanceSettings
    function createTopic(string calldata name)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        returns (uint8)
    {
        return _createTopic(name);
    }

    /// @inheritdoc IGovernanceSettings
    function setVotingPeriod(uint32 votingPeriod_, uint32 minVotingPeriod_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _setVotingPeriod(votingPeriod_, minVotingPeriod_);
    }

    /// @inheritdoc IGovernanceSettings
    function setQuorum(uint16 quorumBps_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setQuorum(quorumBps_, false);
    }

    /// @inheritdoc IGovernanceSettings
    function setProposalThreshold(uint64 proposalThreshold_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setProposalThreshold(proposalThreshold_);
    }

    /// @inheritdoc IGovernanceSettings
    function timelock() external view returns (address) {
        return _getCommunitySettingsStorage().timelock;
    }

    /// @inheritdoc IGovernanceSettings
    function votingPeriod() external view returns (uint32) {
        return _getCommunitySettingsStorage().settings.votingPeriod;
    }

    /// @inheritdoc IGovernanceSettings
    function minVotingPeriod() external view returns (uint32) {
        return _getCommunitySettingsStorage().settings.minVotingPeriod;
    }

    /// @inheritdoc IGovernanceSettings
    function quorumBps() external view returns (uint16) {
        return _quorumBps();
    }

    /// @inheritdoc IGovernanceSettings
    function proposalThreshold() external view returns (uint64) {
        return _getCommunitySettingsStorage().settings.proposalThreshold;
    }

    // ---------------------------------------------------------------- helpers

    function _one(address account) private pure returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = account;
    }

    function _one(uint64 weight) private pure returns (uint64[] memory weights) {
        weights = new uint64[](1);
        weights[0] = weight;
    }
}
