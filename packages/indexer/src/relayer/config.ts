import type { Address, Hex } from "viem";
import type { LogLevel } from "../internal/logger.ts";
import { parseRateLimit, type RateLimit } from "../server/rateLimiter.ts";

/** Everything the relayer runs with. {@link loadRelayerConfig} builds it from the environment. */
export interface RelayerConfig {
  /** The key the relayer sends (and pays) from. Never logged. */
  privateKey: Hex;
  /** The node's JSON-RPC endpoint (http or https). */
  rpcUrl: string;
  /** Interface to listen on; 127.0.0.1 by default (put a reverse proxy in front for the public). */
  host: string;
  /** Port to listen on; 0 picks a free one. 8547 by default. */
  port: number;
  /** The chain the node must be on; checked at start when given. */
  chainId?: number | undefined;
  /** Communities served: an allow-list, the communities of a factory, or both. */
  communities: readonly Address[];
  factory?: { address: Address; startBlock: bigint } | undefined;
  /** Per client (IP address, or the proxy's X-Forwarded-For with `trustProxy`). */
  clientRateLimit: RateLimit;
  /** Per nullifier (anonymous ballots) and per voter (signed ballots). */
  subjectRateLimit: RateLimit;
  /** Most keys each in-memory limiter keeps. */
  maxRateLimitEntries: number;
  /** Take the client address from the last X-Forwarded-For entry (only behind your own proxy). */
  trustProxy: boolean;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Most ballots in one signed batch. */
  maxBallots: number;
  /** Most gas the relayer pays for one transaction. */
  maxGas: bigint;
  /** Requests handled at once; more get 503 OVERLOADED. */
  maxConcurrentRequests: number;
  /** Timeout of one JSON-RPC request. */
  rpcTimeoutMs: number;
  /** How long `?wait=1` waits for a receipt. */
  receiptTimeoutMs: number;
  /** Rate-limit counters in Redis (shared by replicas) instead of memory. */
  redisUrl?: string | undefined;
  /** Secret that client addresses are hashed with before they key a rate limit; random per process by default. */
  clientKeySalt?: string | undefined;
  logLevel: LogLevel;
}

/** Defaults of the optional settings. */
export const relayerDefaults = {
  host: "127.0.0.1",
  port: 8547,
  clientRateLimit: { capacity: 60, periodMs: 60_000 },
  subjectRateLimit: { capacity: 3, periodMs: 60_000 },
  maxRateLimitEntries: 100_000,
  trustProxy: false,
  maxBodyBytes: 16 * 1024,
  maxBallots: 32,
  maxGas: 3_000_000n,
  maxConcurrentRequests: 256,
  rpcTimeoutMs: 10_000,
  receiptTimeoutMs: 60_000,
  logLevel: "info",
} as const satisfies Partial<RelayerConfig>;

/** A relayer configuration with its defaults filled in from a partial one (for tests and embedding). */
export function withDefaults(
  config: Pick<RelayerConfig, "privateKey" | "rpcUrl"> & Partial<RelayerConfig>,
): RelayerConfig {
  return { ...relayerDefaults, communities: [], ...config };
}

/**
 * How {@link loadRelayerConfig} reads the communities: standalone, COMMUNITIES and/or FACTORY are
 * required; mounted in the indexer (`communitiesFrom: "indexer"`), the store says which communities
 * exist and COMMUNITIES, if set, narrows them.
 *
 * @example
 * ```ts
 * loadRelayerConfig(process.env, { communitiesFrom: "indexer" });
 * ```
 */
export interface LoadRelayerConfigOptions {
  communitiesFrom?: "config" | "indexer";
}

/** Invalid or missing environment variables; `problems` lists each in a sentence. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid relayer configuration:\n  - ${problems.join("\n  - ")}`);
    this.problems = problems;
  }
}

const levels = ["debug", "info", "warn", "error"] as const;

/**
 * Reads the relayer's configuration from environment variables, reporting every problem at once.
 * Values are never echoed for `RELAYER_PRIVATE_KEY`.
 * @example
 * const config = loadRelayerConfig(process.env); // throws ConfigError listing each problem
 */
