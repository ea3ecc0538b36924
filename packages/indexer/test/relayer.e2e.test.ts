// The required end-to-end scenario: 25 identities vote anonymously through the relayer, 6 re-cast
// (ballot 2 of each), their first proofs sent again are refused without a transaction, 2 rotate
// their keys (replaceIdentity) and vote on a new proposal; the tallies are exact.
import {
  addMembersWithIdentitiesSync,
  anonymousScope,
  createAnonymousBallot,
  getAnonymousBallot,
  getTally,
  Identity,
  type IdentityGroupSnapshot,
  RelayerError,
  rebuildIdentityGroup,
  relayAnonymousBallot,
  replaceIdentitySync,
  terminateProver,
} from "@plenum/sdk";
import type { Address, Hash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Anvil,
  anonymousBody,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  devKey,
  post,
  proposeAnonymous,
  startAnvil,
  startRelayer,
  type TestRelayer,
  tick,
} from "./support.ts";

const VOTERS = 25;
const ABSTAIN = 255;
const CLIENT_ADDRESS = "203.0.113.9";

let anvil: Anvil;
let community: Address;
let relayer: TestRelayer;
const identities = new Map<number, Identity>();
const timings = { prove: [] as number[], relay: [] as number[], relayOne: [] as number[] };

/** The relayer client of the SDK, as a browser behind a proxy would call it. */
function relay(proposalId: bigint, proof: Awaited<ReturnType<typeof createAnonymousBallot>>) {
  return relayAnonymousBallot({
    relayerUrl: relayer.url,
    community,
    proposalId,
    proof,
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        headers: {
          ...(init?.headers as Record<string, string>),
          "x-forwarded-for": CLIENT_ADDRESS,
        },
      }),
  });
}

/** Proves ballot number `sequence` of `voter` (each identity numbers its ballots per proposal). */
async function prove(
  voter: number,
  proposalId: bigint,
  group: IdentityGroupSnapshot,
  option: number | "abstain",
  sequence: bigint,
  identity = identities.get(voter) as Identity,
) {
  const started = performance.now();
  const proof = await createAnonymousBallot({
    identity,
    group,
    chainId: 31337,
    community,
    proposalId,
    option,
    sequence,
  });
  timings.prove.push(performance.now() - started);
  return proof;
}

/** A naive model of the tally: the current option per nullifier. */
function expectedTally(ballots: Map<bigint, number>, optionCount: number) {
  const tallies = Array.from({ length: optionCount }, () => 0n);
  let abstain = 0n;
  for (const option of ballots.values()) {
    if (option === ABSTAIN) abstain++;
    else tallies[option] = (tallies[option] ?? 0n) + 1n;
  }
  return { tallies, abstain, participation: BigInt(ballots.size) };
}

beforeAll(async () => {
  anvil = await startAnvil({ accounts: 30 });
  const core = await deployTestCore(anvil);
  ({ community } = await createTestCommunity(anvil, core));
  for (let i = 1; i <= VOTERS; i++) identities.set(i, new Identity(`plenum e2e voter ${i}`));
  await addMembersWithIdentitiesSync(clientsFor(anvil).wallet(0), {
    community,
    members: [...identities].map(([i, identity]) => ({
      account: devAccount(i).address,
      weight: 1,
      identity,
    })),
  });
  await tick(anvil);
  relayer = await startRelayer(anvil.rpcUrl, {
    privateKey: devKey(29),
    communities: [community],
    trustProxy: true,
  });
});

afterAll(async () => {
  await relayer?.close();
  await anvil?.stop();
  await terminateProver();
});

