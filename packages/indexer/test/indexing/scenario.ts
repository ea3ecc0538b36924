// A generated community on a real anvil for the indexing tests: 120 members with random weights, a
// delegation forest of depth <= 8 in each of three topics, eight Semaphore identities, then a
// single-choice, a quadratic, an anonymous and an executable proposal (canceled later) with ballots cast,
// changed and retracted over many blocks, and membership and delegation changes after the snapshots.
// Midway the chain forks: branch X is mined, its steps recorded, then anvil reverts to the fork point
// and branch Y is mined instead.
import {
  buildIdentityGroup,
  createAnonymousBallot,
  createIdentity,
  fetchCommunityLogs,
  liquidGovernorAbi,
} from "@plenum/sdk";
import type { Identity } from "@semaphore-protocol/identity";
import {
  type Address,
  type Hash,
  keccak256,
  parseEventLogs,
  type TransactionReceipt,
  toBytes,
  zeroAddress,
} from "viem";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  startAnvil,
} from "../support.ts";
import { chainSteps, prng } from "./chain.ts";

/** Size of the generated chain; the tests use the defaults, the bench larger ones. */
export interface ScenarioOptions {
  members?: number;
  /** Voting blocks in branch Y (default 24). */
  rounds?: number;
  /** Public ballots per voting block, low and high (default 2 to 6). */
  ballotsPerBlock?: [number, number];
  /** Anvil's port (default: a free one); the subgraph's replay test runs it in its own range. */
  port?: number;
}
const MAX_DEPTH = 8;
const TOPICS = 3;
const ABSTAIN = 255;
const IDENTITIES = 8;

export interface ScenarioProposal {
  id: bigint;
  mode: "single" | "quadratic" | "anonymous";
  options: number;
  credits: Map<number, number>;
}

export interface Scenario {
  anvil: Anvil;
  clients: ReturnType<typeof clientsFor>;
  factory: Address;
  community: Address;
  deployBlock: bigint;
  /** The last block before the fork (the ancestor of both branches). */
  forkBlock: bigint;
  /** Steps of the abandoned branch X (forkBlock + 1 …). */
  branchX: Awaited<ReturnType<typeof chainSteps>>;
  endBlock: bigint;
  proposals: ScenarioProposal[];
  /** The data: URI document of the single-choice proposal. */
  singleMetadata: { uri: string; hash: Hash };
  transactions: number;
}

interface Tx {
  from: number;
  functionName: string;
  args: readonly unknown[];
}

