// The scale bench's chain: one community of `members` members (random weights 1..100), a delegation
// forest of depth <= 8 in each of three topics, `proposals` proposals (single-choice and quadratic,
// alternating) plus one anonymous poll over the first 1,000 members' identities, and then `castVotes` batches of five ballots from random members (casts, changes and
// ~10 % retractions) with a few weight changes after the snapshots and six anonymous ballots (real
// proofs) in the first voting blocks, until the chain holds `events`
// events. Members are impersonated addresses (anvil --auto-impersonate), transactions are sent in
// JSON-RPC batches and mined `txsPerBlock` at a time: generation is fast and not what is measured.
import {
  buildIdentityGroup,
  createAnonymousBallot,
  fetchCommunityLogs,
  liquidGovernorAbi,
} from "@plenum/sdk";
import { Identity } from "@semaphore-protocol/identity";
import { createPublicClient, encodeFunctionData, getAddress, type Hex, http } from "viem";
import { prng } from "../../test/indexing/chain.ts";
import { clientsFor, createTestCommunity, deployTestCore } from "../../test/support.ts";
import { type BenchAnvil, rpc, rpcBatch } from "./anvil.ts";

/** Sizes of the generated chain. */
export interface ChainSize {
  members: number;
  events: number;
  proposals: number;
  /** Transactions per block while voting. */
  txsPerBlock: number;
}

/** What the bench needs to know about a generated chain (saved next to its state dump). */
export interface ChainInfo {
  size: ChainSize;
  factory: Hex;
  community: Hex;
  deployBlock: string;
  endBlock: string;
  /** Proposal ids with their modes. */
  proposals: { id: string; mode: "single" | "quadratic" | "anonymous" }[];
  /** Member addresses, index i - 1 for member i. */
  members: Hex[];
  weights: number[];
  transactions: number;
  generationSeconds: number;
}

const TOPICS = 3;
const MAX_DEPTH = 8;
const BALLOTS_PER_TX = 5;
/** Members with a Semaphore identity (the anonymous proposal's group), at most. */
const IDENTITIES = 1000;
/** Anonymous ballots (real proofs, about a second each): member, option, sequence. */
const ANONYMOUS_BALLOTS: [number, number, bigint][] = [
  [1, 0, 1n],
  [2, 1, 1n],
  [3, 2, 1n],
  [4, 0, 1n],
  [5, 1, 1n],
  [1, 2, 2n],
];
const ABSTAIN = 255;
const RETRACT = 254;
/** About ten years: the proposals stay open whenever the dump is loaded again. */
const VOTING_PERIOD = 315_360_000;

/** The address of member `i` (1-based): a plain counter, impersonated by anvil. */
export function memberAddress(i: number): Hex {
  return getAddress(`0x${(0xb0000000 + i).toString(16).padStart(40, "0")}`);
}

