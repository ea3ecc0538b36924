import { readFileSync } from "node:fs";
import { proposeAgendaSync } from "../../actions/proposeAgenda.ts";
import type { CliContext } from "../context.ts";
import { toJson } from "../output/format.ts";
import { parseAgenda } from "../parse/agenda.ts";
import { CliInputError } from "../parse/inputError.ts";
import { parseDuration } from "../parse/values.ts";
import { parseMode, parseTopic, refusingAnonymousWithoutIdentities } from "./proposals.ts";

/** `plenum agenda create <file>`: a whole convention agenda in one transaction, ids in file order. */
export async function agendaCreate(
  context: CliContext,
  file: string | undefined,
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  if (!file)
    throw new CliInputError("usage: plenum agenda create <agenda.md|agenda.csv> --topic <id>");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const items = parseAgenda(text, file);
  const topic = parseTopic(options.topic);
  const mode = parseMode(options.mode);
  const defaultOptions = Number(options.options ?? 2);
  if (!Number.isInteger(defaultOptions) || defaultOptions < 2 || defaultOptions > 32) {
    throw new CliInputError(`--options "${options.options}" must be a whole number from 2 to 32`);
  }
  const votingPeriod =
    typeof options.period === "string" ? parseDuration(options.period, "--period") : undefined;
  const { proposalIds, receipt } = await refusingAnonymousWithoutIdentities(context, () =>
    proposeAgendaSync(context.wallet(), {
      community: context.community(),
      proposals: items.map((item) => ({
        topic,
        mode,
        optionCount: item.optionCount ?? defaultOptions,
        votingPeriod,
        metadataURI: item.metadataURI,
        metadataHash: item.metadataHash,
      })),
    }),
  );
  const bills = items.map((item, index) => ({ proposalId: proposalIds[index], title: item.title }));
  if (context.json) {
    return void console.log(
      toJson({ block: receipt.blockNumber, gasUsed: receipt.gasUsed, bills }),
    );
  }
  for (const bill of bills) console.log(`#${bill.proposalId}  ${bill.title}`);
  console.log(`${bills.length} bills in block ${receipt.blockNumber} (${receipt.gasUsed} gas)`);
}
