// Server-only: the deployment settings from the environment, with the demo's defaults taken from the
// deployment records the SDK's codegen committed (script/deployments/31337-demo.json).
import { demoDeployments } from "@plenum/sdk";
import { type Address, getAddress, isAddress } from "viem";
import { type AppConfig, AppConfigError, DEMO_CHAIN_ID } from "./appConfig.ts";
import { readEndpoints, readUrl } from "./endpoints.ts";

/** Where the browser reaches the indexer: this app's own route, which forwards to PLENUM_INDEXER_URL. */
const INDEXER_PATH = "/api/indexer";

type Env = Record<string, string | undefined>;

/**
 * Reads the app's settings: `PLENUM_CHAIN_ID` (default 31337), `PLENUM_RPC_URL` (default
 * http://127.0.0.1:8545), `PLENUM_INDEXER_URL` (default http://127.0.0.1:8548), `PLENUM_COMMUNITY`
 * (default: the demo community of that chain), `PLENUM_CHAIN_NAME`, `PLENUM_EXPLORER_URL`.
 * @throws AppConfigError when a value is malformed or no community is known for the chain.
 * @example
 * const config = readAppConfig({ PLENUM_INDEXER_URL: "http://127.0.0.1:9248" });
 */
export function readAppConfig(env: Env = process.env): AppConfig {
  const chainId = Number(env.PLENUM_CHAIN_ID?.trim() || DEMO_CHAIN_ID);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new AppConfigError(`PLENUM_CHAIN_ID=${env.PLENUM_CHAIN_ID} is not a chain id.`);
  }
  const demo = (
    demoDeployments as Record<number, { community: string; members: readonly string[] }>
  )[chainId];
  const community = env.PLENUM_COMMUNITY?.trim() || demo?.community;
  if (!community) {
    throw new AppConfigError(
      `No community for chain ${chainId}: set PLENUM_COMMUNITY to the community's address.`,
    );
  }
  if (!isAddress(community, { strict: false })) {
    throw new AppConfigError(`PLENUM_COMMUNITY=${community} is not an address.`);
  }
  const isDemo = chainId === DEMO_CHAIN_ID;
  const explorer = env.PLENUM_EXPLORER_URL?.trim();
  return {
    chainId,
    chainName: env.PLENUM_CHAIN_NAME?.trim() || (isDemo ? "Local demo chain" : `Chain ${chainId}`),
    rpcUrl: readEndpoints(env).rpcUrl,
    indexerUrl: INDEXER_PATH,
    community: getAddress(community),
    explorerUrl: explorer ? readUrl(env, "PLENUM_EXPLORER_URL", explorer) : undefined,
    demoAccounts:
      isDemo && demo && getAddress(community) === getAddress(demo.community)
        ? demo.members.map((m) => getAddress(m) as Address)
        : [],
  };
}
