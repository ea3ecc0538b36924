// Runs the service from a checked configuration: `start` (sync → indexer/store → committed feed →
// GraphQL server, one process), `ingest` (the writer alone, under a PostgreSQL advisory lock) and
// `serve` (the API alone, reading what the writer committed).

import { randomBytes } from "node:crypto";
import { deployments } from "@plenum/sdk";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import pg from "pg";
import {
  type Address,
  type Chain,
  type Client,
  createPublicClient,
  http,
  type Transport,
} from "viem";
import { getChainId } from "viem/actions";
import { createExportModule, limitClients } from "../export/module.ts";
import { createCommittedFeed, createGraphQL, createPublishingHandler } from "../graphql/index.ts";
import { createIndexer, type Indexer } from "../indexing/indexer.ts";
import type { Logger } from "../internal/logger.ts";
import { createClientKey } from "../server/clientKey.ts";
import { json } from "../server/json.ts";
import { createMemoryLimiter, type RateLimiter } from "../server/rateLimiter.ts";
import { connectRedis, createRedisLimiter } from "../server/rateLimiterRedis.ts";
import { createServer, type Server } from "../server/server.ts";
import type { ServerEnv, ServerModule } from "../server/types.ts";
import { createStore, type Store } from "../store/store.ts";
import { createSync, type Sync } from "../sync/createSync.ts";
import type { CliConfig } from "./config.ts";
import { createMetricsModule, type StepTiming } from "./metrics.ts";
import { etaSeconds, progressBar } from "./progress.ts";

/** The writer lock's first key ("plnm"); the second is the schema's hash. */
const WRITER_LOCK = 0x706c6e6d;

/**
 * Another `ingest` already writes to this database and schema.
 *
 * @example
 * ```ts
 * if (error instanceof WriterLockedError) process.exit(1);
 * ```
 */
export class WriterLockedError extends Error {
  override name = "WriterLockedError";
  constructor(schema: string) {
    super(
      `another ingest holds the writer lock of schema "${schema}": only one writer runs at a time`,
    );
  }
}

/**
 * A running service: `stop()` ends it cleanly (the step being committed finishes first); `done`
 * settles when the writer stops by itself (a fatal error rejects it).
 *
 * @example
 * ```ts
 * const service = await runService(config, { logger, env: process.env });
 * process.once("SIGTERM", () => void service.stop());
 * await service.done;
 * ```
 */
