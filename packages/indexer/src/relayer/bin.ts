// `pnpm --filter @plenum/indexer relayer`: runs the relayer from environment variables (see README).
import { createLogger } from "../internal/logger.ts";
import { ConfigError, loadRelayerConfig, type RelayerConfig } from "./config.ts";

let config: RelayerConfig;
try {
  config = loadRelayerConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const logger = createLogger({ level: config.logLevel });
// Loaded only once the configuration is known to be good: a bad one is reported at once.
const { createRelayer } = await import("./relayer.ts");
const relayer = createRelayer(config, { logger });

const shutdown = async (signal: string) => {
  logger.info("shutting down", { signal });
  await relayer.close();
  // snarkjs keeps worker threads for the BN254 curve once a proof was verified.
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  process.exit(0);
};
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

try {
  await relayer.start();
} catch (error) {
  logger.error("could not start", {
    error: error instanceof Error ? error.message : String(error),
  });
  await relayer.close();
  process.exit(1);
}
