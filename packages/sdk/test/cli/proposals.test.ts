// The CLI's proposals end to end against a real anvil: polls of every mode from `plenum propose`,
// anonymous polls refused while nobody has an identity, an executable proposal from --call through
// queue and execute with its effects on chain, and `tally --watch` following a proposal across its
// deadline until it is final and exiting by itself.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, encodeFunctionData, keccak256, parseAbiItem, stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembersSync } from "../../src/actions/addMembers.ts";
import { getCommunitySettings } from "../../src/actions/getCommunitySettings.ts";
import { getProposal } from "../../src/actions/getProposal.ts";
import { getProposalGroup } from "../../src/actions/getProposalGroup.ts";
import { registerIdentitiesSync } from "../../src/actions/registerIdentities.ts";
import {
  type Anvil,
  clientsFor,
  createTestCommunity,
  deployTestCore,
  devAccount,
  liquidGovernorAbi,
  startAnvil,
} from "../support/anvil.ts";
import { bin, keyOf, type Run, tsx } from "../support/cli.ts";

const DAY = 86_400;
const TIMELOCK_DELAY = 60;

/** A `plenum tally --watch` child: its output so far, lines on demand, and its exit. */
interface Watcher {
  stdout(): string;
  /** Resolves with the first stdout line for which `match` holds (waiting for it if need be). */
  line(match: (line: string) => boolean): Promise<string>;
  exit: Promise<{ code: number | null; stderr: string }>;
  child: ChildProcess;
}

