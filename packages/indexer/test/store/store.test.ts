// The store on PGlite and on PostgreSQL: migrations, exact 256-bit values, steps that commit all or
// nothing, rollback, and the cursor a follower resumes from.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableColumns, sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import type { Hash } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/store/migrate.ts";
import { emptyRows, type StepRows } from "../../src/store/rows.ts";
import * as schema from "../../src/store/schema.ts";
import {
  createStore,
  insertStatements,
  RollbackBelowFinalizedError,
  type Store,
} from "../../src/store/store.ts";
import type { BlockRef } from "../../src/sync/types.ts";
import { BACKENDS, dumpStore, freshStore } from "./backends.ts";

const MAX_UINT256 = 2n ** 256n - 1n;
const hash = (n: bigint | number, salt = "a"): Hash =>
  `0x${salt.repeat(2)}${BigInt(n).toString(16).padStart(62, "0")}` as Hash;
const block = (n: bigint, salt = "a"): BlockRef => ({
  number: n,
  hash: hash(n, salt),
  parentHash: hash(n - 1n, salt),
  timestamp: 1_700_000_000n + n * 12n,
});
const COMMUNITY = "eip155:31337:0x00000000000000000000000000000000000000c0";
const REVISION: StepRows["tallyRevisions"][number] = {
  id: "dup",
  proposal: "p",
  community: COMMUNITY,
  blockNumber: 8n,
  blockHash: hash(8),
  blockTimestamp: 8n,
  tallies: [1n],
  abstain: 0n,
  participation: 1n,
  totalMass: 1n,
  idleMass: 0n,
  tie: false,
  ballots: 1,
  groupMismatch: false,
};

/** A step of one member event per block in [from, to]. */
function memberRows(from: bigint, to: bigint, salt = "a"): StepRows {
  const rows = emptyRows();
  for (let n = from; n <= to; n++) {
    rows.memberEvents.push({
      id: `${COMMUNITY}-${n}-0`,
      community: COMMUNITY,
      member: `${COMMUNITY}-0x${n.toString(16).padStart(40, "0")}`,
      account: `eip155:31337:0x${n.toString(16).padStart(40, "0")}`,
      kind: "added",
      weight: n === to ? MAX_UINT256 : n,
      previousWeight: 0n,
      blockNumber: n,
      blockTimestamp: block(n).timestamp,
      logIndex: 0,
      transactionHash: hash(n, salt),
    });
  }
  return rows;
}

async function commit(store: Store, from: bigint, to: bigint, finalized: bigint, salt = "a") {
  const blocks: BlockRef[] = [];
  for (let n = from; n <= to; n++) blocks.push(block(n, salt));
  await store.commitStep(
    { toBlock: block(to, salt), blocks, finalized, head: to },
    memberRows(from, to, salt),
  );
}

