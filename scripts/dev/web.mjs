// The demo's web app (apps/web): `next start` when a production build exists that is newer than every
// source it was built from (the app's and the SDK's), otherwise `next dev`, which starts at once and
// compiles each page on its first visit. A production build is not made here: on this project's
// 2-core machines it takes about 1 min 45 s, while `next dev` serves the agenda about 20 s after
// starting; `pnpm --filter @plenum/web build` once makes later starts use `next start`.
// scripts/dev.mjs starts it as soon as anvil answers (it needs no chain until a page is opened), and
// waits until it serves the agenda. Node builtins only.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DevError } from "./rpc.mjs";

/** How long the web app may take to serve its first page (a `next dev` compile on a busy machine). */
const READY_TIMEOUT_MS = 300_000;
/** What the app's build depends on: a newer file here makes the build stale. */
const SOURCES = [
  "apps/web/src",
  "apps/web/package.json",
  "apps/web/next.config.ts",
  "apps/web/tsconfig.json",
  "packages/sdk/src",
  "packages/sdk/package.json",
];

/**
 * How to serve the app: `requested` (DEV_WEB: `dev`, `start`, `off`) or, by default, `start` when
 * the production build is fresh and `dev` otherwise; with the reason, for the summary.
 * @example
 * webMode(root, undefined) // { mode: "dev", why: "no production build (apps/web/.next)" }
 */
export function webMode(root, requested) {
  if (requested === "off") return { mode: "off", why: "DEV_WEB=off" };
  if (requested === "dev") return { mode: "dev", why: "DEV_WEB=dev" };
  const built = buildTime(root);
  if (requested === "start") {
    if (built === undefined) {
      throw new DevError(
        "DEV_WEB=start, but the web app has no production build.",
        "Build it first: pnpm --filter @plenum/web build",
        2,
      );
    }
    return { mode: "start", why: "DEV_WEB=start" };
  }
  if (requested !== undefined && requested !== "" && requested !== "auto") {
    throw new DevError(`DEV_WEB=${requested}: expected auto, dev, start or off.`, undefined, 2);
  }
  if (built === undefined) return { mode: "dev", why: "no production build in apps/web/.next" };
  const newest = newestSource(root);
  if (newest && newest.time > built) {
    return { mode: "dev", why: `the production build is older than ${newest.file}` };
  }
  return { mode: "start", why: "the production build is up to date" };
}

/** When the production build was made (ms), if there is one. */
export function buildTime(root) {
  const id = path.join(root, "apps/web/.next/BUILD_ID");
  return existsSync(id) ? statSync(id).mtimeMs : undefined;
}

/** The most recently modified source file the build depends on. */
export function newestSource(root) {
  let newest;
  const visit = (file) => {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file))
        if (entry !== "node_modules") visit(path.join(file, entry));
    } else if (!/\.test(-d)?\.tsx?$/.test(file) && (!newest || stat.mtimeMs > newest.time)) {
      newest = { file: path.relative(root, file), time: stat.mtimeMs };
    }
  };
  for (const source of SOURCES) {
    const full = path.join(root, source);
    if (existsSync(full)) visit(full);
  }
  return newest;
}

/**
 * Starts the web app (`next start` or `next dev`) on `port`, configured for the demo chain, RPC and
 * indexer. `onExit(error)` is called if it exits by itself. Returns its URL, `waitUntilServing` and
 * `stop` (which ends Next's whole process group).
 */
export function startWeb({ root, mode, host, port, rpcUrl, indexerUrl, chainId, onExit }) {
  const url = `http://${host}:${port}`;
  const args =
    mode === "dev"
      ? ["dev", "-H", host, "-p", String(port)]
      : ["start", "-H", host, "-p", String(port)];
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PLENUM_CHAIN_ID: String(chainId),
    PLENUM_RPC_URL: rpcUrl,
    PLENUM_INDEXER_URL: indexerUrl,
  };
  delete env.PLENUM_COMMUNITY;
  delete env.NODE_ENV;
  delete env.PORT;
  const logPath = path.join(os.tmpdir(), `plenum-web-${port}.log`);
  const log = createWriteStream(logPath);
  const lines = [];
  const bin = path.join(root, "apps/web/node_modules/.bin/next");
  // Its own process group: `next dev` starts workers that must stop with it.
  const child = spawn(bin, args, {
    cwd: path.join(root, "apps/web"),
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      log.write(chunk);
      lines.push(...String(chunk).split("\n").filter(Boolean));
      if (lines.length > 200) lines.splice(0, lines.length - 200);
    });
  }
  let exited;
  let stopping = false;
  const died = (why) => {
    if (stopping) return;
    exited ??= new DevError(
      `the web app ${why}.`,
      `Last lines of its log (${logPath}):\n${lines.slice(-15).join("\n")}`,
    );
    onExit(exited);
  };
  child.once("error", (error) => died(`could not start (${error.message}); run \`pnpm install\``));
  child.once("exit", (code, signal) => died(`exited (${signal ?? `code ${code}`})`));

  return {
    child,
    url,
    logPath,
    command: [bin, ...args],
    /** Resolves once the agenda page answers 200; rejects if Next exits or takes too long. */
    async waitUntilServing(onProgress) {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      const started = Date.now();
      while (Date.now() < deadline) {
        if (exited) throw exited;
        onProgress(
          mode === "dev"
            ? `next dev compiling the agenda, ${Math.round((Date.now() - started) / 1000)} s`
            : "next start",
        );
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
          if (response.status === 200) return;
        } catch {
          // Not listening yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new DevError(
        `the web app did not serve its first page within ${READY_TIMEOUT_MS / 1000} s.`,
        `Its log: ${logPath}\n${lines.slice(-10).join("\n")}`,
      );
    },
    /** Stops Next and its workers; resolves once the process has exited. */
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", () => resolve(true)));
      const signal = (name) => {
        try {
          process.kill(-child.pid, name);
        } catch {
          // Already gone.
        }
      };
      signal("SIGTERM");
      if (!(await Promise.race([gone, new Promise((r) => setTimeout(() => r(false), 5000))]))) {
        signal("SIGKILL");
        await gone;
      }
    },
  };
}
