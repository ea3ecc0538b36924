#!/usr/bin/env bash
# Storage-layout safety of the upgradeable contracts, with OpenZeppelin's upgrades-core:
#  1. every upgradeable contract in contracts/ passes upgrade-safety validation (namespaced storage,
#     no unannotated constructors, immutables or delegatecalls);
#  2. the next-version mock (test/mocks/LiquidGovernorV2.sol) is storage-compatible with the current
#     LiquidGovernor, the check a real upgrade proposal must pass.
# It builds into its own out/cache dirs (forced: stale build-info breaks the validator), so it never
# disturbs the normal build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=out-layout
scripts/forge build --force --build-info --extra-output storageLayout \
  --out "$out" --cache-path cache-layout \
  contracts test/mocks/LiquidGovernorV2.sol >/dev/null

validate() { npx --no-install @openzeppelin/upgrades-core validate "$out/build-info" "$@"; }

validate --exclude "test/**"
validate --contract LiquidGovernorV2 --reference LiquidGovernor --requireReference
echo "storage layout: PASS (all upgradeable contracts safe; LiquidGovernor -> V2 compatible)"
