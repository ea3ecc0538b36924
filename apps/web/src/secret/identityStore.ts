// The member's Semaphore identity while this tab is open, in memory only: it is not written to any
// storage, so closing the tab forgets it. To use it again the member derives it from their wallet
// once more, or restores their encrypted backup.
import type { Identity } from "@plenum/sdk/anonymous";
import { useSyncExternalStore } from "react";

/** The identity in use and where it came from. */
export interface LoadedIdentity {
  identity: Identity;
  source: "created" | "derived" | "restored";
}

let current: LoadedIdentity | undefined;
const listeners = new Set<() => void>();

/**
 * Sets (or, with `undefined`, forgets) the identity in use.
 * @example
 * setSecretIdentity({ identity, source: "derived" });
 */
export function setSecretIdentity(next: LoadedIdentity | undefined): void {
  current = next;
  for (const listener of listeners) listener();
}

/**
 * The identity in use, if any; re-renders when it changes.
 * @example
 * const loaded = useSecretIdentity();
 */
export function useSecretIdentity(): LoadedIdentity | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
    () => undefined,
  );
}
