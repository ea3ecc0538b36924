// A small hand-built world, committed through the store's own commitStep block by block: one
// community, two topics, members (one with weight 2^256 − 1), delegations, a single-choice, a
// quadratic and an anonymous proposal, ballots cast, changed and retracted, and tally revisions.
// For filter, paging, relation and time-travel tests that need exact, known rows.
import type { Hash } from "viem";
import { emptyRows, type StepRows } from "../../src/store/rows.ts";
import type { Store } from "../../src/store/store.ts";
import type { BlockRef } from "../../src/sync/types.ts";

export const MAX_UINT256 = 2n ** 256n - 1n;
export const CHAIN = 31337;
const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
export const account = (n: number) => `eip155:${CHAIN}:${address(n)}`;
export const C = account(0xc0);
export const member = (n: number) => `${C}-${address(n)}`;
export const P1 = `${C}-1`;
export const P2 = `${C}-2`;
export const P3 = `${C}-3`;
export const hash = (n: bigint | number, salt = "a"): Hash =>
  `0x${salt.repeat(2)}${BigInt(n).toString(16).padStart(62, "0")}` as Hash;
export const block = (n: bigint, salt = "a"): BlockRef => ({
  number: n,
  hash: hash(n, salt),
  parentHash: hash(n - 1n, salt),
  timestamp: 1_700_000_000n + n * 12n,
});

type At = {
  blockNumber: bigint;
  blockTimestamp: bigint;
  logIndex: number;
  transactionHash: string;
};

/** The strictly leading option, or null (none above zero, or a tie). */
function leaderOf(tallies: bigint[]): number | null {
  let leader: number | null = null;
  let best = 0n;
  tallies.forEach((t, i) => {
    if (t > best) {
      best = t;
      leader = i;
    } else if (t === best) leader = null;
  });
  return leader;
}