export interface Service {
  readonly url: string | undefined;
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * How the service reaches its surroundings.
 *
 * @example
 * ```ts
 * const options: RunOptions = { logger: createLogger(), env: process.env };
 * ```
 */
export interface RunOptions {
  logger: Logger;
  env: Record<string, string | undefined>;
}

/**
 * Starts the service as `config.command` says.
 *
 * @example
 * ```ts
 * const service = await runService(loadCliConfig(["start", "--memory"], env), { logger, env });
 * ```
 */
export async function runService(config: CliConfig, options: RunOptions): Promise<Service> {
  const { logger } = options;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        logger.warn("cleanup failed", { error: message(error) });
      }
    }
    cleanups.length = 0;
  };
  try {
    return await assemble(config, options, cleanups, cleanup);
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function assemble(
  config: CliConfig,
  { logger, env }: RunOptions,
  cleanups: (() => Promise<void>)[],
  cleanup: () => Promise<void>,
): Promise<Service> {
  const writes = config.command !== "serve";
  const serves = config.command !== "ingest";
  const client: Client<Transport, Chain | undefined> | undefined = config.rpcUrl
    ? createPublicClient({ transport: http(config.rpcUrl, { batch: true }) })
    : undefined;
  const chainId = client ? (config.chainId ?? (await getChainId(client))) : config.chainId;

  if (writes && config.databaseUrl) cleanups.push(await acquireWriterLock(config, logger));
  const store = await createStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
  });
  cleanups.push(() => store.close());
  logger.info("store open", {
    kind: store.kind,
    dataDir: config.dataDir ?? (config.databaseUrl ? undefined : "(memory)"),
    schema: config.databaseUrl ? config.databaseSchema : undefined,
  });
  const feed = createCommittedFeed({ redisUrl: config.redisUrl, channel: config.redisChannel });
  cleanups.push(() => feed.close());

  const controller = new AbortController();
  let indexer: Indexer | undefined;
  let sync: Sync | undefined;
  let done: Promise<void> = new Promise<void>((resolve) =>
    controller.signal.addEventListener("abort", () => resolve()),
  );
  const ready = async (): Promise<boolean> => {
    if (indexer) return indexer.live;
    // A replica: ready once the writer's last commit reached the head it saw then.
    const [row] = await store.query(
      sql`SELECT block_number, head FROM sync_cursor ORDER BY block_number DESC LIMIT 1`,
    );
    return row !== undefined && BigInt(String(row.block_number)) >= BigInt(String(row.head));
  };
  const metrics = createMetricsModule({
    db: store.db,
    sync: () => sync?.stats,
    indexer: () => indexer?.stats,
    checkFailures: () => indexer?.checker?.failures ?? 0,
    ready,
  });

  if (writes) {
    if (!client || chainId === undefined) throw new Error("the writer needs RPC_URL");
    indexer = createIndexer({
      store,
      chainId,
      client,
      metadata: config.metadata ? { ipfsGateway: config.ipfsGateway } : false,
    });
    const cursor = await indexer.start();
    sync = createSync({
      client,
      webSocketUrl: config.wsUrl,
      chainId,
      factory: config.factory,
      startBlock: config.startBlock,
      finality: config.finalityDepth === undefined ? undefined : { depth: config.finalityDepth },
      chunkSize: config.chunkSize,
      pollingInterval: config.pollingIntervalMs,
      cursor,
      signal: controller.signal,
      logger: logger.child({ component: "sync" }),
    });
    logger.info("indexing starting", {
      chainId,
      resumeAfter: cursor ? Number(cursor.block.number) : undefined,
      factory: config.factory ?? deploymentOf(chainId)?.factory,
    });
    done = follow(sync, indexer, store, feed, logger, metrics.observeStep);
  }

  const modules: ServerModule[] = [];
  if (serves) {
    const yoga = createGraphQL({ store, pubsub: feed, production: config.production });
    modules.push({
      name: "graphql",
      routes: new Hono<ServerEnv>().on(["GET", "POST"], "/graphql", (c) =>
        yoga.fetch(c.req.raw, c.env),
      ),
    });
    modules.push(exportModule(config, store, logger, cleanups));
    if (config.relayer) modules.push(await relayerModule(config, env, chainId, store, logger));
  }
  modules.push({
    name: "ready",
    routes: new Hono<ServerEnv>().get("/ready", async (c) =>
      (await ready())
        ? json(c, 200, { status: "ready" })
        : json(c, 503, { status: writes ? "backfilling" : "waiting for the writer" }),
    ),
  });
  modules.push(metrics);
  const server: Server = createServer({ host: config.host, port: config.port, modules, logger });
  const { url } = await server.start();
  cleanups.push(() => server.close());
  logger.info("listening", {
    url,
    graphql: serves ? `${url}/graphql` : undefined,
    command: config.command,
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      controller.abort();
      // The follower stops at its next await; a step being committed finishes its transaction.
      await done.catch(() => {});
      await indexer?.settle().catch(() => {});
      await cleanup();
    })();
    return stopping;
  };
  return { url, done, stop };
}

/** Feeds the follower's steps to the indexer, one committed transaction each, and announces them. */
async function follow(
  sync: Sync,
  indexer: Indexer,
  store: Store,
  feed: ReturnType<typeof createCommittedFeed>,
  logger: Logger,
  observeStep: (timing: StepTiming) => void,
): Promise<void> {
  const handle = createPublishingHandler(indexer, store, feed);
  let lastProgress = 0;
  let start: { fromBlock: bigint; startedMs: number } | undefined;
  const terminal = process.stderr.isTTY === true;
  await sync.run(async (step) => {
    const started = performance.now();
    const { tallyMs, commitMs } = indexer.stats;
    await handle(step);
    if (step.type === "blocks") {
      observeStep({
        stage: indexer.live ? "live" : "backfill",
        tallyMs: indexer.stats.tallyMs - tallyMs,
        commitMs: indexer.stats.commitMs - commitMs,
        totalMs: performance.now() - started,
      });
    }
    if (step.type === "blocks" && !indexer.live) {
      start ??= { fromBlock: step.fromBlock - 1n, startedMs: Date.now() };
      if (terminal) {
        const eta = etaSeconds(start, step.toBlock.number, step.head, Date.now());
        process.stderr.write(
          `\r${progressBar(step.toBlock.number, step.head, indexer.stats.events, eta)}`,
        );
      }
    }
    if (step.type === "live") {
      if (terminal && start) process.stderr.write("\n");
      // What the backfill cost this process (CPU since start, time in tallies and commits), for
      // the scale bench: CPU time is steadier than wall time on a shared machine.
      const cpu = process.cpuUsage();
      logger.info("ready", {
        head: Number(step.head),
        events: indexer.stats.events,
        revisions: indexer.stats.revisions,
        tallyMs: Math.round(indexer.stats.tallyMs),
        commitMs: Math.round(indexer.stats.commitMs),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      });
    } else if (step.type === "reorg") {
      logger.warn("reorg", { ancestor: Number(step.ancestor.number), depth: step.depth });
    } else if (!indexer.live && Date.now() - lastProgress > 2_000) {
      lastProgress = Date.now();
      logger.info("backfill", {
        block: Number(step.toBlock.number),
        head: Number(step.head),
        events: indexer.stats.events,
        revisions: indexer.stats.revisions,
        etaSeconds: start && etaSeconds(start, step.toBlock.number, step.head, Date.now()),
      });
    }
  });
}

