// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DeployCore} from "./DeployCore.s.sol";

/// @title Deploy
/// @notice Deploys the shared contracts (admin facet, governor implementation, factory) and records them in
///         `script/deployments/<chainId>.json`, where the SDK, indexer and subgraph read them.
/// @dev `forge script script/Deploy.s.sol --rpc-url <url> --broadcast --slow` with the deployer's key in
///      `PRIVATE_KEY`. On a local anvil chain (31337) the key defaults to anvil's dev account #0.
contract Deploy is DeployCore {
    /// @notice Anvil's well-known dev account #0 (from the mnemonic `test test ... junk`). Public knowledge:
    ///         used only on chain 31337 when `PRIVATE_KEY` is unset, never anywhere real.
    uint256 public constant ANVIL_DEV_KEY_0 =
        0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;
    /// @notice Anvil's chain id.
    uint256 public constant ANVIL_CHAIN_ID = 31_337;

    /// @notice `PRIVATE_KEY` is unset and the chain is not a local anvil chain.
    error DeployMissingPrivateKey(uint256 chainId);

    /// @notice Deploys the core with the deployer's key and writes `script/deployments/<chainId>.json`.
    function run() public virtual returns (Core memory core) {
        uint256 key = deployerKey();
        // Simulation runs on top of the latest block, so the broadcast lands in a later one: the first
        // block it can land in is a start block from which an indexer misses nothing. `pnpm dev` replaces
        // it with the exact block from the broadcast receipts.
        uint256 startBlock = block.number + 1;
        vm.startBroadcast(key);
        core = deployCore();
        vm.stopBroadcast();
        writeDeployment(deploymentPath(""), core, startBlock);
    }

    /// @notice The deployer's key: `PRIVATE_KEY`, or anvil's dev key #0 on chain 31337.
    function deployerKey() public view returns (uint256 key) {
        key = vm.envOr("PRIVATE_KEY", uint256(0));
        if (key != 0) return key;
        if (block.chainid != ANVIL_CHAIN_ID) revert DeployMissingPrivateKey(block.chainid);
        return ANVIL_DEV_KEY_0;
    }

    /// @notice `script/deployments/<chainId><suffix>.json`, in the project root.
    function deploymentPath(string memory suffix) public view returns (string memory) {
        return string.concat(
            vm.projectRoot(), "/script/deployments/", vm.toString(block.chainid), suffix, ".json"
        );
    }

    /// @notice Writes `{ chainId, adminFacet, semaphoreVerifier, anonymousFacet, governorImplementation,
    ///         factory, startBlock }` to `path`.
    function writeDeployment(string memory path, Core memory core, uint256 startBlock) public {
        string memory obj = "deployment";
        vm.serializeUint(obj, "chainId", block.chainid);
        vm.serializeAddress(obj, "adminFacet", core.adminFacet);
        vm.serializeAddress(obj, "semaphoreVerifier", core.semaphoreVerifier);
        vm.serializeAddress(obj, "anonymousFacet", core.anonymousFacet);
        vm.serializeAddress(obj, "governorImplementation", core.governorImplementation);
        vm.serializeAddress(obj, "factory", core.factory);
        vm.writeJson(vm.serializeUint(obj, "startBlock", startBlock), path);
    }

    /// @notice Reads a deployment written by {writeDeployment}.
    function readDeployment(string memory path)
        public
        view
        returns (Core memory core, uint256 startBlock)
    {
        string memory json = vm.readFile(path);
        core.adminFacet = vm.parseJsonAddress(json, ".adminFacet");
        core.semaphoreVerifier = vm.parseJsonAddress(json, ".semaphoreVerifier");
        core.anonymousFacet = vm.parseJsonAddress(json, ".anonymousFacet");
        core.governorImplementation = vm.parseJsonAddress(json, ".governorImplementation");
        core.factory = vm.parseJsonAddress(json, ".factory");
        startBlock = vm.parseJsonUint(json, ".startBlock");
    }
}
