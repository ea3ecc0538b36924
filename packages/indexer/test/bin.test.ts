// The `relayer` command as an operator runs it: tsx, environment variables, signals.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, devKey, get, startAnvil } from "./support.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const community = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

function run(env: Record<string, string>) {
  const child = spawn(join(root, "node_modules", ".bin", "tsx"), ["src/relayer/bin.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output, exited };
}

async function until(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let anvil: Anvil;
let running: ChildProcess | undefined;

beforeAll(async () => {
  anvil = await startAnvil({ accounts: 1 });
});

afterAll(async () => {
  if (running && running.exitCode === null) running.kill("SIGKILL");
  await anvil?.stop();
});

describe("relayer command", () => {
  it("exits 2 and lists every problem of a bad configuration", async () => {
    const { output, exited } = run({ RPC_URL: "ftp://x", PORT: "99999" });
    expect(await exited).toBe(2);
    expect(output.stderr).toContain("RELAYER_PRIVATE_KEY is required");
    expect(output.stderr).toContain('RPC_URL must be an http:// or https:// URL, not "ftp://x"');
    expect(output.stderr).toContain("PORT must be a whole number from 0 to 65535");
  });

  it("starts, logs JSON lines, serves /v1/health and stops on SIGTERM", async () => {
    const { child, output, exited } = run({
      RELAYER_PRIVATE_KEY: devKey(0),
      RPC_URL: anvil.rpcUrl,
      PORT: "0",
      COMMUNITIES: community,
      CHAIN_ID: "31337",
    });
    running = child;
    await until(() => output.stdout.includes('"listening"') || child.exitCode !== null, 30_000);
    expect(output.stderr).toBe("");
    const listening = JSON.parse(output.stdout.split("\n")[0] as string);
    expect(listening).toMatchObject({ level: "info", msg: "listening", chainId: 31337 });
    const health = await get(listening.url, "/v1/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", chainId: 31337 });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("exits 1 when the node is on another chain than CHAIN_ID", async () => {
    const { output, exited } = run({
      RELAYER_PRIVATE_KEY: devKey(0),
      RPC_URL: anvil.rpcUrl,
      PORT: "0",
      COMMUNITIES: community,
      CHAIN_ID: "1",
    });
    expect(await exited).toBe(1);
    expect(output.stdout).toContain("RPC_URL is on chain 31337, but CHAIN_ID is 1");
  });
});