export async function buildScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const MEMBERS = options.members ?? 120;
  const [fewest, most] = options.ballotsPerBlock ?? [2, 6];
  /** Non-members who send anonymous ballots (as a relayer would), one per block each. */
  const SENDERS = [MEMBERS + 20, MEMBERS + 21, MEMBERS + 22, MEMBERS + 23];
  const anvil = await startAnvil({ accounts: MEMBERS + 30, port: options.port });
  const clients = clientsFor(anvil);
  const core = await deployTestCore(anvil);
  const deployBlock = (await clients.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  const { community } = await createTestCommunity(anvil, core, {
    topics: ["General", "Budget", "Environment"],
    maxDepth: MAX_DEPTH,
    quorumBps: 2000,
  });
  const address = (i: number) => devAccount(i).address;
  const wallets = new Map<number, ReturnType<typeof clients.wallet>>();
  const wallet = (i: number) => {
    let w = wallets.get(i);
    if (!w) {
      w = clients.wallet(i);
      wallets.set(i, w);
    }
    return w;
  };
  let transactions = 0;

  /** Sends `txs` (one block; an account at most once), mines until all are in, checks success. */
  async function block(txs: Tx[]): Promise<TransactionReceipt[]> {
    const hashes: Hash[] = [];
    for (const tx of txs) {
      hashes.push(
        await wallet(tx.from).writeContract({
          address: community,
          abi: liquidGovernorAbi,
          functionName: tx.functionName,
          args: tx.args,
          gas: 2_000_000n,
        } as never),
      );
    }
    const receipts: TransactionReceipt[] = [];
    for (let round = 0; receipts.length < hashes.length; round++) {
      if (round > 20) throw new Error("transactions not mined");
      await clients.testClient.mine({ blocks: 1 });
      receipts.length = 0;
      for (const hash of hashes) {
        try {
          receipts.push(await clients.publicClient.getTransactionReceipt({ hash }));
        } catch {
          // not mined yet
        }
      }
    }
    for (const [i, r] of receipts.entries()) {
      if (r.status !== "success") throw new Error(`${txs[i]?.functionName} reverted`);
    }
    transactions += txs.length;
    return receipts;
  }
  /** `txs` in blocks of at most 10 (2M gas each fits a 30M block). */
  async function blocks(txs: Tx[]) {
    for (let i = 0; i < txs.length; i += 10) await block(txs.slice(i, i + 10));
  }
  const advance = async (seconds: number) => {
    await clients.testClient.increaseTime({ seconds });
    await clients.testClient.mine({ blocks: 1 });
  };

  await clients.testClient.setAutomine(false);
  const random = prng(20_261_206);
  const weights = new Map<number, number>();
  for (let i = 1; i <= MEMBERS; i++) weights.set(i, random.int(1, 100));
  const all = [...weights.keys()];
  await block(
    Array.from({ length: Math.ceil(MEMBERS / 40) }, (_, k) => {
      const batch = all.slice(k * 40, k * 40 + 40);
      return {
        from: 0,
        functionName: "addMembers",
        args: [batch.map(address), batch.map((i) => BigInt(weights.get(i) ?? 0))],
      };
    }),
  );
  // A forest per topic: a member at level L > 0 delegates (mostly) to one at level L - 1, so chains
  // have at most 8 edges whatever the order.
  const edges = new Map<string, number>();
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
        edges.set(`${topic}:${member}`, to);
        txs.push({ from: member, functionName: "delegate", args: [[topic], address(to)] });
      }
    }
    await blocks(txs);
  }
  // Re-weights, two removals (members 20+, without identities) and one re-admission.
  await block([
    { from: 0, functionName: "setWeight", args: [address(5), 150n] },
    { from: 0, functionName: "setWeight", args: [address(17), 3n] },
  ]);
  weights.set(5, 150);
  weights.set(17, 3);
  const delegatedTo = new Set(edges.values());
  const removed = all
    .filter((m) => m > 20 && delegatedTo.has(m) && edges.has(`0:${m}`))
    .slice(0, 2);
  await block(removed.map((m) => ({ from: 0, functionName: "removeMember", args: [address(m)] })));
  for (const m of removed) weights.delete(m);
  await block([{ from: 0, functionName: "addMember", args: [address(removed[0] as number), 77n] }]);
  weights.set(removed[0] as number, 77);
  // Identities of members 1..8 for the anonymous poll.
  const identities = new Map<number, Identity>();
  for (let i = 1; i <= IDENTITIES; i++) identities.set(i, createIdentity());
  await block(
    [...identities].map(([i, identity]) => ({
      from: i,
      functionName: "registerIdentity",
      args: [identity.commitment],
    })),
  );
  await advance(60);

  // Four proposals in one block.
  const doc = JSON.stringify({ title: "Which of four?", options: ["A", "B", "C", "D"] });
  const singleMetadata = {
    uri: `data:application/json;base64,${Buffer.from(doc).toString("base64")}`,
    hash: keccak256(toBytes(doc)),
  };
  const params = (topic: number, mode: number, optionCount: number, uri: string, hash: Hash) => ({
    topic,
    mode,
    optionCount,
    votingPeriod: 7200,
    metadataHash: hash,
    metadataURI: uri,
  });
  const created = await block([
    {
      from: 1,
      functionName: "propose",
      args: [params(0, 0, 4, singleMetadata.uri, singleMetadata.hash)],
    },
    {
      from: 2,
      functionName: "propose",
      args: [params(1, 1, 3, "Quadratic: split the budget", `0x${"22".repeat(32)}`)],
    },
    {
      from: 3,
      functionName: "propose",
      args: [params(2, 2, 3, "Anonymous: which of three?", `0x${"33".repeat(32)}`)],
    },
    {
      from: 4,
      functionName: "proposeExecutable",
      args: [
        params(0, 0, 2, "Executable, canceled", `0x${"44".repeat(32)}`),
        [community],
        [0n],
        ["0x"],
      ],
    },
  ]);
  const proposals: ScenarioProposal[] = created.map((receipt, i) => {
    const [event] = parseEventLogs({
      abi: liquidGovernorAbi,
      logs: receipt.logs,
      eventName: "ProposalCreated",
    });
    if (!event) throw new Error("no ProposalCreated");
    return {
      id: event.args.proposalId,
      mode: (["single", "quadratic", "anonymous", "single"] as const)[
        i
      ] as ScenarioProposal["mode"],
      options: event.args.optionCount,
      credits: new Map(weights),
    };
  });
  const [single, quadratic, anonymous, executable] = proposals as [
    ScenarioProposal,
    ScenarioProposal,
    ScenarioProposal,
    ScenarioProposal,
  ];
  const { logs } = await fetchCommunityLogs(clients.publicClient, {
    community,
    fromBlock: deployBlock,
  });
  const group = buildIdentityGroup(logs, { proposalId: anonymous.id });
  const sequences = new Map<number, bigint>();
  const anonymousBallot = async (
    member: number,
    option: number | "abstain" | "retract",
    sender: number,
  ): Promise<Tx> => {
    const sequence = (sequences.get(member) ?? 0n) + 1n;
    sequences.set(member, sequence);
    const proof = await createAnonymousBallot({
      identity: identities.get(member) as Identity,
      group,
      chainId: anvil.chain.id,
      community,
      proposalId: anonymous.id,
      option: option as never,
      sequence,
    });
    return { from: sender, functionName: "castAnonymousVote", args: [anonymous.id, proof] };
  };

  /** Members with an edge in topic 0 to clear after the snapshots (each at most once, any branch). */
  const clearable = all.filter((m) => edges.has(`0:${m}`) && !removed.includes(m));
  const voters = random
    .shuffle([...weights.keys()].filter((m) => m <= MEMBERS))
    .slice(0, Math.max(60, MEMBERS / 2));
  const hasBallot = new Set<string>();
  const quadraticVotes = (r: ReturnType<typeof prng>, credits: number) => {
    const votes = [0, 0, 0];
    if (r.next() < 0.1) return votes;
    let left = credits;
    for (const i of r.shuffle([0, 1, 2])) {
      const v = r.int(0, Math.floor(Math.sqrt(left)));
      votes[i] = v;
      left -= v * v;
    }
    return votes;
  };
  /** One block of public ballots (distinct voters), with retractions and post-snapshot changes. */
  const votingBlock = (r: ReturnType<typeof prng>, round: number): Tx[] => {
    const txs: Tx[] = [];
    for (const voter of r.shuffle(voters).slice(0, r.int(fewest, most))) {
      const proposal = r.next() < 0.5 ? single : quadratic;
      const key = `${proposal.id}:${voter}`;
      if (hasBallot.has(key) && r.next() < 0.25) {
        hasBallot.delete(key);
        txs.push({ from: voter, functionName: "retractVote", args: [proposal.id] });
      } else if (proposal === single) {
        hasBallot.add(key);
        const option = r.next() < 0.1 ? ABSTAIN : r.int(0, 3);
        txs.push({ from: voter, functionName: "castVote", args: [proposal.id, option] });
      } else {
        hasBallot.add(key);
        const votes = quadraticVotes(r, proposal.credits.get(voter) ?? 0);
        txs.push({ from: voter, functionName: "castQuadraticVote", args: [proposal.id, votes] });
      }
    }
    if (round % 4 === 3) {
      // After the snapshots: must not move any tally.
      const member = clearable.find((m) => !txs.some((t) => t.from === m));
      if (member !== undefined) {
        clearable.splice(clearable.indexOf(member), 1);
        txs.push({ from: member, functionName: "delegate", args: [[0], zeroAddress] });
      }
      txs.push({
        from: 0,
        functionName: "setWeight",
        args: [address(r.pick(voters)), BigInt(r.int(1, 90))],
      });
    }
    return txs;
  };

  // Branch A (kept): 12 blocks, anonymous ballots in the first six (one per block).
  const anonymousA: [number, number | "abstain" | "retract"][] = [
    [1, 0],
    [2, 1],
    [3, "abstain"],
    [4, 2],
    [5, 1],
    [5, 0],
  ];
  for (let round = 0; round < 12; round++) {
    const txs = votingBlock(random, round);
    const next = anonymousA[round];
    if (next)
      txs.push(await anonymousBallot(next[0], next[1], SENDERS[round % SENDERS.length] as number));
    await block(txs);
  }
  const forkBlock = await clients.publicClient.getBlockNumber({ cacheTime: 0 });
  const fork = await clients.testClient.snapshot();
  const saved = new Set(hasBallot);

  // Branch X (abandoned): 6 blocks of other ballots, a delegation change and a new proposal.
  const randomX = prng(7);
  for (let round = 0; round < 6; round++) {
    const txs = votingBlock(randomX, round);
    if (round === 2)
      txs.push({
        from: 9,
        functionName: "propose",
        args: [params(1, 0, 2, "Only in X", `0x${"55".repeat(32)}`)],
      });
    await block(txs);
  }
  const endX = await clients.publicClient.getBlockNumber({ cacheTime: 0 });
  const branchX = await chainSteps(clients.publicClient, {
    factory: core.factory,
    fromBlock: forkBlock + 1n,
    toBlock: endX,
    head: endX,
    chunk: 4,
    depth: 3,
  });
  await clients.testClient.revert({ id: fork });
  hasBallot.clear();
  for (const k of saved) hasBallot.add(k);

  // Branch Y (kept): 24 blocks; anonymous changes, a retraction and a re-cast; the executable
  // proposal is canceled.
  const randomY = prng(11);
  const anonymousY: [number, number | "abstain" | "retract"][] = [
    [6, 1],
    [6, "retract"],
    [7, 2],
    [6, 2],
    [1, 1],
    [8, "abstain"],
  ];
  for (let round = 0; round < (options.rounds ?? 24); round++) {
    const txs = votingBlock(randomY, round);
    const next = anonymousY[round];
    if (next)
      txs.push(await anonymousBallot(next[0], next[1], SENDERS[round % SENDERS.length] as number));
    await block(txs);
    if (round === 10) await block([{ from: 4, functionName: "cancel", args: [executable.id] }]);
  }
  const endBlock = await clients.publicClient.getBlockNumber({ cacheTime: 0 });
  await clients.testClient.setAutomine(true);
  return {
    anvil,
    clients,
    factory: core.factory,
    community,
    deployBlock,
    forkBlock,
    branchX,
    endBlock,
    proposals,
    singleMetadata,
    transactions,
  };
}
