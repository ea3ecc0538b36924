#!/usr/bin/env node
// Assembles @plenum/contracts before `pnpm pack` (prepack), the way @openzeppelin/contracts ships:
//   <module>/*.sol     the Solidity sources, copied from the repository's contracts/ (same layout, so
//                      `@plenum/contracts/interfaces/ILiquidGovernor.sol` is contracts/interfaces/…)
//   abi/*.json         the ABIs the SDK's codegen commits (packages/sdk/abis): a community's ABI is
//                      LiquidGovernor's merged with its admin and anonymous facets
//   artifacts/*.json   { contractName, sourceName, abi, bytecode } of each contract deployCore
//                      deploys, from the SDK's committed creation code (no forge build needed)
//   deployments/*.json the deploy records of known chains (script/deployments)
// Nothing here is compiled: codegen's --check in CI keeps the SDK's copies equal to forge output.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkg, "..", "..");
const sdk = join(root, "packages", "sdk");

// Start clean: a source deleted from contracts/ must not linger in the tarball.
for (const entry of readdirSync(pkg, { withFileTypes: true })) {
  if (entry.isDirectory() && entry.name !== "scripts" && entry.name !== "node_modules") {
    rmSync(join(pkg, entry.name), { recursive: true });
  }
}
const modules = readdirSync(join(root, "contracts"), { withFileTypes: true }).filter((e) =>
  e.isDirectory(),
);
for (const { name } of modules) {
  cpSync(join(root, "contracts", name), join(pkg, name), { recursive: true });
}
cpSync(join(root, "script", "deployments"), join(pkg, "deployments"), { recursive: true });
cpSync(join(root, "LICENSE"), join(pkg, "LICENSE"));

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// ABIs, named after the contract a user points them at.
mkdirSync(join(pkg, "abi"));
const abis = {
  LiquidGovernor: readJson(join(sdk, "abis", "liquidGovernor.json")),
  CommunityFactory: readJson(join(sdk, "abis", "communityFactory.json")),
  TimelockController: readJson(join(sdk, "abis", "timelockController.json")),
};
for (const [name, abi] of Object.entries(abis))
  writeFileSync(join(pkg, "abi", `${name}.json`), json(abi));

// Creation code as codegen commits it (`export const <name>Bytecode = "0x…" as const;`).
const bytecodeTs = readFileSync(join(sdk, "src", "generated", "bytecode.ts"), "utf8");
const bytecode = Object.fromEntries(
  [...bytecodeTs.matchAll(/export const (\w+)Bytecode = "(0x[0-9a-fA-F]*)"/g)].map(([, n, c]) => [
    n.charAt(0).toUpperCase() + n.slice(1),
    c,
  ]),
);

/** The constructor's ABI entry, read from the Solidity source (interface and contract types are addresses). */
function constructorOf(source) {
  const match = /constructor\(([^)]*)\)/.exec(source);
  const params = match?.[1].trim() ? match[1].split(",").map((p) => p.trim().split(/\s+/)) : [];
  return {
    type: "constructor",
    inputs: params.map(([type, name]) => ({
      name,
      type: type === "address" || /^[A-Z]/.test(type) ? "address" : type,
      internalType: /^[A-Z]/.test(type) ? `contract ${type}` : type,
    })),
    stateMutability: "nonpayable",
  };
}

const sources = {
  LiquidGovernor: "governor/LiquidGovernor.sol",
  LiquidGovernorAdmin: "governor/LiquidGovernorAdmin.sol",
  LiquidGovernorAnonymous: "governor/LiquidGovernorAnonymous.sol",
  CommunityFactory: "factory/CommunityFactory.sol",
  SemaphoreVerifier: "@semaphore-protocol/contracts/base/SemaphoreVerifier.sol",
};
mkdirSync(join(pkg, "artifacts"));
for (const [contractName, sourceName] of Object.entries(sources)) {
  const code = bytecode[contractName];
  if (!code)
    throw new Error(`no ${contractName} creation code in packages/sdk/src/generated/bytecode.ts`);
  const ours = !sourceName.startsWith("@");
  const ctor = ours ? [constructorOf(readFileSync(join(pkg, sourceName), "utf8"))] : [];
  // The facets are reached through a community's address: their functions are in abi/LiquidGovernor.json.
  const abi = [...ctor, ...(abis[contractName] ?? [])];
  writeFileSync(
    join(pkg, "artifacts", `${contractName}.json`),
    json({
      contractName,
      sourceName: ours ? `@plenum/contracts/${sourceName}` : sourceName,
      abi,
      bytecode: code,
    }),
  );
}
const unused = Object.keys(bytecode).filter((name) => !(name in sources));
if (unused.length > 0) throw new Error(`creation code with no artifact: ${unused.join(", ")}`);
