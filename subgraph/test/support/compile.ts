// Compiles a test entry the way `graph build` compiles a mapping: graph-cli's own AssemblyScript
// (0.19.23) with the flags of graph-cli's compiler/asc.js, graph-ts's global.ts, and the same lib
// directories (every node_modules above the subgraph).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const subgraphDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(subgraphDir, "package.json"));
const graphCli = dirname(require.resolve("@graphprotocol/graph-cli/package.json"));
const cliRequire = createRequire(join(graphCli, "package.json"));

/** The asc flags graph-cli 0.98.1 passes (dist/compiler/asc.js), in order. */
export function ascArguments(input: string, output: string): string[] {
  const libs: string[] = [];
  for (let dir = subgraphDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) libs.push(join(dir, "node_modules"));
    if (dirname(dir) === dir) break;
  }
  const globals = join("@graphprotocol", "graph-ts", "global", "global.ts");
  const lib = libs.find((l) => existsSync(join(l, globals)));
  if (!lib) throw new Error("graph-ts not found");
  return [
    "--explicitStart",
    "--exportRuntime",
    "--runtime",
    "stub",
    relative(subgraphDir, input),
    relative(subgraphDir, join(lib, globals)),
    "--baseDir",
    subgraphDir,
    "--lib",
    libs.join(","),
    "--outFile",
    relative(subgraphDir, output),
    "--optimize",
    "--debug",
  ];
}

/** graph codegen's output (generated/), made from the rendered manifest if it is missing or stale. */
export function ensureCodegen(): void {
  const generated = join(subgraphDir, "generated", "schema.ts");
  const inputs = ["schema.graphql", "subgraph.template.yaml"].map((f) => join(subgraphDir, f));
  const fresh =
    existsSync(generated) &&
    inputs.every((f) => statSync(f).mtimeMs <= statSync(generated).mtimeMs);
  if (fresh) return;
  execFileSync(process.execPath, [join(subgraphDir, "scripts", "render.mjs")], {
    cwd: subgraphDir,
    stdio: "pipe",
  });
  execFileSync(
    process.execPath,
    [join(graphCli, "bin", "run.js"), "codegen", "subgraph.yaml", "--output-dir", "generated"],
    { cwd: subgraphDir, stdio: "pipe" },
  );
}

function sourcesHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ["src", "generated", "test/as"]) walk(join(subgraphDir, dir));
  return hash.digest("hex").slice(0, 16);
}

/** Compiles `test/as/<entry>.ts` (cached by the hash of every AssemblyScript source) and loads it. */
export async function compileEntry(entry: string): Promise<WebAssembly.Module> {
  ensureCodegen();
  const out = join(subgraphDir, "test", ".wasm", `${entry}-${sourcesHash()}.wasm`);
  if (!existsSync(out)) {
    mkdirSync(dirname(out), { recursive: true });
    // Written aside, then renamed: a reader never sees half a module.
    const partial = `${out}.${process.pid}.tmp`;
    const asc = cliRequire("assemblyscript/cli/asc");
    await asc.ready;
    const messages: string[] = [];
    const stream = { write: (chunk: string | Uint8Array) => messages.push(String(chunk)) };
    const code = await new Promise<number>((done) => {
      // Paths are relative to --baseDir, as graph-cli passes them.
      asc.main(
        ascArguments(join(subgraphDir, "test", "as", `${entry}.ts`), partial),
        { stdout: stream, stderr: stream },
        (error: Error | null) => {
          if (error) messages.push(String(error));
          done(error ? 1 : 0);
          return 0;
        },
      );
    });
    if (code !== 0 || !existsSync(partial)) {
      throw new Error(`asc failed for ${entry}:\n${messages.join("")}`);
    }
    renameSync(partial, out);
  }
  return new WebAssembly.Module(readFileSync(out));
}
