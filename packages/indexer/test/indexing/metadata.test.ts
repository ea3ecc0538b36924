// Proposal metadata: fetched from data: and http(s)/ipfs URIs (a local HTTP server), hash-checked,
// cached by (URI, hash), unreachable documents retried with backoff, and never in the way of a step:
// `handle()` commits while a document's request is still hanging.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { asc } from "drizzle-orm";
import { type Address, type Hash, keccak256, toBytes } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphQL } from "../../src/graphql/index.ts";
import { createIndexer } from "../../src/indexing/indexer.ts";
import {
  createMetadataFetcher,
  documentFields,
  fetchDocument,
} from "../../src/indexing/metadata.ts";
import { emptyRows } from "../../src/store/rows.ts";
import { metadataDocuments } from "../../src/store/schema.ts";
import type { IndexedLog, SyncStep } from "../../src/sync/types.ts";
import { gql } from "../graphql/client.ts";
import { BACKENDS, freshStore } from "../store/backends.ts";

const DOC = JSON.stringify({ title: "Budget 2027", description: "Split it three ways." });
const DOC_HASH = keccak256(toBytes(DOC));
const COMMUNITY: Address = "0x00000000000000000000000000000000000000C0";
const TX: Hash = `0x${"ab".repeat(32)}`;

