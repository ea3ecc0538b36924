/** Log levels, least to most severe. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const severity: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Values a log line may carry: plain data only, so nothing is serialised by accident. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A structured logger: one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Lines below this level are dropped; `info` by default. */
  level?: LogLevel;
  /** Receives each serialised line (without the newline); stdout by default. */
  sink?: (line: string) => void;
  /** Fields on every line. */
  fields?: LogFields;
}

/**
 * A JSON-lines logger. It only takes flat fields of plain values, which keeps request objects,
 * headers and errors with their nested data out of the logs by construction.
 * @example
 * const logger = createLogger({ level: "info" });
 * logger.info("listening", { port: 8547 });
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const threshold = severity[options.level ?? "info"];
  const sink = options.sink ?? ((line: string) => process.stdout.write(`${line}\n`));
  const make = (base: LogFields): Logger => {
    const write = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (severity[level] < threshold) return;
      sink(JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields }));
    };
    return {
      debug: (msg, fields) => write("debug", msg, fields),
      info: (msg, fields) => write("info", msg, fields),
      warn: (msg, fields) => write("warn", msg, fields),
      error: (msg, fields) => write("error", msg, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.fields ?? {});
}

/** A logger that drops everything (tests, embedding). */
export const silentLogger: Logger = createLogger({ sink: () => {} });
