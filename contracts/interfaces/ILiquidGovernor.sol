// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IAnonymousVoting} from "./IAnonymousVoting.sol";
import {IIdentityGroup} from "./IIdentityGroup.sol";
import {IMembership} from "./IMembership.sol";
import {ILiquidDelegation} from "./ILiquidDelegation.sol";
import {IProposals} from "./IProposals.sol";
import {IProposalExecution} from "./IProposalExecution.sol";
import {IVoting} from "./IVoting.sol";
import {IGovernanceSettings} from "./IGovernanceSettings.sol";

/// @title ILiquidGovernor
/// @notice Everything a community's proxy answers: membership and its Semaphore identity group, topics and
///         liquid delegation, proposals and ballots (public and anonymous), execution and settings.
///         Integrators use this ABI.
/// @dev Served by three facets behind one UUPS proxy: {LiquidGovernor} (voting, delegation, proposing,
///      reads), {LiquidGovernorAnonymous} (identities, anonymous ballots) and {LiquidGovernorAdmin}
///      (registrar, settings, executable proposals), which the first reaches by delegatecall.
interface ILiquidGovernor is
    IAccessControl,
    IERC5267,
    IERC6372,
    IMembership,
    ILiquidDelegation,
    IProposals,
    IProposalExecution,
    IVoting,
    IGovernanceSettings,
    IIdentityGroup,
    IAnonymousVoting
{
    /// @notice Role allowed to add, remove and re-weight members.
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice The `option` value that abstains.
    function ABSTAIN() external view returns (uint8);

    /// @notice The `option` value that retracts a ballot in {IVoting-castVotes} and signed ballots.
    function RETRACT() external view returns (uint8);

    /// @notice The role of governance: the timelock, and a bootstrap admin until it renounces.
    function DEFAULT_ADMIN_ROLE() external view returns (bytes32);

    /// @notice Upgrades the community to `newImplementation` (UUPS) and optionally calls it.
    /// @dev Requires DEFAULT_ADMIN_ROLE; normally the action of an executable proposal.
    function upgradeToAndCall(address newImplementation, bytes calldata data) external payable;

    /// @notice The {LiquidGovernorAdmin} facet the current implementation forwards to.
    function adminFacet() external view returns (address);

    /// @notice The {LiquidGovernorAnonymous} facet the current implementation forwards to.
    function anonymousFacet() external view returns (address);

    /// @notice The next nonce `owner` must sign with for {IVoting-castVoteBySig}.
    function nonces(address owner) external view returns (uint256);
}
