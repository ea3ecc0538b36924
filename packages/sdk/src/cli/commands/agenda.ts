import { proposeAgendaSync } from "../../actions/proposeAgenda.ts";
import { parseAgenda } from "../../input/agenda.ts";
import { CliInputError } from "../../input/inputError.ts";
import type { CliContext } from "../context.ts";
import { toJson } from "../output/format.ts";
import { readInputFile } from "../parse/readInput.ts";
import { parseDuration, parseWhole } from "../parse/values.ts";
import { parseMode, parseTopic, refusingAnonymousWithoutIdentities } from "./proposals.ts";

/** `plenum agenda create <file>`: a whole convention agenda in one transaction, ids in file order. */
export async function agendaCreate(
  context: CliContext,
  file: string | undefined,
  options: Record<string, string | boolean | undefined>,
): Promise<void> {
  if (!file)
    throw new CliInputError("usage: plenum agenda create <agenda.md|agenda.csv> --topic <id>");
  const text = readInputFile(file, "agenda file");
  const items = parseAgenda(text, file);
  const topic = parseTopic(options.topic);
  const mode = parseMode(options.mode);
  const defaultOptions = Number(parseWhole(String(options.options ?? "2"), "--options", 2n, 32n));
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
