import { demoDeployments } from "@plenum/sdk";
import { describe, expect, it } from "vitest";
import { AppConfigError } from "./appConfig.ts";
import { contentSecurityPolicy } from "./csp.ts";
import { readAppConfig } from "./readAppConfig.ts";

describe("readAppConfig", () => {
  it("readAppConfig() defaults to the local demo community and its members", () => {
    const config = readAppConfig({});
    expect(config.chainId).toBe(31337);
    expect(config.community).toBe(demoDeployments[31337].community);
    expect(config.demoAccounts).toHaveLength(30);
    expect(config.rpcUrl).toBe("http://127.0.0.1:8545");
    expect(config.indexerUrl).toBe("/api/indexer");
  });
  it("readAppConfig() offers no demo accounts for another community", () => {
    const config = readAppConfig({
      PLENUM_COMMUNITY: "0x0000000000000000000000000000000000000001",
    });
    expect(config.demoAccounts).toEqual([]);
  });
  it("readAppConfig() refuses a malformed URL or a chain without a community", () => {
    expect(() => readAppConfig({ PLENUM_RPC_URL: "ftp://x" })).toThrow(AppConfigError);
    expect(() => readAppConfig({ PLENUM_CHAIN_ID: "10" })).toThrow(/PLENUM_COMMUNITY/);
  });
});

describe("contentSecurityPolicy", () => {
  it("contentSecurityPolicy() allows WebAssembly and blob: workers for Semaphore proofs", () => {
    const policy = contentSecurityPolicy({
      nonce: "n0",
      connect: ["http://127.0.0.1:8545/"],
      development: false,
    });
    expect(policy).toContain("script-src 'self' 'nonce-n0' 'strict-dynamic' 'wasm-unsafe-eval'");
    expect(policy).toContain("worker-src 'self' blob:");
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:8545;");
    expect(policy).not.toContain("'unsafe-eval'");
  });
});
