// `plenum-indexer start` (the real process, on PostgreSQL in a fresh schema) following a chain that
// reorganises under it, with SSE subscribers connected: at depths 1, 2, 3, 5, 7 and 10, `anvil_reorg`
// replaces the last blocks' votes, delegations and proposals with others (dropped, reordered,
// changed), and `anvil_rollback` drops them before other transactions arrive. Subscribers get the
// corrected tally flagged `replacing` and each dropped ballot and proposal flagged `removed`; the
// final tally is the contract's and the SDK's recount's, and the store equals a fresh index of the
// final chain.
import { randomBytes } from "node:crypto";
import { verifyProposal } from "@plenum/sdk";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountId } from "../../src/store/values.ts";
import { type SseSubscription, subscribe } from "../graphql/sse.ts";
import { TEST_DATABASE_URL } from "../store/backends.ts";
import { type Anvil, clientsFor, contractTallies, startAnvil } from "../support.ts";
import {
  chainContent,
  eventually,
  type Governance,
  MEMBERS,
  prng,
  type RawTx,
  send,
  setUpGovernance,
  txsOf,
  untilAtHead,
} from "./governance.ts";
import { type IndexerProcess, metric, query, runIndexer } from "./process.ts";

let anvil: Anvil;
let g: Governance;
const running: IndexerProcess[] = [];
const prefix = `reorg_${randomBytes(4).toString("hex")}`;
const schemas = [`${prefix}_live`, `${prefix}_fresh`];

const start = (schema: string) => {
  const p = runIndexer(["start"], {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    RPC_URL: anvil.rpcUrl,
    FACTORY: g.core.factory,
    START_BLOCK: String(g.startBlock),
    // Above the deepest reorg (10), so none reaches a finalized block.
    FINALITY_DEPTH: "12",
    POLLING_INTERVAL: "20",
    PORT: "0",
    NO_METADATA: "1",
  });
  running.push(p);
  return p;
};

beforeAll(async () => {
  anvil = await startAnvil();
  g = await setUpGovernance(anvil);
}, 120_000);

afterAll(async () => {
  for (const p of running) await p.kill("SIGKILL");
  await anvil?.stop();
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

/** Every payload of an SSE subscription, collected as it arrives. */
function collect(subscription: SseSubscription) {
  const payloads: Record<string, unknown>[] = [];
  void (async () => {
    for (;;) payloads.push((await subscription.next()).data ?? { errors: true });
  })();
  return payloads;
}

type TallyEvent = {
  replacing: boolean;
  revision: { blockNumber: string; tallies: string[] } | null;
};
type Update = { id: string; removed: boolean; [item: string]: unknown };

/** A web app's live list: add (or replace) by id when `removed` is false, delete when true. */
function liveList(initial: { id: string }[], updates: Update[], field: string) {
  const list = new Map<string, unknown>(initial.map((item) => [item.id, item]));
  for (const update of updates) {
    if (update.removed) list.delete(update.id);
    else list.set(update.id, update[field]);
  }
  return [...list.values()].sort((a, b) =>
    String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)),
  );
}

