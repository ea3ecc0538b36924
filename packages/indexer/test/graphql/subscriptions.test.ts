// Live updates over SSE, through a real HTTP server and raw fetch streams: after each step the store
// commits and the indexer publishes, subscribers get the new proposals, ballot events and tally
// revisions; after a reorg, the corrected tally flagged as replacing, and the ballots and proposals it
// dropped flagged as removed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCommittedFeed,
  createGraphQL,
  reorgSummary,
  stepSummary,
} from "../../src/graphql/index.ts";
import { createStore, type Store } from "../../src/store/store.ts";
import { countingFeed, serve, subscribe, until } from "./sse.ts";
import { block, C, commitWorld, P1, P3, worldSteps } from "./world.ts";

describe("GraphQL subscriptions over SSE", () => {
  let store: Store;
  let server: Awaited<ReturnType<typeof serve>>;
  const feed = countingFeed(createCommittedFeed());
  beforeAll(async () => {
    store = await createStore({});
    await commitWorld(store, 3);
    server = await serve(createGraphQL({ store, pubsub: feed }));
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it("delivers new proposals, ballots and tally revisions after each committed step, and the corrected tally after a reorg", async () => {
    const tallies = await subscribe(
      server.url,
      `subscription { tallyRevisions(proposal: "${P1}") { proposal replacing revision { blockNumber tallies finalized proposal { mode } } } }`,
    );
    const anonymousTallies = await subscribe(
      server.url,
      `subscription { tallyRevisions(proposal: "${P3}") { replacing revision { tallies } } }`,
    );
    const ballots = await subscribe(
      server.url,
      `subscription { ballots(proposal: "${P1}") { id proposal removed ballot { id kind option voter blockNumber } } }`,
    );
    const proposals = await subscribe(
      server.url,
      "subscription { proposals { id community removed proposal { id mode tally { tallies } } } }",
    );
    await until(() => feed.subscribers === 4);

    const steps = worldSteps();
    for (const step of steps.slice(3)) {
      const n = step.block.number;
      const commit = { toBlock: step.block, blocks: [step.block], finalized: n - 2n, head: n };
      await store.commitStep(commit, step.rows);
      feed.publishCommitted(stepSummary(commit, step.rows));
    }
    const voter = (n: number) => `eip155:31337:0x${n.toString(16).padStart(40, "0")}`;
    expect(await tallies.next()).toEqual({
      data: {
        tallyRevisions: {
          proposal: P1,
          replacing: false,
          revision: {
            blockNumber: "4",
            tallies: ["30", "0", "30"],
            finalized: false,
            proposal: { mode: "single" },
          },
        },
      },
    });
    expect(await tallies.next()).toEqual({
      data: {
        tallyRevisions: {
          proposal: P1,
          replacing: false,
          revision: {
            blockNumber: "5",
            tallies: ["30", "0", "0"],
            finalized: false,
            proposal: { mode: "single" },
          },
        },
      },
    });
    const ballot = (id: string, fields: Record<string, unknown>) => ({
      data: { ballots: { id, proposal: P1, removed: false, ballot: { id, ...fields } } },
    });
    const announced = [await ballots.next(), await ballots.next(), await ballots.next()];
    const ballotIds = announced.map((b) =>
      String((b.data?.ballots as { id?: string } | undefined)?.id),
    );
    expect(announced).toEqual([
      ballot(ballotIds[0] as string, {
        kind: "changed",
        option: 2,
        voter: voter(2),
        blockNumber: "4",
      }),
      ballot(ballotIds[1] as string, {
        kind: "cast",
        option: 0,
        voter: voter(3),
        blockNumber: "4",
      }),
      ballot(ballotIds[2] as string, {
        kind: "retracted",
        option: null,
        voter: voter(2),
        blockNumber: "5",
      }),
    ]);
    expect(ballotIds[2]).toMatch(new RegExp(`^${C}-5-\\d+$`));
    const P2 = `${P1.slice(0, -2)}-2`;
    expect([await proposals.next(), await proposals.next()]).toEqual([
      {
        data: {
          proposals: {
            id: P2,
            community: C,
            removed: false,
            proposal: { id: P2, mode: "quadratic", tally: { tallies: ["0", "0"] } },
          },
        },
      },
      {
        data: {
          proposals: {
            id: P3,
            community: C,
            removed: false,
            proposal: { id: P3, mode: "anonymous", tally: { tallies: ["0", "1"] } },
          },
        },
      },
    ]);
    expect(await anonymousTallies.next()).toEqual({
      data: { tallyRevisions: { replacing: false, revision: { tallies: ["0", "1"] } } },
    });

    // Reorg: block 5 is replaced. Subscribers of P1 get the tally as of block 4, flagged replacing;
    // P3 (created in the dropped block) gets a null revision.
    const summary = await reorgSummary(store, block(4n), 3n);
    expect(summary).toMatchObject({
      type: "reorg",
      proposals: [P1, P3],
      removed: {
        proposals: [{ id: P3, community: C }],
        // P1's retraction and P3's anonymous ballot.
        ballotEvents: [
          { id: ballotIds[2], proposal: P1 },
          { id: `${C}-5-21`, proposal: P3 },
        ],
      },
    });
    await store.rollback(block(4n), 3n, 5n);
    feed.publishCommitted(summary);
    expect(await tallies.next()).toEqual({
      data: {
        tallyRevisions: {
          proposal: P1,
          replacing: true,
          revision: {
            blockNumber: "4",
            tallies: ["30", "0", "30"],
            finalized: false,
            proposal: { mode: "single" },
          },
        },
      },
    });
    expect(await anonymousTallies.next()).toEqual({
      data: { tallyRevisions: { replacing: true, revision: null } },
    });
    // The ballot and the proposal block 5 added are announced as removed.
    expect(await ballots.next()).toEqual({
      data: { ballots: { id: ballotIds[2], proposal: P1, removed: true, ballot: null } },
    });
    expect(await proposals.next()).toEqual({
      data: { proposals: { id: P3, community: C, removed: true, proposal: null } },
    });
    // The replacement block 5' carries the same revision for P1 again: announced as new.
    const replacement = { ...block(5n, "b"), parentHash: block(4n).hash };
    const rows = (steps[4] as (typeof steps)[number]).rows;
    for (const r of rows.tallyRevisions) r.blockHash = replacement.hash;
    const commit = { toBlock: replacement, blocks: [replacement], finalized: 3n, head: 5n };
    await store.commitStep(commit, rows);
    feed.publishCommitted(stepSummary(commit, rows));
    expect(await tallies.next()).toMatchObject({
      data: {
        tallyRevisions: {
          replacing: false,
          revision: { blockNumber: "5", tallies: ["30", "0", "0"] },
        },
      },
    });
    // Block 5' re-announces its ballot and its proposal; nothing arrived in between (no duplicates).
    expect(await ballots.next()).toMatchObject({
      data: { ballots: { id: ballotIds[2], removed: false, ballot: { kind: "retracted" } } },
    });
    expect(await proposals.next()).toMatchObject({
      data: { proposals: { id: P3, removed: false, proposal: { id: P3 } } },
    });
    expect(ballots.pending()).toBe(0);
    expect(proposals.pending()).toBe(0);
    // Closing the streams lets go of the feed on the server side.
    expect(feed.open).toBe(4);
    for (const s of [tallies, anonymousTallies, ballots, proposals]) s.close();
    await until(() => feed.open === 0);
  });
});
