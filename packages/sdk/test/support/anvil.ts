// A real anvil per test file: start it on a free port, deploy the shared contracts and create
// communities through the SDK's own actions (so every test also exercises them). No mocked RPC anywhere.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  publicActions,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { createCommunitySync } from "../../src/actions/createCommunity.ts";
import { deployCore } from "../../src/actions/deployCore.ts";
import { liquidGovernorAbi } from "../../src/generated/abis.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

/** Anvil's well-known development mnemonic: test keys only, never for real funds. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

export interface Anvil {
  rpcUrl: string;
  chain: Chain;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Options of {@link startAnvil}. */
export interface StartAnvilOptions {
  /** Funded dev accounts (20 by default). */
  accounts?: number;
  /** Ether per dev account (100,000 by default). */
  balance?: number;
  /** A fixed port instead of a free one. */
  port?: number;
  /** More anvil flags (e.g. `--load-state <file>`), none of those above (anvil refuses repeats). */
  args?: readonly string[];
  /** How long anvil may take to answer (15 s by default; loading a large state takes longer). */
  startTimeoutMs?: number;
}

/** Starts anvil with `accounts` funded dev accounts and resolves once it answers JSON-RPC. */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    join(root, "scripts", "anvil"),
    [
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      "--accounts",
      String(options.accounts ?? 20),
      "--balance",
      String(options.balance ?? 100_000),
      "--silent",
      ...(options.args ?? []),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const chain = defineChain({
    id: 31337,
    name: "anvil",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`anvil did not start on ${rpcUrl}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    rpcUrl,
    chain,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The i-th account of anvil's development mnemonic. */
export function devAccount(index: number) {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
}

/** Clients bound to one anvil: a public client, a test client (time travel) and a wallet per account. */
export function clientsFor(anvil: Anvil) {
  const transport = http(anvil.rpcUrl);
  return {
    publicClient: createPublicClient({ chain: anvil.chain, transport }),
    testClient: createTestClient({ chain: anvil.chain, transport, mode: "anvil" }),
    wallet: (index: number) =>
      createWalletClient({ chain: anvil.chain, transport, account: devAccount(index) }).extend(
        publicActions,
      ),
  };
}

export interface TestCore {
  adminFacet: Address;
  anonymousFacet: Address;
  semaphoreVerifier: Address;
  governorImplementation: Address;
  factory: Address;
}

/** Deploys PoseidonT3 (if missing), the facets, the Semaphore verifier, the governor implementation
 *  and the factory with the SDK's `deployCore`. */
export async function deployTestCore(anvil: Anvil, deployerIndex = 0): Promise<TestCore> {
  const { adminFacet, anonymousFacet, semaphoreVerifier, governorImplementation, factory } =
    await deployCore(clientsFor(anvil).wallet(deployerIndex));
  return { adminFacet, anonymousFacet, semaphoreVerifier, governorImplementation, factory };
}

export interface TestCommunityOptions {
  topics?: string[];
  votingPeriod?: number;
  minVotingPeriod?: number;
  quorumBps?: number;
  maxDepth?: number;
  timelockDelay?: bigint;
}

/** Creates a community whose registrar and bootstrap admin are dev account `adminIndex`. */
export async function createTestCommunity(
  anvil: Anvil,
  core: TestCore,
  options: TestCommunityOptions = {},
  adminIndex = 0,
): Promise<{ community: Address; timelock: Address; admin: Address }> {
  const admin = clientsFor(anvil).wallet(adminIndex);
  const created = await createCommunitySync(admin, {
    factory: core.factory,
    topics: options.topics ?? ["General", "Budget", "Environment"],
    votingPeriod: options.votingPeriod ?? 7 * 24 * 3600,
    minVotingPeriod: options.minVotingPeriod ?? 60,
    quorumBps: options.quorumBps ?? 2000,
    proposalThreshold: 1n,
    maxTopics: 16,
    maxDepth: options.maxDepth ?? 8,
    timelockDelay: options.timelockDelay ?? 60n,
    registrar: admin.account.address,
    bootstrapAdmin: admin.account.address,
  });
  return { community: created.community, timelock: created.timelock, admin: admin.account.address };
}

export { liquidGovernorAbi };
