import { parseCsv } from "./csv.ts";
import { CliInputError } from "./inputError.ts";
import { inlineMetadata, uriMetadata } from "./metadata.ts";

/** One bill of a convention agenda. */
export interface AgendaItem {
  title: string;
  /** Where the metadata lives; defaults to a `data:application/json` URI holding `{ title }`. */
  metadataURI: string;
  /** keccak256 of the inline JSON document, or of the URI string when a URI is given. */
  metadataHash: `0x${string}`;
  /** Number of options; defaults to the agenda's. */
  optionCount?: number;
  line: number;
}

/**
 * One bill with its metadata as the CLI writes it: the inline document `{ title }`, or the given URI
 * (see {@link inlineMetadata} and {@link uriMetadata}).
 */
function item(
  title: string,
  uri: string | undefined,
  line: number,
  optionCount?: number,
): AgendaItem {
  const text = title.trim();
  const given = uri?.trim();
  return {
    title: text,
    ...(given ? uriMetadata(given) : inlineMetadata({ title: text })),
    ...(optionCount === undefined ? {} : { optionCount }),
    line,
  };
}

/**
 * Parses a Markdown agenda: every list item (`- Bill`, `* Bill`, `1. Bill`) is one bill; a trailing
 * `<uri>` in angle brackets sets its metadata URI. Headings and prose are ignored.
 * @example
 * parseAgendaMarkdown("# Day 1\n1. Public transport levy <ipfs://bafy…>\n2. Library hours")
 */
export function parseAgendaMarkdown(text: string, file?: string): AgendaItem[] {
  const items: AgendaItem[] = [];
  const problems: CliInputError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(raw);
    if (!match) return;
    const body = (match[1] ?? "").trim();
    const uriMatch = /^(.*?)\s*<([^<>\s]+)>\s*$/.exec(body);
    const title = uriMatch ? (uriMatch[1] ?? "") : body;
    if (title.trim() === "") {
      problems.push(new CliInputError("a list item has no title", { file, line: index + 1 }));
      return;
    }
    items.push(item(title, uriMatch?.[2], index + 1));
  });
  const failure = CliInputError.all(problems);
  if (failure) throw failure;
  if (items.length === 0)
    throw new CliInputError("no list items found (use - or 1. lines)", { file });
  return items;
}

/**
 * Parses a CSV agenda: `title[,uri[,options]]` per line; a header line is allowed.
 * @example
 * parseAgendaCsv('title,uri\n"Bill 1: transit levy",ipfs://bafy…')
 */
export function parseAgendaCsv(text: string, file?: string): AgendaItem[] {
  const items: AgendaItem[] = [];
  const problems: CliInputError[] = [];
  let first = true;
  for (const { line, fields } of parseCsv(text, file, problems)) {
    const [title = "", uri, options] = fields;
    const header = first && /^title$/i.test(title);
    first = false;
    if (header) continue;
    let bad = false;
    if (title === "") {
      problems.push(new CliInputError("empty title", { file, line }));
      bad = true;
    }
    let optionCount: number | undefined;
    if (options !== undefined && options !== "") {
      optionCount = /^\d+$/.test(options) ? Number(options) : Number.NaN;
      if (!Number.isInteger(optionCount) || optionCount < 2 || optionCount > 32) {
        problems.push(
          new CliInputError(`options "${options}" must be a whole number from 2 to 32`, {
            file,
            line,
          }),
        );
        bad = true;
      }
    }
    if (!bad) items.push(item(title, uri, line, optionCount));
  }
  const failure = CliInputError.all(problems);
  if (failure) throw failure;
  if (items.length === 0) throw new CliInputError("no bills found", { file });
  return items;
}

/** Parses an agenda file by extension: `.md`/`.markdown` as Markdown, anything else as CSV. */
export function parseAgenda(text: string, file: string): AgendaItem[] {
  return /\.(md|markdown)$/i.test(file)
    ? parseAgendaMarkdown(text, file)
    : parseAgendaCsv(text, file);
}
