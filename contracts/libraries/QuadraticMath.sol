// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title QuadraticMath
/// @notice The arithmetic of quadratic ballots, exactly as SPEC.md defines it.
library QuadraticMath {
    /// @notice Scale of quadratic masses: a member of weight w has mass isqrt(w * 10^18), i.e. sqrt(w)
    ///         with 9 decimals.
    uint256 internal constant MASS_SCALE = 1e9;

    /// @notice The quadratic mass `r = isqrt(w * 10^18)` of a member of weight `w`.
    function mass(uint256 weight) internal pure returns (uint256) {
        return Math.sqrt(weight * 1e18);
    }

    /// @notice What a voter with own mass `ownMass` who carries `carried` adds to an option they gave
    ///         `votes` votes: floor(votes * carried * 10^9 / ownMass).
    /// @dev A voter alone (carried == ownMass) contributes exactly votes * 10^9.
    function contribution(uint256 votes, uint256 carried, uint256 ownMass)
        internal
        pure
        returns (uint256)
    {
        return (votes * carried * MASS_SCALE) / ownMass;
    }
}
