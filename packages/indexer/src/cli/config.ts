// The `plenum-indexer` command's configuration: every setting from a flag or an environment variable
// (the flag wins), checked all at once so an operator sees every problem in one go (exit 2).
import { type Address, getAddress, isAddress } from "viem";
import type { LogLevel } from "../internal/logger.ts";
import { parseRateLimit, type RateLimit } from "../server/rateLimiter.ts";

/** The three ways to run the service. */
export type Command = "start" | "ingest" | "serve";

/**
 * The checked configuration of one run.
 *
 * @example
 * ```ts
 * const config = loadCliConfig(["start", "--memory"], { RPC_URL: "http://127.0.0.1:8545" });
 * console.log(config.command, config.port);
 * ```
 */
export interface CliConfig {
  command: Command;
  rpcUrl: string | undefined;
  wsUrl: string | undefined;
  databaseUrl: string | undefined;
  databaseSchema: string;
  dataDir: string | undefined;
  redisUrl: string | undefined;
  redisChannel: string | undefined;
  host: string;
  port: number;
  factory: Address | undefined;
  startBlock: bigint | undefined;
  finalityDepth: number | undefined;
  chainId: number | undefined;
  chunkSize: number | undefined;
  pollingIntervalMs: number | undefined;
  ipfsGateway: string | undefined;
  metadata: boolean;
  production: boolean;
  logLevel: LogLevel;
  /** Mount the relayer (RELAYER_PRIVATE_KEY is set; its own settings are read by the relayer). */
  relayer: boolean;
  /** Per-client limit of `/export` requests. */
  exportRateLimit: RateLimit;
  /** Key client limits by the last X-Forwarded-For entry (only behind your own proxy). */
  trustProxy: boolean;
  /** Secret client addresses are hashed with before they key a limit (CLIENT_KEY_SALT; random by default). */
  clientKeySalt: string | undefined;
}

/**
 * One setting: its flag (`--rpc-url`), its environment variable (`RPC_URL`) and what it is.
 *
 * @example
 * ```ts
 * for (const s of settings) console.log(`--${s.flag}  ${s.env}  ${s.help}`);
 * ```
 */
export interface Setting {
  flag: string;
  env: string;
  help: string;
  boolean?: boolean;
}

/**
 * Every setting the command reads (the README's table is this list).
 *
 * @example
 * ```ts
 * const names = settings.map((s) => s.env);
 * ```
 */
export const settings: readonly Setting[] = [
  { flag: "rpc-url", env: "RPC_URL", help: "the node's http(s) JSON-RPC URL (start, ingest)" },
  { flag: "ws-url", env: "WS_URL", help: "the node's ws(s) URL for newHeads (optional)" },
  {
    flag: "database-url",
    env: "DATABASE_URL",
    help: "PostgreSQL URL (ingest, serve; start uses PGlite without it)",
  },
  { flag: "database-schema", env: "DATABASE_SCHEMA", help: "PostgreSQL schema (default public)" },
  { flag: "data-dir", env: "DATA_DIR", help: "PGlite data directory (default ./.plenum-indexer)" },
  {
    flag: "memory",
    env: "MEMORY",
    help: "PGlite in memory: nothing survives the process",
    boolean: true,
  },
  {
    flag: "redis-url",
    env: "REDIS_URL",
    help: "Redis URL: committed steps fan out to every serve replica",
  },
  { flag: "redis-channel", env: "REDIS_CHANNEL", help: "Redis channel (default plenum:committed)" },
  { flag: "host", env: "HOST", help: "interface to listen on (default 127.0.0.1)" },
  { flag: "port", env: "PORT", help: "port to listen on (default 8548; 0 picks a free one)" },
  {
    flag: "factory",
    env: "FACTORY",
    help: "community factory (default: the SDK's deployment for the chain)",
  },
  {
    flag: "start-block",
    env: "START_BLOCK",
    help: "first block to read (default: the deployment's)",
  },
  {
    flag: "finality-depth",
    env: "FINALITY_DEPTH",
    help: "blocks below the head that are final (default per chain)",
  },
  { flag: "chain-id", env: "CHAIN_ID", help: "refuse a node on another chain" },
  {
    flag: "chunk-size",
    env: "CHUNK_SIZE",
    help: "blocks per eth_getLogs over final blocks (default 2000)",
  },
  {
    flag: "polling-interval",
    env: "POLLING_INTERVAL",
    help: "ms between head polls (default 1000)",
  },
  {
    flag: "ipfs-gateway",
    env: "IPFS_GATEWAY",
    help: "gateway prefix for ipfs:// metadata (none: unreachable)",
  },
  { flag: "no-metadata", env: "NO_METADATA", help: "fetch no proposal metadata", boolean: true },
  {
    flag: "production",
    env: "PRODUCTION",
    help: "mask internal errors, no GraphiQL (also NODE_ENV=production)",
    boolean: true,
  },
  { flag: "log-level", env: "LOG_LEVEL", help: "debug, info, warn or error (default info)" },
  {
    flag: "export-rate-limit",
    env: "EXPORT_RATE_LIMIT",
    help: "/export requests per client: <count>/<duration> (default 30/1m)",
  },
  {
    flag: "trust-proxy",
    env: "TRUST_PROXY",
    help: "client limits by the last X-Forwarded-For entry (behind your own proxy only)",
    boolean: true,
  },
];