/** Holds PostgreSQL's session advisory lock for this schema on a connection of its own. */
async function acquireWriterLock(config: CliConfig, logger: Logger): Promise<() => Promise<void>> {
  const connection = new pg.Client({ connectionString: config.databaseUrl });
  await connection.connect();
  const { rows } = await connection.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked",
    [WRITER_LOCK, config.databaseSchema],
  );
  if (!rows[0]?.locked) {
    await connection.end();
    throw new WriterLockedError(config.databaseSchema);
  }
  // The lock lives as long as this connection: losing it means another writer may start.
  connection.on("error", (error) =>
    logger.error("writer lock connection lost", { error: message(error) }),
  );
  logger.info("writer lock held", { schema: config.databaseSchema });
  return () => connection.end();
}

/**
 * The bulk export, limited per client (in Redis when REDIS_URL is set, shared by the replicas), its
 * limiter closed with the service.
 */
function exportModule(
  config: CliConfig,
  store: Store,
  logger: Logger,
  cleanups: (() => Promise<void>)[],
): ServerModule {
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const limiter: RateLimiter = redis
    ? createRedisLimiter({
        redis,
        prefix: "plenum:export:client",
        ...config.exportRateLimit,
        logger,
        name: "export",
      })
    : createMemoryLimiter(config.exportRateLimit);
  cleanups.push(async () => {
    await limiter.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
  });
  const clientKey = createClientKey({
    salt: config.clientKeySalt ?? randomBytes(32).toString("hex"),
    trustProxy: config.trustProxy,
  });
  return createExportModule({
    store,
    limitClient: limitClients(limiter, clientKey),
    production: config.production,
    logger: logger.child({ component: "export" }),
  });
}

/**
 * The relayer as a module. Its community list is the indexer's: the communities in the store
 * (reorg-aware, new ones served once indexed), narrowed by COMMUNITIES when that is set.
 */
async function relayerModule(
  config: CliConfig,
  env: Record<string, string | undefined>,
  chainId: number | undefined,
  store: Store,
  logger: Logger,
): Promise<ServerModule> {
  const { createRelayer, createStoreCommunityRegistry, loadRelayerConfig } = await import(
    "../relayer/index.ts"
  );
  const relayerConfig = loadRelayerConfig(relayerEnvironment(env, config), {
    communitiesFrom: "indexer",
  });
  const registry = createStoreCommunityRegistry({
    db: store,
    chainId,
    allowList: relayerConfig.communities,
  });
  return createRelayer(relayerConfig, { logger, registry }).module;
}

/**
 * The environment the relayer's configuration is read from: the indexer's RPC_URL, CHAIN_ID and
 * TRUST_PROXY (the communities come from the indexer's store, so FACTORY is not passed on).
 *
 * @example
 * ```ts
 * loadRelayerConfig(relayerEnvironment(process.env, config));
 * ```
 */
export function relayerEnvironment(
  env: Record<string, string | undefined>,
  config: CliConfig,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  if (config.rpcUrl) out.RPC_URL = config.rpcUrl;
  // The indexer's factory is what the store holds; the relayer scans nothing of its own.
  delete out.FACTORY;
  delete out.FACTORY_START_BLOCK;
  if (config.trustProxy) out.TRUST_PROXY = "1";
  if (config.chainId !== undefined) out.CHAIN_ID = String(config.chainId);
  // The indexer's own port and host; the relayer's are unused when it is mounted.
  delete out.PORT;
  delete out.HOST;
  return out;
}

/** The SDK's deployment record for a chain, if it has one. */
function deploymentOf(chainId: number): { factory: Address; startBlock: number } | undefined {
  return (deployments as Record<string, { factory: Address; startBlock: number } | undefined>)[
    String(chainId)
  ];
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
