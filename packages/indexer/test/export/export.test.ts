// The bulk export on PGlite and on PostgreSQL, over the hand-built world (test/graphql/world.ts):
// every list equals the GraphQL API's answer to the same where/orderBy/block, row for row, in CSV and
// NDJSON (with two rows a page, so keyset paging crosses ties and nulls); CSV quoting; every
// refusal before the first byte; time travel.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportColumns, exportEntities } from "../../src/export/columns.ts";
import { createExportModule } from "../../src/export/module.ts";
import { createGraphQL } from "../../src/graphql/index.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/store.ts";
import { gql } from "../graphql/client.ts";
import { block, C, commitWorld, MAX_UINT256, P1, P2 } from "../graphql/world.ts";
import { BACKENDS, freshStore } from "../store/backends.ts";
import { parseCsv, quietLogger } from "./support.ts";

/** A title with every character CSV must quote. */
const TITLE = 'Budget, "2027"\nsecond line\r\nthird, and a "quote"';

describe.each(BACKENDS)("bulk export on %s", (backend) => {
  let store: Store;
  let yoga: ReturnType<typeof createGraphQL>;
  let app: ReturnType<typeof createApp>;
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://export.test${path}`, { headers });

  beforeAll(async () => {
    store = await freshStore(backend);
    await commitWorld(store);
    await store.query(
      sql`INSERT INTO metadata_documents (uri, hash, status, hash_of, title, attempts)
        SELECT metadata_uri, metadata_hash, 'ok', 'document', ${TITLE}, 1 FROM proposals WHERE id = ${P1}`,
    );
    // One page of 1000 with its relations' ids costs more than the default allows.
    yoga = createGraphQL({ store, limits: { maxCost: 1_000_000 } });
    app = createApp({
      modules: [createExportModule({ store, pageSize: 2, logger: quietLogger })],
      logger: quietLogger,
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  /** The API's answer for a list, flattened to the export's columns (a relation as its id). */
  async function viaGraphQL(
    plural: string,
    args: { where?: unknown; orderBy?: string; orderDirection?: string; block?: unknown },
  ): Promise<Record<string, unknown>[]> {
    const entity = exportEntities().get(plural);
    if (!entity) throw new Error(plural);
    const columns = exportColumns(entity);
    const relations = new Set(entity.relations.map((r) => r.name));
    const selection = columns
      .map((c) =>
        relations.has(c.name)
          ? `${c.name} { id }`
          : c.name === "actions"
            ? "actions { target value calldata }"
            : c.name,
      )
      .join(" ");
    const r = await gql(
      yoga,
      `query ($where: ${entity.name}_filter, $orderBy: ${entity.name}_orderBy, $orderDirection: OrderDirection, $block: Block_height) {
        list: ${plural}(first: 1000, where: $where, orderBy: $orderBy, orderDirection: $orderDirection, block: $block) { ${selection} } }`,
      args,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return ((r.data?.list ?? []) as Record<string, unknown>[]).map((row) => {
      const flat: Record<string, unknown> = {};
      for (const c of columns) {
        const value = row[c.name];
        flat[c.name] = relations.has(c.name) ? (value as { id: string }).id : value;
      }
      return flat;
    });
  }

  const query = (args: Record<string, unknown>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(args)) {
      params.set(name, typeof value === "string" ? value : JSON.stringify(value));
    }
    const text = params.toString();
    return text ? `?${text}` : "";
  };

  async function ndjson(path: string): Promise<Record<string, unknown>[]> {
    const response = await get(path);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const text = await response.text();
    if (text === "") return [];
    expect(text.endsWith("\n")).toBe(true);
    return text
      .slice(0, -1)
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async function csv(path: string): Promise<string[][]> {
    const response = await get(path);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    return parseCsv(await response.text());
  }

  /** What a CSV cell holds for an API value: empty for null, JSON for lists and objects. */
  const cell = (value: unknown) =>
    value === null
      ? ""
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value as string | number | boolean);

  async function expectEqual(
    plural: string,
    args: { where?: unknown; orderBy?: string; orderDirection?: string; block?: unknown } = {},
  ) {
    const expected = await viaGraphQL(plural, args);
    const label = `${plural} ${JSON.stringify(args)}`;
    expect(await ndjson(`/export/${plural}.ndjson${query(args)}`), label).toEqual(expected);
    const [header, ...rows] = await csv(`/export/${plural}.csv${query(args)}`);
    const entity = exportEntities().get(plural);
    if (!entity) throw new Error(plural);
    const names = exportColumns(entity).map((c) => c.name);
    expect(header, label).toEqual(names);
    expect(rows, label).toEqual(expected.map((row) => names.map((name) => cell(row[name]))));
    return expected;
  }

  it("every list equals the GraphQL API's, row for row, in both formats", async () => {
    let total = 0;
    for (const plural of exportEntities().keys()) {
      total += (await expectEqual(plural)).length;
    }
    // The world's rows: something in every list but proposal events (it has none).
    for (const plural of [...exportEntities().keys()].filter((p) => p !== "proposalEvents")) {
      expect((await ndjson(`/export/${plural}.ndjson`)).length, plural).toBeGreaterThan(0);
    }
    expect(total).toBe(35);
  });

  it("filters, orders and time travel as GraphQL does (ties, nulls, 256-bit values)", async () => {
    const cases: [string, Record<string, unknown>][] = [
      [
        "proposals",
        { where: { mode_in: ["single", "quadratic"] }, orderBy: "voteEnd", orderDirection: "desc" },
      ],
      ["proposals", { orderBy: "title" }],
      ["proposals", { orderBy: "title", orderDirection: "desc" }],
      ["proposals", { where: { title_contains: "Budget" } }],
      ["ballots", { where: { proposal_: { mode: "single" } }, orderBy: "blockNumber" }],
      ["ballots", { orderBy: "option", orderDirection: "desc" }],
      ["ballotEvents", { where: { kind: "retracted" } }],
      [
        "ballotEvents",
        { where: { or: [{ kind: "changed" }, { nullifier_not: null }] }, orderBy: "kind" },
      ],
      ["ballotEvents", { orderBy: "option" }],
      ["ballotEvents", { orderBy: "option", orderDirection: "desc" }],
      ["ballotEvents", { orderBy: "abstain", orderDirection: "desc" }],
      [
        "tallyRevisions",
        { where: { proposal: P1 }, orderBy: "blockNumber", orderDirection: "desc" },
      ],
      ["tallyRevisions", { where: { tallies_contains: ["30"] }, orderBy: "participation" }],
      ["tallyRevisions", { orderBy: "leader" }],
      ["tallyRevisions", { orderBy: "proposal", orderDirection: "desc" }],
      ["members", { orderBy: "weight", orderDirection: "desc" }],
      ["members", { where: { weight: MAX_UINT256.toString() } }],
      ["ballots", { block: { number: 3 } }],
      ["ballots", { block: { number: 4 }, orderBy: "blockNumber", orderDirection: "desc" }],
      ["tallyRevisions", { block: { number: 4 }, where: { proposal: P1 } }],
      ["proposals", { block: { hash: block(4n).hash } }],
      ["members", { block: { number_gte: 5 } }],
      ["memberEvents", { where: { _change_block: { number_gte: 4 } }, orderBy: "weight" }],
    ];
    for (const [plural, args] of cases) await expectEqual(plural, args);
  });

  it("time travel reads the state after the block, and says which block it read", async () => {
    const response = await get("/export/tallyRevisions.ndjson?block=3");
    expect(response.headers.get("x-block-number")).toBe("3");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="plenum-tallyRevisions-block-3.ndjson"',
    );
    const rows = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.id, r.tallies, r.finalized])).toEqual([
      [`${P1}-2`, ["0", "0", "0"], true],
      [`${P1}-3`, ["0", "30", "0"], true],
    ]);
    const now = await get("/export/tallyRevisions.csv?columns=id");
    expect(now.headers.get("x-block-number")).toBe("5");
    expect(now.headers.get("content-disposition")).toBe(
      'attachment; filename="plenum-tallyRevisions-block-5.csv"',
    );
    expect(parseCsv(await now.text()).length).toBe(1 + 6);
  });

  it("quotes commas, quotes and line breaks in CSV (RFC 4180) and keeps 256-bit numbers exact", async () => {
    const response = await get(
      `/export/proposals.csv${query({ columns: "id,title,actions,executable", where: { id: P1 } })}`,
    );
    const text = await response.text();
    expect(text).toBe(
      "id,title,actions,executable\r\n" +
        `${P1},"Budget, ""2027""\nsecond line\r\nthird, and a ""quote""",` +
        `"[{""target"":""0x00000000000000000000000000000000000000ee"",""value"":""5"",""calldata"":""0xabcdef""}]",true\r\n`,
    );
    expect(parseCsv(text)).toEqual([
      ["id", "title", "actions", "executable"],
      [
        P1,
        TITLE,
        '[{"target":"0x00000000000000000000000000000000000000ee","value":"5","calldata":"0xabcdef"}]',
        "true",
      ],
    ]);
    const [member] = await ndjson(
      `/export/members.ndjson${query({ where: { weight_gt: "1000" }, columns: "weight" })}`,
    );
    expect(member).toEqual({ weight: MAX_UINT256.toString() });
    const lines = await csv(
      `/export/ballots.csv${query({ columns: "votes,option", where: { proposal: P2 } })}`,
    );
    expect(lines).toEqual([
      ["votes", "option"],
      ['["3","1"]', ""],
    ]);
  });

  it("picks columns, negotiates the format from Accept, and lists the exports", async () => {
    expect(await csv("/export/tallyRevisions.csv?columns=proposal,id,tallies,id&block=2")).toEqual([
      ["proposal", "id", "tallies"],
      [P1, `${P1}-2`, '["0","0","0"]'],
    ]);
    const asCsv = await get("/export/proposals?columns=id", { accept: "text/csv" });
    expect(asCsv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await asCsv.text()).toBe(`id\r\n${P1}\r\n${C}-2\r\n${C}-3\r\n`);
    const asJson = await get("/export/proposals?columns=id", { accept: "*/*" });
    expect(asJson.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const index = (await (await get("/export")).json()) as {
      exports: Record<string, { entity: string; columns: string[] }>;
    };
    expect(Object.keys(index.exports)).toHaveLength(14);
    expect(index.exports.ballots?.columns.slice(0, 5)).toEqual([
      "id",
      "community",
      "proposal",
      "voter",
      "kind",
    ]);
    // HEAD: the checks and the headers, nothing read, no streaming slot kept (4 at most).
    for (let i = 0; i < 6; i++) {
      const head = await app.request("http://export.test/export/ballots.csv?block=4", {
        method: "HEAD",
      });
      expect(head.status).toBe(200);
      expect(head.headers.get("x-block-number")).toBe("4");
      expect(await head.text()).toBe("");
    }
    const bad = await app.request("http://export.test/export/ballots.csv?block=9", {
      method: "HEAD",
    });
    expect(bad.status).toBe(503);
    // An empty list is a header alone, or nothing.
    expect(
      await csv(`/export/ballots.csv${query({ where: { kind: "none" }, columns: "id" })}`),
    ).toEqual([["id"]]);
    expect(await ndjson(`/export/ballots.ndjson${query({ where: { kind: "none" } })}`)).toEqual([]);
  });

  it("refuses a bad request with a JSON error before any row, with GraphQL's own sentences", async () => {
    const cases: [string, number, string, string][] = [
      [
        "/export/nonsense.csv",
        400,
        "UNKNOWN_ENTITY",
        'there is no export of "nonsense"; exports: communities, topics,',
      ],
      [
        "/export/proposals.xml",
        400,
        "UNKNOWN_FORMAT",
        "the export writes .csv or .ndjson, not .xml",
      ],
      [
        `/export/proposals.csv${query({ where: { nonsense: 1 } })}`,
        400,
        "INVALID_FILTER",
        'Field "nonsense" is not defined by type "Proposal_filter".',
      ],
      [
        `/export/members.csv${query({ where: { weight_gte: "1.5" } })}`,
        400,
        "INVALID_FILTER",
        'BigInt cannot represent "1.5".',
      ],
      [
        `/export/ballots.csv${query({ where: { proposal_: { mode_in: [1] } } })}`,
        400,
        "INVALID_FILTER",
        "String cannot represent a non string value: 1",
      ],
      [
        "/export/members.csv?where={weight:1}",
        400,
        "INVALID_FILTER",
        "`where` must be JSON, as GraphQL's argument is.",
      ],
      [
        `/export/ballots.csv${query({ where: { proposal_: null } })}`,
        400,
        "INVALID_FILTER",
        "proposal_ cannot be null.",
      ],
      [
        "/export/proposals.csv?orderBy=nonsense",
        400,
        "INVALID_ORDER",
        'Value "nonsense" does not exist in "Proposal_orderBy" enum.',
      ],
      [
        "/export/proposals.csv?orderBy=actions",
        400,
        "INVALID_ORDER",
        'Value "actions" does not exist in "Proposal_orderBy" enum.',
      ],
      [
        "/export/proposals.csv?orderDirection=up",
        400,
        "INVALID_ORDER",
        'Value "up" does not exist in "OrderDirection" enum.',
      ],
      [
        "/export/proposals.csv?columns=id,nonsense",
        400,
        "UNKNOWN_COLUMN",
        'proposals have no column "nonsense"; columns: id, community, proposalId,',
      ],
      [
        "/export/proposals.csv?first=10",
        400,
        "UNKNOWN_PARAMETER",
        'the export takes where, orderBy, orderDirection, block, columns, not "first"',
      ],
      [
        "/export/proposals.csv?block=1&block=2",
        400,
        "UNKNOWN_PARAMETER",
        "`block` is given more than once",
      ],
      [
        "/export/proposals.csv?block=99",
        503,
        "BLOCK_NOT_INDEXED",
        "Block 99 is not indexed yet: the indexer has reached block 5. Retry later.",
      ],
      [
        `/export/proposals.csv${query({ block: { number: 1, number_gte: 1 } })}`,
        400,
        "BLOCK_INVALID",
        "Give one of `block.number`, `block.hash` and `block.number_gte`.",
      ],
      [
        `/export/proposals.csv${query({ block: { hash: `0x${"de".repeat(32)}` } })}`,
        404,
        "BLOCK_HASH_UNKNOWN",
        `Block hash 0x${"de".repeat(32)} is not known to the indexer`,
      ],
      [
        `/export/proposals.csv${query({ block: { number: "x" } })}`,
        400,
        "BLOCK_INVALID",
        'Int cannot represent non-integer value: "x"',
      ],
    ];
    for (const [path, status, code, message] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type"), path).toBe("application/json; charset=utf-8");
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, path).toBe(code);
      expect(body.error.message, path).toContain(message);
      if (status === 503) expect(response.headers.get("retry-after")).toBe("1");
    }
    // The same filter through GraphQL fails with the same sentence.
    const r = await gql(
      yoga,
      "query ($where: Proposal_filter) { proposals(where: $where) { id } }",
      {
        where: { nonsense: 1 },
      },
    );
    expect(r.errors?.[0]?.message).toContain(
      'Field "nonsense" is not defined by type "Proposal_filter".',
    );
    const big = await gql(yoga, "query ($where: Member_filter) { members(where: $where) { id } }", {
      where: { weight_gte: "1.5" },
    });
    expect(big.errors?.[0]?.message).toContain('BigInt cannot represent "1.5".');
  });
});
