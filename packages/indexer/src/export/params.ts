// An export request read and checked before any row is read: the entity and format from the path
// (or `Accept`), and `where`, `orderBy`, `orderDirection`, `block` and `columns` from the query,
// coerced with the API's own input types (so the same operators and the same error sentences apply)
// and compiled by the GraphQL layer's filter compiler.
import { coerceInputValue, type GraphQLError, type GraphQLInputType, isInputType } from "graphql";
import type { BlockArg } from "../graphql/block.ts";
import { compileWhere } from "../graphql/filters.ts";
import type { EntityDef } from "../graphql/model.ts";
import type { ListArgs } from "../graphql/query.ts";
import { type ExportColumn, exportColumns, exportEntities, exportSchema } from "./columns.ts";
import { ExportError, type ExportErrorCode, fromApiError } from "./errors.ts";

/**
 * The two formats: CSV (RFC 4180, a header row) and newline-delimited JSON.
 *
 * @example
 * ```ts
 * const format: ExportFormat = "ndjson";
 * ```
 */
export type ExportFormat = "csv" | "ndjson";

/**
 * A checked export request.
 *
 * @example
 * ```ts
 * const request = parseExportRequest("proposals.csv", new URLSearchParams("orderBy=voteEnd"));
 * request.entity.name; // "Proposal"
 * ```
 */
export interface ExportRequest {
  entity: EntityDef;
  format: ExportFormat;
  args: Pick<ListArgs, "where" | "orderBy" | "orderDirection">;
  block: BlockArg | undefined;
  columns: ExportColumn[];
}

/**
 * Query parameters the export takes.
 *
 * @example
 * ```ts
 * exportParameters.includes("where"); // true
 * ```
 */
export const exportParameters = ["where", "orderBy", "orderDirection", "block", "columns"] as const;

const extensions: Record<string, ExportFormat> = { csv: "csv", ndjson: "ndjson", jsonl: "ndjson" };

/** The format an `Accept` header asks for when the path has no extension (NDJSON unless CSV). */
function negotiate(accept: string | undefined): ExportFormat {
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? "") ? "csv" : "ndjson";
}

function inputType(name: string): GraphQLInputType {
  const type = exportSchema().getType(name);
  if (!type || !isInputType(type)) throw new TypeError(`no input type ${name}`);
  return type;
}

/**
 * A JSON (or plain) parameter coerced to the API's input type, as GraphQL coerces a variable:
 * unknown fields, wrong scalars and missing required fields are refused with graphql-js's sentence.
 */
function coerce(
  parameter: string,
  value: unknown,
  typeName: string,
  code: ExportErrorCode,
  production: boolean,
): unknown {
  const errors: { path: string; message: string }[] = [];
  const coerced = coerceInputValue(
    value,
    inputType(typeName),
    (path: readonly (string | number)[], _invalid: unknown, error: GraphQLError) => {
      const at = [parameter, ...path].join(".");
      // Production hides "did you mean" suggestions, as the API does.
      const message = production ? error.message.replace(/ Did you mean .*$/s, "") : error.message;
      errors.push({ path: at, message });
    },
  );
  const [first] = errors;
  if (first) throw new ExportError(code, 400, first.message, { parameter, path: first.path });
  return coerced;
}

function json(parameter: string, text: string, code: ExportErrorCode): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ExportError(code, 400, `\`${parameter}\` must be JSON, as GraphQL's argument is.`, {
      parameter,
    });
  }
}

/**
 * Reads `<plural>.<csv|ndjson>` (or `<plural>` with `Accept`) and the query parameters.
 *
 * @throws ExportError before anything is read: `UNKNOWN_ENTITY`, `UNKNOWN_FORMAT`,
 * `UNKNOWN_PARAMETER`, `UNKNOWN_COLUMN`, `INVALID_FILTER`, `INVALID_ORDER`, `BLOCK_INVALID`.
 * @example
 * ```ts
 * parseExportRequest("ballots.ndjson", new URLSearchParams({ where: '{"kind":"changed"}' }));
 * ```
 */