describe("plenum-indexer start across reorgs", () => {
  it("at depths 1 to 10, subscribers get the corrected tally and the dropped ballots and proposals, and the store equals a fresh index", async () => {
    const { publicClient } = clientsFor(anvil);
    const rpc = (method: string, params: unknown[]) =>
      clientsFor(anvil).testClient.request({ method, params } as never);
    const C = accountId(anvil.chain.id, g.community);
    const P = `${C}-${g.proposalId}`;
    const BALLOT = "id kind option voter blockNumber";
    const PROPOSAL = "id proposalId metadataUri blockNumber";
    const ballotsNow = async (where = "") =>
      (
        await query(
          url,
          `{ ballotEvents(first: 1000, orderBy: id, where: { proposal: "${P}"${where} }) { ${BALLOT} } }`,
        )
      ).data?.ballotEvents as { id: string }[];
    const proposalsNow = async (where = "") =>
      (
        await query(
          url,
          `{ proposals(first: 1000, orderBy: id, where: { community: "${C}"${where} }) { ${PROPOSAL} } }`,
        )
      ).data?.proposals as { id: string }[];
    const live = start(`${prefix}_live`);
    // The service's own line (the follower logs one too, with `component: "sync"`).
    const reorgLogs = () => live.logs.filter((l) => l.msg === "reorg" && !l.component);
    const url = await live.url();
    await live.waitFor("ready");
    await untilAtHead(anvil, url);
    const tallies = collect(
      await subscribe(
        `${url}/graphql`,
        `subscription { tallyRevisions(proposal: "${P}") { replacing revision { blockNumber tallies } } }`,
      ),
    );
    const ballots = collect(
      await subscribe(
        `${url}/graphql`,
        `subscription { ballots(proposal: "${P}") { id removed ballot { ${BALLOT} } } }`,
      ),
    );
    const proposals = collect(
      await subscribe(
        `${url}/graphql`,
        `subscription { proposals(community: "${C}") { id removed proposal { ${PROPOSAL} } } }`,
      ),
    );
    const initialBallots = await ballotsNow();
    const initialProposals = await proposalsNow();
    expect(initialBallots).toEqual([]);
    expect(initialProposals).toHaveLength(1);
    // Subscribed before anything moves: a first vote reaches the ballot subscriber.
    await send(anvil, txsOf(g, 8).vote(2));
    await eventually(() => expect(ballots).toHaveLength(1));

    // Each round: `depth` transactions, one block each, then a reorg of those blocks.
    const rounds: { depth: number; kind: "anvil_reorg" | "anvil_rollback" }[] = [
      { depth: 1, kind: "anvil_reorg" },
      { depth: 1, kind: "anvil_rollback" },
      ...[2, 3, 5, 7].map((depth) => ({
        depth,
        kind: depth % 2 === 0 ? ("anvil_rollback" as const) : ("anvil_reorg" as const),
      })),
      { depth: 10, kind: "anvil_reorg" },
      { depth: 10, kind: "anvil_rollback" },
    ];
    let proposalCount = 0;
    let removedBallots = 0;
    let removedProposals = 0;
    for (const [round, { depth, kind }] of rounds.entries()) {
      const random = prng(1000 + round);
      const member = () => MEMBERS[Math.floor(random() * MEMBERS.length)] as number;
      // Votes, delegations and (from depth 3) a new proposal, in `depth` blocks.
      const before: RawTx[] = [];
      for (let k = 0; k < depth; k++) {
        const txs = txsOf(g, member());
        if (k === 1 && depth >= 3) before.push(txs.propose(`round ${round}`));
        else if (k % 3 === 1) before.push(txs.delegate(member()));
        else before.push(txs.vote(Math.floor(random() * 3)));
      }
      for (const tx of before) await send(anvil, tx);
      const head = await untilAtHead(anvil, url);
      const ancestor = head - BigInt(depth);
      // What the reorg must take away, and the tally it must fall back to.
      const dropped = await ballotsNow(`, blockNumber_gt: "${ancestor}"`);
      const droppedProposals = await proposalsNow(`, blockNumber_gt: "${ancestor}"`);
      const [atAncestor] = ((
        await query(
          url,
          `{ tallyRevisions(first: 1, orderBy: blockNumber, orderDirection: desc, where: { proposal: "${P}", blockNumber_lte: "${ancestor}" }) { blockNumber tallies } }`,
        )
      ).data?.tallyRevisions ?? []) as { blockNumber: string; tallies: string[] }[];
      if (depth >= 3) expect(droppedProposals).toHaveLength(1);
      const seen = {
        tallies: tallies.length,
        ballots: ballots.length,
        proposals: proposals.length,
      };

      // The other branch: the same transactions reversed (reordered), every other vote changed to
      // another option, the last one left out; anvil_reorg mines them in the replacing blocks,
      // anvil_rollback's chain receives them afterwards, one block each.
      const other = before
        .slice(0, Math.max(1, depth - 1))
        .reverse()
        .map((tx, i) =>
          i % 2 === 0 && tx.data.startsWith(txsOf(g, 1).vote(0).data.slice(0, 10))
            ? { ...tx, data: txsOf(g, 1).vote((i + round) % 3).data }
            : tx,
        );
      if (kind === "anvil_reorg") {
        await rpc("anvil_reorg", [depth, other.map((tx, i) => [tx, (i * 2) % depth])]);
      } else {
        await rpc("anvil_rollback", [depth]);
        for (const tx of other) await send(anvil, tx);
      }
      await untilAtHead(anvil, url);
      const contract = await contractTallies(anvil, g.community, g.proposalId);

      await eventually(async () => {
        const events = tallies.slice(seen.tallies).map((p) => p.tallyRevisions as TallyEvent);
        // The corrected tally: the one as of the ancestor, replacing everything above it.
        const replacing = events.filter((e) => e.replacing);
        expect(replacing, `round ${round}`).toEqual([{ replacing: true, revision: atAncestor }]);
        // Then the other branch's revisions; the last is the contract's tally.
        expect(events.at(-1)?.revision?.tallies, `round ${round}`).toEqual(contract);
        // Every ballot and proposal of the dropped blocks is announced removed, in block order.
        const removed = (payloads: Record<string, unknown>[], from: number, key: string) =>
          payloads
            .slice(from)
            .map((p) => p[key] as Update)
            .filter((u) => u.removed)
            .map((u) => u.id);
        expect(removed(ballots, seen.ballots, "ballots")).toEqual(
          [...dropped]
            .sort((a, b) => Number((a as Update).blockNumber) - Number((b as Update).blockNumber))
            .map((b) => b.id),
        );
        expect(removed(proposals, seen.proposals, "proposals")).toEqual(
          droppedProposals.map((p) => p.id),
        );
        // A list kept from the subscriptions alone equals what a query reads now.
        const updates = (payloads: Record<string, unknown>[], key: string) =>
          payloads.map((p) => p[key] as Update);
        expect(liveList(initialBallots, updates(ballots, "ballots"), "ballot")).toEqual(
          await ballotsNow(),
        );
        expect(liveList(initialProposals, updates(proposals, "proposals"), "proposal")).toEqual(
          await proposalsNow(),
        );
      });
      removedBallots += dropped.length;
      removedProposals += droppedProposals.length;
      if (depth >= 3) proposalCount++;
      expect(reorgLogs().at(-1)).toMatchObject({ ancestor: Number(ancestor), depth });
    }
    expect(reorgLogs()).toHaveLength(rounds.length);
    // The rounds dropped ballots and proposals (so the checks above did check something).
    expect(removedBallots).toBeGreaterThan(rounds.length);
    expect(removedProposals).toBe(proposalCount);

    // The final tally: the indexer's, the contract's and the SDK's recount from the logs agree.
    const { data } = await query(url, `{ proposal(id: "${P}") { tally { tallies } } }`);
    const contract = await contractTallies(anvil, g.community, g.proposalId);
    expect(data).toEqual({ proposal: { tally: { tallies: contract } } });
    const verified = await verifyProposal(publicClient, {
      community: g.community,
      fromBlock: g.startBlock,
      proposalId: g.proposalId,
    });
    expect(verified.verdict).toBe("match");
    expect(verified.recount.tallies.map(String)).toEqual(contract);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(metric(text, "plenum_indexer_reorgs_total")).toBe(rounds.length);
    expect(await live.kill("SIGTERM")).toBe(0);
    // A fresh index of the final chain.
    const fresh = start(`${prefix}_fresh`);
    await untilAtHead(anvil, await fresh.url(), 60_000);
    expect(await fresh.kill("SIGTERM")).toBe(0);
    const expected = await chainContent(anvil, {
      databaseUrl: TEST_DATABASE_URL,
      schema: `${prefix}_fresh`,
    });
    expect(expected.ballot_events?.length).toBeGreaterThan(10);
    expect(
      await chainContent(anvil, { databaseUrl: TEST_DATABASE_URL, schema: `${prefix}_live` }),
    ).toEqual(expected);
  });
});