describe("store on a PGlite data directory", () => {
  it("survives a restart: same rows, same cursor, migrations not run again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "plenum-store-"));
    try {
      const first = await createStore({ dataDir: dir });
      await commit(first, 1n, 6n, 3n);
      const dump = await dumpStore(first);
      const cursor = await first.loadCursor();
      await first.close();
      const second = await createStore({ dataDir: dir });
      expect(await dumpStore(second)).toEqual(dump);
      expect(await second.loadCursor()).toEqual(cursor);
      expect(await migrate(second)).toEqual([]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)("store on %s", (backend) => {
  let store: Store;
  afterEach(async () => {
    await store?.close();
  });

  it("migrate() creates every column schema.ts declares and runs once", async () => {
    store = await freshStore(backend);
    expect(await migrate(store)).toEqual([]);
    for (const table of Object.values(schema.chainTables).concat([
      schema.blocks,
      schema.metadataDocuments,
    ] as never[])) {
      const { name } = getTableConfig(table);
      const rows = await store.query(
        sql`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = ${name} AND table_schema = current_schema() ORDER BY column_name`,
      );
      const declared = Object.values(getTableColumns(table))
        .map((c) => ({ column_name: c.name, is_nullable: c.notNull ? "NO" : "YES" }))
        .sort((a, b) => a.column_name.localeCompare(b.column_name));
      expect(
        rows.map((r) => ({ column_name: r.column_name, is_nullable: r.is_nullable })),
        name,
      ).toEqual(declared);
    }
  });

  it("keeps 256-bit values and numeric arrays exact", async () => {
    store = await freshStore(backend);
    const rows = emptyRows();
    rows.tallyRevisions.push({
      id: "r",
      proposal: "p",
      community: COMMUNITY,
      blockNumber: 9_007_199_254_740_993n,
      blockHash: hash(1),
      blockTimestamp: 1n,
      tallies: [MAX_UINT256, 0n, 12_345_678_901_234_567_890n],
      abstain: MAX_UINT256 - 1n,
      participation: 3n,
      totalMass: MAX_UINT256,
      idleMass: 0n,
      quorum: null,
      quorumBps: null,
      quorumMet: null,
      leader: null,
      tie: false,
      passing: null,
      ballots: 0,
      groupMismatch: false,
    });
    await store.commitStep({ toBlock: block(1n), blocks: [], finalized: 0n, head: 1n }, rows);
    const [row] = await store.db.select().from(schema.tallyRevisions);
    expect(row?.tallies).toEqual([MAX_UINT256, 0n, 12_345_678_901_234_567_890n]);
    expect(row?.abstain).toBe(MAX_UINT256 - 1n);
    expect(row?.blockNumber).toBe(9_007_199_254_740_993n);
  });

  it("commitStep() that fails in its last insert leaves the store at the previous cursor", async () => {
    store = await freshStore(backend);
    await commit(store, 1n, 5n, 2n);
    const before = await dumpStore(store);
    const cursor = await store.loadCursor();
    const rows = memberRows(6n, 8n);
    // The last table written (tally revisions) gets two rows with one id: a primary key violation
    // after every other row of the step was inserted.
    rows.tallyRevisions.push(REVISION, REVISION);
    await expect(
      store.commitStep(
        { toBlock: block(8n), blocks: [block(6n), block(7n)], finalized: 5n, head: 8n },
        rows,
      ),
    ).rejects.toThrow();
    expect(await dumpStore(store)).toEqual(before);
    expect(await store.loadCursor()).toEqual(cursor);
    expect(cursor?.block.number).toBe(5n);
  });

  it("a step over the parameter limit is several statements in one transaction: a failure in the last leaves nothing", async () => {
    store = await freshStore(backend);
    await commit(store, 1n, 5n, 2n);
    const before = await dumpStore(store);
    // 6,000 member events of 11 columns: 66,000 parameters, over one statement's 60,000.
    const rows = memberRows(6n, 6_005n);
    const columns = Object.keys(getTableColumns(schema.memberEvents)).length;
    expect(rows.memberEvents.length * columns).toBeGreaterThan(60_000);
    rows.tallyRevisions.push(...[1, 2].map(() => ({ ...REVISION, blockNumber: 6_005n })));
    await expect(
      store.commitStep({ toBlock: block(6_005n), blocks: [], finalized: 5n, head: 6_005n }, rows),
    ).rejects.toThrow();
    expect(await dumpStore(store)).toEqual(before);
    // Without the duplicate, the same step commits whole.
    rows.tallyRevisions.pop();
    await store.commitStep(
      { toBlock: block(6_005n), blocks: [], finalized: 5n, head: 6_005n },
      rows,
    );
    const [count] = await store.query(sql`SELECT count(*)::int AS n FROM member_events`);
    expect(count?.n).toBe(6_005);
  });

  it("rollback() deletes every row above the ancestor and resumes from it", async () => {
    store = await freshStore(backend);
    await commit(store, 1n, 4n, 1n);
    const atFour = await dumpStore(store);
    await commit(store, 5n, 9n, 3n);
    await store.rollback(block(4n), 3n, 12n);
    const after = await dumpStore(store);
    // Exactly the content after block 4 (whose cursor row is kept as it was).
    expect(after).toEqual(atFour);
    const cursor = await store.loadCursor();
    expect(cursor?.block).toEqual(block(4n));
    // Unfinalized blocks (above 1) for reorg detection after a restart.
    expect(cursor?.recentBlocks.map((b) => b.number)).toEqual([2n, 3n, 4n]);
    // A different continuation after the ancestor.
    await commit(store, 5n, 6n, 4n, "b");
    expect((await store.loadCursor())?.block).toEqual(block(6n, "b"));
    // An ancestor inside a committed range gets a cursor row of its own.
    await store.rollback(block(5n, "b"), 4n, 9n);
    expect(await store.loadCursor()).toEqual({
      block: block(5n, "b"),
      recentBlocks: [block(5n, "b")],
      communities: [],
    });
    await expect(store.rollback(block(3n), 4n, 6n)).rejects.toBeInstanceOf(
      RollbackBelowFinalizedError,
    );
  });

  it("latestCursor() follows every commit and rollback, also while reads overlap them", async () => {
    store = await freshStore(backend);
    expect(await store.latestCursor()).toBeUndefined();
    await commit(store, 1n, 4n, 1n);
    const at = async () => {
      const row = await store.latestCursor();
      return row && [row.blockNumber, row.blockHash, row.finalized, row.head];
    };
    expect(await at()).toEqual([4n, block(4n).hash, 1n, 4n]);
    expect(await at()).toEqual([4n, block(4n).hash, 1n, 4n]);
    // A read issued just before a commit, and one issued while it runs.
    const before = store.latestCursor();
    const committing = commit(store, 5n, 9n, 3n);
    const during = store.latestCursor();
    await committing;
    // PGlite runs statements one at a time: the first read precedes the commit, the second follows
    // it. PostgreSQL runs them beside the transaction and may see either side of it.
    if (backend === "pglite") {
      expect((await before)?.blockNumber).toBe(4n);
      expect((await during)?.blockNumber).toBe(9n);
    } else {
      expect([4n, 9n]).toContain((await before)?.blockNumber);
      expect([4n, 9n]).toContain((await during)?.blockNumber);
    }
    expect(await at()).toEqual([9n, block(9n).hash, 3n, 9n]);
    await store.rollback(block(6n), 3n, 12n);
    expect(await at()).toEqual([6n, block(6n).hash, 3n, 12n]);
    // A failed commit leaves the cursor where it was.
    const bad = memberRows(7n, 7n);
    bad.memberEvents.push({ ...(bad.memberEvents[0] as StepRows["memberEvents"][number]) });
    await expect(
      store.commitStep({ toBlock: block(7n), blocks: [block(7n)], finalized: 3n, head: 7n }, bad),
    ).rejects.toThrow();
    expect(await at()).toEqual([6n, block(6n).hash, 3n, 12n]);
  });
});

describe("insertStatements", () => {
  it("packs consecutive tables into one statement, and starts another at the parameter limit", () => {
    const rows = memberRows(1n, 3n);
    const blocks = [1n, 2n, 3n].map((n) => ({
      number: n,
      hash: hash(n),
      parentHash: hash(n - 1n),
      timestamp: block(n).timestamp,
    }));
    const one = insertStatements([
      [schema.blocks, blocks],
      [schema.tallyRevisions, []],
      [schema.memberEvents, rows.memberEvents],
    ]);
    expect(one).toHaveLength(1);
    expect(one[0]?.text).toMatch(
      /^WITH w0 AS \(INSERT INTO "blocks" .*\) INSERT INTO "member_events" /,
    );
    expect(one[0]?.params).toHaveLength(3 * 4 + 3 * 11);
    // With room for 20 parameters: the blocks (12) alone, then the member events one statement
    // per row (11 each), numbered from $1 again.
    const split = insertStatements(
      [
        [schema.blocks, blocks],
        [schema.memberEvents, rows.memberEvents],
      ],
      20,
    );
    expect(split.map((s) => s.params.length)).toEqual([12, 11, 11, 11]);
    expect(split[1]?.text).toMatch(/VALUES \(\$1, .*\$11\)$/);
    expect(insertStatements([[schema.blocks, []]])).toEqual([]);
  });
});