describe("plenum CLI: proposals", () => {
  let anvil: Anvil;
  let clients: ReturnType<typeof clientsFor>;
  let community: Address;
  const dir = mkdtempSync(join(tmpdir(), "plenum-cli-proposals-"));
  const watchers: Watcher[] = [];

  const env = (signer: number) => ({
    ...process.env,
    PLENUM_PRIVATE_KEY: keyOf(signer),
    PLENUM_COMMUNITY: community,
    PLENUM_RPC_URL: anvil.rpcUrl,
  });
  const run = (args: string[], signer = 1): Promise<Run> =>
    new Promise((resolve) => {
      execFile(tsx, [bin, ...args], { env: env(signer) }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const json = async (args: string[], signer = 1) => {
    const result = await run([...args, "--json"], signer);
    if (result.code !== 0)
      throw new Error(`${args.join(" ")}: exit ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const watch = (args: string[]): Watcher => {
    const child = spawn(tsx, [bin, "tally", ...args, "--watch"], {
      env: env(0),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const waiting: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
    const lines = () => out.split("\n").filter(Boolean);
    child.stdout?.on("data", (chunk) => {
      out += String(chunk);
      for (const wait of [...waiting]) {
        const found = lines().find(wait.match);
        if (found !== undefined) {
          waiting.splice(waiting.indexOf(wait), 1);
          wait.resolve(found);
        }
      }
    });
    child.stderr?.on("data", (chunk) => {
      err += String(chunk);
    });
    const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.once("exit", (code) => resolve({ code, stderr: err })),
    );
    const watcher: Watcher = {
      stdout: () => out,
      line: (match) => {
        const found = lines().find(match);
        if (found !== undefined) return Promise.resolve(found);
        return new Promise((resolve, reject) => {
          waiting.push({ match, resolve });
          void exit.then(() => reject(new Error(`the watcher exited first:\n${out}\n${err}`)));
        });
      },
      exit,
      child,
    };
    watchers.push(watcher);
    return watcher;
  };
  const advance = async (seconds: number) => {
    await clients.testClient.increaseTime({ seconds });
    await clients.testClient.mine({ blocks: 1 });
  };

  beforeAll(async () => {
    anvil = await startAnvil({ accounts: 10 });
    clients = clientsFor(anvil);
    const core = await deployTestCore(anvil);
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
  });
  afterAll(async () => {
    for (const watcher of watchers) if (watcher.child.exitCode === null) watcher.child.kill();
    await anvil.stop();
  });

  it("propose creates a poll with its metadata inline, hashed by the document's bytes", async () => {
    const created = await json([
      "propose",
      "--title",
      "Library hours",
      "--description",
      "Open on Sundays?",
      "--options",
      "Yes,No,Later",
      "--mode",
      "quadratic",
      "--topic",
      "1",
      "--period",
      "2h",
    ]);
    const document =
      '{"title":"Library hours","description":"Open on Sundays?","options":["Yes","No","Later"]}';
    expect(created).toMatchObject({
      title: "Library hours",
      mode: "quadratic",
      executable: false,
      topic: 1,
      optionCount: 3,
      metadataURI: `data:application/json;base64,${Buffer.from(document).toString("base64")}`,
      metadataHash: keccak256(stringToHex(document)),
    });
    expect(BigInt(created.voteEnd) - BigInt(created.snapshot)).toBe(2n * 3600n + 1n);
    const onChain = await getProposal(clients.publicClient, {
      community,
      proposalId: BigInt(created.proposalId),
    });
    expect(onChain).toMatchObject({
      mode: "quadratic",
      optionCount: 3,
      topic: 1,
      executable: false,
    });

    const text = await run(["propose", "--title", "Park budget", "--period", "1h"]);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^#2 {2}Park budget \(single, 2 options, topic 0\)\nvoting closes \S+Z \(chain time\); block \d+\n$/,
    );
  });

  it("propose refuses what cannot work before sending anything (exit 2)", async () => {
    // The parsers' own cases are in src/cli/parse/actions.test.ts; these check the exit code.
    const cases: [string[], string][] = [
      [["propose"], "a proposal needs --title"],
      [
        ["propose", "--title", "x", "--mode", "ranked"],
        '--mode "ranked" must be single, quadratic or anonymous',
      ],
      [["propose", "--title", "x", "--uri", "ipfs://bafy"], "not both"],
      [
        ["propose", "--title", "x", "--call", "community setQuorum(uint16) 2500", "--period", "1h"],
        "--period is for polls",
      ],
      [
        ["propose", "--title", "x", "--call", "community setQuorum(uint16)"],
        "--call setQuorum takes 1 argument, got 0",
      ],
      [["queue", "seven"], 'proposal id "seven" must be a number'],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.stderr).toContain(message);
      expect(result.code).toBe(2);
    }
  });

  it("tally --watch follows a poll across its deadline, prints the final result and exits 0", async () => {
    const { proposalId } = await json(["propose", "--title", "Tram line", "--period", "1h"], 2);
    const watcher = watch([proposalId, "--json"]);
    const first = JSON.parse(await watcher.line((line) => line.includes('"state":"active"')));
    expect(first).toMatchObject({
      proposalId,
      state: "active",
      final: false,
      tallies: ["0", "0"],
      secondsLeft: expect.any(String),
    });
    expect(Number(first.secondsLeft)).toBeGreaterThan(3500);

    expect((await run(["vote", proposalId, "1"], 4)).code).toBe(0);
    const voted = JSON.parse(await watcher.line((line) => line.includes('"tallies":["0","4"]')));
    expect(voted).toMatchObject({
      state: "active",
      quorumReached: true,
      leading: 1,
      passing: true,
    });

    // Only a mined block moves anvil's clock past the deadline.
    await advance(3600 + 1);
    const { code, stderr } = await watcher.exit;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = watcher
      .stdout()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({
      proposalId,
      state: "succeeded",
      final: true,
      secondsLeft: "0",
      tallies: ["0", "4"],
      participation: "4",
      totalMass: "15",
      quorum: "3",
      result: { state: "succeeded", winner: 1, tie: [], quorumReached: true },
    });
    // One line per update: active, the vote, the result.
    expect(lines.map((line) => line.state)).toEqual(["active", "active", "succeeded"]);
  });

  it("tally --watch reports a tie as a defeat with no winner", async () => {
    const { proposalId } = await json(["propose", "--title", "Tie", "--period", "1h"], 2);
    expect((await run(["vote", proposalId, "0"], 1)).code).toBe(0);
    expect((await run(["vote", proposalId, "0"], 2)).code).toBe(0);
    expect((await run(["vote", proposalId, "1"], 3)).code).toBe(0);
    // Tallies: option 0 = 1 + 2 = 3, option 1 = 3.
    const watcher = watch([proposalId]);
    await watcher.line((line) => line.includes("Active"));
    await advance(3600 + 1);
    const { code } = await watcher.exit;
    expect(code).toBe(0);
    const last = watcher.stdout().trim().split("\n\n").at(-1) ?? "";
    expect(last).toContain(`proposal ${proposalId} · single · Defeated · voting closed`);
    expect(last).toContain(
      "result: Defeated · tie between option 0 and option 1, no winner · quorum 3 met (participation 6 of 15)",
    );
    expect(last).toContain(
      `final: voting is over and the result stands; nothing more can happen to proposal ${proposalId}.`,
    );
  });

  it("an executable proposal from --call goes through queue and execute, followed by tally --watch", async () => {
    const created = await json(
      [
        "propose",
        "--title",
        "Raise quorum to 25%, open a climate topic",
        "--call",
        "community setQuorum(uint16) 2500",
        "--call",
        "community createTopic(string) 'Climate policy'",
      ],
      3,
    );
    const proposalId = created.proposalId as string;
    expect(created).toMatchObject({ mode: "single", executable: true, optionCount: 2 });
    expect(created.actions).toEqual([
      {
        target: community,
        value: "0",
        data: encodeFunctionData({
          abi: [parseAbiItem("function setQuorum(uint16)")],
          args: [2500],
        }),
      },
      {
        target: community,
        value: "0",
        data: encodeFunctionData({
          abi: [parseAbiItem("function createTopic(string)")],
          args: ["Climate policy"],
        }),
      },
    ]);
    // Executable proposals use the community's voting period (7 days here).
    expect(BigInt(created.voteEnd) - BigInt(created.snapshot)).toBe(BigInt(7 * DAY + 1));

    const watcher = watch([proposalId]);
    await watcher.line((line) => line.includes("· Active ·"));
    expect((await run(["vote", proposalId, "1"], 4)).code).toBe(0);
    expect((await run(["vote", proposalId, "0"], 1)).code).toBe(0);
    await watcher.line((line) => line.startsWith("For ") && line.endsWith(" 4"));

    // Too early: the proposal is still active.
    const early = await run(["queue", proposalId]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`proposal ${proposalId} is active and cannot be queued`);

    await advance(7 * DAY + 1);
    await watcher.line((line) => line.startsWith("result: Succeeded · winner For · quorum 3 met"));
    await watcher.line(
      (line) => line === `next: queue it in the timelock (plenum queue ${proposalId})`,
    );
    expect(watcher.child.exitCode).toBe(null);

    const queued = await run(["queue", proposalId]);
    expect(queued.stderr).toBe("");
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(
      new RegExp(
        `^queued proposal ${proposalId} in the timelock: it can be executed from \\S+Z \\(chain time, in 1m\\); block \\d+\\n$`,
      ),
    );
    await watcher.line((line) =>
      /^queued in the timelock: executable from \S+Z \(chain time; in 1m\)$/.test(line),
    );

    const tooSoon = await run(["execute", proposalId]);
    expect(tooSoon.code).toBe(1);
    expect(tooSoon.stderr).toContain("not ready");

    await advance(TIMELOCK_DELAY);
    const executed = await run(["execute", proposalId]);
    expect(executed.stderr).toBe("");
    expect(executed.code).toBe(0);
    expect(executed.stdout).toMatch(
      new RegExp(`^executed proposal ${proposalId} \\(block \\d+\\)\\n$`),
    );

    const { code, stderr } = await watcher.exit;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const last = watcher.stdout().trim().split("\n\n").at(-1) ?? "";
    expect(last).toContain(
      `proposal ${proposalId} · single · executable · Executed · voting closed`,
    );
    expect(last).toContain("executed: the timelock ran its actions");
    expect(last).toContain(
      `final: it was executed; nothing more can happen to proposal ${proposalId}.`,
    );

    // The effects, through the timelock.
    const settings = await getCommunitySettings(clients.publicClient, { community });
    expect(settings.quorumBps).toBe(2500);
    expect(settings.topicCount).toBe(4);
    const topics = await clients.publicClient.getContractEvents({
      address: community,
      abi: liquidGovernorAbi,
      eventName: "TopicCreated",
      fromBlock: 0n,
      strict: true,
    });
    expect(topics.map((log) => log.args.name)).toEqual([
      "General",
      "Budget",
      "Environment",
      "Climate policy",
    ]);
    // And the one-shot tally agrees.
    const final = await json(["tally", proposalId]);
    expect(final).toMatchObject({
      state: "executed",
      final: true,
      result: { state: "succeeded", winner: 1 },
    });
  });

  it("tally --watch stops at a defeated executable proposal", async () => {
    const { proposalId } = await json(
      [
        "propose",
        "--title",
        "Lower the threshold",
        "--call",
        "community setProposalThreshold(uint64) 2",
      ],
      3,
    );
    expect((await run(["vote", proposalId, "0"], 5)).code).toBe(0);
    const watcher = watch([proposalId, "--json"]);
    await watcher.line((line) => line.includes('"state":"active"'));
    await advance(7 * DAY + 1);
    const { code } = await watcher.exit;
    expect(code).toBe(0);
    const last = JSON.parse(watcher.stdout().trim().split("\n").at(-1) ?? "{}");
    expect(last).toMatchObject({
      state: "defeated",
      final: true,
      tallies: ["5", "0"],
      result: { state: "defeated", winner: null, tie: [], quorumReached: true },
    });
  });

  it("anonymous polls: refused in a sentence while nobody has an identity, created once some do", async () => {
    const agenda = join(dir, "agenda.md");
    writeFileSync(agenda, "- Which night?\n- Which venue?\n");
    const refusals = [
      await run(["propose", "--title", "Which night?", "--mode", "anonymous"]),
      await run(["agenda", "create", agenda, "--mode", "anonymous"]),
    ];
    for (const refused of refusals) {
      expect(refused.stderr).toBe(
        `error: community ${community} has no registered identities yet, so it cannot hold an anonymous poll: members register theirs first (plenum identity create, then plenum identity register)\n`,
      );
      expect(refused.code).toBe(2);
    }

    await registerIdentitiesSync(clients.wallet(0), {
      community,
      identities: [1, 2, 3].map((i) => ({
        account: devAccount(i).address,
        identity: 1000n + BigInt(i),
      })),
    });
    const created = await json([
      "propose",
      "--title",
      "Which night?",
      "--options",
      "Tuesday,Wednesday,Thursday",
      "--mode",
      "anonymous",
      "--period",
      "1h",
    ]);
    expect(created).toMatchObject({ mode: "anonymous", optionCount: 3, executable: false });
    const proposalId = BigInt(created.proposalId);
    expect(await getProposalGroup(clients.publicClient, { community, proposalId })).toMatchObject({
      identities: 3,
    });
    const bills = await json(["agenda", "create", agenda, "--mode", "anonymous"]);
    expect(bills.bills).toEqual([
      { proposalId: String(proposalId + 1n), title: "Which night?" },
      { proposalId: String(proposalId + 2n), title: "Which venue?" },
    ]);
    const second = await getProposal(clients.publicClient, {
      community,
      proposalId: proposalId + 2n,
    });
    expect(second.mode).toBe("anonymous");
    const tally = await json(["tally", String(proposalId)]);
    expect(tally).toMatchObject({
      mode: "anonymous",
      state: "active",
      totalMass: "3",
      tallies: ["0", "0", "0"],
    });
  });

  it("cancel withdraws an untouched proposal, and tally says it is final", async () => {
    const { proposalId } = await json(["propose", "--title", "Oops", "--period", "1h"], 2);
    const canceled = await run(["cancel", proposalId], 2);
    expect(canceled.code).toBe(0);
    expect(canceled.stdout).toMatch(
      new RegExp(`^canceled proposal ${proposalId} \\(block \\d+\\)\\n$`),
    );
    const watcher = watch([proposalId]);
    const { code } = await watcher.exit;
    expect(code).toBe(0);
    expect(watcher.stdout()).toContain(
      `proposal ${proposalId} · single · Canceled · withdrawn by its proposer`,
    );
    expect(watcher.stdout()).toContain(
      `final: it was canceled; nothing more can happen to proposal ${proposalId}.`,
    );
  });
});
