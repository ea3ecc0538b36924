// The query side on PGlite and on PostgreSQL, over the hand-built world (test/graphql/world.ts):
// every `where` operator, ordering, paging, time travel, `_meta`, and relations batched per level.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphQL } from "../../src/graphql/index.ts";
import type { Store } from "../../src/store/store.ts";
import { BACKENDS, freshStore } from "../store/backends.ts";
import { counting, type GqlResult, gql } from "./client.ts";
import { block, C, commitWorld, hash, MAX_UINT256, member, P1, P2, P3 } from "./world.ts";

const short = (id: string) => id.slice(C.length + 1);
const ids = (r: GqlResult, field: string) =>
  ((r.data?.[field] ?? []) as { id: string }[]).map((row) => short(row.id));
const m = (n: number) => short(member(n));
const ACCOUNT_4 = "0x0000000000000000000000000000000000000004";

describe.each(BACKENDS)("GraphQL queries on %s", (backend) => {
  let store: Store;
  let yoga: ReturnType<typeof createGraphQL>;
  const q = (query: string, variables?: Record<string, unknown>) => gql(yoga, query, variables);
  const list = async (field: string, args: string) => {
    const r = await q(`{ ${field}${args ? `(${args})` : ""} { id } }`);
    expect(r.errors, args).toBeUndefined();
    return ids(r, field);
  };

  beforeAll(async () => {
    store = await freshStore(backend);
    await commitWorld(store);
    yoga = createGraphQL({ store });
  });
  afterAll(async () => {
    await store?.close();
  });

  it("BigInt operators compare exact 256-bit values", async () => {
    const cases: [string, string[]][] = [
      ['weight: "20"', [m(2)]],
      [`weight: "${MAX_UINT256}"`, [m(4)]],
      [`weight: "${MAX_UINT256 - 1n}"`, []],
      ['weight_not: "20"', [m(1), m(4)]],
      ['weight_gt: "10"', [m(2), m(4)]],
      ['weight_gte: "20"', [m(2), m(4)]],
      ['weight_lt: "20"', [m(1)]],
      ['weight_lte: "20"', [m(1), m(2)]],
      [`weight_in: ["10", "${MAX_UINT256}"]`, [m(1), m(4)]],
      ["weight_in: []", []],
      ['weight_not_in: ["10"]', [m(2), m(4)]],
      ["weight_not_in: []", [m(1), m(2), m(4)]],
    ];
    for (const [where, expected] of cases) {
      expect(await list("members", `where: { ${where} }`), where).toEqual(expected);
    }
    const r = await q(`{ member(id: "${member(4)}") { weight } }`);
    expect(r.data).toEqual({ member: { weight: MAX_UINT256.toString() } });
  });

  it("String operators, with and without case", async () => {
    const cases: [string, string[]][] = [
      [`account: "eip155:31337:${ACCOUNT_4}"`, [m(4)]],
      [`account_not: "eip155:31337:${ACCOUNT_4}"`, [m(1), m(2)]],
      [`account_gt: "eip155:31337:0x0000000000000000000000000000000000000002"`, [m(4)]],
      [`account_gte: "eip155:31337:0x0000000000000000000000000000000000000002"`, [m(2), m(4)]],
      [`account_lt: "eip155:31337:0x0000000000000000000000000000000000000002"`, [m(1)]],
      [`account_lte: "eip155:31337:0x0000000000000000000000000000000000000002"`, [m(1), m(2)]],
      [`account_in: ["eip155:31337:${ACCOUNT_4}", "nobody"]`, [m(4)]],
      [`account_not_in: ["eip155:31337:${ACCOUNT_4}"]`, [m(1), m(2)]],
      ['account_contains: "0000004"', [m(4)]],
      ['account_contains: "EIP155"', []],
      ['account_contains_nocase: "EIP155"', [m(1), m(2), m(4)]],
      ['account_not_contains: "0000004"', [m(1), m(2)]],
      ['account_not_contains_nocase: "0000000000000000000000000000000000000001"', [m(2), m(4)]],
      ['account_starts_with: "eip155:31337:0x"', [m(1), m(2), m(4)]],
      ['account_starts_with: "EIP155:"', []],
      ['account_starts_with_nocase: "EIP155:"', [m(1), m(2), m(4)]],
      ['account_not_starts_with: "eip155:1:"', [m(1), m(2), m(4)]],
      ['account_not_starts_with_nocase: "EIP155:31337:"', []],
      ['account_ends_with: "02"', [m(2)]],
      ['account_ends_with_nocase: "0X0000000000000000000000000000000000000002"', [m(2)]],
      ['account_not_ends_with: "02"', [m(1), m(4)]],
      ['account_not_ends_with_nocase: "0X0000000000000000000000000000000000000002"', [m(1), m(4)]],
    ];
    for (const [where, expected] of cases) {
      expect(await list("members", `where: { ${where} }`), where).toEqual(expected);
    }
  });

  it("ID operators and keyset paging with id_gt", async () => {
    expect(await list("members", `where: { id: "${member(2)}" }`)).toEqual([m(2)]);
    expect(await list("members", `where: { id_not: "${member(2)}" }`)).toEqual([m(1), m(4)]);
    expect(await list("members", `where: { id_gt: "${member(1)}" }`)).toEqual([m(2), m(4)]);
    expect(await list("members", `where: { id_gte: "${member(2)}" }`)).toEqual([m(2), m(4)]);
    expect(await list("members", `where: { id_lt: "${member(2)}" }`)).toEqual([m(1)]);
    expect(await list("members", `where: { id_lte: "${member(2)}" }`)).toEqual([m(1), m(2)]);
    expect(await list("members", `where: { id_in: ["${member(4)}"] }`)).toEqual([m(4)]);
    expect(await list("members", `where: { id_not_in: ["${member(4)}"] }`)).toEqual([m(1), m(2)]);
    // Keyset paging: pages of one, each starting after the last id seen, visit every member once.
    const seen: string[] = [];
    let after = "";
    for (;;) {
      const page = await q(`{ members(first: 1, where: { id_gt: "${after}" }) { id } }`);
      const rows = page.data?.members as { id: string }[];
      if (rows.length === 0) break;
      after = (rows[0] as { id: string }).id;
      seen.push(short(after));
    }
    expect(seen).toEqual([m(1), m(2), m(4)]);
  });

  it("Int operators", async () => {
    const p = (n: number) => short(`${C}-${n}`);
    const cases: [string, string[]][] = [
      ["optionCount: 3", [p(1)]],
      ["optionCount_not: 3", [p(2), p(3)]],
      ["optionCount_gt: 2", [p(1)]],
      ["optionCount_gte: 2", [p(1), p(2), p(3)]],
      ["optionCount_lt: 3", [p(2), p(3)]],
      ["optionCount_lte: 2", [p(2), p(3)]],
      ["topic_in: [1]", [p(2)]],
      ["topic_not_in: [1]", [p(1), p(3)]],
    ];
    for (const [where, expected] of cases) {
      expect(await list("proposals", `where: { ${where} }`), where).toEqual(expected);
    }
  });

  it("BigDecimal operators compare exact decimals (turnout)", async () => {
    const r = (p: string, n: number) => short(`${p}-${n}`);
    const cases: [string, string[]][] = [
      ['turnout: "1"', [r(P1, 4)]],
      ['turnout_gte: "0.5"', [r(P1, 3), r(P1, 4), r(P1, 5)]],
      ['turnout_gt: "0.5"', [r(P1, 4)]],
      ['turnout_lt: "0.5"', [r(P1, 2), r(P2, 4), r(P3, 5)]],
      ['turnout_in: ["0", "0.5"]', [r(P1, 2), r(P1, 3), r(P1, 5), r(P2, 4)]],
    ];
    for (const [where, expected] of cases) {
      expect(await list("tallyRevisions", `where: { ${where} }`), where).toEqual(expected);
    }
    const one = await q(`{ tallyRevision(id: "${P3}-5") { turnout turnoutBps } }`);
    // 1 / 60, rounded to 18 decimals.
    expect(one.data).toEqual({
      tallyRevision: { turnout: "0.016666666666666667", turnoutBps: 166 },
    });
  });

  it("Boolean operators", async () => {
    const p = (n: number) => short(`${C}-${n}`);
    expect(await list("proposals", "where: { executable: true }")).toEqual([p(1)]);
    expect(await list("proposals", "where: { executable_not: true }")).toEqual([p(2), p(3)]);
    expect(await list("proposals", "where: { executable_in: [false] }")).toEqual([p(2), p(3)]);
    expect(await list("proposals", "where: { executable_not_in: [false] }")).toEqual([p(1)]);
  });

  it("Bytes operators", async () => {
    const p = (n: number) => short(`${C}-${n}`);
    const h2 = hash(2, "d");
    const cases: [string, string[]][] = [
      [`metadataHash: "${h2.toUpperCase().replace("0X", "0x")}"`, [p(2)]],
      [`metadataHash_not: "${h2}"`, [p(1), p(3)]],
      [`metadataHash_gt: "${h2}"`, [p(3)]],
      [`metadataHash_gte: "${h2}"`, [p(2), p(3)]],
      [`metadataHash_lt: "${h2}"`, [p(1)]],
      [`metadataHash_lte: "${h2}"`, [p(1), p(2)]],
      [`metadataHash_in: ["${h2}", "${hash(3, "d")}"]`, [p(2), p(3)]],
      [`metadataHash_not_in: ["${h2}"]`, [p(1), p(3)]],
      ['metadataHash_contains: "0xdd00"', [p(1), p(2), p(3)]],
      // Whole bytes only: "0x02" is the last byte of proposal 2's hash; "0x0000" sits in all three.
      ['metadataHash_contains: "0x02"', [p(2)]],
      ['metadataHash_not_contains: "0x02"', [p(1), p(3)]],
    ];
    for (const [where, expected] of cases) {
      expect(await list("proposals", `where: { ${where} }`), where).toEqual(expected);
    }
  });

  it("[BigInt!] operators on tally lists", async () => {
    const r = (p: string, n: number) => short(`${p}-${n}`);
    const cases: [string, string[]][] = [
      ['tallies: ["30", "0", "0"]', [r(P1, 5)]],
      ['tallies_not: ["30", "0", "0"]', [r(P1, 2), r(P1, 3), r(P1, 4), r(P2, 4), r(P3, 5)]],
      ['tallies_contains: ["30"]', [r(P1, 3), r(P1, 4), r(P1, 5)]],
      ['tallies_contains: ["30", "1"]', []],
      ['tallies_not_contains: ["30"]', [r(P1, 2), r(P2, 4), r(P3, 5)]],
    ];
    for (const [where, expected] of cases) {
      expect(await list("tallyRevisions", `where: { ${where} }`), where).toEqual(expected);
    }
    const rev = await q(
      `{ tallyRevision(id: "${P1}-4") { tallies participation leader quorumMet } }`,
    );
    expect(rev.data).toEqual({
      tallyRevision: {
        tallies: ["30", "0", "30"],
        participation: "60",
        leader: null,
        quorumMet: true,
      },
    });
  });

  it("null, nested, and/or and _change_block filters", async () => {
    // The quadratic ballot (block 4, log 15) and the retraction (block 5, log 17) carry no option.
    expect(await list("ballotEvents", "where: { option: null }")).toEqual(["4-15", "5-17"]);
    expect((await list("ballotEvents", "where: { option_not: null }")).length).toBe(4);
    expect(await list("ballotEvents", 'where: { proposal_: { mode: "quadratic" } }')).toEqual([
      "4-15",
    ]);
    expect(await list("proposals", "where: { ballots_: { option: 0 } }")).toEqual(["1"]);
    expect(await list("proposals", `where: { ballots_: { voter: "nobody" } }`)).toEqual([]);
    expect(
      await list("members", 'where: { or: [{ weight: "10" }, { weight_gt: "1000" }] }'),
    ).toEqual([m(1), m(4)]);
    expect(
      await list("members", 'where: { and: [{ weight_gt: "5" }, { weight_lt: "1000" }] }'),
    ).toEqual([m(1), m(2)]);
    expect(await list("ballotEvents", "where: { _change_block: { number_gte: 5 } }")).toEqual([
      "5-17",
      "5-21",
    ]);
    expect(await list("ballots", `where: { proposal: "${P1}" }`)).toEqual([
      short(`${P1}-eip155:31337:0x0000000000000000000000000000000000000003`),
    ]);
  });

  it("orderBy and orderDirection, ties broken by id", async () => {
    expect(await list("members", "orderBy: weight, orderDirection: desc")).toEqual([
      m(4),
      m(2),
      m(1),
    ]);
    expect(await list("members", "orderBy: weight")).toEqual([m(1), m(2), m(4)]);
    expect(
      await list("tallyRevisions", "orderBy: blockNumber, orderDirection: desc, first: 3"),
    ).toEqual([short(`${P3}-5`), short(`${P1}-5`), short(`${P2}-4`)]);
    expect(await list("ballotEvents", "orderBy: proposal, orderDirection: desc, first: 2")).toEqual(
      ["5-21", "4-15"],
    );
  });

  it("first and skip page, within their limits", async () => {
    expect(await list("members", "first: 2")).toEqual([m(1), m(2)]);
    expect(await list("members", "first: 1, skip: 1")).toEqual([m(2)]);
    expect(await list("members", "first: 0")).toEqual([]);
    expect(await list("members", "skip: 3")).toEqual([]);
    const tooMany = await q("{ members(first: 1001) { id } }");
    expect(tooMany.errors?.[0]?.message).toBe(
      "The `first` argument must be between 0 and 1000, but is 1001.",
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("FIRST_OUT_OF_RANGE");
    const deep = await q("{ members(skip: 5001) { id } }");
    expect(deep.errors?.[0]?.extensions?.code).toBe("SKIP_OUT_OF_RANGE");
    const nested = await q(`{ proposal(id: "${P1}") { ballots(first: 2000) { id } } }`);
    expect(nested.errors?.[0]?.extensions?.code).toBe("FIRST_OUT_OF_RANGE");
  });

  it("block time travel: an older block returns the old state, nested fields included", async () => {
    expect(await list("members", "block: { number: 3 }")).toEqual([m(1), m(2), m(3)]);
    expect(await list("proposals", "block: { number: 3 }")).toEqual(["1"]);
    const at3 = await q(`{ proposal(id: "${P1}", block: { number: 3 }) {
      tally { tallies blockNumber } ballots { option kind member { weight } } } }`);
    expect(at3.data).toEqual({
      proposal: {
        tally: { tallies: ["0", "30", "0"], blockNumber: "3" },
        ballots: [{ option: 1, kind: "cast", member: { weight: "20" } }],
      },
    });
    const settings = await q(`{ old: community(id: "${C}", block: { number: 3 }) { quorumBps }
      now: community(id: "${C}") { quorumBps } }`);
    expect(settings.data).toEqual({ old: { quorumBps: 2000 }, now: { quorumBps: 2500 } });
    // Delegation history: member 1's topic-0 delegation exists at block 4, cleared at 5.
    expect(await list("delegations", "block: { number: 4 }")).toEqual([`${m(1)}-0`, `${m(1)}-1`]);
    expect(await list("delegations", "")).toEqual([`${m(1)}-1`]);
    const history = await q(`{ delegations(block: { number: 4 }, where: { topic: 0 }) {
      delegate history { delegate blockNumber } } }`);
    expect(history.data).toEqual({
      delegations: [
        {
          delegate: "eip155:31337:0x0000000000000000000000000000000000000002",
          history: [
            {
              delegate: "eip155:31337:0x0000000000000000000000000000000000000002",
              blockNumber: "2",
            },
          ],
        },
      ],
    });
    const byHash = await q(
      `{ proposal(id: "${P1}", block: { hash: "${block(4n).hash}" }) { tally { blockNumber } } }`,
    );
    expect(byHash.data).toEqual({ proposal: { tally: { blockNumber: "4" } } });
    const gte = await q(
      `{ proposal(id: "${P1}", block: { number_gte: 5 }) { tally { blockNumber } } }`,
    );
    expect(gte.data).toEqual({ proposal: { tally: { blockNumber: "5" } } });
  });

  it("block arguments the indexer cannot answer fail with specific errors", async () => {
    const future = await q("{ members(block: { number: 6 }) { id } }");
    expect(future.errors?.[0]?.message).toBe(
      "Block 6 is not indexed yet: the indexer has reached block 5. Retry later.",
    );
    expect(future.errors?.[0]?.extensions?.code).toBe("BLOCK_NOT_INDEXED");
    const gte = await q("{ members(block: { number_gte: 6 }) { id } }");
    expect(gte.errors?.[0]?.extensions?.code).toBe("BLOCK_NOT_INDEXED");
    const unknown = await q(`{ members(block: { hash: "${hash(4, "9")}" }) { id } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("BLOCK_HASH_UNKNOWN");
    const both = await q(`{ members(block: { number: 3, number_gte: 3 }) { id } }`);
    expect(both.errors?.[0]?.extensions?.code).toBe("BLOCK_INVALID");
  });

  it("_meta reports the block read, finality and indexing errors", async () => {
    const meta = await q(
      "{ _meta { block { number hash timestamp parentHash } deployment hasIndexingErrors tallyMismatches finalizedBlock headBlock } }",
    );
    expect(meta.data).toEqual({
      _meta: {
        block: {
          number: 5,
          hash: block(5n).hash,
          timestamp: Number(block(5n).timestamp),
          parentHash: block(5n).parentHash,
        },
        deployment: "plenum",
        hasIndexingErrors: false,
        tallyMismatches: 0,
        finalizedBlock: 3,
        headBlock: 5,
      },
    });
    const at3 = await q("{ _meta(block: { number: 3 }) { block { number hash } } }");
    expect(at3.data).toEqual({ _meta: { block: { number: 3, hash: block(3n).hash } } });
    const finality = await q(
      `{ a: tallyRevision(id: "${P1}-3") { finalized } b: tallyRevision(id: "${P1}-4") { finalized } }`,
    );
    expect(finality.data).toEqual({ a: { finalized: true }, b: { finalized: false } });
    await store.query(
      sql`INSERT INTO tally_checks (revision, proposal, block_number, status) VALUES (${`${P1}-3`}, ${P1}, 3, 'mismatch')`,
    );
    const flagged = await q("{ _meta { hasIndexingErrors tallyMismatches } }");
    expect(flagged.data).toEqual({ _meta: { hasIndexingErrors: true, tallyMismatches: 1 } });
    await store.query(sql`DELETE FROM tally_checks`);
  });

  it("relations are batched: one statement per level, whatever the number of parents", async () => {
    const counter = counting(store);
    const api = createGraphQL({ store: counter });
    const query = (first: number) => `{ proposals(first: ${first}) {
      community { id } tally { tallies } ballots(first: 10) { member { weight } }
      ballotHistory(first: 10, orderBy: blockNumber) { kind } } }`;
    const one = await gql(api, query(1));
    expect(one.errors).toBeUndefined();
    const statementsForOne = counter.statements;
    counter.statements = 0;
    const three = await gql(api, query(3));
    expect(three.errors).toBeUndefined();
    expect(three.data?.proposals).toHaveLength(3);
    // head + proposals + community + tally + ballots + ballotHistory + members = 7, for 1 or 3 parents.
    expect(statementsForOne).toBe(7);
    expect(counter.statements).toBe(7);
    expect(three.data?.proposals).toEqual([
      {
        community: { id: C },
        tally: { tallies: ["30", "0", "0"] },
        ballots: [{ member: null }],
        ballotHistory: [
          { kind: "cast" },
          { kind: "changed" },
          { kind: "cast" },
          { kind: "retracted" },
        ],
      },
      {
        community: { id: C },
        tally: { tallies: ["0", "0"] },
        ballots: [{ member: null }],
        ballotHistory: [{ kind: "cast" }],
      },
      {
        community: { id: C },
        tally: { tallies: ["0", "1"] },
        ballots: [],
        ballotHistory: [{ kind: "cast" }],
      },
    ]);
  });

  it("a relation's page is cut per parent", async () => {
    const r = await q(
      `{ proposals { ballotHistory(first: 1, skip: 1, orderBy: blockNumber) { kind blockNumber } } }`,
    );
    expect(r.data).toEqual({
      proposals: [
        { ballotHistory: [{ kind: "changed", blockNumber: "4" }] },
        { ballotHistory: [] },
        { ballotHistory: [] },
      ],
    });
  });
});
