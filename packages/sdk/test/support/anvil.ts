// A real anvil per test file: start it on a port it picks itself, deploy the shared contracts and create
// communities through the SDK's own actions (so every test also exercises them). No mocked RPC anywhere.
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
import { spawnAnvil } from "../../../../scripts/lib/anvil.mjs";
import { createCommunitySync } from "../../src/actions/createCommunity.ts";
import { deployCore } from "../../src/actions/deployCore.ts";
import { liquidGovernorAbi } from "../../src/generated/abis.ts";

/** Anvil's well-known development mnemonic: test keys only, never for real funds. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

export interface Anvil {
  rpcUrl: string;
  chain: Chain;
  stop(): Promise<void>;
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

/**
 * Starts anvil with `accounts` funded dev accounts on a port anvil picks itself (see
 * `scripts/lib/anvil.mjs`: a port chosen here and handed over could be taken by a parallel test
 * file), and resolves once it answers JSON-RPC.
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const anvil = await spawnAnvil(
    [
      "--accounts",
      String(options.accounts ?? 20),
      "--balance",
      String(options.balance ?? 100_000),
      ...(options.args ?? []),
    ],
    { port: options.port ?? 0, startTimeoutMs: options.startTimeoutMs ?? 30_000 },
  );
  const { rpcUrl } = anvil;
  const chain = defineChain({
    id: 31337,
    name: "anvil",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  return { rpcUrl, chain, stop: anvil.stop };
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
