// The wagmi configuration: the one configured chain, injected wallets (EIP-6963 discovery, plus the
// plain `window.ethereum` of mobile in-app browsers), and on the local demo chain the demo accounts.
import { type Config, createConfig, http, injected } from "wagmi";
import { type AppConfig, isDemoChain } from "../config/appConfig.ts";
import { appChain } from "./chain.ts";
import { demoAccounts } from "./demoConnector.ts";

/**
 * Creates the app's wagmi config from the runtime configuration.
 * @example
 * const wagmiConfig = createWagmiConfig(appConfig);
 */
export function createWagmiConfig(config: AppConfig): Config {
  const chain = appChain(config);
  const connectors = [injected({ shimDisconnect: true })];
  const demo =
    isDemoChain(config) && config.demoAccounts.length > 0
      ? [demoAccounts({ chainId: chain.id, rpcUrl: config.rpcUrl, accounts: config.demoAccounts })]
      : [];
  return createConfig({
    chains: [chain],
    connectors: [...connectors, ...demo],
    transports: { [chain.id]: http(config.rpcUrl, { batch: true }) },
    multiInjectedProviderDiscovery: true,
    ssr: true,
    pollingInterval: 1_000,
  });
}
