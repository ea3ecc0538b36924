#!/usr/bin/env node
// `pnpm test:pack`: the published packages work from their tarballs, outside the workspace.
//
//   1. `pnpm pack` @plenum/contracts, @plenum/sdk and @plenum/indexer (their prepack scripts build
//      dist/ and assemble the Solidity package), then check each tarball's contents: no `workspace:`
//      ranges, no tsx at run time, the entry points and assets present;
//   2. (e) `publint` and `attw --profile esm-only` on each tarball (the packages are ESM-only, so the
//      CommonJS resolutions (node10, node16 from CJS) are not theirs to pass; `import` from ESM under
//      node16 and bundler must be clean);
//   3. installs the tarballs with plain `npm install` into scratch projects under the OS temp folder
//      (dependencies from the npm registry), and a global install into its own prefix;
//   4. (a) a Node ESM script deploys to anvil with deployCore, creates a community, votes, reads the
//      tally and recounts it (scripts/pack-test/app/run.mjs), and the engine entry imports nothing
//      but its own files (no viem, no Node built-ins);
//      (b) scripts/pack-test/app/types.ts typechecks with moduleResolution node16 and bundler;
//      (c) the packed `plenum` bin answers --help (through `npx @plenum/sdk` and the global install)
//      and `verify`s the demo, seeded on this test's own anvil by scripts/dev/run.mts; the packed
//      `plenum-indexer` answers --help;
//      (d) a Foundry project importing @plenum/contracts interfaces compiles (the repository's forge
//      and solc-js shim, the remappings from packages/contracts/README.md).
// Prints each step's duration. Nothing is written inside the workspace but the packages' dist/ and
// the Solidity package's copied folders (all git-ignored).
import { spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnAnvil } from "./lib/anvil.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.join(root, "scripts", "pack-test");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const started = Date.now();
const timings = [];
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

/** Runs a command; resolves with its exit code and output, rejects only if it cannot start. */
function run(command, args, { cwd = root, env = process.env, allowFailure = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      const result = { code, stdout, stderr };
      if (code !== 0 && !allowFailure) {
        reject(
          new Error(
            `${command} ${args.join(" ")} (in ${cwd}) exited with ${code}\n${stdout}\n${stderr}`,
          ),
        );
      } else {
        resolve(result);
      }
    });
  });
}

/** Times a step; its failure fails the test (reported at the end with the others). */
async function step(label, fn) {
  const t = Date.now();
  try {
    return await fn();
  } catch (error) {
    failures.push(`${label}: ${error instanceof Error ? error.message : error}`);
    return undefined;
  } finally {
    timings.push([label, Date.now() - t]);
  }
}

// A scratch folder outside the workspace, so that nothing resolves from the repository's node_modules.
const scratch = mkdtempSync(path.join(os.tmpdir(), "plenum-pack-"));
const tarballs = path.join(scratch, "tarballs");
mkdirSync(tarballs);
mkdirSync(path.join(scratch, "deployments"));
// No PLENUM_* settings from the caller's shell reach the packed CLI.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.startsWith("PLENUM_")),
);
const npmEnv = { ...cleanEnv, npm_config_update_notifier: "false", npm_config_fund: "false" };

// Anvil, as `pnpm dev` starts it (40 funded accounts), on a port it picks itself; seeded while the
// packages build.
const anvil = await spawnAnvil(["--accounts", "40", "--balance", "1000"]);
const { rpcUrl } = anvil;
const stop = () => {
  if (anvil.child.exitCode === null) anvil.child.kill("SIGTERM");
};
process.on("exit", stop);

