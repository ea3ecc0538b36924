"use client";
// Derives the member's identity from a wallet signature (the SDK's `deriveIdentity`, EIP-712 typed
// data naming this community and chain), so that the same wallet gives it back on any device.
import { deriveIdentity } from "@plenum/sdk";
import { useState } from "react";
import { useConnectorClient } from "wagmi";
import { txErrorMessage } from "../ballot/txMessages.ts";
import { useAppConfig } from "../config/AppConfigProvider.tsx";
import { setSecretIdentity } from "./identityStore.ts";

/**
 * `derive()` asks the wallet for the signature and loads the identity; `error` says why it failed.
 * @example
 * const { derive, busy, error } = useDeriveIdentity();
 */
export function useDeriveIdentity() {
  const { community, chainId } = useAppConfig();
  const { data: walletClient } = useConnectorClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const derive = async () => {
    if (!walletClient) {
      setError("Connect a wallet first.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { identity } = await deriveIdentity(walletClient, { community, chainId });
      setSecretIdentity({ identity, source: "derived" });
    } catch (failure) {
      setError(txErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return { derive, busy, error, ready: Boolean(walletClient) };
}
