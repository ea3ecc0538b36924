// An anvil process for the scale bench on a fixed port, able to load and dump its state (blocks,
// receipts and logs included: see README "Benchmarks"), and a raw JSON-RPC batch helper that sends
// thousands of calls in a few HTTP requests (generation speed, not the indexer's, is at stake here).
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Chain, defineChain } from "viem";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

/** A running anvil: its URLs, and `stop()` (which dumps the state when started with `dumpState`). */
export interface BenchAnvil {
  rpcUrl: string;
  wsUrl: string;
  chain: Chain;
  stop(): Promise<void>;
}

/** Starts anvil on `port` (auto-impersonation, a 1G gas block limit), from `loadState` if given. */
export async function startBenchAnvil(options: {
  port: number;
  loadState?: string;
  dumpState?: string;
}): Promise<BenchAnvil> {
  const args = [
    "--port",
    String(options.port),
    "--host",
    "127.0.0.1",
    "--auto-impersonate",
    "--gas-limit",
    "1000000000",
    "--balance",
    "1000000",
    "--silent",
  ];
  if (options.loadState) args.push("--load-state", options.loadState);
  if (options.dumpState) args.push("--dump-state", options.dumpState);
  const child: ChildProcess = spawn(join(root, "scripts", "anvil"), args, {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const rpcUrl = `http://127.0.0.1:${options.port}`;
  const chain = defineChain({
    id: 31337,
    name: "anvil",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}): ${stderr}`);
    try {
      await rpc(rpcUrl, "eth_chainId", []);
      break;
    } catch {
      // not listening yet (loading a large state takes a while)
    }
    if (Date.now() > deadline) throw new Error(`anvil did not start on ${rpcUrl}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rpcUrl,
    wsUrl: `ws://127.0.0.1:${options.port}`,
    chain,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
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
