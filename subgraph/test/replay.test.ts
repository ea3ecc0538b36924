// Replay: the indexer tests' generated community (120 members, delegation forests in three topics,
// re-weights, removals and a re-admission, identities, single-choice / quadratic / anonymous /
// executable proposals, ballots cast, changed and retracted, a reorg) on a real anvil, its logs fed
// through the real mappings block by block, and the entities compared with what the contracts report
// at the last block. The declared eth_calls are answered by the same anvil at each log's block.
import {
  createSubgraphLogSource,
  liquidGovernorAbi,
  recountProposal,
  SubgraphQueryError,
  verifyProposal,
} from "@plenum/sdk";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainLogs } from "../../packages/indexer/test/indexing/chain.ts";
import { buildScenario, type Scenario } from "../../packages/indexer/test/indexing/scenario.ts";
import { type EntityServer, serveEntities } from "./support/graphql.ts";
import type { EthereumValue } from "./support/host.ts";
import { createSubgraph, type Subgraph, type SubgraphLog } from "./support/subgraph.ts";

/** In this package's port range (9100-9199). */
const ANVIL_PORT = 9151;
const GRAPHQL_PORT = 9152;

let scenario: Scenario;
let subgraph: Subgraph;
let logs: SubgraphLog[];
const answers = new Map<string, EthereumValue[] | null>();
const key = (address: string, fn: string, args: unknown[], block: bigint) =>
  `${address.toLowerCase()}|${fn}|${args.map(String).join(",")}|${block}`;

const read = <T>(functionName: string, args: readonly unknown[]) =>
  scenario.clients.publicClient.readContract({
    address: scenario.community,
    abi: liquidGovernorAbi,
    functionName,
    args,
    blockNumber: scenario.endBlock,
  } as never) as Promise<T>;
const lower = (a: string) => a.toLowerCase();
const caip = (a: string) => `eip155:${scenario.anvil.chain.id}:${lower(a)}`;

beforeAll(async () => {
  const started = performance.now();
  scenario = await buildScenario({ port: ANVIL_PORT });
  const built = performance.now();
  const client = scenario.clients.publicClient;
  logs = (
    await chainLogs(client, {
      factory: scenario.factory,
      fromBlock: scenario.deployBlock,
      toBlock: scenario.endBlock,
    })
  ).map((log) => ({ ...log, args: log.args as Record<string, unknown> }));
  subgraph = await createSubgraph({
    chainId: scenario.anvil.chain.id,
    factory: scenario.factory,
    call: (request) => {
      const answer = answers.get(
        key(request.address, request.functionName, request.args, request.blockNumber),
      );
      if (answer === undefined)
        throw new Error(`undeclared eth_call ${request.signature} at ${request.blockNumber}`);
      return answer;
    },
  });
  // What graph-node does for declared calls: run them at the log's block before the handler.
  const pending = new Map<
    string,
    { call: ReturnType<Subgraph["declared"]>[number]; block: bigint }
  >();
  for (const log of logs) {
    const source = lower(log.address) === lower(scenario.factory) ? "factory" : "community";
    for (const call of subgraph.declared(log, source)) {
      pending.set(key(call.address, call.functionName, call.args, log.blockNumber), {
        call,
        block: log.blockNumber,
      });
    }
  }
  await Promise.all(
    [...pending].map(async ([k, { call, block }]) => {
      try {
        const result = await client.readContract({
          address: call.address as Address,
          abi: liquidGovernorAbi,
          functionName: call.functionName,
          args: call.args,
          blockNumber: block,
        } as never);
        answers.set(k, (Array.isArray(result) ? result : [result]) as EthereumValue[]);
      } catch {
        answers.set(k, null);
      }
    }),
  );
  const fetched = performance.now();
  subgraph.feed(logs);
  const replayed = performance.now();
  console.log(
    `replay: scenario ${((built - started) / 1000).toFixed(1)} s, logs and ${answers.size} declared calls ${((fetched - built) / 1000).toFixed(1)} s, ${subgraph.triggers} triggers ${((replayed - fetched) / 1000).toFixed(1)} s`,
  );
});

let server: EntityServer | undefined;
afterAll(async () => {
  await server?.close();
  await scenario?.anvil.stop();
});

