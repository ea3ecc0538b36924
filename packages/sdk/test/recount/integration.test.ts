// The acceptance test of the independent recount: a 200-member community with a delegation forest in
// each of three topics, a single-choice and a quadratic proposal, 80 voters casting, changing and
// retracting ballots; after every block the contract's tally, the engine's tally on the state rebuilt
// from logs, and verifyProposal must agree to the unit. Then the log fetcher against a flaky RPC.
import {
  type AbiEvent,
  type Address,
  createPublicClient,
  custom,
  type EIP1193Parameters,
  type Hash,
  type Hex,
  hexToBigInt,
  http,
  type PublicRpcSchema,
  pad,
  parseEventLogs,
  toEventSelector,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxChainLength, quadraticMass, tally } from "../../src/engine/index.ts";
import {
  buildProposalState,
  createLogCache,
  fetchCommunityLogs,
  type LogCache,
  LogFetchError,
  recountProposal,
  verifyProposal,
} from "../../src/recount/index.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  liquidGovernorAbi,
  startAnvil,
} from "../support/anvil.ts";

const MEMBERS = 200;
const VOTERS = 80;
const MAX_DEPTH = 8;
const TOPICS = 3;
const ABSTAIN = 255;
const RETRACT = 254;

/** mulberry32: a small seeded PRNG, so every run builds the same community and ballots. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  return { next, int, pick, shuffle };
}

/** A vote vector within `credits` (Σ v² ≤ credits); sometimes all zeros (abstain). */
function quadraticVotes(random: ReturnType<typeof prng>, credits: number, options: number) {
  const votes = new Array<number>(options).fill(0);
  if (random.next() < 0.1) return votes;
  let left = credits;
  for (const i of random.shuffle([...votes.keys()])) {
    const v = random.int(0, Math.floor(Math.sqrt(left)));
    votes[i] = v;
    left -= v * v;
  }
  return votes;
}