export function loadRelayerConfig(
  env: Record<string, string | undefined>,
  options: LoadRelayerConfigOptions = {},
): RelayerConfig {
  const problems: string[] = [];
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value === "" ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const text = get(name);
    if (text === undefined) return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, not "${text}"`);
      return fallback;
    }
    return value;
  };
  const limit = (name: string, fallback: RateLimit): RateLimit => {
    const text = get(name);
    if (text === undefined) return fallback;
    try {
      return parseRateLimit(text);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      return fallback;
    }
  };
  const address = (name: string, text: string): Address | undefined => {
    if (/^0x[0-9a-fA-F]{40}$/.test(text)) return text as Address;
    problems.push(`${name} must list addresses (0x and 40 hex digits), not "${text.slice(0, 60)}"`);
    return undefined;
  };
  const flag = (name: string): boolean => {
    const text = get(name)?.toLowerCase();
    if (text === undefined) return false;
    if (["1", "true", "yes"].includes(text)) return true;
    if (["0", "false", "no"].includes(text)) return false;
    problems.push(`${name} must be 1/true/yes or 0/false/no, not "${text}"`);
    return false;
  };

  let privateKey = get("RELAYER_PRIVATE_KEY") ?? "";
  if (!privateKey) problems.push("RELAYER_PRIVATE_KEY is required (32-byte hex key)");
  else {
    if (!privateKey.startsWith("0x")) privateKey = `0x${privateKey}`;
    if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) {
      problems.push("RELAYER_PRIVATE_KEY must be 32 bytes of hex (64 digits, 0x optional)");
    }
  }

  const rpcUrl = get("RPC_URL") ?? "";
  if (!rpcUrl) problems.push("RPC_URL is required (the node's http(s) JSON-RPC endpoint)");
  else {
    let protocol = "";
    try {
      protocol = new URL(rpcUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== "http:" && protocol !== "https:") {
      problems.push(`RPC_URL must be an http:// or https:// URL, not "${rpcUrl.slice(0, 80)}"`);
    }
  }

  const communities = (get("COMMUNITIES") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => address("COMMUNITIES", entry))
    .filter((entry): entry is Address => entry !== undefined);

  const factoryText = get("FACTORY");
  let factory: RelayerConfig["factory"];
  if (factoryText) {
    const factoryAddress = address("FACTORY", factoryText);
    const startText = get("FACTORY_START_BLOCK") ?? "0";
    if (!/^\d{1,20}$/.test(startText)) {
      problems.push(`FACTORY_START_BLOCK must be a block number, not "${startText}"`);
    } else if (factoryAddress) {
      factory = { address: factoryAddress, startBlock: BigInt(startText) };
    }
  } else if (get("FACTORY_START_BLOCK")) {
    problems.push("FACTORY_START_BLOCK is set but FACTORY is not");
  }
  if (
    options.communitiesFrom !== "indexer" &&
    communities.length === 0 &&
    !factoryText &&
    !get("COMMUNITIES")
  ) {
    problems.push(
      "set COMMUNITIES (comma-separated community addresses) and/or FACTORY (serve every community it created)",
    );
  }

  const chainIdText = get("CHAIN_ID");
  const chainId =
    chainIdText === undefined ? undefined : integer("CHAIN_ID", 0, 1, Number.MAX_SAFE_INTEGER);

  const logLevel = (get("LOG_LEVEL") ?? relayerDefaults.logLevel) as RelayerConfig["logLevel"];
  if (!levels.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${levels.join(", ")}, not "${logLevel}"`);
  }

  const redisUrl = get("REDIS_URL");
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push("REDIS_URL must be a redis:// or rediss:// URL");
  }

  const maxGasText = get("MAX_GAS");
  let maxGas: bigint = relayerDefaults.maxGas;
  if (maxGasText !== undefined) {
    if (/^\d{5,9}$/.test(maxGasText)) maxGas = BigInt(maxGasText);
    else problems.push(`MAX_GAS must be a gas amount from 10000 to 999999999, not "${maxGasText}"`);
  }

  const config: RelayerConfig = {
    privateKey: privateKey as Hex,
    rpcUrl,
    host: get("HOST") ?? relayerDefaults.host,
    port: integer("PORT", relayerDefaults.port, 0, 65_535),
    chainId,
    communities,
    factory,
    clientRateLimit: limit("RATE_LIMIT_CLIENT", relayerDefaults.clientRateLimit),
    subjectRateLimit: limit("RATE_LIMIT_NULLIFIER", relayerDefaults.subjectRateLimit),
    maxRateLimitEntries: integer(
      "RATE_LIMIT_MAX_ENTRIES",
      relayerDefaults.maxRateLimitEntries,
      100,
      10_000_000,
    ),
    trustProxy: flag("TRUST_PROXY"),
    maxBodyBytes: integer("MAX_BODY_BYTES", relayerDefaults.maxBodyBytes, 1024, 1024 * 1024),
    maxBallots: integer("MAX_BALLOTS", relayerDefaults.maxBallots, 1, 256),
    maxGas,
    maxConcurrentRequests: integer(
      "MAX_CONCURRENT_REQUESTS",
      relayerDefaults.maxConcurrentRequests,
      1,
      100_000,
    ),
    rpcTimeoutMs: integer("RPC_TIMEOUT_MS", relayerDefaults.rpcTimeoutMs, 100, 600_000),
    receiptTimeoutMs: integer("RECEIPT_TIMEOUT_MS", relayerDefaults.receiptTimeoutMs, 100, 600_000),
    redisUrl,
    clientKeySalt: get("CLIENT_KEY_SALT"),
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