describe("relayer end to end", () => {
  it("25 vote, 6 re-cast, 2 rotate keys and vote on a new proposal: exact tallies", async () => {
    const { publicClient, wallet } = clientsFor(anvil);
    const first = await proposeAnonymous(anvil, community, { optionCount: 3 });
    const group1 = await rebuildIdentityGroup(publicClient, { community, proposalId: first });
    expect(group1.identities).toBe(VOTERS);
    const ballots1 = new Map<bigint, number>();

    // 25 ballots, proved one by one, then relayed all at once.
    const initial = new Map<number, number>();
    for (let i = 1; i <= VOTERS; i++) initial.set(i, i === VOTERS ? ABSTAIN : i % 3);
    const proofs = [];
    for (const [i, option] of initial) {
      proofs.push(await prove(i, first, group1, option === ABSTAIN ? "abstain" : option, 1n));
    }
    const relayed = await Promise.all(
      proofs.map(async (proof) => {
        const started = performance.now();
        const answer = await relay(first, proof);
        timings.relay.push(performance.now() - started);
        return answer.transactionHash;
      }),
    );
    const receipts = await Promise.all(
      relayed.map((hash) => publicClient.waitForTransactionReceipt({ hash })),
    );
    expect(receipts.every((receipt) => receipt.status === "success")).toBe(true);
    proofs.forEach((proof, k) => {
      ballots1.set(proof.nullifier, [...initial.values()][k] as number);
    });
    expect(new Set(proofs.map((proof) => proof.nullifier)).size).toBe(VOTERS);
    expect(await tallyOf(first)).toEqual(expectedTally(ballots1, 3));

    // 6 re-cast: the same identities (same nullifiers) change their option, with ballot number 2.
    for (let i = 1; i <= 6; i++) {
      const option = ((initial.get(i) as number) + 1) % 3;
      const proof = await prove(i, first, group1, option, 2n);
      const started = performance.now();
      const { transactionHash } = await relay(first, proof);
      timings.relayOne.push(performance.now() - started);
      await publicClient.waitForTransactionReceipt({ hash: transactionHash });
      expect(ballots1.has(proof.nullifier)).toBe(true);
      ballots1.set(proof.nullifier, option);
    }
    expect(await tallyOf(first)).toEqual(expectedTally(ballots1, 3));
    for (let i = 1; i <= 6; i++) {
      const ballot = await getAnonymousBallot(publicClient, {
        community,
        proposalId: first,
        identity: identities.get(i) as Identity,
      });
      expect(ballot).toMatchObject({ hasVoted: true, sequence: 2n });
    }

    // Anyone may send the 6 voters' first proofs again (they are public on chain): the relayer's
    // simulation refuses each as STALE_BALLOT, no transaction is sent, and the changes stand.
    const sentBeforeReplays = await publicClient.getTransactionCount({
      address: relayer.relayer.address,
    });
    const replays = await Promise.allSettled(
      proofs.slice(0, 6).map((proof) => relay(first, proof)),
    );
    for (const replay of replays) {
      expect(replay.status).toBe("rejected");
      const error = (replay as PromiseRejectedResult).reason as RelayerError;
      expect(error).toBeInstanceOf(RelayerError);
      expect(error).toMatchObject({ code: "STALE_BALLOT", status: 409, retryable: false });
      expect(error.body).toMatchObject({ lastSequence: "2" });
      expect(error.shortMessage).toMatch(
        /^this identity already sent ballot number 2 on proposal \d+; ballot number 1 is older or a replay/,
      );
    }
    expect(await publicClient.getTransactionCount({ address: relayer.relayer.address })).toBe(
      sentBeforeReplays,
    );
    expect(await tallyOf(first)).toEqual(expectedTally(ballots1, 3));

    // Voters 7 and 8 rotate their keys.
    const rotated = new Map<number, Identity>();
    for (const i of [7, 8]) {
      const next = new Identity(`plenum e2e voter ${i}, second key`);
      await replaceIdentitySync(wallet(i), { community, identity: next });
      rotated.set(i, next);
    }
    const second = await proposeAnonymous(anvil, community, { optionCount: 2 });
    const group2 = await rebuildIdentityGroup(publicClient, { community, proposalId: second });
    expect(group2.root).not.toBe(group1.root);
    expect(group2.identities).toBe(VOTERS);
    const ballots2 = new Map<bigint, number>();

    // The new keys vote on the new proposal; so do four voters who kept theirs.
    const secondVotes: [number, number, Identity][] = [
      [7, 1, rotated.get(7) as Identity],
      [8, 0, rotated.get(8) as Identity],
      ...[9, 10, 11, 12].map((i): [number, number, Identity] => [
        i,
        i % 2,
        identities.get(i) as Identity,
      ]),
    ];
    const hashes: Hash[] = [];
    for (const [i, option, identity] of secondVotes) {
      const proof = await prove(i, second, group2, option, 1n, identity);
      hashes.push((await relay(second, proof)).transactionHash);
      ballots2.set(proof.nullifier, option);
    }
    await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));

    // The old key of voter 7 is not in the new proposal's group: a proof against the old root fails.
    const stale = await createAnonymousBallot({
      identity: identities.get(7) as Identity,
      group: group1.group,
      chainId: 31337,
      community,
      proposalId: second,
      option: 0,
      sequence: 1n,
    });
    const refused = await post(
      relayer.url,
      "/v1/anonymous-ballots",
      anonymousBody(community, second, stale),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "ROOT_MISMATCH",
      expected: group2.root.toString(),
      given: group1.root.toString(),
    });
    // ... but it still votes on the first proposal, whose recorded root holds it.
    const oldKeyRecast = await prove(7, first, group1, 0, 2n);
    const { transactionHash } = await relay(first, oldKeyRecast);
    await publicClient.waitForTransactionReceipt({ hash: transactionHash });
    ballots1.set(oldKeyRecast.nullifier, 0);

    expect(await tallyOf(first)).toEqual(expectedTally(ballots1, 3));
    expect(await tallyOf(second)).toEqual(expectedTally(ballots2, 2));
    expect(expectedTally(ballots1, 3)).toEqual({
      tallies: [9n, 7n, 8n],
      abstain: 1n,
      participation: 25n,
    });
    expect(expectedTally(ballots2, 2)).toEqual({
      tallies: [3n, 3n],
      abstain: 0n,
      participation: 6n,
    });

    // Every transaction came from the relayer, none from the voters.
    const sender = relayer.relayer.address;
    expect(await publicClient.getTransactionCount({ address: sender })).toBe(25 + 6 + 6 + 1);

    // Privacy: the logs name neither the client nor any nullifier or proof.
    const logs = relayer.rawLogs.join("\n");
    expect(logs).not.toContain(CLIENT_ADDRESS);
    for (const nullifier of [...ballots1.keys(), ...ballots2.keys()]) {
      expect(logs).not.toContain(nullifier.toString());
      expect(logs).not.toContain(nullifier.toString(16));
    }
    expect(logs).not.toContain(
      anonymousScope({ chainId: 31337, community, proposalId: first }).toString(),
    );

    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (q: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return `n=${sorted.length} p50=${at(0.5).toFixed(0)} ms p95=${at(0.95).toFixed(0)} ms max=${at(1).toFixed(0)} ms`;
    };
    console.log(`proof generation: ${stats(timings.prove)}`);
    console.log(`relay, 25 requests at once (request → 202): ${stats(timings.relay)}`);
    console.log(`relay, one request at a time (request → 202): ${stats(timings.relayOne)}`);
  });
});

async function tallyOf(proposalId: bigint) {
  const tally = await getTally(clientsFor(anvil).publicClient, { community, proposalId });
  return { tallies: tally.tallies, abstain: tally.abstain, participation: tally.participation };
}
