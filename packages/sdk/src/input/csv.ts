import { CliInputError } from "./inputError.ts";

/** One parsed CSV record with the 1-based line it came from. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records (RFC 4180 quoting: `"a, b"`, doubled `""` inside quotes), skipping
 * blank lines and `#` comments, and remembering each record's line for error messages. A line with
 * an unterminated quote is an error; with `problems`, it is collected there and skipped instead, so
 * that the caller can report every bad line at once.
 * @example
 * parseCsv('address,weight\n0xabc…,3\n') // [{ line: 1, fields: ["address","weight"] }, { line: 2, … }]
 */
export function parseCsv(text: string, file?: string, problems?: CliInputError[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? "";
    const line = index + 1;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < raw.length; i++) {
      const char = raw[i];
      if (quoted) {
        if (char === '"' && raw[i + 1] === '"') {
          field += '"';
          i++;
        } else if (char === '"') {
          quoted = false;
        } else {
          field += char;
        }
      } else if (char === '"' && field.trim() === "") {
        quoted = true;
        field = "";
      } else if (char === ",") {
        fields.push(field.trim());
        field = "";
      } else {
        field += char;
      }
    }
    if (quoted) {
      const error = new CliInputError("unterminated quoted field", { file, line });
      if (!problems) throw error;
      problems.push(error);
      continue;
    }
    fields.push(field.trim());
    records.push({ line, fields });
  }
  return records;
}
