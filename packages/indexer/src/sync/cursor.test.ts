import type { Address, Hash } from "viem";
import { describe, expect, it } from "vitest";
import { applyStep } from "./cursor.ts";
import type { BlockRef, IndexedLog, SyncCursor } from "./types.ts";

const hash = (n: bigint, fork = 0): Hash =>
  `0x${(n * 16n + BigInt(fork)).toString(16).padStart(64, "0")}`;
const block = (n: bigint, fork = 0): BlockRef => ({
  number: n,
  hash: hash(n, fork),
  parentHash: hash(n - 1n, fork),
  timestamp: 1_000n + n,
});
const community = "0x00000000000000000000000000000000000000c1" as Address;
const created = (n: bigint) =>
  ({
    eventName: "CommunityCreated",
    args: { community },
    blockNumber: n,
    blockHash: hash(n),
    blockTimestamp: 1_000n + n,
    logIndex: 0,
    transactionHash: hash(n),
    transactionIndex: 0,
    source: "factory",
    address: "0x00000000000000000000000000000000000000f1",
  }) as unknown as IndexedLog;

describe("applyStep()", () => {
  it("keeps the blocks at or above finalized, the last block, and the communities created", () => {
    const range = [10n, 11n, 12n, 13n, 14n].map((n) => block(n));
    const cursor = applyStep(undefined, {
      type: "blocks",
      fromBlock: 10n,
      toBlock: block(14n),
      blocks: range,
      logs: [created(12n)],
      finalized: 12n,
      head: 20n,
    });
    expect(cursor).toEqual({
      block: block(14n),
      recentBlocks: [block(12n), block(13n), block(14n)],
      communities: [{ address: community, createdAtBlock: 12n }],
    } satisfies SyncCursor);
  });

  it("keeps only the last block of a final range", () => {
    const cursor = applyStep(undefined, {
      type: "blocks",
      fromBlock: 1n,
      toBlock: block(9n),
      blocks: [block(4n), block(9n)],
      logs: [],
      finalized: 30n,
      head: 40n,
    });
    expect(cursor?.recentBlocks).toEqual([block(9n)]);
  });

  it("drops the blocks and communities after a reorg's ancestor", () => {
    const before: SyncCursor = {
      block: block(14n),
      recentBlocks: [10n, 11n, 12n, 13n, 14n].map((n) => block(n)),
      communities: [{ address: community, createdAtBlock: 12n }],
    };
    const after = applyStep(before, {
      type: "reorg",
      ancestor: block(11n),
      depth: 3,
      finalized: 10n,
      head: 14n,
    });
    expect(after).toEqual({
      block: block(11n),
      recentBlocks: [block(10n), block(11n)],
      communities: [],
    });
    // A live step changes nothing.
    expect(applyStep(after, { type: "live", head: 14n })).toEqual(after);
  });
});
