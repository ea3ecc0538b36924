// The CLI's anonymous voting end to end against a real anvil: identity files (create, derive, show,
// export, import), registration, ballots proved with real Semaphore proofs and sent directly or
// through a relayer, the tally and the recount of an anonymous proposal, a key change, and members
// removed together with their identities.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const PASSPHRASE = "correct horse battery staple";
const RELAYER = 8; // the stub relayer's account
const SENDER = 9; // a non-member that sends a ballot without a relayer

describe("plenum CLI: anonymous ballots", () => {
  let anvil: Anvil;
  let clients: ReturnType<typeof clientsFor>;
  let community: Address;
  let relayer: Server;
  let relayerUrl: string;
  let relayed = 0;
  let anonymousId: bigint;
  let singleId: bigint;
  const dir = mkdtempSync(join(tmpdir(), "plenum-cli-anonymous-"));
  const file = (name: string) => join(dir, name);

  const run = (
    args: string[],
    options: { signer?: number; env?: Record<string, string | undefined>; input?: string } = {},
  ): Promise<Run> =>
    new Promise((resolve) => {
      const child = execFile(
        tsx,
        [bin, ...args, "--rpc", anvil.rpcUrl],
        {
          env: {
            ...process.env,
            PLENUM_PRIVATE_KEY: keyOf(options.signer ?? 0),
            PLENUM_COMMUNITY: community,
            PLENUM_IDENTITY_PASSPHRASE: PASSPHRASE,
            PLENUM_IDENTITY_FILE: undefined,
            ...options.env,
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(options.input ?? "");
    });
  const json = async (args: string[], options: Parameters<typeof run>[1] = {}) => {
    const result = await run([...args, "--json"], options);
    if (result.code !== 0)
      throw new Error(`${args.join(" ")}: exit ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const read = <T>(functionName: string, args: readonly unknown[]) =>
    clients.publicClient.readContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName,
      args,
    } as never) as Promise<T>;

  async function propose(mode: number) {
    const wallet = clients.wallet(1);
    const hash = await wallet.writeContract({
      address: community,
      abi: liquidGovernorAbi,
      functionName: "propose",
      args: [
        {
          topic: 0,
          mode,
          optionCount: 2,
          votingPeriod: 3600,
          metadataHash: `0x${"44".repeat(32)}`,
          metadataURI: mode === 2 ? "Secret ballot" : "Open ballot",
        },
      ],
    });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    const [created] = parseEventLogs({
      abi: liquidGovernorAbi,
      logs: receipt.logs,
      eventName: "ProposalCreated",
    });
    if (!created) throw new Error("no ProposalCreated");
    return created.args.proposalId;
  }

  beforeAll(async () => {
    anvil = await startAnvil({ accounts: 10 });
    clients = clientsFor(anvil);
    const core = await deployTestCore(anvil);
    ({ community } = await createTestCommunity(anvil, core, { quorumBps: 3000 }));

    // A stand-in for the indexer's relayer: takes the ballot and sends it from its own account.
    relayer = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", async () => {
        try {
          expect(request.url).toBe("/v1/anonymous-ballots");
          const { proposalId, proof } = JSON.parse(body);
          const hash = await clients.wallet(RELAYER).writeContract({
            address: community,
            abi: liquidGovernorAbi,
            functionName: "castAnonymousVote",
            args: [
              BigInt(proposalId),
              {
                merkleTreeDepth: BigInt(proof.merkleTreeDepth),
                merkleTreeRoot: BigInt(proof.merkleTreeRoot),
                nullifier: BigInt(proof.nullifier),
                message: BigInt(proof.message),
                scope: BigInt(proof.scope),
                points: proof.points.map(BigInt),
              },
            ],
          });
          relayed++;
          response.writeHead(202, { "content-type": "application/json" });
          response.end(JSON.stringify({ transactionHash: hash }));
        } catch (error) {
          response.writeHead(400, { "content-type": "application/json" });
          response.end(
            JSON.stringify({ error: { code: "REJECTED", message: (error as Error).message } }),
          );
        }
      });
    });
    await new Promise<void>((resolve) => relayer.listen(0, "127.0.0.1", resolve));
    relayerUrl = `http://127.0.0.1:${(relayer.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => relayer?.close(resolve));
    await anvil?.stop();
  });

  it("keeps identities in encrypted files: create, derive, show, export, import", async () => {
    const members = file("members.csv");
    writeFileSync(members, [1, 2, 3, 4].map((i) => devAccount(i).address).join("\n"));
    expect((await run(["members", "import", members])).code).toBe(0);

    const m1 = await json(["identity", "create", "--identity", file("m1.json")]);
    expect(m1).toMatchObject({ file: file("m1.json"), derived: false });
    expect(statSync(file("m1.json")).mode & 0o777).toBe(0o600);
    const m2 = await json(["identity", "create", "--identity", file("m2.json")]);
    // Derived from member 3's signing key: the same key index gives the same identity again.
    const m3 = await json(
      ["identity", "create", "--derive", "--key-index", "0", "--identity", file("m3.json")],
      { signer: 3 },
    );
    expect(m3).toMatchObject({ derived: true, keyIndex: 0 });
    const again = await json(
      ["identity", "create", "--derive", "--identity", file("m3.json"), "--force"],
      { signer: 3 },
    );
    expect(again.commitment).toBe(m3.commitment);
    expect(new Set([m1.commitment, m2.commitment, m3.commitment]).size).toBe(3);

    // An existing file is never overwritten without --force.
    const taken = await run(["identity", "create", "--identity", file("m1.json")]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("already holds an identity");

    // show needs no passphrase: the commitment is public.
    const shown = await run(["identity", "show", "--identity", file("m1.json")], {
      env: { PLENUM_IDENTITY_PASSPHRASE: undefined },
    });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`identity   ${m1.commitment}`);

    // export prints the secret (with a warning); import reads it from a file or standard input.
    const exported = await run(["identity", "export", "--identity", file("m1.json")]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain("secret key");
    const secret = exported.stdout.trim();
    writeFileSync(file("m1.secret"), secret);
    const imported = await json([
      "identity",
      "import",
      file("m1.secret"),
      "--identity",
      file("m1-copy.json"),
    ]);
    expect(imported.commitment).toBe(m1.commitment);
    const piped = await json(["identity", "import", "-", "--identity", file("m1-piped.json")], {
      input: `${secret}\n`,
    });
    expect(piped.commitment).toBe(m1.commitment);
    // An encrypted file imports too (with its passphrase).
    const copied = await json([
      "identity",
      "import",
      file("m1.json"),
      "--identity",
      file("m1-enc.json"),
    ]);
    expect(copied.commitment).toBe(m1.commitment);

    // Wrong or missing passphrases are bad input (exit 2), and say so.
    const wrong = await run(["identity", "export", "--identity", file("m1.json")], {
      env: { PLENUM_IDENTITY_PASSPHRASE: "not the passphrase" },
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("wrong passphrase");
    const missing = await run(["identity", "export", "--identity", file("m1.json")], {
      env: { PLENUM_IDENTITY_PASSPHRASE: undefined },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("PLENUM_IDENTITY_PASSPHRASE");
    const short = await run(["identity", "create", "--identity", file("short.json")], {
      env: { PLENUM_IDENTITY_PASSPHRASE: "short" },
    });
    expect(short.code).toBe(2);
    expect(existsSync(file("short.json"))).toBe(false);
    const noFile = await run(["identity", "show", "--identity", file("nothing.json")]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('run "plenum identity create"');

    // Registration, as each member's signing key.
    for (const i of [1, 2, 3]) {
      const registered = await json(["identity", "register", "--identity", file(`m${i}.json`)], {
        signer: i,
      });
      expect(registered).toMatchObject({ member: devAccount(i).address, index: String(i - 1) });
    }
    expect(String(await read<bigint>("identityCommitmentOf", [devAccount(1).address]))).toBe(
      m1.commitment,
    );
    const twice = await run(["identity", "register", "--identity", file("m1-copy.json")], {
      signer: 1,
    });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^error: /);
  });

  it("votes anonymously, directly or through a relayer, and tallies and verifies the proposal", async () => {
    const { testClient } = clients;
    await testClient.increaseTime({ seconds: 10 });
    await testClient.mine({ blocks: 1 });
    anonymousId = await propose(2);
    singleId = await propose(0);
    const id = String(anonymousId);

    // The mode decides: an anonymous proposal takes only anonymous ballots, and the other way round.
    const plain = await run(["vote", id, "1"], { signer: 1 });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(`proposal ${id} is anonymous: vote with --anonymous`);
    const onSingle = await run(["vote", String(singleId), "1", "--anonymous"], { signer: 1 });
    expect(onSingle.code).toBe(2);
    expect(onSingle.stderr).toContain("--anonymous is for anonymous proposals");
    const vector = await run(["vote", id, "1,0", "--anonymous", "--identity", file("m1.json")]);
    expect(vector.code).toBe(2);
    const orphanRelayer = await run(["vote", String(singleId), "1", "--relayer", relayerUrl]);
    expect(orphanRelayer.code).toBe(2);

    // Member 1 without a relayer: a non-member account sends it, with a warning.
    const direct = await run(["vote", id, "1", "--anonymous", "--identity", file("m1.json")], {
      signer: SENDER,
    });
    expect(direct.stderr).toContain(`warning: no --relayer: ${devAccount(SENDER).address}`);
    expect(direct.code).toBe(0);
    expect(direct.stdout).toMatch(
      /^voted anonymously on proposal \d+ \(nullifier 0x[0-9a-f]+, sent by you, block \d+\)\n$/,
    );

    // Members 2 and 3 through the relayer: no signing key needed at all.
    const noKey = { PLENUM_PRIVATE_KEY: undefined };
    const m2 = await json(
      ["vote", id, "0", "--anonymous", "--relayer", relayerUrl, "--identity", file("m2.json")],
      { env: noKey },
    );
    expect(m2).toMatchObject({
      proposalId: id,
      relayed: true,
      ballot: { type: "option", option: 0 },
      sequence: "1",
    });
    const m3 = await json(
      [
        "vote",
        id,
        "abstain",
        "--anonymous",
        "--relayer",
        relayerUrl,
        "--identity",
        file("m3.json"),
      ],
      { env: noKey },
    );
    expect(m3.relayed).toBe(true);
    expect(relayed).toBe(2);

    // Member 1 changes their mind (same nullifier, ballot replaced); member 2 retracts.
    const changed = await json(
      ["vote", id, "0", "--anonymous", "--relayer", relayerUrl, "--identity", file("m1.json")],
      { env: noKey },
    );
    const retracted = await json(
      ["retract", id, "--anonymous", "--relayer", relayerUrl, "--identity", file("m2.json")],
      { env: noKey },
    );
    // Each picks the identity's next sequence: its last ballot's + 1.
    expect(changed.sequence).toBe("2");
    expect(retracted).toMatchObject({
      ballot: { type: "retract" },
      nullifier: m2.nullifier,
      sequence: "2",
    });
    expect(changed.nullifier).not.toBe(m2.nullifier);
    // A second retraction has no ballot to withdraw: refused before proving, nothing relayed.
    const sentBefore = relayed;
    const again = await run(
      ["retract", id, "--anonymous", "--relayer", relayerUrl, "--identity", file("m2.json")],
      { env: noKey },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      `there is no anonymous ballot with this nullifier on proposal ${id}`,
    );
    expect(relayed).toBe(sentBefore);

    const tally = await json(["tally", id]);
    expect(tally).toMatchObject({
      tallies: ["1", "0"],
      abstain: "1",
      participation: "2",
      totalMass: "3",
      quorum: "1",
      quorumReached: true,
      leading: 0,
    });
    const shown = await run(["tally", id]);
    expect(shown.stdout).toContain("anonymous");
    expect(shown.stdout).toContain("one vote per identity (3 in the group)");

    const verified = await run(["verify", id, "--from-block", "0"]);
    expect(verified.stdout).toContain(`proposal ${id} at block`);
    expect(verified.stdout).toContain("MATCH");
    expect(verified.stdout).toMatch(
      /group {4}recorded root 0x[0-9a-f]+ \(3 identities\) · rebuilt 0x[0-9a-f]+ \(3 identities\)/,
    );
    expect(verified.code).toBe(0);
    const report = await json(["verify", id, "--from-block", "0"]);
    expect(report).toMatchObject({
      mode: "anonymous",
      verdict: "match",
      recount: { tallies: ["1", "0"], abstain: "1", totalMass: "3", state: "active" },
      onChain: { state: "active", quorum: "1" },
      differences: [],
    });
    expect(report.recount.group.rebuilt.root).toBe(report.recount.group.recorded.root);
    expect(report.onChain.group.root).toBe(report.recount.group.recorded.root);
  });

  it("replaces an identity and removes members with theirs", async () => {
    const id = String(anonymousId);
    const before = await json(["identity", "show", "--identity", file("m1.json")]);
    const replaced = await json(["identity", "replace", "--identity", file("m1.json")], {
      signer: 1,
    });
    expect(replaced.oldCommitment).toBe(before.commitment);
    expect(replaced.previousFile).toBe(`${file("m1.json")}.${before.commitment.slice(0, 12)}.old`);
    const after = await json(["identity", "show", "--identity", file("m1.json")]);
    expect(after.commitment).toBe(replaced.newCommitment);
    expect(String(await read<bigint>("identityCommitmentOf", [devAccount(1).address]))).toBe(
      after.commitment,
    );
    expect(readdirSync(dir).filter((name) => name.endsWith(".new"))).toEqual([]);
    // The proposal recorded the old key: the new one cannot vote on it, the kept old file can.
    const refused = await run([
      "vote",
      id,
      "1",
      "--anonymous",
      "--relayer",
      relayerUrl,
      "--identity",
      file("m1.json"),
    ]);
    // Not in the group where one must be: "not found" (exit 4).
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`this identity is not in the group of proposal ${id}`);
    const old = await json([
      "vote",
      id,
      "1",
      "--anonymous",
      "--relayer",
      relayerUrl,
      "--identity",
      replaced.previousFile,
    ]);
    expect(old).toMatchObject({ relayed: true, sequence: "3" });

    // Member 2 leaves with their identity; account 7 is no member and is skipped.
    const removed = await json(["members", "remove", devAccount(2).address, devAccount(7).address]);
    expect(removed).toMatchObject({
      removed: [devAccount(2).address],
      skipped: [devAccount(7).address],
    });
    expect(removed.identities).toEqual([
      { member: devAccount(2).address, commitment: expect.any(String) },
    ]);
    expect(await read<bigint>("identityCommitmentOf", [devAccount(2).address])).toBe(0n);
    const [, , , identities] = await read<[bigint, bigint, bigint, bigint]>("identityGroup", []);
    expect(identities).toBe(2n);
    // A member without an identity goes too, from a CSV file.
    const csv = file("leaving.csv");
    writeFileSync(csv, `address\n${devAccount(4).address}\n`);
    const fromFile = await run(["members", "remove", csv]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain("removed 1 member and 0 identities");

    // None of it reaches the proposal's group: the recount still matches. Member 1's old key moved
    // their ballot from 0 to 1; member 3 abstains.
    const verified = await json(["verify", id, "--from-block", "0"]);
    expect(verified).toMatchObject({
      verdict: "match",
      recount: { tallies: ["0", "1"], abstain: "1", totalMass: "3" },
    });
  });
});
