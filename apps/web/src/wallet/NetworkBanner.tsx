"use client";
// Tells a connected person when their wallet is on another chain, and offers the switch.
import { useConnection, useSwitchChain } from "wagmi";
import { useAppConfig } from "../config/AppConfigProvider.tsx";

/**
 * A banner shown while the connected wallet is on the wrong network.
 * @example
 * <NetworkBanner />
 */
export function NetworkBanner() {
  const { chainId, chainName } = useAppConfig();
  const connection = useConnection();
  const { switchChain, isPending, error } = useSwitchChain();
  if (connection.status !== "connected" || connection.chainId === chainId) return null;
  return (
    <div role="alert" className="banner banner-warning">
      <p>
        Your wallet is on chain {connection.chainId}; this community lives on {chainName} (chain{" "}
        {chainId}). Voting is disabled until you switch.
      </p>
      <button
        type="button"
        className="button button-primary"
        onClick={() => switchChain({ chainId })}
        disabled={isPending}
      >
        {isPending ? "Switching…" : `Switch to ${chainName}`}
      </button>
      {error && (
        <p className="error-text">The wallet did not switch: {error.message.split("\n")[0]}</p>
      )}
    </div>
  );
}