try {
  const seeded = step("anvil + seed the demo (scripts/dev/run.mts)", async () => {
    await waitForRpc(rpcUrl);
    const { stdout } = await run(bin("tsx"), [
      "scripts/dev/run.mts",
      rpcUrl,
      path.join(scratch, "deployments"),
    ]);
    const result = stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line))
      .find((event) => event.dev === "result");
    if (!result) throw new Error(`the seeder reported no result:\n${stdout}`);
    return result.demo;
  });

  const packed = {};
  const pack = async (name, dir) => {
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", tarballs], {
      cwd: path.join(root, "packages", dir),
    });
    const file = stdout
      .trim()
      .split("\n")
      .findLast((line) => line.endsWith(".tgz"));
    packed[name] = file;
  };
  // The indexer's build reads the SDK's declarations, so it packs after the SDK.
  await Promise.all([
    step("pnpm pack @plenum/contracts", () => pack("contracts", "contracts")),
    step("pnpm pack @plenum/sdk (build)", () => pack("sdk", "sdk")).then(() =>
      step("pnpm pack @plenum/indexer (build)", () => pack("indexer", "indexer")),
    ),
  ]);
  if (Object.keys(packed).length !== 3) throw new Error("not every package was packed");

  // 1. Contents.
  const contents = {};
  await step("tarball contents", async () => {
    for (const [name, file] of Object.entries(packed)) {
      const { stdout } = await run("tar", ["tzf", file]);
      contents[name] = stdout.trim().split("\n");
      const manifest = JSON.parse(
        (await run("tar", ["xzOf", file, "package/package.json"])).stdout,
      );
      const deps = JSON.stringify({ ...manifest.dependencies, ...manifest.peerDependencies });
      check(!deps.includes("workspace:"), `${name}: a workspace: range in its dependencies`);
      check(!("tsx" in (manifest.dependencies ?? {})), `${name}: depends on tsx at run time`);
      check(!("private" in manifest), `${name}: marked private`);
      check(contents[name].includes("package/LICENSE"), `${name}: no LICENSE`);
      check(contents[name].includes("package/README.md"), `${name}: no README.md`);
      for (const entry of contents[name]) {
        check(!/\.test(-d)?\.ts$|\/test\//.test(entry), `${name}: ships a test file ${entry}`);
      }
    }
    const has = (name, entry) =>
      check(contents[name].includes(`package/${entry}`), `${name}: ${entry} is not packed`);
    for (const entry of ["index", "engine/index", "anonymous/index"]) {
      has("sdk", `dist/${entry}.js`);
      has("sdk", `dist/${entry}.d.ts`);
      has("sdk", `dist/${entry}.d.ts.map`);
    }
    has("sdk", "dist/cli/bin.js");
    has("indexer", "dist/plenum-indexer.js");
    has("indexer", "dist/store/migrations/0001_init.sql");
    has("contracts", "interfaces/ILiquidGovernor.sol");
    has("contracts", "abi/LiquidGovernor.json");
    has("contracts", "artifacts/CommunityFactory.json");
    has("contracts", "deployments/31337.json");
  });

  // 2. (e) publint and attw on every tarball (alongside the installs below).
  const linted = step("(e) publint + attw", () =>
    Promise.all(
      Object.entries(packed).flatMap(([name, file]) => [
        run(bin("publint"), ["--strict", file], { allowFailure: true }).then(({ code, stdout }) =>
          check(code === 0 && /All good/.test(stdout), `publint ${name}:\n${stdout}`),
        ),
        run(bin("attw"), [file, "--profile", "esm-only", "--format", "ascii"], {
          allowFailure: true,
        }).then(({ code, stdout, stderr }) =>
          check(code === 0, `attw ${name} exited with ${code}:\n${stdout}${stderr}`),
        ),
      ]),
    ),
  );

  // 3. Scratch projects with plain npm.
  const app = path.join(scratch, "app");
  const foundry = path.join(scratch, "foundry");
  const globalPrefix = path.join(scratch, "global");
  cpSync(path.join(fixtures, "app"), app, { recursive: true });
  cpSync(path.join(fixtures, "foundry"), foundry, { recursive: true });
  writeFileSync(
    path.join(foundry, "foundry.toml"),
    readFileSync(path.join(fixtures, "foundry", "foundry.toml"), "utf8").replace(
      '"SOLC"',
      JSON.stringify(path.join(root, "scripts", "solc.mjs")),
    ),
  );
  const manifest = (name, type) => `${JSON.stringify({ name, private: true, type })}\n`;
  writeFileSync(path.join(app, "package.json"), manifest("plenum-pack-app", "module"));
  writeFileSync(path.join(foundry, "package.json"), manifest("plenum-pack-foundry", "module"));
  const npmInstall = (cwd, args) =>
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...args], {
      cwd,
      env: npmEnv,
    });
  await step("npm install the tarballs (app, foundry, global)", () =>
    Promise.all([
      npmInstall(app, [
        packed.sdk,
        packed.indexer,
        "viem@2.57.1",
        "typescript@5.9.3",
        "@types/node@20.19.43",
      ]),
      npmInstall(foundry, [packed.contracts]),
      npmInstall(scratch, ["--global", "--prefix", globalPrefix, packed.sdk]),
    ]),
  );
  await linted;

  // 4. The checks, side by side: (a) and (c) read and write different accounts and communities.
  await Promise.all([
    // (a) Node ESM: deploy, create, vote, tally.
    step("(a) node run.mjs: deployCore, community, votes, tally", async () => {
      await seeded; // one writer on the chain at a time: the demo's addresses are deterministic
      const { stdout } = await run("node", ["run.mjs", rpcUrl], { cwd: app, env: cleanEnv });
      const result = JSON.parse(stdout.trim().split("\n").at(-1));
      check(result.proposalId === "1", `(a) proposal id ${result.proposalId}, expected 1`);
      // Alice (weight 3) voted For (option 1), Bob (weight 5) Against (option 0).
      check(
        JSON.stringify(result.tallies) === '["5","3"]',
        `(a) tallies ${result.tallies}, expected [5, 3]`,
      );
      check(result.participation === "8", `(a) participation ${result.participation}, expected 8`);
      check(result.verdict === "match", `(a) recount verdict ${result.verdict}, expected match`);
      check(
        JSON.stringify(result.engine) === '["12","3000000000"]',
        `(a) engine ${result.engine}, expected [12, 3000000000]`,
      );
      check(
        result.cursor === null,
        `(a) a fresh store's cursor is ${result.cursor}, expected null`,
      );
    }),
    step("(a) engine entry imports only its own files", async () => {
      const engine = path.join(app, "node_modules", "@plenum", "sdk", "dist", "engine");
      for (const file of readdirSync(engine, { recursive: true })) {
        if (!String(file).endsWith(".js")) continue;
        // Without comments: the TSDoc examples show `import … from "@plenum/sdk/engine"`.
        const text = readFileSync(path.join(engine, String(file)), "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/^\s*\/\/.*$/gm, "");
        for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
          check(
            specifier.startsWith("./") || specifier.startsWith("../"),
            `(a) dist/engine/${file} imports ${specifier}`,
          );
        }
      }
    }),

    // (b) Types, two resolution modes.
    step("(b) tsc: moduleResolution node16 and bundler", () =>
      Promise.all(
        ["node16", "bundler"].map((mode) =>
          run(path.join(app, "node_modules", ".bin", "tsc"), ["-p", `tsconfig.${mode}.json`], {
            cwd: app,
            allowFailure: true,
          }).then(({ code, stdout }) => check(code === 0, `(b) tsc ${mode}:\n${stdout}`)),
        ),
      ),
    ),

    // (c) The packed bins.
    step("(c) plenum --help (npx, global), plenum-indexer --help", async () => {
      const help = [
        await run("npx", ["--no-install", "@plenum/sdk", "--help"], { cwd: app, env: npmEnv }),
        await run(path.join(globalPrefix, "bin", "plenum"), ["--help"], { cwd: scratch }),
      ];
      for (const { stdout } of help) {
        check(stdout.startsWith("plenum: "), `(c) plenum --help printed:\n${stdout}`);
      }
      const indexer = await run(path.join(app, "node_modules", ".bin", "plenum-indexer"), [
        "--help",
      ]);
      check(/plenum-indexer/.test(indexer.stdout), `(c) plenum-indexer --help:\n${indexer.stdout}`);
    }),
    step("(c) plenum verify 1 on the demo", async () => {
      const demo = await seeded;
      if (!demo) return; // the seeding step failed, and said so
      const { code, stdout } = await run(
        path.join(app, "node_modules", ".bin", "plenum"),
        ["verify", "1", "--rpc", rpcUrl, "--json"],
        { cwd: app, env: cleanEnv, allowFailure: true },
      );
      check(code === 0, `(c) plenum verify 1 exited with ${code}:\n${stdout}`);
      const result = JSON.parse(stdout);
      check(result.verdict === "match", `(c) verify 1: verdict ${result.verdict}`);
      // Bill 1 of the demo (scripts/dev/demoData.mts): Against 10, For 77.
      check(
        JSON.stringify(result.onChain?.tallies) === '["10","77"]',
        `(c) verify 1: on-chain tallies ${JSON.stringify(result.onChain?.tallies)}, expected [10, 77]`,
      );
    }),

    // (d) Foundry.
    step("(d) forge build of a project importing @plenum/contracts", async () => {
      await run(path.join(root, "scripts", "forge"), ["build", "--root", foundry], {
        cwd: foundry,
      });
      const artifact = JSON.parse(
        readFileSync(path.join(foundry, "out", "Probe.sol", "Probe.json"), "utf8"),
      );
      check(
        artifact.abi.some((item) => item.name === "tallyOf"),
        "(d) Probe's artifact has no tallyOf",
      );
    }),
  ]);

  // Report: what each package holds and weighs.
  for (const [name, file] of Object.entries(packed)) {
    const { size } = statSync(file);
    const files = contents[name]?.length ?? 0;
    console.log(`${path.basename(file)}: ${files} files, ${(size / 1024).toFixed(1)} kB packed`);
  }
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  stop();
  rmSync(scratch, { recursive: true, force: true });
}

for (const [label, ms] of timings) console.log(`${(ms / 1000).toFixed(1).padStart(6)} s  ${label}`);
console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
if (failures.length > 0) {
  console.error(`\npack test failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("pack test passed");

async function waitForRpc(url) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`anvil did not answer on ${url} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
