"use client";
// Everything client components share: the configuration, react-query's cache and wagmi.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { WagmiProvider } from "wagmi";
import { AppConfigProvider } from "../config/AppConfigProvider.tsx";
import type { AppConfig } from "../config/appConfig.ts";
import { createWagmiConfig } from "../wallet/wagmiConfig.ts";

/**
 * The app's client-side providers.
 * @example
 * <Providers config={config}>{children}</Providers>
 */
export function Providers({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [wagmiConfig] = useState(() => createWagmiConfig(config));
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 2_000, refetchOnWindowFocus: false, retry: 2 } },
      }),
  );
  return (
    <AppConfigProvider config={config}>
      <WagmiProvider config={wagmiConfig} reconnectOnMount>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </WagmiProvider>
    </AppConfigProvider>
  );
}
