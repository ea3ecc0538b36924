// Prometheus metrics of the running service, read at scrape time from the counters the follower and
// the indexer keep and from the store's status (so `serve` replicas report what the writer committed).
import { Hono } from "hono";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { IndexerStats } from "../indexing/indexer.ts";
import { indexingStatus } from "../indexing/status.ts";
import type { ServerEnv, ServerModule } from "../server/types.ts";
import type { StoreDb } from "../store/database.ts";
import type { SyncStats } from "../sync/rpc.ts";

/**
 * What the metrics read: the store always, the writer's counters when this process writes.
 *
 * @example
 * ```ts
 * const sources: MetricsSources = { db: store.db, sync: () => sync.stats, indexer: () => indexer.stats };
 * ```
 */
export interface MetricsSources {
  db: StoreDb;
  sync?: (() => SyncStats | undefined) | undefined;
  indexer?: (() => IndexerStats | undefined) | undefined;
  /** Metadata fetch / tally check failures of this process (the checker's count). */
  checkFailures?: (() => number) | undefined;
  ready: () => Promise<boolean>;
}

/** A counter whose value is read at scrape time from a total kept elsewhere. */
function mirroredCounter(
  registry: Registry,
  name: string,
  help: string,
  read: () => number | undefined,
): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      this.reset();
      if (value !== undefined && value > 0) this.inc(value);
    },
  });
}

/**
 * How long one committed `blocks` step took, by phase: computing its tally revisions, committing it
 * to the database, and in all (handlers, revisions, commit, and announcing it to subscribers).
 * During the backfill a step spans many blocks; once live, usually one: `stage: "live"` is what a
 * vote waits for between its block reaching the indexer and subscribers hearing of it.
 *
 * @example
 * ```ts
 * metrics.observeStep({ stage: "live", tallyMs: 3.1, commitMs: 2.4, totalMs: 7.9 });
 * ```
 */
export interface StepTiming {
  stage: "backfill" | "live";
  tallyMs: number;
  commitMs: number;
  totalMs: number;
}

/**
 * The `/metrics` module (Prometheus text format), with the process's default metrics.
 *
 * @example
 * ```ts
 * createServer({ modules: [createMetricsModule({ db: store.db, ready: async () => indexer.live })] });
 * ```
 */
export function createMetricsModule(
  sources: MetricsSources,
): ServerModule & { registry: Registry; observeStep(timing: StepTiming): void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "plenum_indexer_process_" });
  const status = { head: 0, indexed: 0, finalized: 0, checked: 0, mismatches: 0 };
  const readStatus = async () => {
    const s = await indexingStatus(sources.db);
    status.head = Number(s.head ?? 0n);
    status.indexed = Number(s.block?.number ?? 0n);
    status.finalized = Number(s.finalized ?? 0n);
    status.checked = s.checked;
    status.mismatches = s.mismatches;
  };
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  // The route reads the store's status once per scrape, before the registry collects.
  gauge(
    "plenum_indexer_head_block",
    "The chain head the writer last saw (from the store's cursor).",
    () => status.head,
  );
  gauge(
    "plenum_indexer_indexed_block",
    "The last block committed to the store.",
    () => status.indexed,
  );
  gauge(
    "plenum_indexer_finalized_block",
    "The last final block at the last commit.",
    () => status.finalized,
  );
  gauge(
    "plenum_indexer_head_lag_blocks",
    "Blocks between the head the writer saw and the last committed block.",
    () => Math.max(0, status.head - status.indexed),
  );
  gauge(
    "plenum_indexer_tally_checks",
    "Finalized revisions checked against proposalTally.",
    () => status.checked,
  );
  gauge(
    "plenum_indexer_tally_mismatches",
    "Finalized revisions whose tally differs from the contract's proposalTally.",
    () => status.mismatches,
  );
  new Gauge({
    name: "plenum_indexer_ready",
    help: "1 once the backfill reached the head (what /ready answers).",
    registers: [registry],
    async collect() {
      this.set((await sources.ready()) ? 1 : 0);
    },
  });
  const sync = () => sources.sync?.();
  const indexer = () => sources.indexer?.();
  new Counter({
    name: "plenum_indexer_sync_steps_total",
    help: "Steps the follower emitted, by type (blocks, reorg, live).",
    labelNames: ["type"],
    registers: [registry],
    collect() {
      const steps = sync()?.steps;
      this.reset();
      if (!steps) return;
      for (const type of ["blocks", "reorg", "live"] as const) this.inc({ type }, steps[type]);
    },
  });
  mirroredCounter(
    registry,
    "plenum_indexer_steps_committed_total",
    "Block steps committed.",
    () => indexer()?.steps,
  );
  mirroredCounter(
    registry,
    "plenum_indexer_events_total",
    "Events indexed.",
    () => indexer()?.events,
  );
  mirroredCounter(
    registry,
    "plenum_indexer_revisions_total",
    "Tally revisions written.",
    () => indexer()?.revisions,
  );
  mirroredCounter(
    registry,
    "plenum_indexer_reorgs_total",
    "Reorgs rolled back.",
    () => indexer()?.reorgs,
  );
  mirroredCounter(
    registry,
    "plenum_indexer_rpc_requests_total",
    "RPC requests sent.",
    () => sync()?.requests,
  );
  mirroredCounter(
    registry,
    "plenum_indexer_rpc_errors_total",
    "RPC requests that failed (then retried, split or given up).",
    () => sync()?.failures,
  );
  mirroredCounter(
    registry,
    "plenum_indexer_rpc_splits_total",
    "eth_getLogs ranges split because the node refused them.",
    () => sync()?.splits,
  );
  mirroredCounter(
    registry,
    "plenum_indexer_tally_check_failures_total",
    "Tally checks that could not be made (RPC failures; retried later).",
    () => sources.checkFailures?.(),
  );
  const routes = new Hono<ServerEnv>();
  routes.get("/metrics", async (c) => {
    await readStatus();
    const body = await registry.metrics();
    return c.body(body, 200, { "content-type": registry.contentType });
  });
  const steps = new Histogram({
    name: "plenum_indexer_step_seconds",
    help: "Committed block steps by stage (backfill, live) and phase: tally (revisions), commit (database), total (handlers to announcement).",
    labelNames: ["stage", "phase"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const observeStep = ({ stage, tallyMs, commitMs, totalMs }: StepTiming) => {
    steps.observe({ stage, phase: "tally" }, tallyMs / 1000);
    steps.observe({ stage, phase: "commit" }, commitMs / 1000);
    steps.observe({ stage, phase: "total" }, totalMs / 1000);
  };
  return { name: "metrics", routes, registry, observeStep };
}