const commands: readonly Command[] = ["start", "ingest", "serve"];
const levels: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/**
 * A configuration that cannot run, with every problem found.
 *
 * @example
 * ```ts
 * try { loadCliConfig(argv, env); } catch (e) { if (e instanceof CliConfigError) console.error(e.problems); }
 * ```
 */
export class CliConfigError extends Error {
  override name = "CliConfigError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid indexer configuration:\n  - ${problems.join("\n  - ")}`);
    this.problems = problems;
  }
}

/**
 * The usage text (`plenum-indexer --help`).
 *
 * @example
 * ```ts
 * process.stdout.write(usage());
 * ```
 */
export function usage(): string {
  const rows = settings.map(
    (s) =>
      `  --${(s.boolean ? s.flag : `${s.flag} <value>`).padEnd(28)} ${s.env.padEnd(17)} ${s.help}`,
  );
  return [
    "usage: plenum-indexer <start|ingest|serve> [flags]",
    "",
    "  start   everything in one process (PGlite by default): sync, indexing, GraphQL, /ready, /metrics",
    "  ingest  the writer only, on PostgreSQL (one at a time: a database lock)",
    "  serve   the API only, on PostgreSQL (any number; REDIS_URL fans out live updates)",
    "",
    "flags (or environment variables; a flag wins):",
    ...rows,
    "",
    "RELAYER_PRIVATE_KEY mounts the relayer (start, serve); see its own settings in the README.",
    "",
  ].join("\n");
}

/**
 * Reads the command line and the environment into a {@link CliConfig}.
 *
 * @throws CliConfigError listing every problem.
 * @example
 * ```ts
 * const config = loadCliConfig(process.argv.slice(2), process.env);
 * ```
 */
export function loadCliConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): CliConfig {
  const { config, problems } = checkCliConfig(argv, env);
  if (problems.length > 0) throw new CliConfigError(problems);
  return config;
}

/**
 * Reads the command line and the environment: the configuration as far as it could be read, and
 * every problem found (none when it can run).
 *
 * @example
 * ```ts
 * const { config, problems } = checkCliConfig(["start"], process.env);
 * ```
 */
