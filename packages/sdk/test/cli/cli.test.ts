// The CLI end to end against a real anvil: community → members from CSV → agenda from Markdown →
// votes → live tally → verify, plus the errors a convention desk will meet.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Anvil,
  clientsFor,
  deployTestCore,
  devAccount,
  startAnvil,
  type TestCore,
} from "../support/anvil.ts";
import { bin, keyOf, type Run, tsx } from "../support/cli.ts";

describe("plenum CLI", () => {
  let anvil: Anvil;
  let core: TestCore;
  let community: string;
  const dir = mkdtempSync(join(tmpdir(), "plenum-cli-"));

  const run = (args: string[], signer = 0): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        tsx,
        [bin, ...args, "--rpc", anvil.rpcUrl],
        {
          env: {
            ...process.env,
            PLENUM_PRIVATE_KEY: keyOf(signer),
            ...(community ? { PLENUM_COMMUNITY: community } : {}),
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const advance = async () => {
    const { testClient } = clientsFor(anvil);
    await testClient.increaseTime({ seconds: 5 });
    await testClient.mine({ blocks: 1 });
  };

  beforeAll(async () => {
    anvil = await startAnvil({ accounts: 10 });
    core = await deployTestCore(anvil);
  });
  afterAll(async () => {
    await anvil.stop();
  });

  it("runs a convention: community, members, agenda, votes, tally, verify", async () => {
    const created = await run([
      "community",
      "create",
      "--factory",
      core.factory,
      "--topics",
      "General,Budget",
      "--voting-period",
      "2d",
      "--min-voting-period",
      "10m",
      "--quorum",
      "25%",
      "--json",
    ]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const summary = JSON.parse(created.stdout) as { community: string; topics: string[] };
    expect(summary.topics).toEqual(["General", "Budget"]);
    community = summary.community;

    const members = join(dir, "members.csv");
    writeFileSync(
      members,
      ["address,weight", ...[1, 2, 3, 4, 5].map((i) => `${devAccount(i).address},${i * 4}`)].join(
        "\n",
      ),
    );
    const imported = await run(["members", "import", members, "--json"]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).added).toHaveLength(5);
    // Re-running skips everyone already admitted.
    const again = await run(["members", "import", members, "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], skipped: expect.any(Array) });
    expect(JSON.parse(again.stdout).skipped).toHaveLength(5);

    await advance();
    const delegated = await run(["delegate", "--topics", "0", "--to", devAccount(2).address], 1);
    expect(delegated.code).toBe(0);
    expect(delegated.stdout).toContain(
      `topic 0: 0x0000000000000000000000000000000000000000 → ${devAccount(2).address}`,
    );
    await advance();

    const agenda = join(dir, "agenda.md");
    writeFileSync(
      agenda,
      "# Day 1\n1. Transit levy\n2. Library hours <ipfs://bafyexample>\n3. Park budget\n",
    );
    // The registrar (account 0) is not a member, so it may not propose: it says so plainly.
    const refused = await run(["agenda", "create", agenda, "--topic", "0", "--period", "1h"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(devAccount(0).address);
    const proposed = await run(
      ["agenda", "create", agenda, "--topic", "0", "--period", "1h", "--json"],
      5,
    );
    expect(proposed.stderr).toBe("");
    expect(proposed.code).toBe(0);
    const bills = JSON.parse(proposed.stdout).bills as { proposalId: string; title: string }[];
    expect(bills).toEqual([
      { proposalId: "1", title: "Transit levy" },
      { proposalId: "2", title: "Library hours" },
      { proposalId: "3", title: "Park budget" },
    ]);

    // Member 2 carries member 1 (weight 4) on topic 0; member 3 votes against; member 4 abstains.
    expect((await run(["vote", "1", "1"], 2)).code).toBe(0);
    expect((await run(["vote", "1", "0"], 3)).code).toBe(0);
    expect((await run(["vote", "1", "abstain"], 4)).code).toBe(0);
    const tally = JSON.parse((await run(["tally", "1", "--json"])).stdout);
    expect(tally).toMatchObject({
      tallies: ["12", "12"],
      abstain: "16",
      participation: "40",
      totalMass: "60",
      quorumReached: true,
      leading: null,
    });
    // A change of mind by member 1 overrides their delegate.
    expect((await run(["vote", "1", "0"], 1)).code).toBe(0);
    expect(JSON.parse((await run(["tally", "1", "--json"])).stdout).tallies).toEqual(["16", "8"]);

    const verified = await run(["verify", "1", "--from-block", "0"]);
    expect(verified.stdout).toContain("proposal 1 at block");
    expect(verified.stdout).toContain("MATCH");
    expect(verified.code).toBe(0);
  });

  it("reports bad input with line numbers and exit code 2", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, `${devAccount(6).address},3\n0x1234,2\n`);
    const result = await run(["members", "import", bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: ${bad} line 2: 0x1234 is not a valid address: it has 4 hex digits after 0x instead of 40\n`,
    );
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it("explains a rejected ballot in plain words: a bad option is bad input, a non-member is not found", async () => {
    // Proposal 1 is single-choice with 2 options; member 5 is a member.
    const result = await run(["vote", "1", "7"], 5);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*proposal 1.*/);
    expect(result.stderr).toContain("7");
    const notMember = await run(["vote", "1", "0"], 7);
    expect(notMember.code).toBe(4);
    expect(notMember.stderr).toContain(devAccount(7).address);
  });
});
