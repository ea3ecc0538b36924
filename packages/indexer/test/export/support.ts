// Test helpers for the export: an RFC 4180 reader written apart from the writer (fields quoted or
// not, doubled quotes, line breaks inside quotes, CRLF records), and a logger that keeps quiet.
import { silentLogger } from "../../src/internal/logger.ts";

export const quietLogger = silentLogger;

/** Parses CSV text into records of fields; fails on a stray quote or an unterminated field. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error("unterminated quoted field");
        field += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/[,\r]/);
      const stop = end < 0 ? text.length : i + end;
      field = text.slice(i, stop);
      if (field.includes('"') || field.includes("\n"))
        throw new Error(`bad unquoted field ${field}`);
      i = stop;
    }
    record.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (record.length > 0) throw new Error("the last record has no CRLF");
  return records;
}
