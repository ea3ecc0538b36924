// Reading what people write by hand: member lists (CSV) and agendas (Markdown or CSV), with every bad
// line reported by number. The CLI and the web app's registrar desk both use these.
export { parseAddress } from "./address.ts";
export { type AgendaItem, parseAgenda, parseAgendaCsv, parseAgendaMarkdown } from "./agenda.ts";
export { type CsvRecord, parseCsv } from "./csv.ts";
export { CliInputError as InputError, type InputLocation } from "./inputError.ts";
export { type MemberRow, parseMembersCsv } from "./members.ts";
export {
  inlineMetadata,
  type ProposalDocument,
  type ProposalMetadata,
  uriMetadata,
} from "./metadata.ts";
