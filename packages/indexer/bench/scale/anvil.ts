// An anvil process for the scale bench on a fixed port, able to load and dump its state (blocks,
// receipts and logs included: see README "Benchmarks"), and a raw JSON-RPC batch helper that sends
// thousands of calls in a few HTTP requests (generation speed, not the indexer's, is at stake here).
import type { Chain } from "viem";
import { startAnvil } from "../../../sdk/test/support/anvil.ts";

/** A running anvil: its URLs, and `stop()` (which dumps the state when started with `dumpState`). */
export interface BenchAnvil {
  rpcUrl: string;
  wsUrl: string;
  chain: Chain;
  stop(): Promise<void>;
}

/**
 * Starts anvil on `port` (the SDK tests' harness, with auto-impersonation and a 1G gas block
 * limit), from `loadState` if given, dumping to `dumpState` when stopped.
 */
export async function startBenchAnvil(options: {
  port: number;
  loadState?: string;
  dumpState?: string;
}): Promise<BenchAnvil> {
  const args = ["--auto-impersonate", "--gas-limit", "1000000000"];
  if (options.loadState) args.push("--load-state", options.loadState);
  if (options.dumpState) args.push("--dump-state", options.dumpState);
  // Loading a 300 MB state dump takes a while.
  const anvil = await startAnvil({
    port: options.port,
    balance: 1_000_000,
    args,
    startTimeoutMs: 300_000,
  });
  return { ...anvil, wsUrl: anvil.rpcUrl.replace(/^http/, "ws") };
}

/** One JSON-RPC call. */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[]): Promise<T> {
  const [result] = await rpcBatch<T>(url, [{ method, params }]);
  return result as T;
}

/** JSON-RPC calls in batches of 500; results in order; the first error throws. */
export async function rpcBatch<T = unknown>(
  url: string,
  calls: { method: string; params: unknown[] }[],
): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < calls.length; i += 500) {
    const body = calls
      .slice(i, i + 500)
      .map((c, k) => ({ jsonrpc: "2.0", id: i + k, method: c.method, params: c.params }));
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answers = (await response.json()) as {
      id: number;
      result?: T;
      error?: { message: string };
    }[];
    answers.sort((a, b) => a.id - b.id);
    for (const answer of answers) {
      if (answer.error) throw new Error(`${calls[answer.id]?.method}: ${answer.error.message}`);
      results.push(answer.result as T);
    }
  }
  return results;
}
