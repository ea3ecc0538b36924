import { describe, expect, it } from "vitest";
import { CliConfigError, checkCliConfig, loadCliConfig } from "./config.ts";

const rpc = { RPC_URL: "http://127.0.0.1:8545" };

describe("plenum-indexer configuration", () => {
  it("defaults start to PGlite in ./.plenum-indexer on 127.0.0.1:8548", () => {
    const config = loadCliConfig(["start"], rpc);
    expect(config).toMatchObject({
      command: "start",
      rpcUrl: "http://127.0.0.1:8545",
      dataDir: "./.plenum-indexer",
      databaseUrl: undefined,
      host: "127.0.0.1",
      port: 8548,
      metadata: true,
      production: false,
      logLevel: "info",
      relayer: false,
    });
  });

  it("takes flags (both spellings) over environment variables", () => {
    const config = loadCliConfig(
      ["start", "--port", "9000", "--finality-depth=3", "--memory", "--no-metadata"],
      { ...rpc, PORT: "8000", FINALITY_DEPTH: "7", START_BLOCK: "42" },
    );
    expect(config).toMatchObject({
      port: 9000,
      finalityDepth: 3,
      startBlock: 42n,
      dataDir: undefined,
      metadata: false,
    });
  });

  it("needs PostgreSQL for ingest and serve, and a node for ingest only", () => {
    expect(checkCliConfig(["serve"], {}).problems).toEqual([
      "DATABASE_URL (--database-url) is required for serve (PostgreSQL)",
    ]);
    expect(checkCliConfig(["ingest"], {}).problems).toEqual([
      "RPC_URL (--rpc-url) is required for ingest (the node's http(s) JSON-RPC URL)",
      "DATABASE_URL (--database-url) is required for ingest (PostgreSQL)",
    ]);
    const serve = loadCliConfig(["serve", "--database-url", "postgres://db/x"], {
      DATABASE_SCHEMA: "replica_1",
    });
    expect(serve).toMatchObject({
      databaseUrl: "postgres://db/x",
      databaseSchema: "replica_1",
      dataDir: undefined,
    });
  });

  it("lists every problem at once", () => {
    let error: unknown;
    try {
      loadCliConfig(["stat", "--port"], {
        DATABASE_URL: "mysql://x",
        DATABASE_SCHEMA: "Bad-Name",
        PRODUCTION: "maybe",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliConfigError);
    expect((error as CliConfigError).problems).toEqual([
      'unknown command or argument "stat" (commands: start, ingest, serve)',
      "--port needs a value",
      "a command is required: start, ingest, serve",
      'DATABASE_URL (--database-url) must be a postgres:// or postgresql:// URL, not "mysql://x"',
      'DATABASE_SCHEMA (--database-schema) must be a lower-case SQL identifier, not "Bad-Name"',
      'PRODUCTION (--production) must be 1/true/yes or 0/false/no, not "maybe"',
    ]);
  });
});
