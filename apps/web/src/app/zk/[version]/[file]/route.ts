// The Semaphore circuit files, served by the app itself from the `@zk-kit/semaphore-artifacts`
// package installed beside it (never committed, never a CDN): /zk/<package version>/semaphore-<depth>.
// wasm|zkey. A URL names one version's bytes, so browsers may keep them forever.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  CIRCUIT_FILES_VERSION,
  circuitFileName,
  parseCircuitFileName,
} from "../../../../secret/circuitFiles.ts";

/** Where the package lies, resolved from the app's directory (where `next start` runs). */
function packageDirectory(): string {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(require.resolve("@zk-kit/semaphore-artifacts/package.json"));
}

/**
 * One circuit file, with immutable caching; 404 for any other name or version.
 * @example
 * // fetch("/zk/4.13.0/semaphore-4.wasm")
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ version: string; file: string }> },
): Promise<Response> {
  const { version, file } = await params;
  const parsed = parseCircuitFileName(file);
  if (version !== CIRCUIT_FILES_VERSION || !parsed) {
    return new Response("no such circuit file\n", { status: 404 });
  }
  let bytes: Buffer;
  try {
    const directory = packageDirectory();
    const installed = JSON.parse(await readFile(path.join(directory, "package.json"), "utf8"));
    if (installed.version !== CIRCUIT_FILES_VERSION) {
      return new Response(`circuit files ${installed.version} installed, not ${version}\n`, {
        status: 404,
      });
    }
    bytes = await readFile(path.join(directory, circuitFileName(parsed.depth, parsed.kind)));
  } catch {
    return new Response("circuit file not installed\n", { status: 404 });
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": parsed.kind === "wasm" ? "application/wasm" : "application/octet-stream",
      "content-length": String(bytes.length),
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
