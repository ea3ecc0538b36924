// Two API replicas sharing one Redis feed and one PostgreSQL database: the indexer publishes each
// committed step once, and a subscriber on each replica sees every event, once, in order, and after a
// reorg the ballots it dropped flagged as removed.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCommittedFeed,
  createGraphQL,
  reorgSummary,
  stepSummary,
} from "../../src/graphql/index.ts";
import { emptyRows } from "../../src/store/rows.ts";
import type { Store } from "../../src/store/store.ts";
import { freshStore } from "../store/backends.ts";
import { countingFeed, serve, subscribe, until } from "./sse.ts";
import { account, block, C, commitWorld, P1 } from "./world.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const FIRST = 4n;
const LAST = 40n;

describe("GraphQL subscriptions across replicas through Redis", () => {
  const channel = `plenum:test:${randomBytes(6).toString("hex")}`;
  let store: Store;
  const indexer = createCommittedFeed({ redisUrl: REDIS_URL, channel });
  const feeds = [0, 1].map(() =>
    countingFeed(createCommittedFeed({ redisUrl: REDIS_URL, channel })),
  );
  let servers: Awaited<ReturnType<typeof serve>>[] = [];
  beforeAll(async () => {
    store = await freshStore("postgres");
    await commitWorld(store, 3);
    servers = await Promise.all(feeds.map((pubsub) => serve(createGraphQL({ store, pubsub }))));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all([indexer, ...feeds].map((f) => f.close()));
    await store?.close();
  });

  it("a subscriber on each replica sees every revision and ballot once, in order", async () => {
    const subscriptions = await Promise.all(
      servers.flatMap((server) => [
        subscribe(
          server.url,
          `subscription { tallyRevisions(proposal: "${P1}") { replacing revision { blockNumber tallies } } }`,
        ),
        subscribe(
          server.url,
          `subscription { ballots(proposal: "${P1}") { id removed ballot { blockNumber option } } }`,
        ),
      ]),
    );
    await until(() => feeds.every((f) => f.subscribers === 2));
    // Both replicas' Redis connections are subscribed before anything is published.
    const probe = new Redis(REDIS_URL);
    await until(async () => {
      const [, count] = (await probe.pubsub("NUMSUB", channel)) as [string, number];
      return Number(count) === 2;
    });
    await probe.quit();

    // Blocks 4..40: each writes a P1 revision and a ballot change of member 3 (option = block % 3).
    const commitBlock = async (n: bigint) => {
      const rows = emptyRows();
      const b = block(n);
      rows.ballotEvents.push({
        id: `${C}-${n}-0`,
        proposal: P1,
        community: C,
        ballotKey: account(3),
        voter: account(3),
        nullifier: null,
        kind: "changed",
        option: Number(n % 3n),
        abstain: false,
        votes: null,
        blockNumber: n,
        blockTimestamp: b.timestamp,
        logIndex: 0,
        transactionHash: b.hash,
      });
      rows.tallyRevisions.push({
        id: `${P1}-${n}`,
        proposal: P1,
        community: C,
        blockNumber: n,
        blockHash: b.hash,
        blockTimestamp: b.timestamp,
        tallies: [n, 0n, 0n],
        abstain: 0n,
        participation: n,
        totalMass: 60n,
        idleMass: 0n,
        quorum: null,
        quorumBps: null,
        quorumMet: null,
        leader: 0,
        tie: false,
        passing: null,
        ballots: 1,
        groupMismatch: false,
      });
      const commit = { toBlock: b, blocks: [b], finalized: n - 2n, head: n };
      await store.commitStep(commit, rows);
      indexer.publishCommitted(stepSummary(commit, rows));
    };
    for (let n = FIRST; n <= LAST; n++) await commitBlock(n);

    const expectedRevisions = [];
    const expectedBallots = [];
    for (let n = FIRST; n <= LAST; n++) {
      expectedRevisions.push({
        data: {
          tallyRevisions: {
            replacing: false,
            revision: { blockNumber: `${n}`, tallies: [`${n}`, "0", "0"] },
          },
        },
      });
      expectedBallots.push({
        data: {
          ballots: {
            id: `${C}-${n}-0`,
            removed: false,
            ballot: { blockNumber: `${n}`, option: Number(n % 3n) },
          },
        },
      });
    }
    const count = Number(LAST - FIRST + 1n);
    for (const [i, subscription] of subscriptions.entries()) {
      const received = [];
      for (let k = 0; k < count; k++) received.push(await subscription.next());
      expect(received).toEqual(i % 2 === 0 ? expectedRevisions : expectedBallots);
    }
    // No duplicate trails them: the next event on each is the next block's.
    await commitBlock(LAST + 1n);
    for (const subscription of subscriptions) {
      expect(JSON.stringify(await subscription.next())).toContain(`"blockNumber":"${LAST + 1n}"`);
    }
    // A reorg drops blocks LAST and LAST + 1: each replica's ballot subscriber learns both ballots
    // are gone, in block order; each tally subscriber gets the tally of LAST − 1, replacing.
    const summary = await reorgSummary(store, block(LAST - 1n), LAST - 3n);
    await store.rollback(block(LAST - 1n), LAST - 3n, LAST + 1n);
    indexer.publishCommitted(summary);
    for (const [i, subscription] of subscriptions.entries()) {
      const expected =
        i % 2 === 0
          ? [
              {
                data: {
                  tallyRevisions: {
                    replacing: true,
                    revision: { blockNumber: `${LAST - 1n}`, tallies: [`${LAST - 1n}`, "0", "0"] },
                  },
                },
              },
            ]
          : [LAST, LAST + 1n].map((n) => ({
              data: { ballots: { id: `${C}-${n}-0`, removed: true, ballot: null } },
            }));
      const received = [];
      for (let k = 0; k < expected.length; k++) received.push(await subscription.next());
      expect(received).toEqual(expected);
      subscription.close();
    }
    await until(() => feeds.every((f) => f.open === 0));
  });
});
