// `plenum-indexer <start|ingest|serve>` (`pnpm indexer start` at the root): the indexer service. Exit codes:
// 0 stopped by a signal, 1 node/database error (or another writer holds the lock), 2 bad configuration.
import { CliConfigError, checkCliConfig, usage } from "./cli/config.ts";
import { relayerEnvironment } from "./cli/run.ts";
import { ChainMismatchError, InvalidConfigError } from "./internal/errors.ts";
import { createLogger } from "./internal/logger.ts";

/** 2 when the configuration turned out wrong against the chain (no factory there, another chain). */
const exitCodeOf = (error: unknown) =>
  error instanceof InvalidConfigError || error instanceof ChainMismatchError ? 2 : 1;

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(usage());
  process.exit(0);
}

const { config, problems } = checkCliConfig(argv, process.env);
if (config.relayer && config.command !== "ingest") {
  // The relayer's settings are checked now too, so one run lists every problem.
  const { ConfigError, loadRelayerConfig } = await import("./relayer/config.ts");
  const env = relayerEnvironment(process.env, config);
  if (!env.FACTORY && !env.COMMUNITIES) env.FACTORY = "0x0000000000000000000000000000000000000001";
  try {
    loadRelayerConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A shared variable's problem (RPC_URL, FACTORY, REDIS_URL, …) is listed once, as the indexer's.
    const listed = new Set(problems.map((p) => p.split(" ")[0]));
    for (const p of error.problems)
      if (!listed.has(p.split(" ")[0])) problems.push(`relayer: ${p}`);
  }
}
if (problems.length > 0) {
  process.stderr.write(`${new CliConfigError(problems).message}\n\n${usage()}`);
  process.exit(2);
}

const logger = createLogger({ level: config.logLevel, fields: { service: "indexer" } });
const { runService } = await import("./cli/run.ts");
let service: Awaited<ReturnType<typeof runService>>;
try {
  service = await runService(config, { logger, env: process.env });
} catch (error) {
  logger.error("could not start", {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(exitCodeOf(error));
}

const shutdown = async (signal: string) => {
  logger.info("shutting down", { signal });
  await service.stop();
  logger.info("stopped");
  process.exit(0);
};
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

try {
  await service.done;
} catch (error) {
  logger.error("sync failed", {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  await service.stop();
  process.exit(exitCodeOf(error));
}
