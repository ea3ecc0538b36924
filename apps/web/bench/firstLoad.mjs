// First-load JavaScript per route, from the production build's manifests: the root main files of
// `build-manifest.json` (Next's runtime, React) plus the entry chunks each route's client reference
// manifest lists for its layouts and page, each file gzipped (level 9) once and summed. Chunks a
// route loads later on demand (`next/dynamic`, `import()`, the prover worker) are not counted.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * First-load JS of every app route of the build in `nextDir` (apps/web/.next), largest first.
 * @example
 * const routes = firstLoadJs("apps/web/.next");
 * // [{ route: "/proposals/[id]", files: 13, bytes: 621_000, gzipBytes: 198_000 }, …]
 */
export function firstLoadJs(nextDir) {
  const build = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8"));
  const gzipped = new Map();
  const size = (file) => {
    if (!gzipped.has(file)) {
      const bytes = readFileSync(path.join(nextDir, file));
      gzipped.set(file, { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
    }
    return gzipped.get(file);
  };
  const routes = [];
  for (const manifest of findFiles(
    path.join(nextDir, "server/app"),
    "page_client-reference-manifest.js",
  )) {
    // The manifest is a script assigning globalThis.__RSC_MANIFEST[<entry>]; run it in a sandbox.
    const sandbox = { globalThis: {} };
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(manifest, "utf8"), sandbox);
    for (const [entry, content] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
      const files = new Set(build.rootMainFiles);
      for (const chunks of Object.values(content.entryJSFiles ?? {})) {
        for (const chunk of chunks) files.add(chunk);
      }
      let bytes = 0;
      let gzipBytes = 0;
      for (const file of files) {
        const one = size(file);
        bytes += one.bytes;
        gzipBytes += one.gzipBytes;
      }
      const route = entry.replace(/\/page$/, "") || "/";
      routes.push({ route, files: files.size, bytes, gzipBytes });
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

function findFiles(dir, name) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(full, name);
    return entry.name === name ? [full] : [];
  });
}