describe("proposal metadata", () => {
  let base: string;
  let server: ReturnType<typeof createServer>;
  let flaky = 2; // the /flaky document answers 503 this many times
  const hanging: ServerResponse[] = [];
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? "/";
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === "/hang") {
        hanging.push(res);
        return;
      }
      if (path === "/flaky" && flaky-- > 0) {
        res.writeHead(503).end();
        return;
      }
      if (path === "/doc" || path === "/flaky" || path === "/ipfs/bafyexample/doc.json") {
        res.writeHead(200, { "content-type": "application/json" }).end(DOC);
        return;
      }
      if (path === "/text") {
        res.writeHead(200).end("not json");
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of hanging) res.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("fetchDocument() checks the hash of the document or of the URI", async () => {
    const data = `data:application/json;base64,${Buffer.from(DOC).toString("base64")}`;
    expect(await fetchDocument(data, DOC_HASH)).toMatchObject({
      status: "ok",
      hashOf: "document",
      title: "Budget 2027",
    });
    const plain = `data:application/json,${encodeURIComponent(DOC)}`;
    expect((await fetchDocument(plain, DOC_HASH)).status).toBe("ok");
    expect(await fetchDocument(data, `0x${"11".repeat(32)}`)).toMatchObject({
      status: "hash-mismatch",
      error: `keccak256 of the document is ${DOC_HASH}, metadataHash is 0x${"11".repeat(32)}`,
    });
    // Only the URI was hashed (content-addressed URIs commit to their content that way).
    const uri = `${base}/doc`;
    expect(await fetchDocument(uri, keccak256(toBytes(uri)))).toMatchObject({
      status: "ok",
      hashOf: "uri",
    });
    expect(await fetchDocument("Plain title", DOC_HASH)).toMatchObject({
      status: "invalid",
      error: "not a data:, https: or ipfs: URI",
    });
    expect(await fetchDocument(`${base}/text`, keccak256(toBytes("not json")))).toMatchObject({
      status: "invalid",
      error: "not a UTF-8 JSON document",
    });
    expect(await fetchDocument(`${base}/missing`, DOC_HASH)).toMatchObject({
      status: "unreachable",
      error: "HTTP 404",
    });
    expect(await fetchDocument("ipfs://bafyexample/doc.json", DOC_HASH)).toMatchObject({
      status: "unreachable",
      error: "no IPFS gateway configured",
    });
    expect(
      await fetchDocument("ipfs://bafyexample/doc.json", DOC_HASH, {
        ipfsGateway: `${base}/ipfs/`,
      }),
    ).toMatchObject({ status: "ok", hashOf: "document" });
    // A closed port.
    expect((await fetchDocument("http://127.0.0.1:1/doc", DOC_HASH)).status).toBe("unreachable");
  });

  it("documentFields() keeps a description and options only when they have the right shape", async () => {
    const poll = JSON.stringify({ title: "Où ?", options: ["Salle", "Parc"] });
    expect(
      await fetchDocument(
        `data:application/json,${encodeURIComponent(poll)}`,
        keccak256(toBytes(poll)),
      ),
    ).toEqual({
      status: "ok",
      hashOf: "document",
      content: { title: "Où ?", options: ["Salle", "Parc"] },
      title: "Où ?",
      options: ["Salle", "Parc"],
    });
    expect(documentFields(JSON.parse(DOC))).toEqual({
      title: "Budget 2027",
      description: "Split it three ways.",
    });
    expect(documentFields({ title: "x", description: 3, options: ["a", 2] })).toEqual({
      title: "x",
    });
    expect(documentFields({ title: "x", options: "a,b" })).toEqual({ title: "x" });
    expect(documentFields({ options: ["a", "b"] })).toBeUndefined();
    expect(documentFields(["x"])).toBeUndefined();
    expect(documentFields(null)).toBeUndefined();
  });

  it.each(BACKENDS)(
    "documents stored before migration 0002 get their description and options from their content (%s)",
    async (backend) => {
      const store = await freshStore(backend);
      try {
        const content = { title: "Où ?", description: "Le lieu.", options: ["Salle", "Parc"] };
        const row = { status: "ok", hashOf: "document", attempts: 1, content, title: "Où ?" };
        await store.db.insert(metadataDocuments).values([
          { ...row, uri: "ipfs://a", hash: "0x0a" },
          { ...row, uri: "ipfs://b", hash: "0x0b", content: { title: "Bare" }, title: "Bare" },
          { ...row, uri: "ipfs://c", hash: "0x0c", status: "hash-mismatch", content: null },
        ]);
        const fetcher = createMetadataFetcher(store.db, {
          fetch: () => Promise.reject(new Error("no fetch")),
        });
        fetcher.wake();
        await fetcher.idle();
        const rows = await store.db
          .select({
            uri: metadataDocuments.uri,
            description: metadataDocuments.description,
            options: metadataDocuments.options,
          })
          .from(metadataDocuments)
          .orderBy(asc(metadataDocuments.uri));
        expect(rows).toEqual([
          { uri: "ipfs://a", description: "Le lieu.", options: ["Salle", "Parc"] },
          { uri: "ipfs://b", description: null, options: null },
          { uri: "ipfs://c", description: null, options: null },
        ]);
      } finally {
        await store.close();
      }
    },
  );

  it("an unreachable document is retried with backoff, then cached; apply never waits", async () => {
    const store = await freshStore("pglite");
    let clock = 1_000_000;
    try {
      const indexer = createIndexer({
        store,
        chainId: 31337,
        metadata: { retryDelayMs: 1_000, maxAttempts: 5, now: () => clock, timeoutMs: 20_000 },
      });
      await indexer.start();
      const at = (blockNumber: bigint, logIndex: number) => ({
        blockNumber,
        blockHash: `0x${blockNumber.toString(16).padStart(64, "0")}` as Hash,
        blockTimestamp: 1_700_000_000n + blockNumber,
        logIndex,
        transactionHash: TX,
        transactionIndex: 0,
      });
      const community = { source: "community" as const, address: COMMUNITY };
      const proposal = (id: bigint, uri: string, hash: Hash, logIndex: number) =>
        ({
          ...community,
          ...at(3n, logIndex),
          eventName: "ProposalCreated",
          args: {
            proposalId: id,
            proposer: COMMUNITY,
            topic: 0,
            mode: 0,
            optionCount: 2,
            snapshot: 1_700_000_002,
            voteEnd: 1_700_009_000,
            metadataHash: hash,
            metadataURI: uri,
          },
        }) as IndexedLog;
      const logs: IndexedLog[] = [
        {
          source: "factory",
          address: COMMUNITY,
          ...at(1n, 0),
          eventName: "CommunityCreated",
          args: {
            community: COMMUNITY,
            timelock: COMMUNITY,
            creator: COMMUNITY,
            implementation: COMMUNITY,
            registrar: COMMUNITY,
            bootstrapAdmin: COMMUNITY,
          },
        } as IndexedLog,
        {
          ...community,
          ...at(1n, 1),
          eventName: "TopicCreated",
          args: { topic: 0, name: "General" },
        } as IndexedLog,
        {
          ...community,
          ...at(1n, 2),
          eventName: "QuorumSet",
          args: { quorumBps: 2000 },
        } as IndexedLog,
        {
          ...community,
          ...at(2n, 0),
          eventName: "MemberAdded",
          args: { account: COMMUNITY, weight: 3n },
        } as IndexedLog,
        proposal(1n, `${base}/hang`, DOC_HASH, 0),
        proposal(2n, `${base}/flaky`, DOC_HASH, 1),
        proposal(3n, `data:application/json,${encodeURIComponent(DOC)}`, `0x${"11".repeat(32)}`, 2),
      ];
      const blocks = [1n, 2n, 3n].map((n) => ({
        number: n,
        hash: at(n, 0).blockHash,
        parentHash: at(n - 1n, 0).blockHash,
        timestamp: at(n, 0).blockTimestamp,
      }));
      const step: SyncStep = {
        type: "blocks",
        fromBlock: 1n,
        toBlock: blocks[2] as (typeof blocks)[number],
        blocks,
        logs,
        finalized: 0n,
        head: 3n,
      };
      // The step commits although /hang never answers.
      await indexer.handle(step);
      expect((await store.loadCursor())?.block.number).toBe(3n);
      // Steps must be contiguous: a gap is refused before anything is written.
      await expect(
        indexer.handle({
          ...step,
          fromBlock: 5n,
          blocks: [],
          logs: [],
          toBlock: { ...blocks[2], number: 5n } as never,
        }),
      ).rejects.toThrow("A step from block 5 follows block 3: steps must be contiguous.");
      await expect(
        indexer.handle({
          type: "reorg",
          ancestor: { ...blocks[2], number: 4n } as never,
          depth: 1,
          finalized: 0n,
          head: 5n,
        }),
      ).rejects.toThrow("A reorg to block 4 is ahead of the last committed block 3.");
      for (let i = 0; i < 100 && hanging.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(hanging.length).toBe(1);
      const statuses = async () =>
        (await store.db.select().from(metadataDocuments).orderBy(asc(metadataDocuments.uri))).map(
          (d) => [d.uri.replace(base, ""), d.status, d.attempts],
        );
      // Let the other two documents finish (/hang is still open).
      const fetcher = createMetadataFetcher(store.db, { now: () => clock, retryDelayMs: 1_000 });
      for (let i = 0; i < 100; i++) {
        const s = await statuses();
        if (s.filter((d) => d[1] !== "pending").length >= 2) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await statuses()).toEqual([
        [`data:application/json,${encodeURIComponent(DOC)}`, "hash-mismatch", 1],
        ["/flaky", "unreachable", 1],
        ["/hang", "pending", 0],
      ]);
      hanging.shift()?.writeHead(200).end(DOC);
      await indexer.settle();
      // Not due yet: nothing is fetched again.
      fetcher.wake();
      await fetcher.idle();
      expect(hits.get("/flaky")).toBe(1);
      clock += 1_000;
      fetcher.wake();
      await fetcher.idle();
      expect(await statuses()).toContainEqual(["/flaky", "unreachable", 2]);
      clock += 1_999; // the second retry waits twice as long
      fetcher.wake();
      await fetcher.idle();
      expect(hits.get("/flaky")).toBe(2);
      clock += 1;
      fetcher.wake();
      await fetcher.idle();
      expect(await statuses()).toEqual([
        [`data:application/json,${encodeURIComponent(DOC)}`, "hash-mismatch", 1],
        ["/flaky", "ok", 3],
        ["/hang", "ok", 1],
      ]);
      const [, doc] = await store.db
        .select()
        .from(metadataDocuments)
        .orderBy(asc(metadataDocuments.uri));
      expect(doc).toMatchObject({
        title: "Budget 2027",
        description: "Split it three ways.",
        options: null,
        hashOf: "document",
        retryAt: null,
      });
      expect(doc?.content).toEqual(JSON.parse(DOC));
      // The API serves the checked document's fields, and nothing of a document that failed its check.
      const api = await gql(
        createGraphQL({ store }),
        "{ proposals(orderBy: proposalId) { proposalId title description options metadataStatus } }",
      );
      const budget = { title: "Budget 2027", description: "Split it three ways.", options: null };
      expect(api.data?.proposals).toEqual([
        { proposalId: "1", ...budget, metadataStatus: "ok" },
        { proposalId: "2", ...budget, metadataStatus: "ok" },
        {
          proposalId: "3",
          title: null,
          description: null,
          options: null,
          metadataStatus: "hash-mismatch",
        },
      ]);
      // A document is fetched once, whatever the number of proposals or wakes.
      fetcher.wake();
      await fetcher.idle();
      expect(hits.get("/flaky")).toBe(3);
      expect(hits.get("/hang")).toBe(1);
      expect(emptyRows().proposals).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