/** The world's steps: rows per block 1..5. */
export function worldSteps(): { block: BlockRef; rows: StepRows }[] {
  const steps: { block: BlockRef; rows: StepRows }[] = [];
  for (let n = 1n; n <= 5n; n++) steps.push({ block: block(n), rows: emptyRows() });
  let log = 0;
  const at = (n: bigint): At => ({
    blockNumber: n,
    blockTimestamp: block(n).timestamp,
    logIndex: log++,
    transactionHash: hash(n, "f"),
  });
  const rows = (n: bigint) => (steps[Number(n) - 1] as { rows: StepRows }).rows;
  const eventId = (a: At) => `${C}-${a.blockNumber}-${a.logIndex}`;

  const addMember = (n: bigint, who: number, weight: bigint, kind = "added", previous = 0n) => {
    const a = at(n);
    rows(n).memberEvents.push({
      id: eventId(a),
      community: C,
      member: member(who),
      account: account(who),
      kind,
      weight,
      previousWeight: previous,
      ...a,
    });
  };
  const delegate = (n: bigint, from: number, to: number | null, topic = 0) => {
    const a = at(n);
    rows(n).delegationEvents.push({
      id: eventId(a),
      community: C,
      topic,
      delegator: account(from),
      delegate: to === null ? null : account(to),
      previousDelegate: null,
      ...a,
    });
  };
  const ballot = (
    n: bigint,
    proposal: string,
    voter: number | bigint,
    kind: string,
    option: number | null,
    votes: bigint[] | null = null,
  ) => {
    const a = at(n);
    const anonymous = typeof voter === "bigint";
    rows(n).ballotEvents.push({
      id: eventId(a),
      proposal,
      community: C,
      ballotKey: anonymous ? voter.toString() : account(voter),
      voter: anonymous ? null : account(voter),
      nullifier: anonymous ? voter : null,
      kind,
      option,
      abstain: false,
      votes,
      ...a,
    });
  };
  const proposal = (n: bigint, id: bigint, mode: string, topic: number, optionCount: number) => {
    const a = at(n);
    rows(n).proposals.push({
      id: `${C}-${id}`,
      community: C,
      proposalId: id,
      proposer: account(1),
      topic,
      mode,
      optionCount,
      snapshot: n - 1n,
      voteEnd: block(n).timestamp + 3600n,
      metadataHash: hash(id, "d"),
      metadataUri: `ipfs://proposal-${id}`,
      executable: id === 1n,
      actions:
        id === 1n ? { targets: [address(0xee)], values: ["5"], calldatas: ["0xabcdef"] } : null,
      groupRoot: mode === "anonymous" ? 77n : null,
      groupIdentities: mode === "anonymous" ? 1n : null,
      ...a,
    });
  };
  const revision = (
    n: bigint,
    p: string,
    tallies: bigint[],
    participation: bigint,
    ballots: number,
  ) => {
    const b = block(n);
    rows(n).tallyRevisions.push({
      id: `${p}-${n}`,
      proposal: p,
      community: C,
      blockNumber: n,
      blockHash: b.hash,
      blockTimestamp: b.timestamp,
      tallies,
      abstain: 0n,
      participation,
      totalMass: 60n,
      idleMass: 60n - participation,
      quorum: 12n,
      quorumBps: 2000,
      quorumMet: participation >= 12n,
      leader: leaderOf(tallies),
      tie: false,
      passing: participation >= 12n,
      ballots,
      groupMismatch: false,
    });
  };

  // Block 1: the community, two topics, a quorum, three members.
  {
    const a = at(1n);
    rows(1n).communities.push({
      id: C,
      chainId: CHAIN,
      address: address(0xc0),
      timelock: account(0xc1),
      creator: account(1),
      implementation: address(0xc2),
      registrar: account(0xc3),
      bootstrapAdmin: account(1),
      ...a,
    });
    for (const [topic, name] of [
      [0, "General"],
      [1, "Treasury"],
    ] as const) {
      rows(1n).topics.push({ id: `${C}-${topic}`, community: C, topic, name, ...at(1n) });
    }
    rows(1n).communitySettings.push({ id: `${C}-1-q`, community: C, quorumBps: 2000, ...at(1n) });
    addMember(1n, 1, 10n);
    addMember(1n, 2, 20n);
    addMember(1n, 3, 30n);
  }
  // Block 2: member 1 delegates to 2 (topic 0) and 3 (topic 1); proposal 1 (single, 3 options).
  delegate(2n, 1, 2, 0);
  delegate(2n, 1, 3, 1);
  proposal(2n, 1n, "single", 0, 3);
  revision(2n, P1, [0n, 0n, 0n], 0n, 0);
  // Block 3: member 2 votes option 1 (carrying member 1).
  ballot(3n, P1, 2, "cast", 1);
  revision(3n, P1, [0n, 30n, 0n], 30n, 1);
  // Block 4: member 4 joins with 2^256 − 1; member 2 changes to option 2; member 3 votes option 0;
  // quadratic proposal 2 on topic 1; quorum changes to 2500.
  addMember(4n, 4, MAX_UINT256);
  ballot(4n, P1, 2, "changed", 2);
  ballot(4n, P1, 3, "cast", 0);
  revision(4n, P1, [30n, 0n, 30n], 60n, 2);
  proposal(4n, 2n, "quadratic", 1, 2);
  revision(4n, P2, [0n, 0n], 0n, 0);
  ballot(4n, P2, 3, "cast", null, [3n, 1n]);
  rows(4n).communitySettings.push({ id: `${C}-4-q`, community: C, quorumBps: 2500, ...at(4n) });
  // Block 5: member 2 retracts; member 1 clears its topic-0 delegation; member 3 is removed;
  // anonymous proposal 3 with one anonymous ballot and one identity.
  ballot(5n, P1, 2, "retracted", null);
  revision(5n, P1, [30n, 0n, 0n], 30n, 1);
  delegate(5n, 1, null, 0);
  addMember(5n, 3, 0n, "removed", 30n);
  proposal(5n, 3n, "anonymous", 0, 2);
  ballot(5n, P3, 123456789012345678901234567890n, "cast", 1);
  revision(5n, P3, [0n, 1n], 1n, 1);
  {
    const a = at(5n);
    rows(5n).identityEvents.push({
      id: eventId(a),
      community: C,
      account: account(2),
      kind: "registered",
      commitment: 999n,
      oldCommitment: null,
      leafIndex: 0n,
      groupRoot: 77n,
      ...a,
    });
  }
  return steps;
}

/** Commits the world's blocks 1..`upTo` one step each; block n − 2 is final at block n. */
export async function commitWorld(store: Store, upTo = 5): Promise<void> {
  for (const step of worldSteps().slice(0, upTo)) {
    const n = step.block.number;
    await store.commitStep(
      { toBlock: step.block, blocks: [step.block], finalized: n - 2n, head: n },
      step.rows,
    );
  }
}
