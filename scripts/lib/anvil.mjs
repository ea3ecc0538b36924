// Starts anvil on a port it picks itself and reports the port it printed, so that parallel test files
// never race for one: picking a free port in Node, closing it and passing it to anvil leaves a window
// in which another process may take it, and a file whose anvil then fails to bind would talk to
// another file's chain. One module for every harness (SDK and indexer tests, scripts).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Anvil exited or did not say where it listens in time. */
export class AnvilStartError extends Error {
  name = "AnvilStartError";
}

/**
 * Spawns `scripts/anvil` with `--port <port ?? 0> --host 127.0.0.1` and `args`, and resolves once it
 * prints "Listening on 127.0.0.1:<port>". Its stdout (one line per RPC call, as `--silent` is not
 * passed: anvil would not print the port either) is drained and dropped; stderr is kept for errors.
 *
 * @example
 * const anvil = await spawnAnvil(["--accounts", "40"]);
 * console.log(anvil.rpcUrl); // http://127.0.0.1:41237
 * await anvil.stop();
 */
export function spawnAnvil(args = [], options = {}) {
  const child = spawn(
    join(root, "scripts", "anvil"),
    ["--port", String(options.port ?? 0), "--host", "127.0.0.1", ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  // A test file that times out never reaches its afterAll: anvil must not outlive the process.
  const orphan = () => child.kill("SIGTERM");
  process.once("exit", orphan);
  child.once("exit", () => process.off("exit", orphan));
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let settled = false;
    const fail = (message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(new AnvilStartError(`${message}\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr}`));
    };
    const timer = setTimeout(
      () => fail(`anvil did not report its port within ${options.startTimeoutMs ?? 30_000} ms`),
      options.startTimeoutMs ?? 30_000,
    );
    child.once("error", (error) => fail(`anvil could not start: ${error.message}`));
    child.once("exit", (code, signal) => fail(`anvil exited (${code ?? signal}) before listening`));
    const onData = (chunk) => {
      stdout += String(chunk);
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(stdout);
      if (!match || settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stdout.resume();
      const port = Number(match[1]);
      resolve({ child, port, rpcUrl: `http://127.0.0.1:${port}`, stop });
    };
    child.stdout.on("data", onData);
  });
}
