import { readFileSync } from "node:fs";
import { addMembersSync } from "../../actions/addMembers.ts";
import { getMember } from "../../actions/getMember.ts";
import type { CliContext } from "../context.ts";
import { toJson } from "../output/format.ts";
import { createProgress } from "../output/progress.ts";
import { CliInputError } from "../parse/inputError.ts";
import { parseMembersCsv } from "../parse/members.ts";

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
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const rows = parseMembersCsv(text, file);
  const batchSize = Number(options.batch ?? 100);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500) {
    throw new CliInputError(`--batch "${options.batch}" must be a whole number from 1 to 500`);
  }
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
