// `plenum tally --indexer` against a real anvil and a real indexer (PGlite, a child process): the
// one-shot read with the metadata's option labels, `--watch` following the subscription through a
// vote change to the deadline, and the exit codes of an unreachable indexer (1) and a proposal it
// does not know (4). Also `plenum execute --value` for an action that pays ether.
import { execFile, spawn } from "node:child_process";
import { type Address, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembersSync } from "../../src/actions/addMembers.ts";
import { getIndexedTally } from "../../src/indexer/getIndexedTally.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  startAnvil,
  type TestCore,
} from "../support/anvil.ts";
import { bin, keyOf, type Run, tsx } from "../support/cli.ts";
import { startIndexer, type TestIndexer } from "../support/indexer.ts";

const DAY = 86_400;
const TIMELOCK_DELAY = 60;

// Every CLI run starts tsx: on a busy 2-core machine a test takes over a minute.
describe("plenum CLI: tally through the indexer, execute --value", { timeout: 240_000 }, () => {
  let anvil: Anvil;
  let clients: ReturnType<typeof clientsFor>;
  let core: TestCore;
  let community: Address;
  let indexer: TestIndexer;

  const env = (signer: number, extra: Record<string, string> = {}) => ({
    ...process.env,
    PLENUM_PRIVATE_KEY: keyOf(signer),
    PLENUM_COMMUNITY: community,
    PLENUM_RPC_URL: anvil.rpcUrl,
    ...extra,
  });
  const run = (args: string[], signer = 1, extra: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(tsx, [bin, ...args], { env: env(signer, extra) }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const json = async (args: string[], signer = 1) => {
    const result = await run([...args, "--json"], signer);
    if (result.code !== 0)
      throw new Error(`${args.join(" ")}: exit ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const advance = async (seconds: number) => {
    await clients.testClient.increaseTime({ seconds });
    await clients.testClient.mine({ blocks: 1 });
  };
  /**
   * Waits until the indexer's latest revision of the proposal has these tallies and its metadata
   * document is fetched (the indexer fetches it in the background, after the proposal's block).
   */
  const indexed = async (proposalId: string, tallies: string[]) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { revision, proposal } = await getIndexedTally({
        indexerUrl: indexer.url,
        chainId: 31337,
        community,
        proposalId: BigInt(proposalId),
      });
      const counted =
        JSON.stringify(revision?.tally.tallies.map(String)) === JSON.stringify(tallies);
      if (counted && proposal.title !== undefined) return;
      if (Date.now() > deadline) throw new Error(`the indexer never reached ${tallies}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    anvil = await startAnvil({ accounts: 10 });
    clients = clientsFor(anvil);
    core = await deployTestCore(anvil);
    ({ community } = await createTestCommunity(anvil, core, {
      quorumBps: 2000,
      timelockDelay: BigInt(TIMELOCK_DELAY),
    }));
    // Members 1–5 with weights 1, 2, 3, 4, 5 (total 15; quorum 20% = 3).
    await addMembersSync(clients.wallet(0), {
      community,
      members: [1, 2, 3, 4, 5].map((i) => ({ account: devAccount(i).address, weight: i })),
    });
    await advance(5);
    indexer = await startIndexer({ rpcUrl: anvil.rpcUrl, factory: core.factory });
  });
  afterAll(async () => {
    await indexer?.stop();
    await anvil?.stop();
  });

  it("tally --indexer shows the metadata's option labels and the revision's block", async () => {
    const { proposalId } = await json(
      ["propose", "--title", "Where to meet", "--options", "Hall,Park,Online", "--period", "1h"],
      2,
    );
    expect((await run(["vote", proposalId, "1"], 4)).code).toBe(0);
    await indexed(proposalId, ["0", "4", "0"]);

    const text = await run(["tally", proposalId, "--indexer", indexer.url]);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^proposal ${proposalId} · single · Active · closes `));
    expect(lines[1]).toBe(`Hall         ${" ".repeat(30)} 0`);
    expect(lines[2]).toBe(`Park         ${"█".repeat(30)} 4`);
    expect(lines[3]).toBe(`Online       ${" ".repeat(30)} 0`);
    expect(text.stdout).toMatch(/\nas of block \d+ \(may change; from the indexer\)\n/);
    expect(text.stdout).toContain("quorum 3 reached · passing (Park) so far");

    // Without the indexer: the same numbers, no labels.
    const plain = await run(["tally", proposalId]);
    expect(plain.stdout).toContain(`option 1     ${"█".repeat(30)} 4`);
    expect(plain.stdout).not.toContain("as of block");

    const viaEnv = await run(["tally", proposalId, "--json"], 1, {
      PLENUM_INDEXER_URL: indexer.url,
    });
    expect(viaEnv.code).toBe(0);
    expect(JSON.parse(viaEnv.stdout)).toMatchObject({
      proposalId,
      state: "active",
      tallies: ["0", "4", "0"],
      participation: "4",
      totalMass: "15",
      quorum: "3",
      leading: 1,
      labels: ["Hall", "Park", "Online"],
      indexed: { block: expect.stringMatching(/^\d+$/), final: false },
    });
  });

  it("tally --watch --indexer follows a vote change through the subscription and ends at the deadline", async () => {
    const { proposalId } = await json(
      ["propose", "--title", "Budget split", "--options", "Roads,Parks", "--period", "1h"],
      2,
    );
    const child = spawn(
      tsx,
      [bin, "tally", proposalId, "--watch", "--json", "--indexer", indexer.url],
      { env: env(0), stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      err += String(chunk);
    });
    const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const lines = () =>
      out
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    const until = async (match: (line: Record<string, unknown>) => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!lines().some(match)) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`no such line:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until((line) => line.state === "active");
      expect((await run(["vote", proposalId, "0"], 5)).code).toBe(0);
      await until((line) => JSON.stringify(line.tallies) === '["5","0"]');
      // Member 5 changes their mind: the tally moves from Roads to Parks.
      expect((await run(["vote", proposalId, "1"], 5)).code).toBe(0);
      await until((line) => JSON.stringify(line.tallies) === '["0","5"]');
      await advance(3600 + 1);
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill();
    }
    expect(err).toBe("");
    const all = lines();
    expect(all.map((line) => line.tallies)).toEqual([
      ["0", "0"],
      ["5", "0"],
      ["0", "5"],
      ["0", "5"],
    ]);
    expect(all.map((line) => line.state)).toEqual(["active", "active", "active", "succeeded"]);
    // Each revision carries its block; the vote change is a later block than the first vote.
    const blocks = all.map((line) => BigInt((line.indexed as { block: string }).block));
    expect(blocks[2]).toBeGreaterThan(blocks[1] as bigint);
    expect(all.at(-1)).toMatchObject({
      proposalId,
      state: "succeeded",
      final: true,
      labels: ["Roads", "Parks"],
      result: { state: "succeeded", winner: 1, tie: [], quorumReached: true },
      indexed: { final: false },
    });
  });

  it("tally --indexer exits 1 when the indexer is unreachable, 4 for a proposal it does not know, 2 for a bad URL", async () => {
    const { proposalId } = await json(["propose", "--title", "Unindexed?", "--period", "1h"], 2);

    const down = await run(["tally", proposalId, "--indexer", "http://127.0.0.1:9"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      "error: the indexer at http://127.0.0.1:9 could not be reached (is it running? set --indexer or PLENUM_INDEXER_URL)\n",
    );

    // A community of another factory: on chain, but not followed by this indexer.
    const otherCore = await deployTestCore(anvil);
    const other = await createTestCommunity(anvil, otherCore);
    await addMembersSync(clients.wallet(0), {
      community: other.community,
      members: [{ account: devAccount(2).address, weight: 1 }],
    });
    await advance(5);
    const created = await run(["propose", "--title", "Elsewhere", "--json"], 2, {
      PLENUM_COMMUNITY: other.community,
    });
    expect(created.code).toBe(0);
    const unknown = await run(
      ["tally", JSON.parse(created.stdout).proposalId, "--indexer", indexer.url],
      1,
      { PLENUM_COMMUNITY: other.community },
    );
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toBe(
      `error: the indexer at ${indexer.url} has no proposal eip155:31337:${other.community.toLowerCase()}-1\n`,
    );

    const bad = await run(["tally", proposalId, "--indexer", "localhost:8548"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --indexer "localhost:8548" is not an http(s) URL\n');
  });

  it("execute --value sends ether with the call, for an action that pays ether", async () => {
    const payee = devAccount(8).address;
    const created = await json(
      ["propose", "--title", "Pay the printer", "--action", `${payee},${parseEther("1.5")},0x`],
      3,
    );
    const proposalId = created.proposalId as string;
    expect((await run(["vote", proposalId, "1"], 5)).code).toBe(0);
    await advance(7 * DAY + 1);
    expect((await run(["queue", proposalId])).code).toBe(0);
    await advance(TIMELOCK_DELAY);

    const bad = await run(["execute", proposalId, "--value", "1,5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: --value "1,5" must be an amount of ether such as 0.5 or 2 (at most 18 decimals)\n',
    );
    // The timelock holds no ether: without --value the payment fails.
    const without = await run(["execute", proposalId]);
    expect(without.code).toBe(1);

    const before = await clients.publicClient.getBalance({ address: payee });
    const paid = await run(["execute", proposalId, "--value", "1.5"]);
    expect(paid.stderr).toBe("");
    expect(paid.code).toBe(0);
    expect(paid.stdout).toMatch(
      new RegExp(`^executed proposal ${proposalId} \\(block \\d+\\)\\n$`),
    );
    expect((await clients.publicClient.getBalance({ address: payee })) - before).toBe(
      parseEther("1.5"),
    );
  });
});
