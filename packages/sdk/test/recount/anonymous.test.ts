// The recount of an anonymous proposal against a real anvil: identities registered one by one and in a
// batch, replaced and removed before the proposal (and after it, which must not count), ballots with
// real Semaphore proofs cast, re-cast, retracted and cast again; after every block the contract's
// tally, quorum and state, the recount from logs alone, and verifyProposal must agree. Then two lying
// RPCs: one hides a ballot, one hides a key change; both must end in a mismatch.
import type { Identity } from "@semaphore-protocol/identity";
import {
  type AbiEvent,
  type Address,
  createPublicClient,
  custom,
  type EIP1193Parameters,
  type Hex,
  http,
  type PublicRpcSchema,
  parseEventLogs,
  toEventSelector,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdentityNotInGroupError } from "../../src/anonymous/errors.ts";
import {
  buildIdentityGroup,
  type IdentityGroupSnapshot,
  identitySiblings,
  removalSiblings,
} from "../../src/anonymous/group.ts";
import { createIdentity } from "../../src/anonymous/identity.ts";
import {
  type AnonymousOption,
  createAnonymousBallot,
  terminateProver,
} from "../../src/anonymous/proof.ts";
import { anonymousTally } from "../../src/engine/index.ts";
import {
  buildAnonymousProposalState,
  createLogCache,
  fetchCommunityLogs,
  type LogCache,
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

const STATES = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired"];
const SENDER = 9; // not a member: it sends every ballot, as a relayer would
const PERIOD = 3600;

describe("recount of an anonymous proposal", () => {
  let anvil: Anvil;
  let clients: ReturnType<typeof clientsFor>;
  let community: Address;
  let deployBlock: bigint;
  let cache: LogCache;
  let proposalId: bigint;
  let group: IdentityGroupSnapshot;
  const identities = new Map<string, Identity>();
  const address = (i: number) => devAccount(i).address;

  async function send(from: number, functionName: string, args: readonly unknown[]) {
    const wallet = clients.wallet(from);
    const hash = await wallet.writeContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName,
      args,
      gas: 10_000_000n,
    } as never);
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    return receipt;
  }

  // Not viem's cached block number: every test step mines a block.
  const latestBlock = () => clients.publicClient.getBlockNumber({ cacheTime: 0 });

  /** The current group (no proposal): for sibling nodes of key changes and removals. */
  async function currentGroup() {
    const logs = await cache.sync();
    return buildIdentityGroup(logs);
  }

  /** Each identity's last ballot sequence on the proposal: the next ballot takes the one after. */
  const sequences = new Map<string, bigint>();

  async function ballot(name: string, option: AnonymousOption) {
    const identity = identities.get(name) as Identity;
    const sequence = (sequences.get(name) ?? 0n) + 1n;
    const proof = await createAnonymousBallot({
      identity,
      group,
      chainId: anvil.chain.id,
      community,
      proposalId,
      option,
      sequence,
    });
    const receipt = await send(SENDER, "castAnonymousVote", [proposalId, proof]);
    sequences.set(name, sequence);
    return { receipt, nullifier: proof.nullifier, proof };
  }

  /** At `blockNumber`: contract == anonymousTally on the logs == recountProposal == verifyProposal. */
  async function checkBlock(blockNumber: bigint) {
    const where = `block ${blockNumber}`;
    const at = {
      address: community,
      abi: liquidGovernorAbi,
      args: [proposalId],
      blockNumber,
    } as const;
    const [[tallies, abstain, participation, totalMass], quorum, state] = await Promise.all([
      clients.publicClient.readContract({ ...at, functionName: "proposalTally" }),
      clients.publicClient.readContract({ ...at, functionName: "quorum" }),
      clients.publicClient.readContract({ ...at, functionName: "state" }),
    ]);
    await cache.sync({ toBlock: blockNumber });
    const built = buildAnonymousProposalState(cache.logs, proposalId, { atBlock: blockNumber });
    const { ballots, identities: size, optionCount } = built.input;
    const result = anonymousTally(ballots, size, optionCount);
    expect(result, where).toEqual({ tallies: [...tallies], abstain, participation, totalMass });

    const recount = await recountProposal(clients.publicClient, { cache, proposalId, blockNumber });
    if (recount.mode !== "anonymous") throw new Error("recounted as a public proposal");
    expect(recount.result, where).toEqual(result);
    expect(recount.outcome?.quorum, where).toBe(quorum);
    expect(recount.outcome?.state, where).toBe(STATES[state]);
    expect(recount.group.mismatch, where).toBeUndefined();

    const verified = await verifyProposal(clients.publicClient, { cache, proposalId, blockNumber });
    expect(verified.differences, where).toEqual([]);
    expect(verified.verdict, where).toBe("match");
    expect(verified.onChain.group?.root, where).toBe(group.root);
    return recount;
  }

  beforeAll(async () => {
    anvil = await startAnvil({ accounts: 12 });
    clients = clientsFor(anvil);
    const core = await deployTestCore(anvil);
    deployBlock = (await latestBlock()) + 1n;
    ({ community } = await createTestCommunity(anvil, core, { quorumBps: 2500 }));
    cache = createLogCache(clients.publicClient, { community, fromBlock: deployBlock });
    for (const name of ["m1", "m2", "m2b", "m3", "m3b", "m4", "m5", "m6", "m7", "m8"]) {
      identities.set(name, createIdentity());
    }
    const commitment = (name: string) => (identities.get(name) as Identity).commitment;

    // Members 1..8. Members 1..5 register their own identity; the registrar registers 6 and 7 in one
    // batch; member 8 has none yet.
    await send(0, "addMembers", [[1, 2, 3, 4, 5, 6, 7, 8].map(address), Array(8).fill(1n)]);
    for (const i of [1, 2, 3, 4, 5]) await send(i, "registerIdentity", [commitment(`m${i}`)]);
    await send(0, "registerIdentities", [
      [address(6), address(7)],
      [commitment("m6"), commitment("m7")],
    ]);
    // Before the proposal: member 2 changes key, member 5 leaves with their identity.
    await send(2, "replaceIdentity", [
      commitment("m2b"),
      identitySiblings(await currentGroup(), commitment("m2")),
    ]);
    await send(0, "removeMembersWithIdentities", [
      [address(5)],
      removalSiblings(await currentGroup(), [commitment("m5")]),
    ]);
    await clients.testClient.increaseTime({ seconds: 60 });
    await clients.testClient.mine({ blocks: 1 });
  }, 300_000);

  afterAll(async () => {
    // snarkjs keeps worker threads after proving; end them so the fork can exit.
    await terminateProver();
    await anvil?.stop();
  });

  it("recountProposal() and verifyProposal() match the contract after every ballot", async () => {
    const created = await send(1, "propose", [
      {
        topic: 0,
        mode: 2,
        optionCount: 3,
        votingPeriod: PERIOD,
        metadataHash: `0x${"33".repeat(32)}`,
        metadataURI: "Anonymous: which of three?",
      },
    ]);
    const [event] = parseEventLogs({
      abi: liquidGovernorAbi,
      logs: created.logs,
      eventName: "ProposalGroupRecorded",
    });
    if (!event) throw new Error("no ProposalGroupRecorded");
    proposalId = event.args.proposalId;
    // Identities 1, 2b, 3, 4, 6, 7: six of them, 2's old key and 5's removed one excluded.
    expect(event.args.identities).toBe(6n);

    // After the creation: member 8 registers and member 3 changes key. Neither reaches the proposal.
    const commitment = (name: string) => (identities.get(name) as Identity).commitment;
    await send(8, "registerIdentity", [commitment("m8")]);
    await send(3, "replaceIdentity", [
      commitment("m3b"),
      identitySiblings(await currentGroup(), commitment("m3")),
    ]);
    group = buildIdentityGroup(await cache.sync(), { proposalId });
    expect(group.root).toBe(event.args.groupRoot);
    expect(group.identities).toBe(6);

    const first = await checkBlock(created.blockNumber);
    expect(first.result).toEqual({
      tallies: [0n, 0n, 0n],
      abstain: 0n,
      participation: 0n,
      totalMass: 6n,
    });
    expect(first.outcome).toMatchObject({ quorumBps: 2500, quorum: 2n, state: "active" });

    const steps: [string, AnonymousOption][] = [
      ["m1", 0],
      ["m2b", 1],
      ["m3", "abstain"], // the key the proposal recorded, though member 3 has changed it since
      ["m4", 2],
      ["m6", 1],
      ["m6", 0], // replaces m6's ballot
      ["m7", 1],
      ["m7", "retract"],
      ["m7", 2], // cast again after the retraction
      ["m6", 0], // the same ballot again: the tally does not move
      ["m4", 0],
    ];
    const nullifiers = new Map<string, bigint>();
    const proofs = new Map<string, Awaited<ReturnType<typeof ballot>>["proof"][]>();
    for (const [name, option] of steps) {
      const { receipt, nullifier, proof } = await ballot(name, option);
      const known = nullifiers.get(name);
      if (known !== undefined) expect(nullifier).toBe(known);
      nullifiers.set(name, nullifier);
      proofs.set(name, [...(proofs.get(name) ?? []), proof]);
      await checkBlock(receipt.blockNumber);
    }
    expect(new Set(nullifiers.values()).size).toBe(nullifiers.size);

    // m7's first ballot (option 1) sent again after its retraction and new ballot: mined, reverted
    // (AnonymousStaleBallot), and neither the tally nor the recount moves.
    const [m7First] = proofs.get("m7") ?? [];
    if (!m7First) throw new Error("no ballot of m7");
    const replay = await clients.wallet(SENDER).writeContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName: "castAnonymousVote",
      args: [proposalId, m7First],
      gas: 1_000_000n,
    });
    const replayed = await clients.publicClient.waitForTransactionReceipt({ hash: replay });
    expect(replayed.status).toBe("reverted");
    await checkBlock(replayed.blockNumber);

    // Keys the proposal did not record cannot vote on it.
    for (const name of ["m8", "m3b", "m2", "m5"]) {
      await expect(ballot(name, 0)).rejects.toBeInstanceOf(IdentityNotInGroupError);
    }

    const open = await checkBlock(await latestBlock());
    expect(open.result).toEqual({
      tallies: [3n, 1n, 1n],
      abstain: 1n,
      participation: 6n,
      totalMass: 6n,
    });
    expect(open.ballotsCount).toBe(6);
    expect(open.ballotEvents).toBe(steps.length);

    // After voteEnd: quorum (2 of 6) reached and option 0 wins.
    await clients.testClient.increaseTime({ seconds: PERIOD + 10 });
    await clients.testClient.mine({ blocks: 1 });
    const closed = await checkBlock(await latestBlock());
    expect(closed.outcome).toMatchObject({ quorumReached: true, leading: 0, state: "succeeded" });

    // fetchCommunityLogs decodes every event of the anonymous facet (nothing is left undecoded).
    const fetched = await fetchCommunityLogs(clients.publicClient, {
      community,
      fromBlock: deployBlock,
    });
    expect(fetched.undecoded).toBe(0);
    const names = new Set(fetched.logs.map((log) => log.eventName));
    for (const name of [
      "IdentityRegistered",
      "IdentityReplaced",
      "IdentityRemoved",
      "ProposalGroupRecorded",
      "AnonymousVoteCast",
      "AnonymousVoteRetracted",
    ]) {
      expect(names.has(name as never), name).toBe(true);
    }
  });

  it("verifyProposal() reports a hidden ballot and a hidden key change as mismatches", async () => {
    const blockNumber = await latestBlock();
    const selector = (name: string) =>
      toEventSelector(
        liquidGovernorAbi.find((item) => item.type === "event" && item.name === name) as AbiEvent,
      );
    const lying = (hide: (log: { topics: Hex[] }) => boolean) => {
      const upstream = http(anvil.rpcUrl, { retryCount: 0 })({ chain: anvil.chain });
      return createPublicClient({
        chain: anvil.chain,
        transport: custom({
          async request({ method, params }: EIP1193Parameters<PublicRpcSchema>) {
            const result = await upstream.request({ method, params } as never);
            if (method !== "eth_getLogs") return result;
            return (result as { topics: Hex[] }[]).filter((log) => !hide(log));
          },
        }),
      });
    };
    const parameters = { community, fromBlock: deployBlock, proposalId, blockNumber };

    // Every ballot event of one nullifier (m1's, who voted once, for option 0) goes missing.
    const cast = selector("AnonymousVoteCast");
    const logs = await cache.sync({ toBlock: blockNumber });
    const m1 = logs.find(
      (log) => log.eventName === "AnonymousVoteCast" && log.args.proposalId === proposalId,
    );
    if (m1?.eventName !== "AnonymousVoteCast") throw new Error("no ballot");
    const nullifierTopic = `0x${m1.args.nullifier.toString(16).padStart(64, "0")}`;
    const withoutBallot = await verifyProposal(
      lying((log) => log.topics[0] === cast && log.topics[2] === nullifierTopic),
      parameters,
    );
    expect(withoutBallot.verdict).toBe("mismatch");
    expect(withoutBallot.differences).toContain("tallies[0]: on-chain 3, recount 2");
    expect(withoutBallot.differences).toContain("participation: on-chain 6, recount 5");

    // Member 2's key change goes missing: the group rebuilt from the rest has another root.
    const replaced = selector("IdentityReplaced");
    const memberTopic = `0x${address(2).slice(2).toLowerCase().padStart(64, "0")}`;
    const withoutKeyChange = await verifyProposal(
      lying((log) => log.topics[0] === replaced && log.topics[1] === memberTopic),
      parameters,
    );
    expect(withoutKeyChange.verdict).toBe("mismatch");
    expect(withoutKeyChange.differences).toHaveLength(1);
    expect(withoutKeyChange.differences[0]).toMatch(/^group root: the group rebuilt from events/);
    expect(withoutKeyChange.recount.tallies).toEqual([3n, 1n, 1n]);
  });
});
