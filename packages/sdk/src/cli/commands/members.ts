import { addMembersSync } from "../../actions/addMembers.ts";
import { getMember } from "../../actions/getMember.ts";
import { removeMembersWithIdentitiesSync } from "../../actions/removeMembersWithIdentities.ts";
import { CliInputError } from "../../input/inputError.ts";
import { parseMembersCsv } from "../../input/members.ts";
import type { CliContext } from "../context.ts";
import { toJson } from "../output/format.ts";
import { createProgress } from "../output/progress.ts";
import { readInputFile } from "../parse/readInput.ts";
import { parseAddress, parseWhole } from "../parse/values.ts";

/**
 * `plenum members import <file.csv>`: adds everyone not yet a member, in batches, with progress.
 * Accounts that are already members are reported and skipped, so re-running after an interruption
 * picks up where it stopped.
 */
export async function membersImport(
  context: CliContext,
  file: string | undefined,
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  if (!file) throw new CliInputError("usage: plenum members import <members.csv>");
  const text = readInputFile(file, "members file");
  const rows = parseMembersCsv(text, file);
  const batchSize = Number(parseWhole(String(options.batch ?? "100"), "--batch", 1n, 500n));
  const community = context.community();
  const wallet = context.wallet();
  const progress = createProgress("importing members", { enabled: !context.json });

  const existing = await Promise.all(
    rows.map((row) => getMember(context.publicClient, { community, account: row.account })),
  );
  const pending = rows.filter((_, index) => !existing[index]?.isMember);
  const skipped = rows.filter((_, index) => existing[index]?.isMember).map((row) => row.account);
  const blocks: bigint[] = [];
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    const { receipt } = await addMembersSync(wallet, { community, members: batch });
    blocks.push(receipt.blockNumber);
    progress.update(Math.min(start + batchSize, pending.length), pending.length);
  }
  progress.finish(`${pending.length} added, ${skipped.length} already members`);
  if (context.json) {
    console.log(toJson({ added: pending.map((row) => row.account), skipped, blocks }));
  } else if (skipped.length > 0) {
    console.log(`already members (skipped): ${skipped.join(", ")}`);
  }
}

/**
 * `plenum members remove <address|file.csv>…`: removes members together with their Semaphore identities
 * (`removeMembersWithIdentities`), in batches. Accounts that are not members are reported and skipped,
 * so it can be re-run.
 */
export async function membersRemove(
  context: CliContext,
  targets: readonly string[],
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  if (targets.length === 0) {
    throw new CliInputError("usage: plenum members remove <address|members.csv> [more …]");
  }
  const accounts: `0x${string}`[] = [];
  const problems: CliInputError[] = [];
  for (const target of targets) {
    try {
      if (/^0x/i.test(target)) {
        accounts.push(parseAddress(target, "member") as `0x${string}`);
        continue;
      }
      const text = readInputFile(target, "members file");
      // The same file format as `members import`; weights are ignored.
      for (const row of parseMembersCsv(text, target)) accounts.push(row.account);
    } catch (error) {
      if (!(error instanceof CliInputError)) throw error;
      problems.push(error);
    }
  }
  const failure = CliInputError.all(problems);
  if (failure) throw failure;
  const unique = [...new Set(accounts)];
  if (unique.length !== accounts.length) {
    const twice = accounts.find((account, index) => accounts.indexOf(account) !== index);
    throw new CliInputError(`${twice} is given twice`);
  }
  const batchSize = Number(parseWhole(String(options.batch ?? "50"), "--batch", 1n, 500n));
  const community = context.community();
  const wallet = context.wallet();
  const progress = createProgress("removing members", { enabled: !context.json });
  const existing = await Promise.all(
    unique.map((account) => getMember(context.publicClient, { community, account })),
  );
  const pending = unique.filter((_, index) => existing[index]?.isMember);
  const skipped = unique.filter((_, index) => !existing[index]?.isMember);
  const removed: `0x${string}`[] = [];
  const identities: { member: `0x${string}`; commitment: bigint }[] = [];
  const blocks: bigint[] = [];
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    // Each batch rebuilds the group from events to prove every leaf it removes.
    const result = await removeMembersWithIdentitiesSync(wallet, {
      community,
      accounts: batch,
      fromBlock: context.fromBlock(),
    });
    for (const { account } of result.members) removed.push(account);
    for (const { member, commitment } of result.identities) identities.push({ member, commitment });
    blocks.push(result.receipt.blockNumber);
    progress.update(Math.min(start + batchSize, pending.length), pending.length);
  }
  progress.finish(
    `${removed.length} removed (${identities.length} with an identity), ${skipped.length} not members`,
  );
  if (context.json) {
    return void console.log(toJson({ removed, identities, skipped, blocks }));
  }
  console.log(
    `removed ${removed.length} member${removed.length === 1 ? "" : "s"} and ${identities.length} ${
      identities.length === 1 ? "identity" : "identities"
    }${blocks.length ? ` (block${blocks.length === 1 ? "" : "s"} ${blocks.join(", ")})` : ""}`,
  );
  if (skipped.length > 0) console.log(`not members (skipped): ${skipped.join(", ")}`);
}
