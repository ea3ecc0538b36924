import { describe, expect, it } from "vitest";
import { ConfigError, loadRelayerConfig, relayerDefaults } from "./config.ts";

// Anvil's well-known dev key #0: a PUBLIC test key.
const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const community = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const base = { RELAYER_PRIVATE_KEY: key, RPC_URL: "http://127.0.0.1:8545", COMMUNITIES: community };

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadRelayerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

describe("loadRelayerConfig", () => {
  it("loadRelayerConfig() fills in the defaults", () => {
    const config = loadRelayerConfig(base);
    expect(config).toMatchObject({
      privateKey: key,
      rpcUrl: "http://127.0.0.1:8545",
      host: "127.0.0.1",
      port: 8547,
      communities: [community],
      factory: undefined,
      clientRateLimit: relayerDefaults.clientRateLimit,
      subjectRateLimit: relayerDefaults.subjectRateLimit,
      trustProxy: false,
      maxBodyBytes: 16_384,
      logLevel: "info",
    });
  });

  it("loadRelayerConfig() reads every setting", () => {
    const config = loadRelayerConfig({
      ...base,
      RELAYER_PRIVATE_KEY: key.slice(2),
      COMMUNITIES: ` ${community}, ${community.toLowerCase()} `,
      FACTORY: community,
      FACTORY_START_BLOCK: "42",
      HOST: "0.0.0.0",
      PORT: "0",
      CHAIN_ID: "31337",
      RATE_LIMIT_CLIENT: "10/1s",
      RATE_LIMIT_NULLIFIER: "2/1m",
      TRUST_PROXY: "yes",
      MAX_BODY_BYTES: "4096",
      MAX_GAS: "1000000",
      REDIS_URL: "redis://127.0.0.1:6379",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      privateKey: key,
      communities: [community, community.toLowerCase()],
      factory: { address: community, startBlock: 42n },
      host: "0.0.0.0",
      port: 0,
      chainId: 31337,
      clientRateLimit: { capacity: 10, periodMs: 1000 },
      subjectRateLimit: { capacity: 2, periodMs: 60_000 },
      trustProxy: true,
      maxBodyBytes: 4096,
      maxGas: 1_000_000n,
      redisUrl: "redis://127.0.0.1:6379",
      logLevel: "warn",
    });
  });

  it("loadRelayerConfig() reports every problem at once, in plain sentences", () => {
    const problems = problemsOf({
      RPC_URL: "ftp://x",
      PORT: "70000",
      RATE_LIMIT_CLIENT: "lots",
      TRUST_PROXY: "maybe",
      LOG_LEVEL: "loud",
    });
    expect(problems).toEqual([
      "RELAYER_PRIVATE_KEY is required (32-byte hex key)",
      'RPC_URL must be an http:// or https:// URL, not "ftp://x"',
      "set COMMUNITIES (comma-separated community addresses) and/or FACTORY (serve every community it created)",
      'LOG_LEVEL must be one of debug, info, warn, error, not "loud"',
      'PORT must be a whole number from 0 to 65535, not "70000"',
      'RATE_LIMIT_CLIENT: "lots" is not a rate limit like 30/1m, 3/60s or 100/1h',
      'TRUST_PROXY must be 1/true/yes or 0/false/no, not "maybe"',
    ]);
  });

  it("loadRelayerConfig() never echoes the private key", () => {
    const secret = `0x${"12".repeat(31)}zz`;
    const problems = problemsOf({ ...base, RELAYER_PRIVATE_KEY: secret });
    expect(problems).toEqual([
      "RELAYER_PRIVATE_KEY must be 32 bytes of hex (64 digits, 0x optional)",
    ]);
    try {
      loadRelayerConfig({ ...base, RELAYER_PRIVATE_KEY: secret });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("1212");
    }
  });

  it("loadRelayerConfig() checks addresses and the factory's start block", () => {
    expect(problemsOf({ ...base, COMMUNITIES: "0x1234" })).toEqual([
      'COMMUNITIES must list addresses (0x and 40 hex digits), not "0x1234"',
    ]);
    expect(problemsOf({ ...base, FACTORY: community, FACTORY_START_BLOCK: "-1" })).toEqual([
      'FACTORY_START_BLOCK must be a block number, not "-1"',
    ]);
    expect(problemsOf({ ...base, FACTORY_START_BLOCK: "5" })).toEqual([
      "FACTORY_START_BLOCK is set but FACTORY is not",
    ]);
    expect(problemsOf({ ...base, COMMUNITIES: "", FACTORY: community })).toEqual([]);
    expect(problemsOf({ ...base, REDIS_URL: "http://x" })).toEqual([
      "REDIS_URL must be a redis:// or rediss:// URL",
    ]);
    expect(problemsOf({ ...base, MAX_GAS: "1" })).toEqual([
      'MAX_GAS must be a gas amount from 10000 to 999999999, not "1"',
    ]);
  });
});
