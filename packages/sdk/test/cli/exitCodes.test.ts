// The CLI's exit codes and input checks against a real anvil, through the real `plenum` launcher
// (bin/plenum.mjs) in a child process: 0 done / verified match, 1 a failed transaction or node error,
// 2 bad input, 3 a verified mismatch, 4 not found. With --json, stdout is JSON on success and failure.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castVoteSync } from "../../src/actions/castVote.ts";
import { createTopicSync } from "../../src/actions/createTopic.ts";
import { proposeSync } from "../../src/actions/propose.ts";
import { createWorld, type World } from "../actions/setup.ts";
import { devAccount } from "../support/anvil.ts";
import { keyOf, launcher, type Run } from "../support/cli.ts";

const sdk = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const root = join(sdk, "..", "..");

const ALICE = devAccount(1).address; // a member
const NEWCOMER = devAccount(6).address; // not a member
/** `address` with its last hex digit changed to `digit`, keeping the mixed case: a checksum typo. */
const typo = (address: string, digit = "9") => {
  const last = address.slice(-1) === digit ? "8" : digit;
  return `${address.slice(0, -1)}${last}`;
};

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Parses stdout as one JSON document (the test fails if anything else is there). */
function json(run: Run): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe("plenum CLI exit codes", () => {
  let world: World;
  let community: Address;
  let proposalId: bigint;
  let lateTopicBlock: bigint;
  let lateProposalId: bigint;
  const dir = mkdtempSync(join(tmpdir(), "plenum-exit-"));

  const run = (
    args: string[],
    options: { signer?: number; rpc?: string; command?: string[]; cwd?: string } = {},
  ): Promise<Run> =>
    new Promise((resolve) => {
      const [program, ...prefix] = options.command ?? [process.execPath, launcher];
      execFile(
        program as string,
        [...prefix, ...args, "--rpc", options.rpc ?? world.anvil.rpcUrl],
        {
          cwd: options.cwd ?? sdk,
          env: {
            ...process.env,
            PLENUM_PRIVATE_KEY: keyOf(options.signer ?? 0),
            PLENUM_COMMUNITY: community,
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    world = await createWorld({ weights: [4, 3, 2] });
    community = world.community;
    const [first] = world.members;
    if (!first) throw new Error("no members");
    ({ proposalId } = await proposeSync(first, {
      community,
      topic: 0,
      metadataURI: "ipfs://bafy-exit-codes",
    }));
    await castVoteSync(first, { community, proposalId, option: 1 });
    // A topic created after every member was added: a recount whose logs start at its block sees
    // the topic and the proposal but none of the members, so it honestly differs from the contract.
    const topic = await createTopicSync(world.admin, { community, name: "Late" });
    lateTopicBlock = topic.receipt.blockNumber;
    await world.advance(1);
    ({ proposalId: lateProposalId } = await proposeSync(first, {
      community,
      topic: topic.topic,
      metadataURI: "ipfs://bafy-late",
    }));
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("exit 0: verify matches, and --json writes one JSON document to stdout", async () => {
    const result = await run(["verify", String(proposalId), "--from-block", "0", "--json"]);
    expect(result.code).toBe(0);
    expect(json(result)).toMatchObject({
      proposalId: String(proposalId),
      verdict: "match",
      differences: [],
    });
    expect(result.stderr).toBe("");
  });

  it("exit 3: verify from a block after the members were added finds a real mismatch", async () => {
    const result = await run([
      "verify",
      String(lateProposalId),
      "--from-block",
      String(lateTopicBlock),
      "--json",
    ]);
    expect(result.code).toBe(3);
    const report = json(result) as {
      verdict: string;
      onChain: { totalMass: string };
      recount: { totalMass: string };
      differences: string[];
    };
    expect(report.verdict).toBe("mismatch");
    // Members weigh 4 + 3 + 2 on chain; the recount saw none of them.
    expect(report.onChain.totalMass).toBe("9");
    expect(report.recount.totalMass).toBe("0");
    expect(report.differences).toContain("totalMass: on-chain 9, recount 0");
  });

  it("exit 1: an unreachable node, as a plain sentence and as JSON", async () => {
    const rpc = `http://127.0.0.1:${await closedPort()}`;
    const [plain, asJson] = await Promise.all([
      run(["tally", "1"], { rpc }),
      run(["tally", "1", "--json"], { rpc }),
    ]);
    const message = `cannot reach an Ethereum node at ${rpc} (is it running? set --rpc or PLENUM_RPC_URL)`;
    expect(plain).toEqual({ code: 1, stdout: "", stderr: `error: ${message}\n` });
    expect(asJson.code).toBe(1);
    expect(json(asJson)).toEqual({ error: { code: 1, message, problems: [message] } });
  });

  it("exit 1: a transaction the contract refuses (a member who is not the registrar adds members)", async () => {
    const file = join(dir, "one.csv");
    writeFileSync(file, `${NEWCOMER},1\n`);
    const result = await run(["members", "import", file, "--json"], { signer: 1 });
    expect(result.code).toBe(1);
    const { error } = json(result) as { error: { code: number; message: string } };
    expect(error.code).toBe(1);
    expect(error.message).toBe(`${ALICE} does not have the registrar role`);
    expect(result.stderr).toBe(`error: ${ALICE} does not have the registrar role\n`);
  });

  it("exit 4: a proposal that does not exist, for tally, vote and verify", async () => {
    const [tally, vote, verify] = await Promise.all([
      run(["tally", "99", "--json"]),
      run(["vote", "99", "0"], { signer: 1 }),
      run(["verify", "99", "--from-block", "0"]),
    ]);
    expect(tally.code).toBe(4);
    expect(json(tally)).toEqual({
      error: {
        code: 4,
        message: "proposal 99 does not exist",
        problems: ["proposal 99 does not exist"],
      },
    });
    expect(vote).toMatchObject({ code: 4, stderr: "error: proposal 99 does not exist\n" });
    expect(verify.code).toBe(4);
    // The progress of reading logs comes first on stderr.
    expect(verify.stderr).toMatch(
      /\nerror: proposal 99 is not in the community's logs: it does not exist, or --from-block starts after it was created\n$/,
    );
  });

  it("exit 4: a --community with no code, or a contract that is not a Plenum community", async () => {
    const bad = join(dir, "bad-line.csv");
    writeFileSync(bad, "0x12,1\n");
    const [account, timelock, inputFirst] = await Promise.all([
      run(["tally", "1", "--community", NEWCOMER]),
      run(["tally", "1", "--community", world.timelock, "--json"]),
      run(["members", "import", bad, "--community", NEWCOMER]),
    ]);
    // The command's own input is checked before the community: a bad file is bad input (2).
    expect(inputFirst).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${bad} line 1:`),
    });
    expect(account).toEqual({
      code: 4,
      stdout: "",
      stderr: `error: --community ${NEWCOMER} is not a contract on chain 31337 (is it the right address, and the right network?)\n`,
    });
    expect(timelock.code).toBe(4);
    expect(json(timelock)).toMatchObject({
      error: {
        code: 4,
        message: `--community ${world.timelock} is a contract on chain 31337 but not a Plenum community`,
      },
    });
  });

  it("exit 2: every class of bad address in flags and positionals, each named", async () => {
    const results = await Promise.all([
      run(["delegate", "--to", typo(ALICE)], { signer: 2 }),
      run(["tally", "1", "--community", typo(community)]),
      run(["community", "create", "--factory", typo(world.factory)]),
      run(["community", "create", "--factory", world.factory, "--registrar", "0x1234"]),
      run(["community", "create", "--factory", world.factory, "--bootstrap-admin", ""]),
      run(["members", "remove", `0x${"g".repeat(40)}`, "--json"]),
    ]);
    const checksum =
      "is not a valid address: its checksum does not match (did you mistype a character?)";
    expect(results.map(({ code, stderr }) => ({ code, stderr }))).toEqual([
      { code: 2, stderr: `error: --to ${typo(ALICE)} ${checksum}\n` },
      { code: 2, stderr: `error: --community ${typo(community)} ${checksum}\n` },
      { code: 2, stderr: `error: --factory ${typo(world.factory)} ${checksum}\n` },
      {
        code: 2,
        stderr:
          "error: --registrar 0x1234 is not a valid address: it has 4 hex digits after 0x instead of 40\n",
      },
      {
        code: 2,
        stderr:
          'error: --bootstrap-admin "" is not a valid address: it is empty (an address is 0x followed by 40 hex digits)\n',
      },
      {
        code: 2,
        stderr: `error: member 0x${"g".repeat(40)} is not a valid address: it contains "g", which is not a hex digit\n`,
      },
    ]);
    expect(json(results[5] as Run)).toMatchObject({ error: { code: 2 } });
  });

  it("exit 2: a members CSV with a checksum typo is refused, every bad line named, nothing sent", async () => {
    const file = join(dir, "members.csv");
    writeFileSync(
      file,
      [
        "address,weight",
        `${NEWCOMER},2`,
        `${typo(devAccount(7).address)},3`,
        `${devAccount(8).address},heavy`,
        "0xabc,1",
        `${NEWCOMER.toLowerCase()},1`,
      ].join("\n"),
    );
    const result = await run(["members", "import", file, "--json"]);
    const problems = [
      `${file} line 3: ${typo(devAccount(7).address)} is not a valid address: its checksum does not match (did you mistype a character?)`,
      `${file} line 4: weight "heavy" is not a whole number`,
      `${file} line 5: 0xabc is not a valid address: it has 3 hex digits after 0x instead of 40`,
      `${file} line 6: ${NEWCOMER} already appears on line 2`,
    ];
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(problems.map((line) => `error: ${line}\n`).join(""));
    expect(json(result)).toEqual({ error: { code: 2, message: problems.join("\n"), problems } });
    // Nothing was sent: the good line's account is still not a member.
    const tally = await run(["members", "remove", NEWCOMER, "--json"]);
    expect(json(tally)).toMatchObject({ removed: [], skipped: [NEWCOMER] });
  });

  it("exit 2: a Markdown agenda with several bad items names each line", async () => {
    const file = join(dir, "agenda.md");
    writeFileSync(file, "# Day 1\n1. Transit levy\n2. <ipfs://bafy-no-title>\n- \n- Parks\n");
    const result = await run(["agenda", "create", file], { signer: 1 });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `error: ${file} line 3: a list item has no title\nerror: ${file} line 4: a list item has no title\n`,
    });
  });

  it("exit 2: bad values (proposal id, ballot, --from-block, option, unknown option) as plain sentences", async () => {
    const results = await Promise.all([
      run(["tally", "one"]),
      run(["vote", String(proposalId), "254"], { signer: 1 }),
      run(["verify", "1", "--from-block", "yesterday", "--json"]),
      run(["vote", String(proposalId), "7"], { signer: 1 }),
      run(["tally", "1", "--colour"]),
    ]);
    expect(results.map(({ code, stderr }) => ({ code, stderr }))).toEqual([
      { code: 2, stderr: 'error: proposal id "one" must be a number\n' },
      {
        code: 2,
        stderr: `error: ballot "254" is not an option: to withdraw your ballot use "plenum retract ${proposalId}"\n`,
      },
      { code: 2, stderr: 'error: --from-block "yesterday" is not a block number\n' },
      {
        code: 2,
        stderr: `error: proposal ${proposalId} has options 0 to 1, not 7\n`,
      },
      { code: 2, stderr: "error: unknown option --colour (see plenum --help)\n" },
    ]);
    expect(json(results[2] as Run)).toMatchObject({ error: { code: 2 } });
  });

  it("pnpm plenum … --json from the repository root prints only JSON (no pnpm header)", async () => {
    const result = await run(["verify", String(proposalId), "--from-block", "0", "--json"], {
      command: ["pnpm", "plenum"],
      cwd: root,
    });
    expect(result.code).toBe(0);
    expect(json(result)).toMatchObject({ verdict: "match" });
  });
});
