// The demo's indexer: `plenum-indexer start` on PGlite in memory, following the demo's anvil, with the
// relayer mounted (anvil's public key #39 pays). scripts/dev.mjs starts it once the core is deployed
// (so PGlite's start overlaps the seeding), waits until it has indexed the seeded chain, and prints
// where it serves GraphQL, with an example query and subscription. Node builtins only.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DevError } from "./rpc.mjs";

/**
 * Settings the indexer and its relayer read from the environment (src/cli/config.ts and
 * src/relayer/config.ts): the demo passes its own as flags, so none of the shell's may change the run
 * (a DATABASE_URL would move it to PostgreSQL).
 */
const INDEXER_VARIABLES = [
  "RPC_URL",
  "WS_URL",
  "DATABASE_URL",
  "DATABASE_SCHEMA",
  "DATA_DIR",
  "MEMORY",
  "REDIS_URL",
  "REDIS_CHANNEL",
  "HOST",
  "PORT",
  "FACTORY",
  "FACTORY_START_BLOCK",
  "START_BLOCK",
  "FINALITY_DEPTH",
  "CHAIN_ID",
  "CHUNK_SIZE",
  "POLLING_INTERVAL",
  "IPFS_GATEWAY",
  "NO_METADATA",
  "PRODUCTION",
  "NODE_ENV",
  "LOG_LEVEL",
  "RELAYER_PRIVATE_KEY",
  "COMMUNITIES",
  "TRUST_PROXY",
];
/**
 * Blocks below the head the demo's indexer treats as final. Deeper than anvil's default (12): the
 * docs test and people reset the demo chain with evm_revert, and a reorg below the finalized block
 * stops an indexer.
 */
export const DEMO_FINALITY_DEPTH = 256;
/** How long the indexer may take to load (tsx, PGlite) and index the seeded chain. */
const READY_TIMEOUT_MS = 180_000;

/**
 * Starts the indexer on `port`. `onExit(error)` is called if it exits by itself (a DevError with its
 * last log lines). Returns the process, its URL and `waitUntilIndexed`.
 */
export function startIndexer({ root, rpcUrl, host, port, relayerKey, onExit }) {
  const url = `http://${host}:${port}`;
  const args = [
    "packages/indexer/bin/plenum-indexer.mjs",
    "start",
    "--rpc-url",
    rpcUrl,
    "--ws-url",
    rpcUrl.replace(/^http/, "ws"),
    "--memory",
    "--host",
    host,
    "--port",
    String(port),
    "--polling-interval",
    "250",
    "--finality-depth",
    String(DEMO_FINALITY_DEPTH),
  ];
  const env = { ...process.env };
  for (const name of INDEXER_VARIABLES) delete env[name];
  delete env.PRIVATE_KEY;
  delete env.MNEMONIC;
  if (relayerKey) env.RELAYER_PRIVATE_KEY = relayerKey;

  const logPath = path.join(os.tmpdir(), `plenum-indexer-${port}.log`);
  const log = createWriteStream(logPath);
  const lines = [];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      log.write(chunk);
      lines.push(...String(chunk).split("\n").filter(Boolean));
      if (lines.length > 200) lines.splice(0, lines.length - 200);
    });
  }
  let exited;
  const died = (why) => {
    exited ??= new DevError(
      `the indexer ${why}.`,
      `Last lines of its log (${logPath}):\n${lines.slice(-15).join("\n")}`,
    );
    onExit(exited);
  };
  child.once("error", (error) => died(`could not start (${error.message})`));
  child.once("exit", (code, signal) => died(`exited (${signal ?? `code ${code}`})`));

  return {
    child,
    url,
    logPath,
    command: [process.execPath, ...args],
    /**
     * Resolves once `/ready` answers 200 and the indexed head has reached `head`; `onProgress` gets
     * what it is doing. Rejects if the indexer exits first or takes longer than READY_TIMEOUT_MS.
     */
    async waitUntilIndexed(head, onProgress) {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      let phase = "loading (tsx, PGlite)";
      while (Date.now() < deadline) {
        if (exited) throw exited;
        onProgress(phase);
        try {
          const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
          if (ready.status === 200) {
            const indexed = await indexedHead(url);
            if (indexed !== undefined && indexed >= head) return indexed;
            phase = `indexed block ${indexed ?? 0} of ${head}`;
          } else {
            phase = "backfilling";
          }
        } catch {
          // Not listening yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      throw new DevError(
        `the indexer did not index the demo within ${READY_TIMEOUT_MS / 1000} s.`,
        `Its log: ${logPath}\n${lines.slice(-10).join("\n")}`,
      );
    },
  };
}

/** The block the indexer has indexed up to (`_meta.block.number`). */
async function indexedHead(url) {
  const { data } = await graphql(url, "{ _meta { block { number } } }");
  return data?._meta?.block?.number;
}

/** One GraphQL request; returns `{ data, errors }`. */
export async function graphql(url, query) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  return response.json();
}

/** The example query the summary prints: the demo's proposals with their latest tally revision. */
export const EXAMPLE_QUERY =
  "{ proposals(orderBy: proposalId) { proposalId title tally { blockNumber tallies participation finalized } } }";

/** The example subscription: a proposal's tally revisions, as they are committed. */
export function exampleSubscription(chainId, community, proposalId) {
  return `subscription { tallyRevisions(proposal: \\"eip155:${chainId}:${community.toLowerCase()}-${proposalId}\\") { replacing revision { blockNumber tallies participation finalized } } }`;
}

/** Prints where the indexer serves, with the example query and subscription (plain shell commands). */
export function printIndexer({ url, chainId, community, relayer, styles: { bold, dim } }) {
  const json = "-H 'content-type: application/json'";
  console.log(
    `\n${bold("Indexer")}  ${url}/graphql ${dim("(GraphiQL in a browser; PGlite in memory, rebuilt on every start)")}`,
  );
  console.log(`  ${dim("# the proposals with their latest tally revision")}`);
  console.log(`  curl -s ${url}/graphql ${json} -d '{"query":"${EXAMPLE_QUERY}"}'`);
  console.log(
    `  ${dim("# bill 2's tally revisions as they happen (vote as above in another terminal)")}`,
  );
  console.log(
    `  curl -sN ${url}/graphql ${json} -H 'accept: text/event-stream' -d '{"query":"${exampleSubscription(chainId, community, 2)}"}'`,
  );
  console.log(`  ${dim("# the same, through the CLI")}`);
  console.log(`  pnpm plenum tally 2 --watch --indexer ${url}`);
  if (relayer) {
    console.log(
      `  ${dim(`relayer: ${url}/v1 (anonymous and signed ballots; anvil's key #39 pays): plenum vote … --anonymous --relayer ${url}`)}`,
    );
  }
}
