import { readFileSync } from "node:fs";
import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  type PublicClient,
  publicActions,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readGovernor } from "../actions/internal/read.ts";
import { walk } from "../errors/base.ts";
import { demoDeployments, deployments } from "../generated/deployments.ts";
import { CliInputError } from "../input/inputError.ts";
import { CliFailedError, CliNotFoundError } from "./errors.ts";
import { fileReadProblem } from "./parse/readInput.ts";
import { parseAddress } from "./parse/values.ts";

function makeWallet(chain: Chain, transport: Transport, account: Account) {
  return createWalletClient({ chain, transport, account }).extend(publicActions);
}

/** A wallet client that can also read (to wait for receipts). */
export type CliWallet = ReturnType<typeof makeWallet>;

/** Options every command understands. */
export interface GlobalOptions {
  rpc?: string | undefined;
  community?: string | undefined;
  "key-file"?: string | undefined;
  "from-block"?: string | undefined;
  json?: boolean | undefined;
}

/** What a command works with: clients, the community, where its history starts, and output mode. */
export interface CliContext {
  publicClient: PublicClient;
  json: boolean;
  chainId: number;
  /** The community from `--community`, `PLENUM_COMMUNITY`, or this chain's demo deployment. */
  community(): Address;
  /**
   * Checks that the community is a Plenum community on this chain: a contract (`eth_getCode`) that
   * answers as one. Throws a {@link CliNotFoundError} (exit 4) naming where the address came from.
   */
  checkCommunity(): Promise<Address>;
  /**
   * Makes the command's first request to the node wait for {@link CliContext.checkCommunity}: the
   * command still checks its own input (files, flags) first, then nothing reaches a wrong address.
   */
  requireCommunity(): void;
  /** First block to read logs from: `--from-block`, or the deployment's start block, or 0. */
  fromBlock(): bigint;
  /** A wallet from `--key-file` or `PLENUM_PRIVATE_KEY`. */
  wallet(): CliWallet;
  /** The factory deployed on this chain, if the SDK knows it. */
  knownFactory(): Address | undefined;
}

/**
 * Builds the command context: connects to `--rpc` (or `PLENUM_RPC_URL`, default the local anvil)
 * and learns the chain id, so that known deployments can fill in addresses.
 */
export async function createContext(options: GlobalOptions): Promise<CliContext> {
  const url = options.rpc ?? process.env.PLENUM_RPC_URL ?? "http://127.0.0.1:8545";
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    throw new CliInputError(
      `${options.rpc === undefined ? "PLENUM_RPC_URL" : "--rpc"} "${url}" is not an http(s) URL`,
    );
  }
  let chainId: number;
  try {
    chainId = await createPublicClient({ transport: http(url, { retryCount: 1 }) }).getChainId();
  } catch {
    // Not bad input but an unreachable service: exit 1, like other RPC failures.
    throw new CliFailedError(
      `cannot reach an Ethereum node at ${url} (is it running? set --rpc or PLENUM_RPC_URL)`,
    );
  }
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const direct = http(url);
  // Every request of the command's clients first waits for the community check, once required.
  let required = false;
  const transport: Transport = (parameters) => {
    const inner = direct(parameters);
    const request = (async (args: Parameters<typeof inner.request>[0]) => {
      if (required) await checkCommunity();
      return inner.request(args);
    }) as typeof inner.request;
    return { ...inner, request };
  };
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 1_000 });
  const checkClient = createPublicClient({ chain, transport: direct });
  const key = String(chainId) as keyof typeof deployments & keyof typeof demoDeployments;
  const demo = demoDeployments[key] as { community?: string; startBlock?: number } | undefined;
  const core = deployments[key] as { factory?: string; startBlock?: number } | undefined;

  const communitySource =
    options.community !== undefined
      ? "--community"
      : process.env.PLENUM_COMMUNITY !== undefined
        ? "PLENUM_COMMUNITY"
        : "the demo community";
  const community = () => {
    const given = options.community ?? process.env.PLENUM_COMMUNITY ?? demo?.community;
    if (!given) {
      throw new CliInputError(
        "which community? pass --community <address> or set PLENUM_COMMUNITY",
      );
    }
    return parseAddress(given, communitySource) as Address;
  };
  let checked: Promise<Address> | undefined;
  const checkCommunity = () => {
    checked ??= (async () => {
      const address = community();
      const code = await checkClient.getCode({ address });
      if (!code || code === "0x") {
        throw new CliNotFoundError(
          `${communitySource} ${address} is not a contract on chain ${chainId} (is it the right address, and the right network?)`,
        );
      }
      try {
        await readGovernor(checkClient, address, "proposalCount", []);
      } catch (error) {
        if (!answeredButNotPlenum(error)) throw error;
        throw new CliNotFoundError(
          `${communitySource} ${address} is a contract on chain ${chainId} but not a Plenum community`,
        );
      }
      return address;
    })();
    return checked;
  };

  return {
    publicClient: publicClient as PublicClient,
    json: Boolean(options.json),
    chainId,
    community,
    checkCommunity,
    requireCommunity() {
      required = true;
    },
    fromBlock() {
      const given = options["from-block"];
      if (given !== undefined) {
        if (!/^\d+$/.test(given))
          throw new CliInputError(`--from-block "${given}" is not a block number`);
        return BigInt(given);
      }
      return BigInt(demo?.startBlock ?? core?.startBlock ?? 0);
    },
    wallet() {
      return makeWallet(chain, transport, privateKeyToAccount(readKey(options["key-file"])));
    },
    knownFactory() {
      return core?.factory ? (core.factory as Address) : undefined;
    },
  };
}

/** Whether a read failed because the contract answered, but not as a community would. */
function answeredButNotPlenum(error: unknown): boolean {
  return (
    walk(error, (link) => {
      const name = (link as { name?: unknown } | null)?.name;
      return (
        name === "ContractFunctionRevertedError" ||
        name === "ContractFunctionZeroDataError" ||
        name === "ContractRevertError" ||
        name === "AbiDecodingZeroDataError" ||
        name === "AbiDecodingDataSizeTooSmallError"
      );
    }) !== null
  );
}

/** Reads the signing key from a file (first line) or the environment; never from the command line. */
function readKey(file: string | undefined): Hex {
  let key: string | undefined;
  if (file) {
    try {
      key = readFileSync(file, "utf8").split(/\r?\n/)[0]?.trim();
    } catch (error) {
      throw new CliInputError(`cannot read key file ${file}: ${fileReadProblem(error)}`);
    }
  } else {
    key = process.env.PLENUM_PRIVATE_KEY;
  }
  if (!key) {
    throw new CliInputError(
      "this command sends a transaction: set PLENUM_PRIVATE_KEY or pass --key-file <file>",
    );
  }
  const hex = key.startsWith("0x") ? key : `0x${key}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) {
    throw new CliInputError(`the signing key${file ? ` in ${file}` : ""} is not a 32-byte hex key`);
  }
  return hex as Hex;
}