describe("recount from the chain", () => {
  let anvil: Anvil;
  let community: Address;
  let deployBlock: bigint;
  let cache: LogCache;
  const random = prng(20_240_611);
  const accounts = new Map<number, Address>();
  const address = (i: number) => {
    let a = accounts.get(i);
    if (!a) {
      a = devAccount(i).address;
      accounts.set(i, a);
    }
    return a;
  };
  const wallets = new Map<number, ReturnType<ReturnType<typeof clientsFor>["wallet"]>>();
  const wallet = (i: number) => {
    let w = wallets.get(i);
    if (!w) {
      w = clientsFor(anvil).wallet(i);
      wallets.set(i, w);
    }
    return w;
  };
  let clients: ReturnType<typeof clientsFor>;
  const publicClient = () => clients.publicClient;
  const testClient = () => clients.testClient;

  // The registrar's and members' model of the community (the test driver's, not the recount's).
  const weights = new Map<number, number>();
  const edges = new Map<string, number>(); // `${topic}:${member}` -> delegate
  const proposals: {
    id: bigint;
    mode: "single" | "quadratic";
    options: number;
    credits: Map<number, number>;
  }[] = [];

  /** The receipt of `hash`, once anvil has mined it (automine answers before the block is stored). */
  async function receiptOf(hash: Hash) {
    for (let tries = 0; ; tries++) {
      try {
        return await publicClient().getTransactionReceipt({ hash });
      } catch (error) {
        if (tries > 200) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  }

  /** Sends one transaction from account `from` (one block, automine) and checks it succeeded. */
  async function send(from: number, functionName: string, args: readonly unknown[]) {
    const hash = await wallet(from).writeContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName,
      args,
      // Explicit: anvil's estimate for delegate() can fall short when chains are long.
      gas: 10_000_000n,
    } as never);
    const receipt = await receiptOf(hash);
    expect(receipt.status).toBe("success");
    return receipt;
  }

  /** Asserts, at `blockNumber`, contract tally == engine on the log-rebuilt state == verify's match. */
  async function checkBlock(blockNumber: bigint) {
    await cache.sync({ toBlock: blockNumber });
    for (const proposal of proposals) {
      const where = `proposal ${proposal.id} at block ${blockNumber}`;
      const [tallies, abstain, participation, totalMass] = await publicClient().readContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "proposalTally",
        args: [proposal.id],
        blockNumber,
      });
      const state = buildProposalState(cache.logs, proposal.id, { atBlock: blockNumber });
      const result = tally(state.input);
      expect(result.tallies, where).toEqual([...tallies]);
      expect(result.abstain, where).toBe(abstain);
      expect(result.participation, where).toBe(participation);
      expect(result.totalMass, where).toBe(totalMass);
      const verified = await verifyProposal(publicClient(), {
        cache,
        proposalId: proposal.id,
        blockNumber,
      });
      expect(verified.differences, where).toEqual([]);
      expect(verified.verdict, where).toBe("match");
      expect(verified.onChain.tallies, where).toEqual(result.tallies);
    }
  }

  beforeAll(async () => {
    anvil = await startAnvil({ accounts: 220 });
    clients = clientsFor(anvil);
    const core = await deployTestCore(anvil);
    deployBlock = (await publicClient().getBlockNumber()) + 1n;
    ({ community } = await createTestCommunity(anvil, core, {
      topics: ["General", "Budget", "Environment"],
      maxDepth: MAX_DEPTH,
    }));
    cache = createLogCache(publicClient(), { community, fromBlock: deployBlock, chunkSize: 500 });

    // 200 members, dev accounts 1..200, weights 1..100, added 50 at a time.
    for (let i = 1; i <= MEMBERS; i++) weights.set(i, random.int(1, 100));
    for (let start = 1; start <= MEMBERS; start += 50) {
      const batch = [...weights.keys()].filter((i) => i >= start && i < start + 50);
      await send(0, "addMembers", [
        batch.map(address),
        batch.map((i) => BigInt(weights.get(i) ?? 0)),
      ]);
    }

    // A forest per topic: members get a level 0..8; a member at level L > 0 delegates (most of the
    // time) to a random member at level L - 1, so chains have at most 8 edges and never close a cycle.
    for (let topic = 0; topic < TOPICS; topic++) {
      const byLevel: number[][] = Array.from({ length: MAX_DEPTH + 1 }, () => []);
      random.shuffle([...weights.keys()]).forEach((member, i) => {
        const l = i % (MAX_DEPTH + 1);
        byLevel[l]?.push(member);
      });
      const pairs: [number, number][] = [];
      for (let l = 1; l <= MAX_DEPTH; l++) {
        for (const member of byLevel[l] ?? []) {
          if (random.next() < 0.15) continue;
          pairs.push([member, random.pick(byLevel[l - 1] ?? [])]);
        }
      }
      // Levels make every order valid, so distinct delegators can send at once (one block each).
      for (let i = 0; i < pairs.length; i += 20) {
        await Promise.all(
          pairs
            .slice(i, i + 20)
            .map(([member, to]) => send(member, "delegate", [[topic], address(to)])),
        );
      }
      for (const [member, to] of pairs) edges.set(`${topic}:${member}`, to);
    }

    // Before the snapshots: re-weight a few members, remove three who delegate and are delegated to
    // (their outgoing edges are cleared; edges into them stay and stop there), re-add one of them.
    for (const member of [5, 17, 42]) {
      const weight = random.int(1, 100);
      if (weight === weights.get(member)) continue;
      await send(0, "setWeight", [address(member), BigInt(weight)]);
      weights.set(member, weight);
    }
    const delegatedTo = new Set([...edges.values()]);
    const removable = [...weights.keys()].filter(
      (m) => delegatedTo.has(m) && [...Array(TOPICS).keys()].some((t) => edges.has(`${t}:${m}`)),
    );
    const removedMembers = removable.slice(0, 3);
    for (const member of removedMembers) {
      await send(0, "removeMember", [address(member)]);
      weights.delete(member);
      for (let t = 0; t < TOPICS; t++) edges.delete(`${t}:${member}`);
    }
    const readded = removedMembers[0] as number;
    await send(0, "addMember", [address(readded), 77n]);
    weights.set(readded, 77);
  }, 600_000);

  afterAll(async () => {
    await anvil?.stop();
  });

  it("verifyProposal() matches the contract's tally after every block of a 200-member vote", async () => {
    const { publicClient: client } = clientsFor(anvil);
    await testClient().increaseTime({ seconds: 120 });
    await testClient().mine({ blocks: 1 });

    // The single-choice poll is created in one block together with a re-weight and a delegation
    // change sent just before it: both share the creation's timestamp, so neither may count.
    const sameBlockMember = [...weights.keys()].find(
      (m) => m > 100 && edges.has(`0:${m}`),
    ) as number;
    await testClient().setAutomine(false);
    const hashes: Hash[] = [];
    hashes.push(
      await wallet(0).writeContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "setWeight",
        args: [address(7), BigInt((weights.get(7) ?? 1) + 1)],
        gas: 3_000_000n,
      }),
    );
    hashes.push(
      await wallet(sameBlockMember).writeContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "delegate",
        args: [[0], "0x0000000000000000000000000000000000000000"],
        gas: 3_000_000n,
      }),
    );
    hashes.push(
      await wallet([...weights.keys()][0] as number).writeContract({
        address: community,
        abi: liquidGovernorAbi,
        functionName: "propose",
        args: [
          {
            topic: 0,
            mode: 0,
            optionCount: 4,
            votingPeriod: 3600,
            metadataHash: `0x${"11".repeat(32)}`,
            metadataURI: "Single: which of four?",
          },
        ],
        gas: 3_000_000n,
      }),
    );
    await testClient().mine({ blocks: 1 });
    await testClient().setAutomine(true);
    const receipts = await Promise.all(hashes.map(receiptOf));
    for (const receipt of receipts) expect(receipt.status).toBe("success");
    expect(new Set(receipts.map((r) => r.blockNumber)).size).toBe(1);
    const singleCreated = parseEventLogs({
      abi: liquidGovernorAbi,
      logs: receipts[2]?.logs ?? [],
      eventName: "ProposalCreated",
    })[0];
    if (!singleCreated) throw new Error("no ProposalCreated");
    // The single poll's snapshot weights: before the same-block re-weight.
    proposals.push({
      id: singleCreated.args.proposalId,
      mode: "single",
      options: 4,
      credits: new Map(weights),
    });
    weights.set(7, (weights.get(7) ?? 1) + 1);
    edges.delete(`0:${sameBlockMember}`);

    await testClient().increaseTime({ seconds: 30 });
    const proposer = [...weights.keys()][1] as number;
    const quadraticCreation = await send(proposer, "propose", [
      {
        topic: 1,
        mode: 1,
        optionCount: 3,
        votingPeriod: 3600,
        metadataHash: `0x${"22".repeat(32)}`,
        metadataURI: "Quadratic: split the budget",
      },
    ]);
    const quadraticCreated = parseEventLogs({
      abi: liquidGovernorAbi,
      logs: quadraticCreation.logs,
      eventName: "ProposalCreated",
    })[0];
    if (!quadraticCreated) throw new Error("no ProposalCreated");
    proposals.push({
      id: quadraticCreated.args.proposalId,
      mode: "quadratic",
      options: 3,
      credits: new Map(weights),
    });
    await checkBlock(quadraticCreation.blockNumber);

    // The same-block exclusions really happened: the single poll sees the old weight and edge.
    const single = buildProposalState(cache.logs, singleCreated.args.proposalId);
    const quadratic = buildProposalState(cache.logs, quadraticCreated.args.proposalId);
    expect(single.input.weights.get(address(7))).toBe(BigInt(proposals[0]?.credits.get(7) ?? 0));
    expect(quadratic.input.weights.get(address(7))).toBe(BigInt(weights.get(7) ?? 0));
    expect(single.input.delegations.has(address(sameBlockMember))).toBe(true);
    expect(maxChainLength(single.input.delegations)).toBe(MAX_DEPTH);
    expect(maxChainLength(quadratic.input.delegations)).toBeGreaterThanOrEqual(MAX_DEPTH - 2);

    // 80 voters among members at both snapshots; ballots, changes and retractions over many blocks,
    // with membership and delegation changes after the snapshots mixed in (they must not count).
    const voters = random.shuffle([...weights.keys()]).slice(0, VOTERS);
    const ballots = new Map<string, boolean>(); // `${proposal}:${voter}` -> has a ballot
    let blocks = 0;
    let retractions = 0;
    let changes = 0;
    const ballotFor = (proposal: (typeof proposals)[number], voter: number) => {
      if (proposal.mode === "single") {
        return {
          proposalId: proposal.id,
          option: random.next() < 0.1 ? ABSTAIN : random.int(0, 3),
          votes: [],
        };
      }
      const credits = proposal.credits.get(voter) ?? 0;
      return {
        proposalId: proposal.id,
        option: 0,
        votes: quadraticVotes(random, credits, proposal.options),
      };
    };
    for (let step = 0; step < 320; step++) {
      let blockNumber: bigint;
      const roll = random.next();
      if (step % 40 === 25) {
        // After the snapshot: re-weight a voter, clear an edge, remove a voter (who may still vote:
        // membership is read at the snapshot), add a newcomer.
        const kind = Math.floor(step / 40) % 4;
        if (kind < 1) {
          const voter = random.pick(voters);
          blockNumber = (await send(0, "setWeight", [address(voter), BigInt(random.int(101, 200))]))
            .blockNumber;
        } else if (kind < 2) {
          const [key] = [...edges.keys()].filter((k) => k.startsWith("1:"));
          const member = Number(key?.split(":")[1]);
          edges.delete(key as string);
          blockNumber = (
            await send(member, "delegate", [[1], "0x0000000000000000000000000000000000000000"])
          ).blockNumber;
        } else if (kind < 3) {
          const voter = random.pick(voters);
          weights.delete(voter);
          blockNumber = (await send(0, "removeMember", [address(voter)])).blockNumber;
        } else {
          blockNumber = (await send(0, "addMember", [address(201 + Math.floor(step / 40)), 50n]))
            .blockNumber;
        }
      } else if (roll < 0.15) {
        // One transaction, ballots on both proposals (castVotes), possibly retracting one.
        const voter = random.pick(voters);
        const batch = proposals.map((proposal) => {
          const key = `${proposal.id}:${voter}`;
          if (ballots.get(key) && random.next() < 0.3) {
            ballots.set(key, false);
            retractions++;
            return { proposalId: proposal.id, option: RETRACT, votes: [] };
          }
          if (ballots.get(key)) changes++;
          ballots.set(key, true);
          return ballotFor(proposal, voter);
        });
        blockNumber = (await send(voter, "castVotes", [batch])).blockNumber;
      } else {
        const proposal = random.pick(proposals);
        const voter = random.pick(voters);
        const key = `${proposal.id}:${voter}`;
        if (ballots.get(key) && random.next() < 0.25) {
          ballots.set(key, false);
          retractions++;
          blockNumber = (await send(voter, "retractVote", [proposal.id])).blockNumber;
        } else {
          if (ballots.get(key)) changes++;
          ballots.set(key, true);
          const ballot = ballotFor(proposal, voter);
          blockNumber =
            proposal.mode === "single"
              ? (await send(voter, "castVote", [proposal.id, ballot.option])).blockNumber
              : (await send(voter, "castQuadraticVote", [proposal.id, ballot.votes])).blockNumber;
        }
      }
      await checkBlock(blockNumber);
      blocks++;
    }
    expect(blocks).toBe(320);
    expect(retractions).toBeGreaterThan(10);
    expect(changes).toBeGreaterThan(10);

    // The final tallies are far from trivial: delegates carry others, and both polls have turnout.
    for (const proposal of proposals) {
      const recount = await recountProposal(client, {
        community,
        fromBlock: deployBlock,
        proposalId: proposal.id,
      });
      if (recount.mode === "anonymous") throw new Error("a public proposal recounted as anonymous");
      expect(recount.mode).toBe(proposal.mode);
      expect(recount.ballotsCount).toBeGreaterThan(30);
      expect(recount.result.participation).toBeGreaterThan(recount.result.totalMass / 4n);
      const ownMass = (voter: Address) => {
        const weight = recount.input.weights.get(voter) ?? 0n;
        return proposal.mode === "single" ? weight : quadraticMass(weight);
      };
      const carriers = [...recount.result.carried].filter(([voter, mass]) => mass > ownMass(voter));
      expect(carriers.length).toBeGreaterThan(0);
      // A fresh fetch from scratch (small chunks, no cache) agrees as well.
      const fresh = await verifyProposal(client, {
        community,
        fromBlock: deployBlock,
        proposalId: proposal.id,
        chunkSize: 64,
      });
      expect(fresh.verdict).toBe("match");
    }
  }, 600_000);

  it("createLogCache() starts over when the block it stopped at is reorganised away", async () => {
    const { publicClient: client } = clientsFor(anvil);
    const [single] = proposals;
    if (!single) throw new Error("no proposal");
    const voter = [...single.credits.keys()][0] as number;
    const snapshotId = await testClient().snapshot();
    const before = await send(voter, "castVote", [single.id, 1]);
    await cache.sync({ toBlock: before.blockNumber });
    await testClient().revert({ id: snapshotId });
    const replaced = await send(voter, "castVote", [single.id, 2]);
    expect(replaced.blockNumber).toBe(before.blockNumber);
    const verified = await verifyProposal(client, {
      cache,
      proposalId: single.id,
      blockNumber: replaced.blockNumber,
    });
    expect(verified.differences).toEqual([]);
    expect(verified.verdict).toBe("match");
    const last = cache.logs[cache.logs.length - 1];
    expect(last?.eventName === "VoteCast" && last.args.option).toBe(2);
  });

  it("fetchCommunityLogs() returns the complete log set through a flaky RPC", async () => {
    const { publicClient: client } = clientsFor(anvil);
    const toBlock = await client.getBlockNumber();
    const reference = await fetchCommunityLogs(client, {
      community,
      fromBlock: deployBlock,
      toBlock,
      chunkSize: 1_000_000,
    });
    expect(reference.logs.length).toBeGreaterThan(1_000);
    expect(reference.stats.timestampsFetched).toBe(0);

    // A real anvil behind a transport that fails every 5th request, times out every 13th, refuses
    // eth_getLogs over more than 150 blocks the way Infura does, and strips blockTimestamp from logs
    // (as many nodes do), so block timestamps must be fetched too.
    const upstream = http(anvil.rpcUrl, { retryCount: 0 })({ chain: anvil.chain });
    let requests = 0;
    const flaky = custom(
      {
        async request({ method, params }: EIP1193Parameters<PublicRpcSchema>) {
          requests++;
          if (requests % 5 === 0) throw new Error("socket hang up");
          if (requests % 13 === 0) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            throw new Error("The request took too long to respond.");
          }
          if (method === "eth_getLogs") {
            const [filter] = params as [{ fromBlock: `0x${string}`; toBlock: `0x${string}` }];
            if (hexToBigInt(filter.toBlock) - hexToBigInt(filter.fromBlock) >= 150n) {
              throw Object.assign(new Error("query returned more than 10000 results"), {
                code: -32005,
              });
            }
            const logs = (await upstream.request({ method, params } as never)) as Record<
              string,
              unknown
            >[];
            return logs.map(({ blockTimestamp: _, ...log }) => log);
          }
          return upstream.request({ method, params } as never);
        },
      },
      { retryCount: 0 },
    );
    const flakyClient = createPublicClient({ chain: anvil.chain, transport: flaky });
    const progress: number[] = [];
    const fetched = await fetchCommunityLogs(flakyClient, {
      community,
      fromBlock: deployBlock,
      toBlock,
      chunkSize: 1_000,
      retry: { attempts: 10, delayMs: 1 },
      onProgress: ({ phase, done }) => {
        if (phase === "logs") progress.push(done);
      },
    });
    expect(fetched.logs).toEqual(reference.logs);
    expect(fetched.stats.failures).toBeGreaterThan(10);
    expect(fetched.stats.splits).toBeGreaterThanOrEqual(3);
    expect(fetched.stats.timestampsFetched).toBeGreaterThan(100);
    expect(progress.at(-1)).toBe(Number(toBlock - deployBlock + 1n));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // And the recount through it still matches the contract.
    const [single] = proposals;
    const verified = await verifyProposal(flakyClient, {
      community,
      fromBlock: deployBlock,
      proposalId: single?.id ?? 1n,
      blockNumber: toBlock,
      chunkSize: 1_000,
      retry: { attempts: 10, delayMs: 1 },
    });
    expect(verified.verdict).toBe("match");

    // An RPC that never answers ends in a LogFetchError after the configured attempts.
    const dead = createPublicClient({
      chain: anvil.chain,
      transport: custom(
        { request: async () => Promise.reject(new Error("ECONNREFUSED")) },
        { retryCount: 0 },
      ),
    });
    await expect(
      fetchCommunityLogs(dead, {
        community,
        fromBlock: deployBlock,
        toBlock,
        retry: { attempts: 3, delayMs: 1 },
      }),
    ).rejects.toThrow(LogFetchError);
  });
  it("verifyProposal() reports a mismatch when the RPC hides a voter's ballots", async () => {
    const { publicClient: client } = clientsFor(anvil);
    const [single] = proposals;
    if (!single) throw new Error("no proposal");
    const blockNumber = await client.getBlockNumber();
    const honest = await recountProposal(client, {
      community,
      fromBlock: deployBlock,
      proposalId: single.id,
      blockNumber,
    });
    if (honest.mode === "anonymous") throw new Error("a public proposal recounted as anonymous");
    // A voter at the top of their chain: without their ballot, their mass goes nowhere else.
    const [hidden] = [...honest.input.ballots.keys()].filter(
      (voter) => !honest.input.delegations.has(voter),
    );
    if (!hidden) throw new Error("no root voter");
    const selectors = new Set(
      liquidGovernorAbi
        .filter(
          (item) => item.type === "event" && ["VoteCast", "VoteRetracted"].includes(item.name),
        )
        .map((item) => toEventSelector(item as AbiEvent)),
    );
    const voterTopic = pad(hidden.toLowerCase() as Hex);
    const upstream = http(anvil.rpcUrl, { retryCount: 0 })({ chain: anvil.chain });
    const lying = createPublicClient({
      chain: anvil.chain,
      transport: custom({
        async request({ method, params }: EIP1193Parameters<PublicRpcSchema>) {
          const result = await upstream.request({ method, params } as never);
          if (method !== "eth_getLogs") return result;
          return (result as { topics: Hex[] }[]).filter(
            (log) => !(selectors.has(log.topics[0] as Hex) && log.topics[1] === voterTopic),
          );
        },
      }),
    });
    const verified = await verifyProposal(lying, {
      community,
      fromBlock: deployBlock,
      proposalId: single.id,
      blockNumber,
    });
    expect(verified.verdict).toBe("mismatch");
    expect(verified.recount.participation).toBe(
      honest.result.participation - (honest.result.carried.get(hidden) ?? 0n),
    );
    expect(verified.differences).toContain(
      `participation: on-chain ${honest.result.participation}, recount ${verified.recount.participation}`,
    );
  });
});
