// A real Plenum indexer for the SDK's tests: `plenum-indexer start --memory` as a child process on a
// free port, following a test anvil and one factory.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Address } from "viem";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const bin = join(root, "packages", "indexer", "bin", "plenum-indexer.mjs");

/**
 * A running indexer: its base URL, and `stop()`.
 *
 * @example
 * ```ts
 * const indexer = await startIndexer({ rpcUrl: anvil.rpcUrl, factory: core.factory });
 * await indexer.stop();
 * ```
 */
export interface TestIndexer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the indexer on PGlite in memory (port 0: the OS picks one) and resolves once `/ready`
 * answers 200. Nothing is final (a finality depth of 1,000), so revisions read "may change".
 *
 * @example
 * ```ts
 * const { url } = await startIndexer({ rpcUrl: anvil.rpcUrl, factory: core.factory });
 * ```
 */
export async function startIndexer(options: {
  rpcUrl: string;
  factory: Address;
  startBlock?: bigint;
}): Promise<TestIndexer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      "start",
      "--rpc-url",
      options.rpcUrl,
      "--memory",
      "--port",
      "0",
      "--factory",
      options.factory,
      "--start-block",
      String(options.startBlock ?? 0n),
      "--polling-interval",
      "100",
      "--finality-depth",
      "1000",
    ],
    // The shell's settings (DATABASE_URL, PORT, …) must not change the run: "listening" gives the URL.
    { stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH, HOME: process.env.HOME } },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 110_000;
  let url: string | undefined;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the indexer exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the indexer did not get ready:\n${output}`);
    }
    url ??= /"msg":"listening".*?"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
    if (url) {
      const ready = await fetch(`${url}/ready`).catch(() => undefined);
      if (ready?.status === 200) return { url, stop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