/** Generates the chain on `anvil` (fresh) and returns what the bench needs. */
export async function generateChain(anvil: BenchAnvil, size: ChainSize): Promise<ChainInfo> {
  const started = performance.now();
  const url = anvil.rpcUrl;
  const core = await deployTestCore({ rpcUrl: url, chain: anvil.chain, stop: anvil.stop });
  const deployBlock = BigInt(await rpc<Hex>(url, "eth_blockNumber", [])) + 1n;
  const { community } = await createTestCommunity(
    { rpcUrl: url, chain: anvil.chain, stop: anvil.stop },
    core,
    { topics: ["General", "Budget", "Environment"], maxDepth: MAX_DEPTH, quorumBps: 2000 },
  );
  const admin = clientsFor({ rpcUrl: url, chain: anvil.chain, stop: anvil.stop }).wallet(0).account
    .address;
  const abi = liquidGovernorAbi;
  const random = prng(20_261_206);
  const members = Array.from({ length: size.members }, (_, k) => memberAddress(k + 1));
  const weights = members.map(() => random.int(1, 100));
  await rpcBatch(
    url,
    members.map((m) => ({ method: "anvil_setBalance", params: [m, "0x3635c9adc5dea00000"] })),
  );
  await rpc(url, "evm_setAutomine", [false]);
  let transactions = 0;
  let events = 0;

  type Tx = { from: Hex; data: Hex; gas?: Hex };
  /** Sends `txs` (each sender at most once), mines one block, checks every receipt. */
  const block = async (txs: Tx[]) => {
    const hashes = await rpcBatch<Hex>(
      url,
      txs.map((tx) => ({
        method: "eth_sendTransaction",
        params: [{ from: tx.from, to: community, data: tx.data, gas: tx.gas ?? "0x2dc6c0" }],
      })),
    );
    await rpc(url, "evm_mine", []);
    const receipts = await rpcBatch<{ status: Hex; logs: unknown[] } | null>(
      url,
      hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })),
    );
    for (const [i, r] of receipts.entries()) {
      if (!r) throw new Error(`transaction ${hashes[i]} was not mined`);
      if (r.status !== "0x1") throw new Error(`transaction ${hashes[i]} reverted`);
      events += r.logs.length;
    }
    transactions += txs.length;
  };
  /** `txs` in blocks of `per`, no sender twice in a block. */
  const blocks = async (txs: Tx[], per: number) => {
    for (let i = 0; i < txs.length; i += per) await block(txs.slice(i, i + per));
  };
  const call = (functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi, functionName, args } as never) as Hex;

  // Members, 200 per transaction (one sender: one per block).
  for (let i = 0; i < members.length; i += 200) {
    await block([
      {
        from: admin,
        data: call("addMembers", [
          members.slice(i, i + 200),
          weights.slice(i, i + 200).map(BigInt),
        ]),
        gas: "0x5f5e100",
      },
    ]);
  }
  // A forest per topic: a member at level L > 0 delegates (mostly) to one at level L - 1.
  const all = members.map((_, k) => k + 1);
  for (let topic = 0; topic < TOPICS; topic++) {
    const byLevel: number[][] = Array.from({ length: MAX_DEPTH + 1 }, () => []);
    random.shuffle(all).forEach((member, i) => {
      byLevel[i % (MAX_DEPTH + 1)]?.push(member);
    });
    const txs: Tx[] = [];
    for (let l = 1; l <= MAX_DEPTH; l++) {
      for (const member of byLevel[l] ?? []) {
        if (random.next() < 0.15) continue;
        const to = random.pick(byLevel[l - 1] ?? []);
        txs.push({
          from: members[member - 1] as Hex,
          data: call("delegate", [[topic], members[to - 1]]),
        });
      }
    }
    await blocks(txs, 500);
  }
  // Semaphore identities of the first members (deterministic secrets), registered in batches.
  const identities = all.slice(0, IDENTITIES).map((i) => new Identity(`plenum bench ${i}`));
  const registerTxs: Tx[] = [];
  for (let i = 0; i < identities.length; i += 100) {
    const batch = identities.slice(i, i + 100);
    registerTxs.push({
      from: admin,
      data: call("registerIdentities", [
        batch.map((_, k) => members[i + k]),
        batch.map((identity) => identity.commitment),
      ]),
      gas: "0x5f5e100",
    });
  }
  for (const tx of registerTxs) await block([tx]);
  // Proposals, from members 1..proposals, alternating single-choice (4 options) and quadratic (3).
  const proposals: ChainInfo["proposals"] = [];
  const proposeTxs: Tx[] = [];
  for (let p = 0; p < size.proposals; p++) {
    const mode = p % 2 === 0 ? "single" : "quadratic";
    proposeTxs.push({
      from: members[p % members.length] as Hex,
      data: call("propose", [
        {
          topic: p % TOPICS,
          mode: mode === "single" ? 0 : 1,
          optionCount: mode === "single" ? 4 : 3,
          votingPeriod: VOTING_PERIOD,
          metadataHash: `0x${(p + 1).toString(16).padStart(64, "0")}`,
          metadataURI: `bench proposal ${p + 1}`,
        },
      ]),
    });
    // ids are sequential from 1
    proposals.push({ id: String(p + 1), mode });
  }
  // One anonymous proposal: its group is every registered identity.
  const anonymous = { id: String(size.proposals + 1), mode: "anonymous" as const };
  proposeTxs.push({
    from: members[size.proposals % members.length] as Hex,
    data: call("propose", [
      {
        topic: 0,
        mode: 2,
        optionCount: 3,
        votingPeriod: VOTING_PERIOD,
        metadataHash: `0x${"aa".repeat(32)}`,
        metadataURI: "bench anonymous poll",
      },
    ]),
    gas: "0x5f5e100",
  });
  await blocks(proposeTxs, 100);
  await rpc(url, "evm_increaseTime", [60]);
  const { logs } = await fetchCommunityLogs(createPublicClient({ transport: http(url) }), {
    community,
    fromBlock: deployBlock,
  });
  const group = buildIdentityGroup(logs, { proposalId: BigInt(anonymous.id) });
  const publicProposals = [...proposals];
  proposals.push(anonymous);

  // Voting: batches of ballots on distinct proposals until the chain holds `events` events.
  const current = new Set<string>();
  for (let round = 0; events < size.events; round++) {
    const txs: Tx[] = [];
    for (const voter of random.shuffle(all).slice(0, size.txsPerBlock)) {
      const ballots = random
        .shuffle(publicProposals)
        .slice(0, BALLOTS_PER_TX)
        .map((proposal) => {
          const key = `${proposal.id}:${voter}`;
          const proposalId = BigInt(proposal.id);
          if (current.has(key) && random.next() < 0.1) {
            current.delete(key);
            return { proposalId, option: RETRACT, votes: [] };
          }
          current.add(key);
          if (proposal.mode === "single") {
            const option = random.next() < 0.08 ? ABSTAIN : random.int(0, 3);
            return { proposalId, option, votes: [] };
          }
          let left = weights[voter - 1] as number;
          const votes = [0, 0, 0];
          for (const i of random.shuffle([0, 1, 2])) {
            const v = random.int(0, Math.floor(Math.sqrt(left)));
            votes[i] = v;
            left -= v * v;
          }
          return { proposalId, option: 0, votes };
        });
      txs.push({ from: members[voter - 1] as Hex, data: call("castVotes", [ballots]) });
    }
    if (round % 10 === 9) {
      // Weight changes after the snapshots (they must not move any tally).
      const changed = random.shuffle(all).slice(0, 20);
      txs.push({
        from: admin,
        data: call("setWeights", [
          changed.map((m) => members[m - 1]),
          changed.map(() => BigInt(random.int(1, 100))),
        ]),
        gas: "0x1c9c380",
      });
    }
    const anonymousBallot = ANONYMOUS_BALLOTS[round];
    if (anonymousBallot) {
      const [member, option, sequence] = anonymousBallot;
      const proof = await createAnonymousBallot({
        identity: identities[member - 1] as Identity,
        group,
        chainId: 31337,
        community,
        proposalId: BigInt(anonymous.id),
        option,
        sequence,
      });
      txs.push({
        from: admin,
        data: call("castAnonymousVote", [BigInt(anonymous.id), proof]),
        gas: "0x1c9c380",
      });
    }
    await block(txs);
  }
  await rpc(url, "evm_setAutomine", [true]);
  const endBlock = BigInt(await rpc<Hex>(url, "eth_blockNumber", []));
  return {
    size,
    factory: core.factory,
    community,
    deployBlock: String(deployBlock),
    endBlock: String(endBlock),
    proposals,
    members,
    weights,
    transactions,
    generationSeconds: (performance.now() - started) / 1000,
  };
}
