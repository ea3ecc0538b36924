"use client";
// Hands the server's runtime configuration to client components.
import { createContext, type ReactNode, useContext } from "react";
import type { AppConfig } from "./appConfig.ts";

const AppConfigContext = createContext<AppConfig | undefined>(undefined);

/**
 * Makes `config` available to {@link useAppConfig} below it.
 * @example
 * <AppConfigProvider config={config}><App /></AppConfigProvider>
 */
export function AppConfigProvider({
  config,
  children,
}: {
  config: AppConfig;
  children: ReactNode;
}) {
  return <AppConfigContext.Provider value={config}>{children}</AppConfigContext.Provider>;
}

/**
 * The app's runtime configuration (chain, RPC, indexer, community).
 * @example
 * const { community, indexerUrl } = useAppConfig();
 */
export function useAppConfig(): AppConfig {
  const config = useContext(AppConfigContext);
  if (!config) throw new Error("useAppConfig() needs an <AppConfigProvider> above it.");
  return config;
}
