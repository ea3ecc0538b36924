"use client";
// The demo accounts connector, when the configuration offers it.
import { useConnectors } from "wagmi";
import type { DemoAccountsProperties } from "./demoConnector.ts";
import { DEMO_CONNECTOR_ID } from "./demoConnector.ts";

/**
 * The "demo accounts" connector on the local demo chain, else undefined.
 * @example
 * const demo = useDemoConnector();
 * demo?.selectAccount(member);
 */
export function useDemoConnector() {
  const connectors = useConnectors();
  const connector = connectors.find((c) => c.id === DEMO_CONNECTOR_ID);
  return connector as ((typeof connectors)[number] & DemoAccountsProperties) | undefined;
}
