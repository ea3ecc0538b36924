// The indexer against a real chain, on PGlite and on PostgreSQL: every tally revision equals the
// contract's `proposalTally` and the SDK's `verifyProposal` at its block, the latest revision equals the
// contract at every block, finalized revisions are checked against the chain, explanations agree with
// the contract's carried masses, and a reorg rolled back and re-applied gives exactly the store a fresh
// index of the final chain gives.
import {
  createLogCache,
  getCarriedMass,
  type LogCache,
  liquidGovernorAbi,
  type RecountMode,
  terminateProver,
  type VerifyProposalReturnType,
  verifyProposal,
} from "@plenum/sdk";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { getAddress } from "viem";
import { getBlock } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carriedBy, carriers, explainMember } from "../../src/indexing/explain.ts";
import { createIndexer } from "../../src/indexing/indexer.ts";
import { loadCommunityLogs } from "../../src/indexing/logs.ts";
import { indexingStatus } from "../../src/indexing/status.ts";
import { computeTally, revisionRow } from "../../src/indexing/tallies.ts";
import * as schema from "../../src/store/schema.ts";
import type { Store } from "../../src/store/store.ts";
import type { SyncStep } from "../../src/sync/types.ts";
import { BACKENDS, dumpStore, freshStore } from "../store/backends.ts";
import { chainSteps } from "./chain.ts";
import { buildScenario, type Scenario } from "./scenario.ts";

const CHUNK = 10;
const DEPTH = 5;

