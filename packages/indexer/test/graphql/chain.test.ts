// End to end on a real anvil: a community's events become SyncSteps (the store helper's chain
// support), the indexer applies them, and the API answers with the tally the contract holds; then a
// ballot mined later reaches an SSE subscriber as a ballot event and a tally revision.
import {
  addMembersSync,
  castVoteSync,
  delegateSync,
  liquidGovernorAbi,
  proposeSync,
} from "@plenum/sdk";
import { sql } from "drizzle-orm";
import { readContract } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCommittedFeed,
  createGraphQL,
  createPublishingHandler,
} from "../../src/graphql/index.ts";
import { createIndexer, type Indexer } from "../../src/indexing/indexer.ts";
import { createStore, type Store } from "../../src/store/store.ts";
import { accountId } from "../../src/store/values.ts";
import { chainSteps } from "../indexing/chain.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  startAnvil,
  type TestCore,
  tick,
} from "../support.ts";
import { gql } from "./client.ts";
import { countingFeed, serve, subscribe, until } from "./sse.ts";

describe("GraphQL over an indexed anvil chain", () => {
  let anvil: Anvil;
  let core: TestCore;
  let store: Store;
  let indexer: Indexer;
  let community: `0x${string}`;
  let deployBlock: bigint;
  let indexedTo: bigint;
  let proposalId: bigint;
  let beforeVote: `0x${string}`;
  /** Block of a proposal's latest stored revision at or below `block`. */
  const latestRevisionBlock = async (id: string, block: bigint) => {
    const [row] = await store.query(
      sql`SELECT max(block_number) AS n FROM tally_revisions WHERE proposal = ${id} AND block_number <= ${block.toString()}::bigint`,
    );
    return BigInt(String(row?.n));
  };
  const feed = countingFeed(createCommittedFeed());
  let server: Awaited<ReturnType<typeof serve>>;
  const address = (i: number) => devAccount(i).address;

  /** Indexes every block mined since the last call, in one step, and announces it. */
  async function indexNewBlocks() {
    const { publicClient } = clientsFor(anvil);
    const head = await publicClient.getBlockNumber({ cacheTime: 0 });
    const [step] = await chainSteps(publicClient, {
      factory: core.factory,
      fromBlock: indexedTo + 1n,
      toBlock: head,
      head,
      chunk: 10_000,
      depth: 2,
    });
    if (!step) return;
    await createPublishingHandler(indexer, store, feed)(step);
    indexedTo = head;
  }

  beforeAll(async () => {
    anvil = await startAnvil();
    const { publicClient, wallet } = clientsFor(anvil);
    core = await deployTestCore(anvil);
    deployBlock = (await publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    ({ community } = await createTestCommunity(anvil, core, { topics: ["General", "Budget"] }));
    await addMembersSync(wallet(0), {
      community,
      members: [
        { account: address(1), weight: 4n },
        { account: address(2), weight: 9n },
        { account: address(3), weight: 16n },
      ],
    });
    await delegateSync(wallet(1), { community, topics: [0], to: address(2) });
    // The snapshot is the proposal's timestamp: let weights and delegations settle strictly before it.
    await tick(anvil);
    ({ proposalId } = await proposeSync(wallet(1), {
      community,
      topic: 0,
      mode: "single",
      optionCount: 3,
      votingPeriod: 3600,
      metadataURI: "",
    }));
    await tick(anvil);
    await castVoteSync(wallet(2), { community, proposalId, option: 1 });
    store = await createStore({});
    indexer = createIndexer({ store, chainId: anvil.chain.id, metadata: false });
    await indexer.start();
    indexedTo = deployBlock - 1n;
    await indexNewBlocks();
    server = await serve(createGraphQL({ store, pubsub: feed }));
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await anvil?.stop();
  });

  it("serves the indexed community, its delegations and the tally the contract holds", async () => {
    const c = accountId(anvil.chain.id, community);
    const id = `${c}-${proposalId}`;
    const r = await gql(
      { fetch: (_url: string, init: RequestInit) => fetch(server.url, init) },
      `{ community(id: "${c}") { topics { name } members(orderBy: weight) { weight delegations { delegate topic } } }
         proposal(id: "${id}") { mode optionCount ballots { voter option } tally { tallies participation totalMass idleMass leader } } }`,
    );
    expect(r.errors).toBeUndefined();
    const [tallies] = (await readContract(clientsFor(anvil).publicClient, {
      address: community,
      abi: liquidGovernorAbi,
      functionName: "proposalTally",
      args: [proposalId],
    })) as unknown as [bigint[]];
    expect(tallies.map(String)).toEqual(["0", "13", "0"]);
    expect(r.data).toEqual({
      community: {
        topics: [{ name: "General" }, { name: "Budget" }],
        members: [
          {
            weight: "4",
            delegations: [{ delegate: accountId(anvil.chain.id, address(2)), topic: 0 }],
          },
          { weight: "9", delegations: [] },
          { weight: "16", delegations: [] },
        ],
      },
      proposal: {
        mode: "single",
        optionCount: 3,
        ballots: [{ voter: accountId(anvil.chain.id, address(2)), option: 1 }],
        tally: {
          tallies: ["0", "13", "0"],
          participation: "13",
          totalMass: "29",
          idleMass: "16",
          leader: 1,
        },
      },
    });
  });

  it("explains a revision member by member with the SDK, and lists chains and votes still needed", async () => {
    const chain = anvil.chain.id;
    const c = accountId(chain, community);
    const id = `${c}-${proposalId}`;
    const who = (i: number) => accountId(chain, address(i));
    const api = { fetch: (_url: string, init: RequestInit) => fetch(server.url, init) };
    const r = await gql(
      api,
      `{ proposal(id: "${id}") { tally {
          turnout turnoutBps
          one: explain(member: "${address(1)}") { member kind path carrier reason mass }
          two: explain(member: "${who(2)}") { kind path carrier mass }
          three: explain(member: "${address(3)}") { kind path carrier reason mass }
          stranger: explain(member: "${address(9)}") { kind path }
          carried(voter: "${address(2)}") { voter carried members { member mass } }
          carriers { voter carried members { member mass } } } }
        member(id: "${c}-${address(1).toLowerCase()}") { chain(topic: 0) other: chain(topic: 1) }
        three: needsVote(member: "${c}-${address(3).toLowerCase()}") { proposalId }
        two: needsVote(member: "${c}-${address(2).toLowerCase()}") { proposalId } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      proposal: {
        tally: {
          turnout: "0.448275862068965517", // 13 / 29
          turnoutBps: 4482,
          one: {
            member: who(1),
            kind: "carried",
            path: [who(1), who(2)],
            carrier: who(2),
            reason: null,
            mass: "4",
          },
          two: { kind: "voted", path: [who(2)], carrier: who(2), mass: "9" },
          three: {
            kind: "uncounted",
            path: [who(3)],
            carrier: null,
            reason: "no-voter-on-chain",
            mass: "16",
          },
          stranger: { kind: "not-a-member", path: [] },
          carried: {
            voter: who(2),
            carried: "13",
            members: [
              { member: who(1), mass: "4" },
              { member: who(2), mass: "9" },
            ],
          },
          carriers: [
            {
              voter: who(2),
              carried: "13",
              members: [
                { member: who(1), mass: "4" },
                { member: who(2), mass: "9" },
              ],
            },
          ],
        },
      },
      member: { chain: [who(1), who(2)], other: [who(1)] },
      three: [{ proposalId: String(proposalId) }],
      two: [],
    });
  });

  it("a ballot mined later reaches SSE subscribers as a ballot event and a tally revision", async () => {
    const id = `${accountId(anvil.chain.id, community)}-${proposalId}`;
    const revisions = await subscribe(
      server.url,
      `subscription { tallyRevisions(proposal: "${id}") { replacing revision { tallies leader ballots } } }`,
    );
    const ballots = await subscribe(
      server.url,
      `subscription { ballots(proposal: "${id}") { removed ballot { kind option voter } } }`,
    );
    await until(() => feed.subscribers === 2);
    beforeVote = await clientsFor(anvil).testClient.snapshot();
    await castVoteSync(clientsFor(anvil).wallet(3), { community, proposalId, option: 2 });
    await indexNewBlocks();
    expect(await ballots.next()).toEqual({
      data: {
        ballots: {
          removed: false,
          ballot: { kind: "cast", option: 2, voter: accountId(anvil.chain.id, address(3)) },
        },
      },
    });
    expect(await revisions.next()).toEqual({
      data: {
        tallyRevisions: {
          replacing: false,
          revision: { tallies: ["0", "13", "16"], leader: 2, ballots: 2 },
        },
      },
    });
    revisions.close();
    ballots.close();
  });

  it("a reorg that replaces a ballot sends subscribers the corrected tally, flagged as replacing", async () => {
    const { publicClient, testClient, wallet } = clientsFor(anvil);
    const id = `${accountId(anvil.chain.id, community)}-${proposalId}`;
    const opened = feed.subscribers;
    const revisions = await subscribe(
      server.url,
      `subscription { tallyRevisions(proposal: "${id}") { replacing revision { tallies blockNumber } } }`,
    );
    await until(() => feed.subscribers === opened + 1);
    // The vote for option 2 (block V) is dropped; on the new branch member 3 votes option 0.
    const voteBlock = indexedTo;
    const before = await latestRevisionBlock(id, voteBlock - 1n);
    await testClient.revert({ id: beforeVote });
    const ancestor = await publicClient.getBlock({ blockNumber: voteBlock - 1n });
    await castVoteSync(wallet(3), { community, proposalId, option: 0 });
    await testClient.mine({ blocks: 1 });
    await createPublishingHandler(
      indexer,
      store,
      feed,
    )({
      type: "reorg",
      ancestor: {
        number: ancestor.number,
        hash: ancestor.hash,
        parentHash: ancestor.parentHash,
        timestamp: ancestor.timestamp,
      },
      depth: 1,
      finalized: voteBlock - 2n,
      head: voteBlock + 1n,
    });
    indexedTo = voteBlock - 1n;
    expect(await revisions.next()).toEqual({
      data: {
        tallyRevisions: {
          replacing: true,
          revision: { tallies: ["0", "13", "0"], blockNumber: String(before) },
        },
      },
    });
    await indexNewBlocks();
    expect(await revisions.next()).toEqual({
      data: {
        tallyRevisions: {
          replacing: false,
          revision: { tallies: ["16", "13", "0"], blockNumber: String(voteBlock) },
        },
      },
    });
    revisions.close();
  });
});
