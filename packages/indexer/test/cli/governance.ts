// Test helpers for the service tests that move the chain under a running indexer: a community of
// eight members with one open proposal, its votes and delegations as raw transactions (for
// `anvil_reorg`, or sent one per block), a seeded PRNG, waiting until a running service has indexed
// the node's head, and the store's chain content.
import { addMembersSync, castVote, delegate, propose, proposeSync, retractVote } from "@plenum/sdk";
import type { Address, Hex } from "viem";
import { expect } from "vitest";
import { createStore } from "../../src/store/store.ts";
import { dumpStore } from "../store/backends.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  type TestCore,
  tick,
} from "../support.ts";
import { query } from "./process.ts";

/** The members (dev accounts 1..8, weight i²). */
export const MEMBERS = [1, 2, 3, 4, 5, 6, 7, 8];

/** A community of `MEMBERS` with one open single-choice proposal of three options. */
export interface Governance {
  core: TestCore;
  community: Address;
  proposalId: bigint;
  /** The first block the indexer needs (the factory's community creation comes after it). */
  startBlock: bigint;
}

/** Deploys the core, creates the community, adds the members and opens the proposal. */
export async function setUpGovernance(anvil: Anvil): Promise<Governance> {
  const { publicClient, wallet } = clientsFor(anvil);
  const core = await deployTestCore(anvil);
  const startBlock = (await publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  const { community } = await createTestCommunity(anvil, core, { topics: ["General"] });
  await addMembersSync(wallet(0), {
    community,
    members: MEMBERS.map((i) => ({ account: devAccount(i).address, weight: BigInt(i * i) })),
  });
  await tick(anvil);
  const { proposalId } = await proposeSync(wallet(1), {
    community,
    topic: 0,
    mode: "single",
    optionCount: 3,
    votingPeriod: 36_000,
    metadataURI: "",
  });
  return { core, community, proposalId, startBlock };
}

/** A transaction as `anvil_reorg` takes it (and `send` sends it). */
export interface RawTx {
  from: Address;
  to: Address;
  data: Hex;
  gas: Hex;
}

/** Enough gas for any of these calls; fixed, so a call that reverts is mined (as failed) too. */
const GAS = "0x1e8480";

/** Raw transactions of member `i` on `g`'s community. */
export function txsOf(g: Governance, i: number) {
  const from = devAccount(i).address;
  const raw = (call: { to: Address; data: Hex }): RawTx => ({ from, ...call, gas: GAS });
  const { community, proposalId } = g;
  return {
    vote: (option: number) => raw(castVote.call({ community, proposalId, option })),
    retract: () => raw(retractVote.call({ community, proposalId })),
    delegate: (to: number | undefined) =>
      raw(
        delegate.call({
          community,
          topics: [0],
          to: to === undefined ? null : devAccount(to).address,
        }),
      ),
    propose: (metadataURI: string) =>
      raw(
        propose.call({
          community,
          topic: 0,
          mode: "single",
          optionCount: 2,
          votingPeriod: 36_000,
          metadataURI,
        }),
      ),
  };
}

/** Sends `tx` from its dev account; anvil mines it in a block of its own. */
export async function send(anvil: Anvil, tx: RawTx): Promise<void> {
  const index = MEMBERS.find((i) => devAccount(i).address === tx.from) ?? 0;
  const wallet = clientsFor(anvil).wallet(index);
  const hash = await wallet.sendTransaction({ to: tx.to, data: tx.data, gas: BigInt(tx.gas) });
  await wallet.waitForTransactionReceipt({ hash });
}

/** A small seeded PRNG (mulberry32): the same seed gives the same numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One seeded governance action of a random member: vote, change, retract, (un)delegate. */
export function randomTx(g: Governance, random: () => number): RawTx {
  const pick = (n: number) => Math.floor(random() * n);
  const member = MEMBERS[pick(MEMBERS.length)] as number;
  const txs = txsOf(g, member);
  const roll = random();
  if (roll < 0.45) return txs.vote(pick(3));
  if (roll < 0.6) return txs.retract();
  if (roll < 0.9) return txs.delegate(MEMBERS[pick(MEMBERS.length)]);
  return txs.delegate(undefined);
}

/** Polls the service at `url` until its indexed head is the node's head (same hash). */
export async function untilAtHead(anvil: Anvil, url: string, timeoutMs = 30_000): Promise<bigint> {
  const client = clientsFor(anvil).publicClient;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await client.getBlock({ blockTag: "latest" });
    const meta = await query(url, "{ _meta { block { number hash } } }").catch(() => undefined);
    const block = (meta?.data?._meta as { block?: { hash: string } } | undefined)?.block;
    if (block?.hash === head.hash) return head.number;
    if (Date.now() > deadline) {
      throw new Error(`${url} did not reach head ${head.number}: ${JSON.stringify(meta)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Retries `assertion` until it passes (or rethrows its last failure after `timeoutMs`). */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * A store's chain content: every table `dumpStore` reads but the follower's bookkeeping (`blocks`,
 * the unfinalized headers kept for reorg detection, and `sync_cursor`, one row per step), whose rows
 * depend on how the steps were cut. Those are checked instead against the node: every header kept
 * and the cursor's last block are the final chain's.
 */
export async function chainContent(
  anvil: Anvil,
  where: { dataDir: string } | { databaseUrl: string; schema: string },
): Promise<Record<string, unknown[]>> {
  const store = await createStore(where);
  try {
    const { blocks, sync_cursor, ...content } = await dumpStore(store);
    const client = clientsFor(anvil).publicClient;
    for (const row of [...(blocks ?? []), (sync_cursor ?? []).at(-1)] as Record<string, string>[]) {
      const number = BigInt(String(row.number ?? row.blockNumber).replace(/n$/, ""));
      const canonical = await client.getBlock({ blockNumber: number });
      expect(row.hash ?? row.blockHash, `block ${number}`).toBe(canonical.hash);
    }
    return content;
  } finally {
    await store.close();
  }
}
