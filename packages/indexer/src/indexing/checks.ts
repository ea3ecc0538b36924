// Checks finalized tally revisions against the contract: `proposalTally` read at the revision's block
// (eth_call with a block number), after the step committed, off the write path. A mismatch is recorded
// with its differences and counted in `indexingStatus`; the revision itself is never changed.
import { liquidGovernorAbi } from "@plenum/sdk";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { Address, Chain, Client, Transport } from "viem";
import { readContract } from "viem/actions";
import type { StoreDb } from "../store/database.ts";
import { communities, proposals, tallyChecks, tallyRevisions } from "../store/schema.ts";

/**
 * The checker: `wake()` after each committed step (returns at once); `idle()` resolves when nothing
 * is running; `failures` counts calls that failed (they are tried again on the next wake).
 *
 * @example
 * ```ts
 * const checker = createTallyChecker(store, client);
 * checker.wake();
 * await checker.idle();
 * ```
 */
export interface TallyChecker {
  wake(): void;
  idle(): Promise<void>;
  readonly failures: number;
}

/**
 * Creates the checker of finalized revisions (`block_number <=` the cursor's finalized block).
 *
 * @example
 * ```ts
 * const checker = createTallyChecker(store, createPublicClient({ transport: http(rpcUrl) }));
 * ```
 */
export function createTallyChecker(
  store: { db: StoreDb; finalizedBlock(): Promise<bigint> },
  client: Client<Transport, Chain | undefined>,
  options: { batch?: number; backoffMs?: number } = {},
): TallyChecker {
  const { db } = store;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  // After a batch in which every call failed (a node without the history, say: eth_call at an old
  // block), wakes are ignored for a while, doubling up to a minute: otherwise every new block would
  // send the same failing batch again, beside the live path.
  const firstBackoff = options.backoffMs ?? 1_000;
  let backoff = 0;
  let retryAt = 0;

  const due = async (finalized: bigint) =>
    db
      .select({
        id: tallyRevisions.id,
        proposal: tallyRevisions.proposal,
        blockNumber: tallyRevisions.blockNumber,
        tallies: tallyRevisions.tallies,
        abstain: tallyRevisions.abstain,
        participation: tallyRevisions.participation,
        totalMass: tallyRevisions.totalMass,
        proposalId: proposals.proposalId,
        address: communities.address,
      })
      .from(tallyRevisions)
      .innerJoin(proposals, eq(proposals.id, tallyRevisions.proposal))
      .innerJoin(communities, eq(communities.id, tallyRevisions.community))
      .leftJoin(tallyChecks, eq(tallyChecks.revision, tallyRevisions.id))
      .where(and(isNull(tallyChecks.revision), lte(tallyRevisions.blockNumber, finalized)))
      .orderBy(asc(tallyRevisions.blockNumber), asc(tallyRevisions.id))
      .limit(options.batch ?? 200);

  const run = async () => {
    do {
      again = false;
      const revisions = await due(await store.finalizedBlock());
      let progressed = false;
      for (const revision of revisions) {
        let onChain: readonly [readonly bigint[], bigint, bigint, bigint];
        try {
          onChain = await readContract(client, {
            address: revision.address as Address,
            abi: liquidGovernorAbi,
            functionName: "proposalTally",
            args: [revision.proposalId],
            blockNumber: revision.blockNumber,
          });
        } catch {
          failures++;
          continue;
        }
        const [tallies, abstain, participation, totalMass] = onChain;
        const differences: string[] = [];
        const differ = (what: string, chain: bigint | undefined, mine: bigint | undefined) => {
          if (chain !== mine) {
            differences.push(`${what}: on-chain ${chain ?? "none"}, indexed ${mine ?? "none"}`);
          }
        };
        const options = Math.max(tallies.length, revision.tallies.length);
        for (let i = 0; i < options; i++) differ(`tallies[${i}]`, tallies[i], revision.tallies[i]);
        differ("abstain", abstain, revision.abstain);
        differ("participation", participation, revision.participation);
        differ("totalMass", totalMass, revision.totalMass);
        await db
          .insert(tallyChecks)
          .values({
            revision: revision.id,
            proposal: revision.proposal,
            blockNumber: revision.blockNumber,
            status: differences.length === 0 ? "match" : "mismatch",
            onChain: {
              tallies: tallies.map(String),
              abstain: String(abstain),
              participation: String(participation),
              totalMass: String(totalMass),
            },
            differences,
          })
          .onConflictDoNothing();
        progressed = true;
      }
      if (revisions.length > 0 && !progressed) {
        backoff = Math.min(backoff === 0 ? firstBackoff : backoff * 2, 60_000);
        retryAt = Date.now() + backoff;
        return;
      }
      backoff = 0;
      if (progressed && revisions.length === (options.batch ?? 200)) again = true;
    } while (again);
  };

  return {
    get failures() {
      return failures;
    },
    wake() {
      if (running) {
        again = true;
        return;
      }
      if (Date.now() < retryAt) return;
      running = run()
        .catch(() => {
          failures++;
        })
        .finally(() => {
          running = undefined;
        });
    },
    async idle() {
      while (running) await running;
    },
  };
}