describe("replay of a generated community", () => {
  it("handles every log without an error", () => {
    // The logs no handler takes: the proxy's initialisation, upgrade and roles.
    const handled = new Set(subgraph.handled);
    const skipped = [
      ...new Set(logs.filter((l) => !handled.has(l.eventName)).map((l) => l.eventName)),
    ];
    expect(skipped.sort()).toEqual(["Initialized", "RoleGranted", "Upgraded"]);
    expect(subgraph.triggers).toBe(logs.filter((l) => handled.has(l.eventName)).length);
    expect(subgraph.host.logs.filter((l) => l.level !== "debug" && l.level !== "info")).toEqual([]);
  });

  it("writes every entity type of schema.graphql (each write checked against it by the host)", () => {
    const empty = [...subgraph.host.entities.keys()].filter((e) => subgraph.rows(e).length === 0);
    const written = new Set(subgraph.host.entities.keys());
    const never = [
      "Community",
      "Member",
      "MemberEvent",
      "Topic",
      "Delegation",
      "DelegationEvent",
      "SettingsEvent",
      "Proposal",
      "ProposalAction",
      "ProposalEvent",
      "Ballot",
      "AnonymousBallot",
      "BallotEvent",
      "TallyRevision",
      "Identity",
      "IdentityEvent",
    ].filter((e) => !written.has(e));
    expect(never).toEqual([]);
    expect(empty).toEqual([]);
  });

  it("members and weights equal the contract's", async () => {
    const members = subgraph.rows("Member");
    const accounts = new Set(subgraph.rows("MemberEvent").map((r) => r.account as string));
    const addresses = [...accounts].map((a) => a.split(":")[2] as Address);
    const weights = await Promise.all(addresses.map((a) => read<bigint>("weightOf", [a])));
    const onChain = new Map(addresses.map((a, i) => [caip(a), weights[i] as bigint]));
    const current = [...onChain].filter(([, w]) => w > 0n);
    expect(new Map(members.map((m) => [m.account, m.weight]))).toEqual(new Map(current));
    const [count, total] = await Promise.all([
      read<number>("memberCount", []),
      read<bigint>("totalWeight", []),
    ]);
    const community = subgraph.rows("Community")[0];
    expect(community).toMatchObject({ memberCount: Number(count), totalWeight: total });
    expect(members.length).toBeGreaterThan(100);
  });

  it("delegations per topic equal delegateOf", async () => {
    const delegations = subgraph.rows("Delegation");
    const accounts = [
      ...new Set(subgraph.rows("DelegationEvent").map((r) => r.delegator as string)),
    ];
    let compared = 0;
    for (const topic of [0, 1, 2]) {
      const delegates = await Promise.all(
        accounts.map((a) => read<Address>("delegateOf", [a.split(":")[2], topic])),
      );
      for (const [i, account] of accounts.entries()) {
        const row = delegations.find((d) => d.delegator === account && d.topic === topic);
        const delegate = delegates[i] as Address;
        if (/^0x0+$/.test(delegate)) expect(row).toBeUndefined();
        else expect(row?.delegate).toBe(caip(delegate));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
    expect(delegations.length).toBeGreaterThan(100);
  });

  it("ballots equal ballotOf and anonymousBallotOf", async () => {
    const proposals = subgraph.rows("Proposal");
    const events = subgraph.rows("BallotEvent");
    let checked = 0;
    for (const proposal of proposals) {
      const id = proposal.proposalId as bigint;
      const mine = events.filter((e) => e.proposal === proposal.id);
      if (proposal.mode === "anonymous") {
        const nullifiers = [...new Set(mine.map((e) => e.nullifier as bigint))];
        const current = subgraph.rows("AnonymousBallot").filter((b) => b.proposal === proposal.id);
        for (const nullifier of nullifiers) {
          const [voted, option] = await read<[boolean, number, bigint]>("anonymousBallotOf", [
            id,
            nullifier,
          ]);
          const row = current.find((b) => b.nullifier === nullifier);
          expect(row !== undefined).toBe(voted);
          if (row) {
            expect(row.abstain).toBe(option === 255);
            expect(row.option).toBe(option === 255 ? null : option);
          }
          checked++;
        }
        expect(current.length).toBeGreaterThan(0);
        continue;
      }
      const voters = [...new Set(mine.map((e) => e.voter as string))];
      const current = subgraph.rows("Ballot").filter((b) => b.proposal === proposal.id);
      for (const voter of voters) {
        const [voted, option, votes] = await read<[boolean, number, readonly number[]]>(
          "ballotOf",
          [id, voter.split(":")[2]],
        );
        const row = current.find((b) => b.voter === voter);
        expect(row !== undefined, `${voter} on ${id}`).toBe(voted);
        if (row && proposal.mode === "quadratic") {
          expect(row.votes).toEqual(votes.map(BigInt));
          expect(row.abstain).toBe(votes.every((v) => v === 0));
        } else if (row) {
          expect(row.option).toBe(option === 255 ? null : option);
          expect(row.abstain).toBe(option === 255);
        }
        checked++;
      }
      expect(proposal.ballotCount).toBe(current.length);
    }
    expect(checked).toBeGreaterThan(60);
  });

  it("proposals, their lifecycle and their last tally revision equal the contract's", async () => {
    const proposals = subgraph.rows("Proposal");
    expect(proposals.map((p) => p.mode).sort()).toEqual([
      "anonymous",
      "quadratic",
      "single",
      "single",
    ]);
    for (const proposal of proposals) {
      const id = proposal.proposalId as bigint;
      const [state, snapshot, deadline, proposer, tally] = await Promise.all([
        read<number>("state", [id]),
        read<bigint>("proposalSnapshot", [id]),
        read<bigint>("proposalDeadline", [id]),
        read<Address>("proposalProposer", [id]),
        read<[readonly bigint[], bigint, bigint, bigint]>("proposalTally", [id]),
      ]);
      expect(proposal).toMatchObject({ snapshot, voteEnd: deadline, proposer: caip(proposer) });
      // ProposalState: 2 Canceled, 5 Queued, 7 Executed; the rest the subgraph leaves to quorum maths.
      const lifecycle = { 2: "canceled", 5: "queued", 7: "executed" }[state] ?? null;
      expect(proposal.lifecycle).toBe(lifecycle);
      const revision = subgraph.rows("TallyRevision").find((r) => r.id === proposal.tally);
      if (proposal.tally === null) {
        expect(tally[2]).toBe(0n); // never voted on: participation 0
        continue;
      }
      expect(revision).toMatchObject({
        tallies: [...tally[0]],
        abstain: tally[1],
        participation: tally[2],
        totalMass: tally[3],
        ballots: proposal.ballotCount,
      });
      if (proposal.mode === "anonymous") {
        const [root, identities] = await read<[bigint, bigint]>("proposalGroup", [id]);
        expect(proposal).toMatchObject({ groupRoot: root, groupIdentities: identities });
      }
    }
  });

  it("identities equal identityCommitmentOf", async () => {
    const identities = subgraph.rows("Identity");
    expect(identities.length).toBe(8);
    for (const identity of identities) {
      const commitment = await read<bigint>("identityCommitmentOf", [
        (identity.account as string).split(":")[2],
      ]);
      expect(identity.kind === "removed" ? 0n : identity.commitment).toBe(commitment);
    }
  });
});

describe("the SDK's subgraph source", () => {
  beforeAll(async () => {
    server = await serveEntities(subgraph.host, scenario.endBlock, GRAPHQL_PORT);
  });

  it("verifyProposal recounts every proposal from the subgraph's entities and matches the contract", async () => {
    const client = scenario.clients.publicClient;
    for (const proposal of scenario.proposals) {
      const cache = createSubgraphLogSource({
        url: (server as EntityServer).url,
        community: scenario.community,
      });
      const check = await verifyProposal(client, {
        cache,
        proposalId: proposal.id,
        blockNumber: scenario.endBlock,
      });
      expect(check.differences, `proposal ${proposal.id} (${proposal.mode})`).toEqual([]);
      expect(check.verdict).toBe("match");
      // The same recount as from the node's own logs.
      const fromLogs = await recountProposal(client, {
        community: scenario.community,
        fromBlock: scenario.deployBlock,
        proposalId: proposal.id,
        blockNumber: scenario.endBlock,
      });
      expect(check.recount.tallies).toEqual(fromLogs.result.tallies);
      expect(check.recount.ballotsCount).toBe(fromLogs.ballotsCount);
    }
    expect(
      (server as EntityServer).queries.some((q) => q.includes("block: { number: $block }")),
    ).toBe(true);
  });

  it("pages with id_gt: small pages give the same logs as one page", async () => {
    const url = (server as EntityServer).url;
    const whole = createSubgraphLogSource({ url, community: scenario.community });
    const paged = createSubgraphLogSource({ url, community: scenario.community, pageSize: 17 });
    const [a, b] = await Promise.all([
      whole.sync({ toBlock: scenario.endBlock }),
      paged.sync({ toBlock: scenario.endBlock }),
    ]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(400);
    expect(paged.requests).toBeGreaterThan(whole.requests + 20);
  });

  it("a subgraph that lost a voter's ballot events gives a mismatch, not a match", async () => {
    const single = scenario.proposals.find(
      (p) => p.mode === "single",
    ) as Scenario["proposals"][number];
    // A voter with a current ballot on it: drop their ballot events from every answer.
    const ballot = subgraph
      .rows("Ballot")
      .find(
        (b) => b.proposal === subgraph.rows("Proposal").find((p) => p.proposalId === single.id)?.id,
      );
    const voter = ballot?.voter;
    expect(voter).toBeDefined();
    const dropOne: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.json()) as { data?: { rows?: Record<string, unknown>[] } };
      const rows = body.data?.rows;
      if (rows && String(init?.body).includes("ballotEvents")) {
        const kept = rows.filter(
          (r) =>
            !(
              r.voter === voter &&
              (r.proposal as { proposalId: string }).proposalId === String(single.id)
            ),
        );
        body.data = { rows: kept };
      }
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const cache = createSubgraphLogSource({
      url: (server as EntityServer).url,
      community: scenario.community,
      fetch: dropOne,
    });
    const check = await verifyProposal(scenario.clients.publicClient, {
      cache,
      proposalId: single.id,
      blockNumber: scenario.endBlock,
    });
    expect(check.verdict).toBe("mismatch");
    expect(check.differences.join("\n")).toMatch(/participation/);
  });

  it("a block the subgraph has not indexed is a SubgraphQueryError", async () => {
    const cache = createSubgraphLogSource({
      url: (server as EntityServer).url,
      community: scenario.community,
    });
    await expect(cache.sync({ toBlock: scenario.endBlock + 10n })).rejects.toBeInstanceOf(
      SubgraphQueryError,
    );
  });
});
