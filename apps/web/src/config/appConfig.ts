// What the app needs to know about where it runs: the chain, its RPC, the indexer and the community.
// Read on the server at request time (so one build serves any deployment) and handed to the client.
import type { Address } from "viem";

/** The local demo chain (anvil): the only one on which the "demo accounts" connector is offered. */
export const DEMO_CHAIN_ID = 31337;

/** The app's deployment settings, as the server read them from the environment. */
export interface AppConfig {
  chainId: number;
  chainName: string;
  /** JSON-RPC endpoint reads and (for the demo accounts) writes go to. */
  rpcUrl: string;
  /**
   * Where the browser reaches the indexer (GraphQL at `<indexerUrl>/graphql`): a path on this app,
   * which forwards to the configured indexer, or an absolute URL.
   */
  indexerUrl: string;
  /** The community this app shows (its proxy address). */
  community: Address;
  /** A block explorer's base URL (transactions at `/tx/<hash>`), if the chain has one. */
  explorerUrl: string | undefined;
  /** The demo community's members (anvil's unlocked accounts), offered by the demo connector; empty elsewhere. */
  demoAccounts: readonly Address[];
}

/** A setting the environment gives in a form the app cannot use. */
export class AppConfigError extends Error {
  override name = "AppConfigError";
}

/**
 * Whether this configuration is the local demo chain (the "demo accounts" connector is offered only there).
 * @example
 * isDemoChain({ chainId: 31337 }) // true
 */
export function isDemoChain(config: Pick<AppConfig, "chainId">): boolean {
  return config.chainId === DEMO_CHAIN_ID;
}

/**
 * The URL of a transaction on the configured explorer, if any.
 * @example
 * explorerTxUrl({ explorerUrl: "https://etherscan.io" }, "0xab…") // "https://etherscan.io/tx/0xab…"
 */
export function explorerTxUrl(
  config: Pick<AppConfig, "explorerUrl">,
  hash: `0x${string}`,
): string | undefined {
  if (!config.explorerUrl) return undefined;
  return `${config.explorerUrl.replace(/\/+$/, "")}/tx/${hash}`;
}
