// A large export over a real HTTP server, on PGlite and PostgreSQL: 30,000 ballot events stream in
// full and in order, the first bytes arrive before the last page is read, a client that stops
// reading stops the reads (backpressure), and one that goes away stops them for good.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExportModule } from "../../src/export/module.ts";
import { createServer, type Server } from "../../src/server/server.ts";
import { emptyRows } from "../../src/store/rows.ts";
import type { Store } from "../../src/store/store.ts";
import { counting } from "../graphql/client.ts";
import { account, block, C, commitWorld, hash, P1 } from "../graphql/world.ts";
import { BACKENDS, freshStore } from "../store/backends.ts";
import { quietLogger } from "./support.ts";

const ROWS = 30_000;
const PAGE = 1000;
const PAGES = ROWS / PAGE + 6 / PAGE; // the world's 6 ballot events share the first page

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)("a large export on %s", (backend) => {
  let store: Store;
  let server: Server;
  let url: string;
  const db = { statements: 0, query: undefined as unknown as Store["query"] };

  beforeAll(async () => {
    store = await freshStore(backend);
    await commitWorld(store);
    const rows = emptyRows();
    const at = block(6n);
    for (let i = 0; i < ROWS; i++) {
      rows.ballotEvents.push({
        id: `${C}-6-${String(i).padStart(6, "0")}`,
        proposal: P1,
        community: C,
        ballotKey: account(0x1000 + i),
        voter: account(0x1000 + i),
        nullifier: null,
        kind: "cast",
        option: i % 3,
        abstain: false,
        votes: null,
        blockNumber: 6n,
        blockTimestamp: at.timestamp,
        logIndex: i,
        transactionHash: hash(i, "e"),
      });
    }
    await store.commitStep({ toBlock: at, blocks: [at], finalized: 4n, head: 6n }, rows);
    const counter = counting(store);
    Object.defineProperty(db, "statements", { get: () => counter.statements });
    db.query = counter.query;
    server = createServer({
      modules: [createExportModule({ store: db, maxConcurrent: 1, logger: quietLogger })],
      logger: quietLogger,
    });
    ({ url } = await server.start());
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it("streams every row in order, the first bytes before the last page is read", async () => {
    const before = db.statements;
    const started = performance.now();
    const response = await fetch(`${url}/export/ballotEvents.ndjson?columns=id,voter,option`);
    expect(response.status).toBe(200);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    let firstByteMs: number | undefined;
    let statementsAtFirstByte = 0;
    let lines = 0;
    let previous = "";
    let heapPeak = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (firstByteMs === undefined) {
        firstByteMs = performance.now() - started;
        statementsAtFirstByte = db.statements - before;
      }
      text += decoder.decode(value, { stream: true });
      const end = text.lastIndexOf("\n");
      for (const line of text.slice(0, end + 1).split("\n")) {
        if (line === "") continue;
        const row = JSON.parse(line) as { id: string };
        expect(row.id > previous).toBe(true);
        previous = row.id;
        lines++;
      }
      text = text.slice(end + 1);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
    }
    const totalMs = performance.now() - started;
    expect(text).toBe("");
    expect(lines).toBe(ROWS + 6);
    expect(previous).toBe(`${C}-6-029999`);
    // One statement for the head, then one per page (the last one short).
    expect(db.statements - before).toBe(1 + Math.ceil(PAGES));
    // The first bytes arrive before the last page is read (on PGlite the reads share this process's
    // event loop with the client, so the client sees them later than over a network).
    expect(statementsAtFirstByte).toBeLessThan(1 + Math.ceil(PAGES));
    console.info(
      `${backend}: ${lines} rows in ${Math.round(totalMs)} ms, first bytes after ${Math.round(firstByteMs ?? 0)} ms, heap growth peak ${(heapPeak / 2 ** 20).toFixed(1)} MiB, ${statementsAtFirstByte} statements before the first bytes`,
    );
  });

  it("reads no further than the client takes, and stops when the client goes away", async () => {
    const before = db.statements;
    const abort = new AbortController();
    const response = await fetch(`${url}/export/ballotEvents.csv`, { signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    // The client stops reading: the socket's buffers fill, then the server stops reading pages.
    await sleep(1_500);
    const stalled = db.statements - before;
    await sleep(1_000);
    expect(db.statements - before).toBe(stalled);
    expect(stalled).toBeLessThan(Math.ceil(PAGES));
    // The client goes away: no statement after that.
    abort.abort();
    await sleep(500);
    const after = db.statements;
    await sleep(1_000);
    expect(db.statements).toBe(after);
    // Its slot is free again (maxConcurrent is 1).
    const next = await fetch(`${url}/export/ballots.ndjson?columns=id&block=5`);
    expect(next.status).toBe(200);
    expect((await next.text()).trim().split("\n")).toHaveLength(2);
    console.info(
      `${backend}: a stalled client held the export at ${stalled - 1} of ${Math.ceil(PAGES)} pages`,
    );
  });

  it("refuses a second export while one streams, with 503 OVERLOADED and Retry-After", async () => {
    const first = await fetch(`${url}/export/ballotEvents.ndjson`);
    const reader = (first.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const second = await fetch(`${url}/export/ballots.ndjson`);
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("1");
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("OVERLOADED");
    await reader.cancel();
    await sleep(300);
    const [row] = await store.query(sql`SELECT count(*) AS n FROM ballot_events`);
    expect(Number(row?.n)).toBe(ROWS + 6);
  });
});
