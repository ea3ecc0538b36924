// Runs the real `plenum-indexer` executable as a child process and reads its JSON log lines.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface LogLine {
  msg: string;
  level: string;
  [field: string]: unknown;
}

export interface IndexerProcess {
  child: ChildProcess;
  logs: LogLine[];
  stderr(): string;
  exited: Promise<number | null>;
  /** Waits for the first log line with this message (and returns it). */
  waitFor(msg: string, timeoutMs?: number): Promise<LogLine>;
  /** The URL it listens on (after the `listening` line). */
  url(): Promise<string>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `plenum-indexer <args>` with only `env` (and PATH) in its environment. */
export function runIndexer(args: string[], env: Record<string, string>): IndexerProcess {
  const child = spawn(process.execPath, [join(root, "bin", "plenum-indexer.mjs"), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  let stderr = "";
  let buffer = "";
  child.stdout?.on("data", (chunk) => {
    buffer += chunk;
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: "(not JSON)", level: "?", line });
      }
      newline = buffer.indexOf("\n");
    }
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const waitFor = async (msg: string, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = logs.find((l) => l.msg === msg);
      if (line) return line;
      if (child.exitCode !== null) {
        throw new Error(
          `exited ${child.exitCode} before "${msg}": ${stderr}\n${JSON.stringify(logs)}`,
        );
      }
      if (Date.now() > deadline) throw new Error(`no "${msg}" line: ${JSON.stringify(logs)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitFor,
    url: async () => String((await waitFor("listening")).url),
    kill: (signal) => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls `url` until it answers 200. */
export async function waitReady(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/ready`).catch(() => undefined);
    if (response?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url}/ready did not answer 200`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One GraphQL query over HTTP. */
export async function query(
  url: string,
  text: string,
): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** The value of one sample of a Prometheus text exposition (`name{labels}` as written). */
export function metric(text: string, sample: string): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith(`${sample} `)) return Number(line.slice(sample.length + 1));
  }
  return undefined;
}