export function parseExportRequest(
  file: string,
  query: URLSearchParams,
  options: { accept?: string | undefined; production?: boolean } = {},
): ExportRequest {
  const production = options.production ?? false;
  const dot = file.lastIndexOf(".");
  const plural = dot < 0 ? file : file.slice(0, dot);
  const extension = dot < 0 ? undefined : file.slice(dot + 1).toLowerCase();
  const all = exportEntities();
  const entity = all.get(plural);
  if (!entity) {
    throw new ExportError(
      "UNKNOWN_ENTITY",
      400,
      `there is no export of ${JSON.stringify(plural.slice(0, 100))}; exports: ${[...all.keys()].join(", ")}`,
      { entity: plural.slice(0, 100), entities: [...all.keys()] },
    );
  }
  let format: ExportFormat;
  if (extension === undefined) format = negotiate(options.accept);
  else {
    const known = extensions[extension];
    if (!known) {
      throw new ExportError(
        "UNKNOWN_FORMAT",
        400,
        `the export writes .csv or .ndjson, not .${extension.slice(0, 20)}`,
        { format: extension.slice(0, 20) },
      );
    }
    format = known;
  }

  for (const name of new Set(query.keys())) {
    if (!(exportParameters as readonly string[]).includes(name)) {
      throw new ExportError(
        "UNKNOWN_PARAMETER",
        400,
        `the export takes ${exportParameters.join(", ")}, not ${JSON.stringify(name.slice(0, 50))} (an export has no page size: it streams every row)`,
        { parameter: name.slice(0, 50) },
      );
    }
    if (query.getAll(name).length > 1) {
      throw new ExportError("UNKNOWN_PARAMETER", 400, `\`${name}\` is given more than once`, {
        parameter: name,
      });
    }
  }

  const whereText = query.get("where");
  const where =
    whereText === null
      ? undefined
      : (coerce(
          "where",
          json("where", whereText, "INVALID_FILTER"),
          `${entity.name}_filter`,
          "INVALID_FILTER",
          production,
        ) as Record<string, unknown> | null);
  const orderByText = query.get("orderBy");
  const orderBy =
    orderByText === null
      ? undefined
      : (coerce(
          "orderBy",
          orderByText,
          `${entity.name}_orderBy`,
          "INVALID_ORDER",
          production,
        ) as string);
  const directionText = query.get("orderDirection");
  const orderDirection =
    directionText === null
      ? undefined
      : (coerce("orderDirection", directionText, "OrderDirection", "INVALID_ORDER", production) as
          | "asc"
          | "desc");
  const blockText = query.get("block");
  let block: BlockArg | undefined;
  if (blockText !== null) {
    // `block=120` is short for `block={"number":120}`.
    const parsed = /^\d+$/.test(blockText.trim())
      ? { number: Number(blockText) }
      : json("block", blockText, "BLOCK_INVALID");
    block = coerce("block", parsed, "Block_height", "BLOCK_INVALID", production) as BlockArg;
  }

  // The filter compiles now, so that its own refusals (a null where a value is needed) come first.
  try {
    compileWhere(entity, "e", where, { block: undefined, next: 0 });
  } catch (error) {
    throw fromApiError(error, { parameter: "where" });
  }

  const available = exportColumns(entity);
  let columns = available;
  const columnsText = query.get("columns");
  if (columnsText !== null) {
    const names = [...new Set(columnsText.split(",").map((name) => name.trim()))];
    columns = names.map((name) => {
      const column = available.find((c) => c.name === name);
      if (!column) {
        throw new ExportError(
          "UNKNOWN_COLUMN",
          400,
          `${entity.plural} have no column ${JSON.stringify(name.slice(0, 100))}; columns: ${available.map((c) => c.name).join(", ")}`,
          { column: name.slice(0, 100), columns: available.map((c) => c.name) },
        );
      }
      return column;
    });
  }
  return { entity, format, args: { where, orderBy, orderDirection }, block, columns };
}
