// The two encodings of export rows: CSV (RFC 4180: a header row, CRLF line ends, a cell quoted
// when it holds a comma, a quote, CR or LF, quotes doubled) and NDJSON (one JSON object a line).
import type { Row } from "../graphql/query.ts";
import type { ExportColumn } from "./columns.ts";
import type { ExportFormat } from "./params.ts";

/**
 * One CSV cell: null is empty, lists and objects are their JSON, the rest their text; quoted when
 * it must be.
 *
 * @example
 * ```ts
 * csvCell('say "hi", twice'); // "\"say \"\"hi\"\", twice\""
 * csvCell(["1", "2"]); // "\"[\"\"1\"\",\"\"2\"\"]\""
 * ```
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The media type of a format.
 *
 * @example
 * ```ts
 * contentType("csv"); // "text/csv; charset=utf-8"
 * ```
 */
export function contentType(format: ExportFormat): string {
  return format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}

/**
 * Encodes rows in a format: `header()` once first (CSV's header row; nothing for NDJSON), then
 * `rows(page)` per page.
 *
 * @example
 * ```ts
 * const encoder = createEncoder("csv", exportColumns(entities.Proposal));
 * const text = encoder.header() + encoder.rows(rows);
 * ```
 */
export function createEncoder(
  format: ExportFormat,
  columns: readonly ExportColumn[],
): { header(): string; rows(rows: readonly Row[]): string } {
  if (format === "csv") {
    return {
      header: () => `${columns.map((c) => csvCell(c.name)).join(",")}\r\n`,
      rows: (rows) => {
        let out = "";
        for (const row of rows) {
          out += `${columns.map((c) => csvCell(c.value(row[c.column]))).join(",")}\r\n`;
        }
        return out;
      },
    };
  }
  return {
    header: () => "",
    rows: (rows) => {
      let out = "";
      for (const row of rows) {
        const object: Record<string, unknown> = {};
        for (const c of columns) object[c.name] = c.value(row[c.column]);
        out += `${JSON.stringify(object)}\n`;
      }
      return out;
    },
  };
}
