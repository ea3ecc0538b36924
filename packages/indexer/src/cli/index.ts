// The `plenum-indexer` command's parts, for embedding the service in another process.
export {
  type CliConfig,
  CliConfigError,
  type Command,
  checkCliConfig,
  loadCliConfig,
  type Setting,
  settings,
  usage,
} from "./config.ts";
export { createMetricsModule, type MetricsSources } from "./metrics.ts";
export {
  type RunOptions,
  relayerEnvironment,
  runService,
  type Service,
  WriterLockedError,
} from "./run.ts";
