// Every row of a list, in the API's order, read in keyset pages: each page continues after the last
// row of the previous one (`(orderBy column, id)` past its values), so no page costs more than the
// first and memory holds one page whatever the size of the export.
import { type SQL, sql } from "drizzle-orm";
import { compileWhere } from "../graphql/filters.ts";
import type { EntityDef, FieldType } from "../graphql/model.ts";
import {
  type ListArgs,
  orderClause,
  orderColumns,
  type QueryDb,
  type Row,
} from "../graphql/query.ts";

/**
 * Rows per page (one statement each).
 *
 * @example
 * ```ts
 * exportPages(store, entities.Ballot, { block, args: {}, pageSize: EXPORT_PAGE_SIZE });
 * ```
 */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * What {@link exportPages} reads.
 *
 * @example
 * ```ts
 * const options: ExportPagesOptions = { block: 120n, args: { orderBy: "voteEnd" }, signal };
 * ```
 */
export interface ExportPagesOptions {
  /** The block every page reads at (pin it, so that every page reads the same state). */
  block: bigint | undefined;
  args: Pick<ListArgs, "where" | "orderBy" | "orderDirection">;
  /** Rows per statement; {@link EXPORT_PAGE_SIZE} by default. */
  pageSize?: number;
  /** Stops before the next statement once aborted (the client went away). */
  signal?: AbortSignal | undefined;
}

/** The SQL type a keyset value is compared as: the family of the column's type. */
function castOf(type: FieldType): string {
  if (type === "Int" || type === "BigInt" || type === "BigDecimal") return "numeric";
  if (type === "Boolean") return "boolean";
  return "text";
}

/**
 * The rows after `(key, id)` in the order of {@link orderClause}: ascending puts nulls first,
 * descending last, and ties go by id in the same direction.
 */
function after(column: SQL, cast: string, desc: boolean, key: string | null, id: string): SQL {
  const idAfter = desc ? sql`e.id < ${id}` : sql`e.id > ${id}`;
  if (key === null) {
    return desc
      ? sql`(${column} IS NULL AND ${idAfter})`
      : sql`((${column} IS NULL AND ${idAfter}) OR ${column} IS NOT NULL)`;
  }
  const value = sql`CAST(${key} AS ${sql.raw(cast)})`;
  const beyond = desc ? sql`${column} < ${value}` : sql`${column} > ${value}`;
  const tail = desc ? sql` OR ${column} IS NULL` : sql``;
  return sql`(${beyond} OR (${column} = ${value} AND ${idAfter})${tail})`;
}

/**
 * Reads a list page by page, in the order the API returns it, each page one statement at `block`.
 * Ends early, without another statement, once `signal` aborts.
 *
 * @example
 * ```ts
 * for await (const rows of exportPages(store, entities.Ballot, { block: head, args: { orderBy: "blockNumber" } })) {
 *   write(rows);
 * }
 * ```
 */
export async function* exportPages(
  db: QueryDb,
  entity: EntityDef,
  options: ExportPagesOptions,
): AsyncGenerator<Row[], void, undefined> {
  const { block, args } = options;
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const desc = args.orderDirection === "desc";
  const order = orderClause(entity, "e", args);
  const orderBy = args.orderBy && args.orderBy !== "id" ? args.orderBy : undefined;
  const columnName = orderBy ? orderColumns(entity).get(orderBy) : undefined;
  const type = entity.fields.find((f) => f.column === columnName)?.type ?? "String";
  const keyColumn = columnName ? sql.raw(`e.${columnName}`) : undefined;
  const keySelect = keyColumn ? sql`, ${keyColumn}::text AS __key` : sql``;
  let last: { key: string | null; id: string } | undefined;
  for (;;) {
    if (options.signal?.aborted) return;
    const where = compileWhere(entity, "e", args.where, { block, next: 0 });
    let continuation = sql`TRUE`;
    if (last) {
      continuation = keyColumn
        ? after(keyColumn, castOf(type), desc, last.key, last.id)
        : desc
          ? sql`e.id < ${last.id}`
          : sql`e.id > ${last.id}`;
    }
    const rows = (await db.query(
      sql`SELECT e.*${keySelect} FROM (${entity.source(block)}) e WHERE ${where} AND ${continuation} ORDER BY ${order} LIMIT ${pageSize}`,
    )) as Row[];
    const end = rows.at(-1);
    if (end) {
      last = {
        key: keyColumn ? ((end.__key as string | null) ?? null) : null,
        id: String(end.id),
      };
    }
    for (const row of rows) {
      row.__block = block;
      delete row.__key;
    }
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
  }
}
