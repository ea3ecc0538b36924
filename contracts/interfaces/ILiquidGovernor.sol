// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IMembership} from "./IMembership.sol";
import {ILiquidDelegation} from "./ILiquidDelegation.sol";
import {IProposals} from "./IProposals.sol";
import {IProposalExecution} from "./IProposalExecution.sol";
import {IVoting} from "./IVoting.sol";
import {IGovernanceSettings} from "./IGovernanceSettings.sol";

/// @title ILiquidGovernor
/// @notice Everything a community's proxy answers: membership, topics and liquid delegation, proposals and
///         ballots, execution and settings. Integrators use this ABI.
/// @dev Served by two facets behind one UUPS proxy: {LiquidGovernor} (voting, delegation, proposing, reads)
///      and {LiquidGovernorAdmin} (registrar, settings, executable proposals), which the first reaches by
///      delegatecall for any selector it does not have.
interface ILiquidGovernor is
    IERC6372,
    IMembership,
    ILiquidDelegation,
    IProposals,
    IProposalExecution,
    IVoting,
    IGovernanceSettings
{
    /// @notice Role allowed to add, remove and re-weight members.
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice The `option` value that abstains.
    function ABSTAIN() external view returns (uint8);

    /// @notice The `option` value that retracts a ballot in {IVoting-castVotes} and signed ballots.
    function RETRACT() external view returns (uint8);

    /// @notice Whether `account` holds `role` (OpenZeppelin AccessControl).
    function hasRole(bytes32 role, address account) external view returns (bool);

    /// @notice The next nonce `owner` must sign with for {IVoting-castVoteBySig}.
    function nonces(address owner) external view returns (uint256);
}