describe("indexer on a generated community", () => {
  let scenario: Scenario;
  let steps: Extract<SyncStep, { type: "blocks" }>[];
  let cache: LogCache;
  const verified = new Map<string, VerifyProposalReturnType>();

  beforeAll(async () => {
    scenario = await buildScenario();
    const { clients, factory, deployBlock, endBlock, community } = scenario;
    steps = await chainSteps(clients.publicClient, {
      factory,
      fromBlock: deployBlock,
      toBlock: endBlock,
      head: endBlock,
      chunk: CHUNK,
      depth: DEPTH,
    });
    cache = createLogCache(clients.publicClient, { community, fromBlock: deployBlock });
    await cache.sync({ toBlock: endBlock });
  }, 900_000);

  afterAll(async () => {
    await terminateProver();
    await scenario?.anvil.stop();
  });

  async function indexAll(store: Store, backend: string, list: SyncStep[]) {
    const indexer = createIndexer({
      store,
      chainId: scenario.anvil.chain.id,
      client: scenario.clients.publicClient,
      metadata: false,
    });
    await indexer.start();
    const started = performance.now();
    for (const step of list) await indexer.handle(step);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${backend}: ${indexer.stats.events} events, ${indexer.stats.rows} rows, ${indexer.stats.revisions} revisions in ${list.length} steps: ${seconds.toFixed(2)} s, ${Math.round(indexer.stats.events / seconds)} events/s (tallies ${Math.round(indexer.stats.tallyMs)} ms, commits ${Math.round(indexer.stats.commitMs)} ms)`,
    );
    return indexer;
  }

  describe.each(BACKENDS)("on %s", (backend) => {
    it("revisions equal proposalTally and verifyProposal at every block", async () => {
      const { clients, community, proposals, endBlock } = scenario;
      const client = clients.publicClient;
      const store = await freshStore(backend);
      try {
        const indexer = await indexAll(store, backend, steps);
        const revisions = await store.db
          .select()
          .from(schema.tallyRevisions)
          .orderBy(asc(schema.tallyRevisions.blockNumber));
        const indexed = await store.db.select().from(schema.proposals);
        expect(indexed.map((p) => p.proposalId).sort()).toEqual(proposals.map((p) => p.id).sort());
        const first =
          indexed.map((p) => p.blockNumber).sort((a, b) => (a < b ? -1 : 1))[0] ?? endBlock;

        // Each revision was computed incrementally from the one before; every field of every row
        // equals what the SDK's recount and engine give from scratch at its block.
        const allLogs = await loadCommunityLogs(store.db, community);
        for (const revision of revisions) {
          const proposal = indexed.find((p) => p.id === revision.proposal);
          if (!proposal) throw new Error(`no proposal for ${revision.id}`);
          const block = {
            number: revision.blockNumber,
            hash: revision.blockHash,
            timestamp: revision.blockTimestamp,
          };
          const scratch = revisionRow(
            { id: revision.id, proposal: proposal.id, community: proposal.community, block },
            computeTally(
              allLogs,
              proposal.proposalId,
              proposal.mode as RecountMode,
              revision.blockNumber,
            ),
          );
          const stored = Object.fromEntries(
            Object.keys(scratch).map((key) => [key, revision[key as keyof typeof revision]]),
          );
          expect(stored, revision.id).toEqual(scratch);
        }

        let compared = 0;
        for (const proposal of proposals) {
          const id = `eip155:31337:${community.toLowerCase()}-${proposal.id}`;
          const mine = revisions.filter((r) => r.proposal === id);
          // A revision at creation and at every block with a ballot: more than a handful each.
          expect(mine.length, `${proposal.mode} revisions`).toBeGreaterThan(
            proposal.mode === "single" && proposal.options === 2 ? 0 : 10,
          );
          for (let block = first; block <= endBlock; block++) {
            const latest = mine.filter((r) => r.blockNumber <= block).at(-1);
            if (!latest) continue;
            const where = `${proposal.mode} proposal ${proposal.id} at block ${block}`;
            const [tallies, abstain, participation, totalMass] = await client.readContract({
              address: community,
              abi: liquidGovernorAbi,
              functionName: "proposalTally",
              args: [proposal.id],
              blockNumber: block,
            });
            expect(
              {
                tallies: latest.tallies,
                abstain: latest.abstain,
                participation: latest.participation,
                totalMass: latest.totalMass,
              },
              where,
            ).toEqual({ tallies: [...tallies], abstain, participation, totalMass });
            compared++;
            if (latest.blockNumber !== block) continue;
            const key = `${proposal.id}:${block}`;
            let check = verified.get(key);
            if (!check) {
              check = await verifyProposal(client, {
                cache,
                proposalId: proposal.id,
                blockNumber: block,
              });
              verified.set(key, check);
            }
            expect(check.differences, where).toEqual([]);
            expect(latest.tallies, where).toEqual(check.recount.tallies);
            expect(latest.participation, where).toBe(check.recount.participation);
            expect(latest.quorum, where).toBe(check.onChain.quorum);
            expect(latest.idleMass, where).toBe(latest.totalMass - latest.participation);
            const block_ = await getBlock(client, { blockNumber: block });
            expect(latest.blockHash).toBe(block_.hash);
            expect(latest.blockTimestamp).toBe(block_.timestamp);
          }
        }
        console.log(
          `${backend}: ${compared} (proposal, block) tallies compared, ${verified.size} verifyProposal calls`,
        );

        // The current-state views agree with the last revisions.
        const current = await store.query(
          sql`SELECT proposal, count(*)::int AS n FROM current_ballots GROUP BY proposal`,
        );
        const latest = await store.db
          .select()
          .from(schema.tallyRevisions)
          .where(
            sql`(proposal, block_number) IN (SELECT proposal, block_number FROM latest_tally_revisions)`,
          );
        for (const revision of latest) {
          const row = current.find((r) => r.proposal === revision.proposal);
          expect(Number(row?.n ?? 0), revision.proposal).toBe(revision.ballots);
        }

        // The group as the views see it: 8 identities registered, none removed or replaced.
        const group = await store.query(sql`SELECT count(*)::int AS n FROM current_identities`);
        expect(Number(group[0]?.n)).toBe(8);

        // Finalized revisions are checked against the chain, all matching.
        await indexer.settle();
        const finalized = await store.finalizedBlock();
        expect(finalized).toBe(endBlock - BigInt(DEPTH));
        const checks = await store.db.select().from(schema.tallyChecks);
        const due = revisions.filter((r) => r.blockNumber <= finalized);
        expect(checks.length).toBe(due.length);
        expect(checks.filter((c) => c.status !== "match")).toEqual([]);
        expect(indexer.checker?.failures).toBe(0);
        expect(await indexingStatus(store.db)).toMatchObject({
          finalized,
          head: endBlock,
          checked: due.length,
          mismatches: 0,
          hasIndexingErrors: false,
        });
        const final = await store.query(
          sql`SELECT count(*)::int AS n FROM tally_revision_finality WHERE finalized`,
        );
        expect(Number(final[0]?.n)).toBe(due.length);

        // A revision that disagrees with the chain (tampered here) is flagged, not corrected.
        const victim = due.at(-1);
        if (!victim) throw new Error("no finalized revision");
        const tampered = [...victim.tallies];
        tampered[0] = (tampered[0] ?? 0n) + 1n;
        await store.db
          .update(schema.tallyRevisions)
          .set({ tallies: tampered })
          .where(eq(schema.tallyRevisions.id, victim.id));
        await store.db.delete(schema.tallyChecks).where(eq(schema.tallyChecks.revision, victim.id));
        indexer.checker?.wake();
        await indexer.settle();
        const [flagged] = await store.db
          .select()
          .from(schema.tallyChecks)
          .where(eq(schema.tallyChecks.revision, victim.id));
        expect(flagged?.status).toBe("mismatch");
        expect(flagged?.differences).toEqual([
          `tallies[0]: on-chain ${victim.tallies[0]}, indexed ${tampered[0]}`,
        ]);
        const [kept] = await store.db
          .select()
          .from(schema.tallyRevisions)
          .where(eq(schema.tallyRevisions.id, victim.id));
        expect(kept?.tallies).toEqual(tampered);
        expect(await indexingStatus(store.db)).toMatchObject({
          mismatches: 1,
          hasIndexingErrors: true,
        });

        // Explanations at the single-choice poll's last revision: every voter's carried members add
        // up to the contract's carriedMass; an idle member's explanation says why.
        const single = proposals[0];
        if (!single) throw new Error("no proposal");
        const singleId = `eip155:31337:${community.toLowerCase()}-${single.id}`;
        const last = revisions.filter((r) => r.proposal === singleId).at(-1);
        if (!last) throw new Error("no revision");
        const logs = await loadCommunityLogs(store.db, community, last.blockNumber);
        const ballots = await store.query(
          sql`SELECT voter FROM current_ballots WHERE proposal = ${singleId}`,
        );
        let carriedTotal = 0n;
        // One recount for every voter at once gives exactly what each voter's own recount gives.
        const everyCarrier = new Map(
          carriers(logs, single.id, last.blockNumber).map((c) => [c.voter, c]),
        );
        for (const { voter } of ballots) {
          const address = getAddress(String(voter).split(":")[2] as string);
          const carried = carriedBy(logs, single.id, address, last.blockNumber);
          const onChain = await getCarriedMass(client, {
            community,
            proposalId: single.id,
            voter: address,
            blockNumber: last.blockNumber,
          });
          expect(carried.carried, address).toBe(onChain);
          if (carried.carried > 0n) expect(everyCarrier.get(address)).toEqual(carried);
          expect(carried.members.reduce((sum, m) => sum + m.mass, 0n)).toBe(carried.carried);
          for (const { member } of carried.members.slice(0, 3)) {
            const why = explainMember(logs, single.id, member, last.blockNumber);
            expect(why.kind === "voted" || why.kind === "carried").toBe(true);
            if (why.kind === "voted" || why.kind === "carried") expect(why.carrier).toBe(address);
          }
          carriedTotal += carried.carried;
        }
        expect(carriedTotal).toBe(last.participation);
        const members = await store.query(
          sql`SELECT account FROM current_members WHERE block_number < ${single.id > 0n ? last.blockNumber : 0n} LIMIT 200`,
        );
        const idle = members
          .map((m) => getAddress(String(m.account).split(":")[2] as string))
          .map((a) => explainMember(logs, single.id, a, last.blockNumber))
          .filter((e) => e.kind === "uncounted");
        expect(idle.length).toBeGreaterThan(0);
        expect(idle.reduce((sum, e) => sum + (e.kind === "uncounted" ? e.mass : 0n), 0n)).toBe(
          last.idleMass,
        );
      } finally {
        await store.close();
      }
    });

    it("a step whose commit fails midway leaves the previous cursor, and its retry gives a fresh index", async () => {
      const failing = await freshStore(backend);
      const fresh = await freshStore(backend);
      try {
        // One step's transaction fails in its last insert (a duplicated revision id), after every
        // other row of the step was written.
        let failNext = false;
        const store: Store = {
          ...failing,
          commitStep: (commit, rows) => {
            if (!failNext) return failing.commitStep(commit, rows);
            failNext = false;
            const last = rows.tallyRevisions.at(-1);
            return failing.commitStep(commit, {
              ...rows,
              tallyRevisions: [
                ...rows.tallyRevisions,
                last as (typeof rows.tallyRevisions)[number],
              ],
            });
          },
        };
        const withRevisions = steps.findIndex(
          (s, i) => i >= 3 && s.logs.some((l) => l.eventName === "VoteCast"),
        );
        const list = steps.slice(0, withRevisions + 1);
        const indexer = createIndexer({ store, chainId: scenario.anvil.chain.id, metadata: false });
        await indexer.start();
        for (const step of list.slice(0, -1)) await indexer.handle(step);
        failNext = true;
        const before = await dumpStore(failing);
        const target = list.at(-1) as (typeof list)[number];
        await expect(indexer.handle(target)).rejects.toThrow();
        expect(await dumpStore(failing)).toEqual(before);
        expect((await failing.loadCursor())?.block.number).toBe(list.at(-2)?.toBlock.number);
        // The same step again (the follower resumes from the cursor), then the rest.
        await indexer.handle(target);
        for (const step of steps.slice(withRevisions + 1)) await indexer.handle(step);
        await indexAll(fresh, `${backend} (fresh)`, steps);
        expect(await dumpStore(failing)).toEqual(await dumpStore(fresh));
      } finally {
        await failing.close();
        await fresh.close();
      }
    });

    it("a reorg rolled back and re-applied equals a fresh index of the final chain", async () => {
      const { clients, factory, deployBlock, forkBlock, branchX, endBlock } = scenario;
      const client = clients.publicClient;
      const prefix = await chainSteps(client, {
        factory,
        fromBlock: deployBlock,
        toBlock: forkBlock,
        head: endBlock,
        chunk: CHUNK,
        depth: DEPTH,
      });
      const branchY = await chainSteps(client, {
        factory,
        fromBlock: forkBlock + 1n,
        toBlock: endBlock,
        head: endBlock,
        chunk: 4,
        depth: DEPTH,
      });
      // Nothing of branch X was final when it was replaced.
      const x = branchX.map((s) => ({
        ...s,
        finalized: [s.finalized, forkBlock].sort((a, b) => (a < b ? -1 : 1))[0] as bigint,
      }));
      const ancestor = await getBlock(client, { blockNumber: forkBlock });
      const reorged = await freshStore(backend);
      const fresh = await freshStore(backend);
      try {
        const indexer = await indexAll(reorged, `${backend} (reorg)`, [...prefix, ...x]);
        // Branch X left revisions and a proposal above the fork.
        const above = await reorged.db
          .select()
          .from(schema.tallyRevisions)
          .where(sql`${schema.tallyRevisions.blockNumber} > ${forkBlock}`);
        expect(above.length).toBeGreaterThan(0);
        expect((await reorged.db.select().from(schema.proposals)).length).toBe(5);
        await indexer.handle({
          type: "reorg",
          ancestor: {
            number: ancestor.number,
            hash: ancestor.hash,
            parentHash: ancestor.parentHash,
            timestamp: ancestor.timestamp,
          },
          depth: Number(x.at(-1)?.toBlock.number ?? 0n) - Number(forkBlock),
          finalized: prefix.at(-1)?.finalized ?? 0n,
          head: endBlock,
        });
        expect((await reorged.loadCursor())?.block.number).toBe(forkBlock);
        for (const step of branchY) await indexer.handle(step);
        await indexAll(fresh, `${backend} (fresh)`, [...prefix, ...branchY]);
        const a = await dumpStore(reorged);
        const b = await dumpStore(fresh);
        expect(a.tally_revisions?.length).toBeGreaterThan(40);
        expect((a.proposals ?? []).length).toBe(4);
        expect(a).toEqual(b);
        const ids = await reorged.db
          .select({ id: schema.proposalEvents.kind })
          .from(schema.proposalEvents)
          .where(
            and(
              eq(schema.proposalEvents.kind, "canceled"),
              lte(schema.proposalEvents.blockNumber, endBlock),
            ),
          );
        expect(ids.length).toBe(1);
      } finally {
        await reorged.close();
        await fresh.close();
      }
    });
  });
});
