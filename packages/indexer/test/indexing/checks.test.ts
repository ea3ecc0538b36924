// The tally checker against a node that cannot answer (a closed port: every eth_call fails): the
// failures are counted, and the same batch is not sent again on every wake while it backs off.
import { createServer } from "node:net";
import { createPublicClient, http } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { createTallyChecker } from "../../src/indexing/checks.ts";
import { emptyRows } from "../../src/store/rows.ts";
import type { Store } from "../../src/store/store.ts";
import { account, block, C, P1 } from "../graphql/world.ts";
import { freshStore } from "../store/backends.ts";

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

/** A community, a proposal and two finalized tally revisions (blocks 1 and 2). */
async function withRevisions(store: Store) {
  const at = (n: bigint, logIndex: number) => ({
    blockNumber: n,
    blockTimestamp: block(n).timestamp,
    logIndex,
    transactionHash: block(n).hash,
  });
  const rows = emptyRows();
  rows.communities.push({
    id: C,
    chainId: 31337,
    address: C.split(":")[2] as string,
    timelock: account(0xc1),
    creator: account(1),
    implementation: account(0xc2).split(":")[2] as string,
    registrar: account(1),
    bootstrapAdmin: account(1),
    ...at(1n, 0),
  });
  rows.proposals.push({
    id: P1,
    community: C,
    proposalId: 1n,
    proposer: account(1),
    topic: 0,
    mode: "single",
    optionCount: 2,
    snapshot: 0n,
    voteEnd: 2_000_000_000n,
    metadataHash: `0x${"dd".repeat(32)}`,
    metadataUri: "",
    executable: false,
    actions: null,
    groupRoot: null,
    groupIdentities: null,
    ...at(1n, 1),
  });
  for (const n of [1n, 2n]) {
    rows.tallyRevisions.push({
      id: `${P1}-${n}`,
      proposal: P1,
      community: C,
      blockNumber: n,
      blockHash: block(n).hash,
      blockTimestamp: block(n).timestamp,
      tallies: [n, 0n],
      abstain: 0n,
      participation: n,
      totalMass: 10n,
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
  }
  await store.commitStep(
    { toBlock: block(2n), blocks: [block(1n), block(2n)], finalized: 2n, head: 2n },
    rows,
  );
}

describe("createTallyChecker()", () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it("createTallyChecker() backs off after a batch whose every call failed, then tries again", async () => {
    store = await freshStore("pglite");
    await withRevisions(store);
    const client = createPublicClient({
      transport: http(`http://127.0.0.1:${await closedPort()}`, { retryCount: 0 }),
    });
    const checker = createTallyChecker(store, client, { backoffMs: 400 });
    checker.wake();
    await checker.idle();
    expect(checker.failures).toBe(2);
    // Woken at once (a new block): nothing is sent.
    checker.wake();
    await checker.idle();
    expect(checker.failures).toBe(2);
    // After the backoff the batch is tried again (and fails again: the next wait doubles).
    await new Promise((resolve) => setTimeout(resolve, 450));
    checker.wake();
    await checker.idle();
    expect(checker.failures).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 450));
    checker.wake();
    await checker.idle();
    expect(checker.failures).toBe(4);
  });
});