export function checkCliConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: CliConfig; problems: string[] } {
  const problems: string[] = [];
  const flags = new Map<string, string>();
  let command: Command | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      if (command === undefined && (commands as string[]).includes(arg)) command = arg as Command;
      else problems.push(`unknown command or argument "${arg}" (commands: ${commands.join(", ")})`);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const setting = settings.find((s) => s.flag === name);
    if (!setting) {
      problems.push(`unknown flag --${name}`);
      continue;
    }
    if (setting.boolean) {
      flags.set(setting.env, inline ?? "true");
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      problems.push(`--${name} needs a value`);
      continue;
    }
    if (inline === undefined) i++;
    flags.set(setting.env, value);
  }
  if (command === undefined) problems.push(`a command is required: ${commands.join(", ")}`);

  const get = (name: string) => {
    const value = (flags.get(name) ?? env[name])?.trim();
    return value === "" ? undefined : value;
  };
  const label = (name: string) => {
    const setting = settings.find((s) => s.env === name);
    return setting ? `${name} (--${setting.flag})` : name;
  };
  const integer = (name: string, min: number, max: number): number | undefined => {
    const text = get(name);
    if (text === undefined) return undefined;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${label(name)} must be a whole number from ${min} to ${max}, not "${text}"`);
      return undefined;
    }
    return value;
  };
  const flag = (name: string): boolean => {
    const text = get(name)?.toLowerCase();
    if (text === undefined) return false;
    if (["1", "true", "yes"].includes(text)) return true;
    if (["0", "false", "no"].includes(text)) return false;
    problems.push(`${label(name)} must be 1/true/yes or 0/false/no, not "${text}"`);
    return false;
  };
  const url = (name: string, protocols: readonly string[]): string | undefined => {
    const text = get(name);
    if (text === undefined) return undefined;
    let protocol = "";
    try {
      protocol = new URL(text).protocol;
    } catch {
      // reported below
    }
    if (!protocols.includes(protocol)) {
      const list = protocols.map((p) => `${p}//`).join(" or ");
      problems.push(`${label(name)} must be a ${list} URL, not "${text.slice(0, 80)}"`);
      return undefined;
    }
    return text;
  };

  const rpcUrl = url("RPC_URL", ["http:", "https:"]);
  if (get("RPC_URL") === undefined && command !== "serve" && command !== undefined) {
    problems.push(
      `RPC_URL (--rpc-url) is required for ${command} (the node's http(s) JSON-RPC URL)`,
    );
  }
  const wsUrl = url("WS_URL", ["ws:", "wss:"]);
  const databaseUrl = url("DATABASE_URL", ["postgres:", "postgresql:"]);
  if (get("DATABASE_URL") === undefined && (command === "ingest" || command === "serve")) {
    problems.push(`DATABASE_URL (--database-url) is required for ${command} (PostgreSQL)`);
  }
  const databaseSchema = get("DATABASE_SCHEMA") ?? "public";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    problems.push(
      `${label("DATABASE_SCHEMA")} must be a lower-case SQL identifier, not "${databaseSchema}"`,
    );
  }
  const memory = flag("MEMORY");
  const dataDirText = get("DATA_DIR");
  if (memory && dataDirText !== undefined)
    problems.push("--memory and DATA_DIR (--data-dir) exclude each other");
  if (databaseUrl && (memory || dataDirText !== undefined)) {
    problems.push("DATABASE_URL excludes PGlite's --memory and DATA_DIR (--data-dir)");
  }
  const dataDir = databaseUrl || memory ? undefined : (dataDirText ?? "./.plenum-indexer");
  const redisUrl = url("REDIS_URL", ["redis:", "rediss:"]);
  const factoryText = get("FACTORY");
  let factory: Address | undefined;
  if (factoryText !== undefined) {
    if (isAddress(factoryText, { strict: false })) factory = getAddress(factoryText);
    else
      problems.push(
        `${label("FACTORY")} must be an address (0x and 40 hex digits), not "${factoryText}"`,
      );
  }
  const startText = get("START_BLOCK");
  let startBlock: bigint | undefined;
  if (startText !== undefined) {
    if (/^\d{1,20}$/.test(startText)) startBlock = BigInt(startText);
    else problems.push(`${label("START_BLOCK")} must be a block number, not "${startText}"`);
  }
  const logLevel = (get("LOG_LEVEL") ?? "info") as LogLevel;
  if (!levels.includes(logLevel)) {
    problems.push(`${label("LOG_LEVEL")} must be one of ${levels.join(", ")}, not "${logLevel}"`);
  }
  let exportRateLimit: RateLimit = { capacity: 30, periodMs: 60_000 };
  const exportLimitText = get("EXPORT_RATE_LIMIT");
  if (exportLimitText !== undefined) {
    try {
      exportRateLimit = parseRateLimit(exportLimitText);
    } catch (error) {
      problems.push(`${label("EXPORT_RATE_LIMIT")}: ${(error as Error).message}`);
    }
  }
  const config: CliConfig = {
    command: command ?? "start",
    rpcUrl,
    wsUrl,
    databaseUrl,
    databaseSchema,
    dataDir,
    redisUrl,
    redisChannel: get("REDIS_CHANNEL"),
    host: get("HOST") ?? "127.0.0.1",
    port: integer("PORT", 0, 65_535) ?? 8548,
    factory,
    startBlock,
    finalityDepth: integer("FINALITY_DEPTH", 0, 100_000),
    chainId: integer("CHAIN_ID", 1, Number.MAX_SAFE_INTEGER),
    chunkSize: integer("CHUNK_SIZE", 1, 1_000_000),
    pollingIntervalMs: integer("POLLING_INTERVAL", 10, 3_600_000),
    ipfsGateway: url("IPFS_GATEWAY", ["http:", "https:"]),
    metadata: !flag("NO_METADATA"),
    production: flag("PRODUCTION") || env.NODE_ENV === "production",
    logLevel,
    relayer: (env.RELAYER_PRIVATE_KEY ?? "").trim() !== "",
    exportRateLimit,
    trustProxy: flag("TRUST_PROXY"),
    clientKeySalt: env.CLIENT_KEY_SALT?.trim() || undefined,
  };
  if (config.relayer && command === "ingest") {
    problems.push(
      "RELAYER_PRIVATE_KEY is set, but ingest serves no routes: mount the relayer with start or serve",
    );
  }
  return { config, problems };
}
