// The one chain the app works on, described for viem and wagmi from the runtime configuration.
import { type Chain, defineChain } from "viem";
import type { AppConfig } from "../config/appConfig.ts";

/**
 * The configured chain as a viem `Chain` (its RPC URL is the configured one).
 * @example
 * const chain = appChain({ chainId: 31337, chainName: "Local demo chain", rpcUrl: "http://127.0.0.1:8545", explorerUrl: undefined });
 */
export function appChain(
  config: Pick<AppConfig, "chainId" | "chainName" | "rpcUrl" | "explorerUrl">,
): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
    ...(config.explorerUrl
      ? { blockExplorers: { default: { name: "Explorer", url: config.explorerUrl } } }
      : {}),
  });
}
