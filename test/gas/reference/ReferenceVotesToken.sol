// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @notice The gas benchmark's reference voting token: OpenZeppelin 5 ERC20Votes on a timestamp clock, as
///         the Contracts Wizard writes it (without permit, which no measured path touches).
contract ReferenceVotesToken is ERC20, ERC20Votes {
    constructor() ERC20("Reference", "REF") EIP712("Reference", "1") {}

    /// @notice Mints `amount` to `to` (test setup only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev Timestamps, like the community's clock.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @dev See {IERC6372-CLOCK_MODE}.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
