import type { ChildProcess } from "node:child_process";

/** Anvil exited or did not say where it listens in time. */
export declare class AnvilStartError extends Error {}

/** A running anvil and where it listens. */
export interface SpawnedAnvil {
  child: ChildProcess;
  port: number;
  rpcUrl: string;
  stop(): Promise<void>;
}

/** Options of {@link spawnAnvil}. */
export interface SpawnAnvilOptions {
  /** A fixed port; 0 (the default) lets anvil pick a free one. */
  port?: number;
  /** How long anvil may take to print its port (30 s by default). */
  startTimeoutMs?: number;
}

/**
 * Spawns anvil on a port it picks itself and resolves with the port it printed.
 *
 * @example
 * const anvil = await spawnAnvil(["--accounts", "40"]);
 * await anvil.stop();
 */
export declare function spawnAnvil(
  args?: readonly string[],
  options?: SpawnAnvilOptions,
): Promise<SpawnedAnvil>;
