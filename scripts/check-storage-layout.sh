#!/usr/bin/env bash
# Storage-layout safety of the upgradeable contracts, with OpenZeppelin's upgrades-core:
#  1. every upgradeable contract in contracts/ passes upgrade-safety validation (namespaced storage,
#     no unannotated constructors, immutables or delegatecalls);
#  2. the next-version mock (test/mocks/LiquidGovernorV2.sol) is storage-compatible with the current
#     LiquidGovernor, the check a real upgrade proposal must pass;
#  3. every facet is storage-compatible with the last release: the sources of LAYOUT_BASE_REF
#     (default: the newest v* tag; skipped when there is none) are built apart and compared. Step 2
#     cannot catch a change to the shared ERC-7201 structs, since V2 inherits whatever the tree holds.
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

base_ref="${LAYOUT_BASE_REF:-$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || true)}"
if [[ -z "$base_ref" ]]; then
  echo "storage layout: no release tag (v*) and no LAYOUT_BASE_REF: skipping the diff against a release"
  released="not compared with a release"
else
  # The release's sources in a scratch project that shares node_modules and the solc shim. The
  # reference directory's name ("release") is how upgrades-core refers to it.
  base="$(mktemp -d)"
  trap 'rm -rf "$base"' EXIT
  git archive "$base_ref" contracts foundry.toml | tar -x -C "$base"
  mkdir -p "$base/scripts"
  cp scripts/solc.mjs "$base/scripts/"
  ln -s "$PWD/node_modules" "$base/node_modules"
  scripts/forge build --root "$base" --force --build-info --build-info-path "$base/release" \
    --extra-output storageLayout --out "$base/out" --cache-path "$base/cache" \
    "$base/contracts" >/dev/null
  for facet in LiquidGovernor LiquidGovernorAdmin LiquidGovernorAnonymous; do
    # A facet the release did not have yet has nothing to be compatible with.
    if [[ ! -f "$base/contracts/governor/$facet.sol" ]]; then continue; fi
    validate --contract "$facet" --reference "release:$facet" --referenceBuildInfoDirs "$base/release"
  done
  released="compatible with $base_ref"
fi
echo "storage layout: PASS (all upgradeable contracts safe; LiquidGovernor -> V2 compatible; $released)"
