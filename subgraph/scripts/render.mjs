#!/usr/bin/env node
// Renders subgraph.template.yaml into subgraph.yaml (ignored) for one chain, from its deployment
// record script/deployments/<chainId>.json: the factory's address and start block, and the chain id
// the mappings need for CAIP-10 ids. The ABIs stay the SDK's generated JSON, referenced by path.
//
//   node scripts/render.mjs [--chain 31337] [--network <graph-node network name>] [--out subgraph.yaml]
// (or PLENUM_CHAIN_ID / PLENUM_NETWORK in the environment, which `pnpm build` passes through).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(here, "..");

/** graph-node's usual names for the chains we know; any other chain needs --network. */
const NETWORKS = {
  1: "mainnet",
  10: "optimism",
  100: "gnosis",
  137: "matic",
  8453: "base",
  42161: "arbitrum-one",
  11155111: "sepolia",
  84532: "base-sepolia",
  31337: "localhost",
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value`);
  return value;
}

export function render({ chainId, network, template, deployment }) {
  const record = JSON.parse(deployment);
  if (!/^0x[0-9a-fA-F]{40}$/.test(record.factory ?? "")) {
    throw new Error(`the deployment record of chain ${chainId} has no factory address`);
  }
  if (!Number.isSafeInteger(record.startBlock) || record.startBlock < 0) {
    throw new Error(`the deployment record of chain ${chainId} has no startBlock`);
  }
  if (record.chainId !== undefined && Number(record.chainId) !== Number(chainId)) {
    throw new Error(`the deployment record says chain ${record.chainId}, not ${chainId}`);
  }
  const values = {
    NETWORK: network,
    FACTORY: record.factory,
    START_BLOCK: String(record.startBlock),
    CHAIN_ID: String(chainId),
  };
  // YAML-safe placeholders (`__NAME__`), so that biome can format the template.
  return template.replace(/__([A-Z_]+)__/g, (_, key) => {
    if (!(key in values)) throw new Error(`unknown placeholder __${key}__`);
    return values[key];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const chainId = Number(option("chain", process.env.PLENUM_CHAIN_ID ?? "31337"));
  const network = option("network", process.env.PLENUM_NETWORK ?? NETWORKS[chainId]);
  if (!network)
    throw new Error(`no known graph-node network name for chain ${chainId}: pass --network`);
  const record = join(root, "script", "deployments", `${chainId}.json`);
  if (!existsSync(record)) throw new Error(`no deployment record ${record}`);
  const out = join(here, option("out", "subgraph.yaml"));
  writeFileSync(
    out,
    render({
      chainId,
      network,
      template: readFileSync(join(here, "subgraph.template.yaml"), "utf8"),
      deployment: readFileSync(record, "utf8"),
    }),
  );
  console.log(`subgraph.yaml for chain ${chainId} (network ${network})`);
}
