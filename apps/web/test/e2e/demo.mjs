// A fresh demo for the browser test: `scripts/dev.mjs` (anvil, the seeded community, the indexer and
// the web app with `next start`) on fixed ports, stopped with SIGTERM as Ctrl-C would.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** What dev.mjs prints once everything runs. */
const READY_TEXT = "anvil is running";
const READY_TIMEOUT_MS = 8 * 60_000;

/**
 * Starts the demo and resolves once it is ready, with its URLs and `stop()`.
 * @example
 * const demo = await startDemo(root, { anvil: 9245, indexer: 9248, web: 9230 });
 * console.log(demo.urls.web);
 * await demo.stop();
 */
export async function startDemo(root, ports) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "plenum-web-e2e-"));
  const reportFile = path.join(scratch, "report.json");
  const child = spawn(process.execPath, ["scripts/dev.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      DEV_PORT: String(ports.anvil),
      DEV_INDEXER_PORT: String(ports.indexer),
      DEV_WEB_PORT: String(ports.web),
      DEV_WEB: "start",
      DEV_REPORT: reportFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? code)),
  );
  let finished = false;
  exited.then(() => {
    finished = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!finished && !output.includes(READY_TEXT) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!output.includes(READY_TEXT)) {
    child.kill("SIGTERM");
    await exited;
    throw new Error(`the demo did not start:\n${output.slice(-3000)}`);
  }
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  return {
    urls: report.urls,
    output,
    async stop() {
      if (!finished) child.kill("SIGTERM");
      const code = await exited;
      rmSync(scratch, { recursive: true, force: true });
      return code;
    },
  };
}
