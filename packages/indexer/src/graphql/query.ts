// SQL for the API's reads, each one statement over an entity's source as of a block: a root list
// (filter, order, page), rows by a column's values (a `one` relation or a root singular), and a page
// of children per parent in one statement (a `many` relation, batched across parents).
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../store/database.ts";
import { ApiError } from "./errors.ts";
import { compileWhere } from "./filters.ts";
import type { EntityDef } from "./model.ts";

/**
 * What the API needs from the store: raw SQL returning rows.
 *
 * @example
 * ```ts
 * const db: QueryDb = store; // a Store or a Database
 * ```
 */
export type QueryDb = Pick<Database, "query">;

/**
 * A source row, plus the block the query was made at (nested fields read as of the same block).
 *
 * @example
 * ```ts
 * const row: Row = { id: "eip155:31337:0x…", __block: 120n };
 * ```
 */
export type Row = Record<string, unknown> & { __block?: bigint | undefined };

/**
 * Paging, ordering and filtering arguments of a list field.
 *
 * @example
 * ```ts
 * const args: ListArgs = { where: { weight_gte: "10" }, orderBy: "weight", orderDirection: "desc", first: 10 };
 * ```
 */
export interface ListArgs {
  where?: Record<string, unknown> | null;
  orderBy?: string | null;
  orderDirection?: "asc" | "desc" | null;
  first?: number | null;
  skip?: number | null;
}

/** Rows a list returns when `first` is not given. */
export const DEFAULT_FIRST = 100;
/** Most rows one list may return. */
export const MAX_FIRST = 1000;
/** Largest `skip` (deeper pages: keyset paging with `id_gt`). */
export const MAX_SKIP = 5000;

/**
 * `first` and `skip` checked against their bounds, with The Graph's error messages.
 *
 * @example
 * ```ts
 * paging({ first: 10 }); // { first: 10, skip: 0 }
 * paging({ first: 5000 }); // throws ApiError FIRST_OUT_OF_RANGE
 * ```
 */
export function paging(args: ListArgs): { first: number; skip: number } {
  const first = args.first ?? DEFAULT_FIRST;
  const skip = args.skip ?? 0;
  if (first < 0 || first > MAX_FIRST) {
    throw new ApiError(
      "FIRST_OUT_OF_RANGE",
      `The \`first\` argument must be between 0 and ${MAX_FIRST}, but is ${first}.`,
    );
  }
  if (skip < 0 || skip > MAX_SKIP) {
    throw new ApiError(
      "SKIP_OUT_OF_RANGE",
      `The \`skip\` argument must be between 0 and ${MAX_SKIP}, but is ${skip}. Page deeper with \`where: { id_gt: <last id> }\`.`,
    );
  }
  return { first, skip };
}

/**
 * The orderable names of an entity (scalar fields and `one` relations) and their columns.
 *
 * @example
 * ```ts
 * orderColumns(entities.Member).get("weight"); // "weight"
 * ```
 */
export function orderColumns(entity: EntityDef): Map<string, string> {
  const columns = new Map<string, string>();
  for (const field of entity.fields) {
    if (!field.type.startsWith("[")) columns.set(field.name, field.column);
  }
  for (const relation of entity.relations) {
    if (relation.kind === "one") columns.set(relation.name, relation.column);
  }
  return columns;
}

/**
 * The `ORDER BY` of a list: the `orderBy` column (nulls first ascending, last descending), ties by
 * `id` in the same direction; `id` alone by default.
 *
 * @example
 * ```ts
 * sql`SELECT e.* FROM (${entities.Member.source(undefined)}) e ORDER BY ${orderClause(entities.Member, "e", { orderBy: "weight" })}`;
 * ```
 */
export function orderClause(entity: EntityDef, alias: string, args: ListArgs): SQL {
  const direction = args.orderDirection === "desc" ? "DESC" : "ASC";
  const id = `${alias}.id ${direction}`;
  if (!args.orderBy || args.orderBy === "id") return sql.raw(id);
  const column = orderColumns(entity).get(args.orderBy);
  if (!column)
    throw new ApiError("INVALID_FILTER", `${entity.name} cannot be ordered by ${args.orderBy}.`);
  const nulls = direction === "ASC" ? "NULLS FIRST" : "NULLS LAST";
  return sql.raw(`${alias}.${column} ${direction} ${nulls}, ${id}`);
}

function withBlock(rows: Record<string, unknown>[], block: bigint | undefined): Row[] {
  for (const row of rows) (row as Row).__block = block;
  return rows as Row[];
}

/**
 * A root list: filtered, ordered (ties by id), paged.
 *
 * @example
 * ```ts
 * const rows = await listRows(store, entities.Proposal, undefined, { where: { mode: "single" }, first: 10 });
 * ```
 */
export async function listRows(
  db: QueryDb,
  entity: EntityDef,
  block: bigint | undefined,
  args: ListArgs,
): Promise<Row[]> {
  const { first, skip } = paging(args);
  const where = compileWhere(entity, "e", args.where, { block, next: 0 });
  const rows = await db.query(
    sql`SELECT e.* FROM (${entity.source(block)}) e WHERE ${where} ORDER BY ${orderClause(entity, "e", args)} LIMIT ${first} OFFSET ${skip}`,
  );
  return withBlock(rows, block);
}

/**
 * Rows whose `column` is one of `values` (for `one` relations and singular root fields).
 *
 * @example
 * ```ts
 * const [proposal] = await rowsByColumn(store, entities.Proposal, undefined, "id", [id]);
 * ```
 */
export async function rowsByColumn(
  db: QueryDb,
  entity: EntityDef,
  block: bigint | undefined,
  column: string,
  values: readonly string[],
): Promise<Row[]> {
  if (values.length === 0) return [];
  const rows = await db.query(
    sql`SELECT e.* FROM (${entity.source(block)}) e WHERE ${sql.raw(`e.${column}`)} IN (${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )})`,
  );
  return withBlock(rows, block);
}

/**
 * For each of `values`, the row with the highest block number whose `column` equals it (a `latest`
 * relation: a proposal's current tally).
 *
 * @example
 * ```ts
 * const tallies = await latestByColumn(store, entities.TallyRevision, undefined, "proposal", [id]);
 * ```
 */
export async function latestByColumn(
  db: QueryDb,
  entity: EntityDef,
  block: bigint | undefined,
  column: string,
  values: readonly string[],
): Promise<Row[]> {
  if (values.length === 0) return [];
  // One backward index probe per key (LATERAL … LIMIT 1) rather than sorting every row of every key.
  const rows = await db.query(
    sql`SELECT latest.* FROM unnest(ARRAY[${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )}]::text[]) AS k(key) CROSS JOIN LATERAL (SELECT e.* FROM (${entity.source(block)}) e
      WHERE ${sql.raw(`e.${column}`)} = k.key ORDER BY e.block_number DESC LIMIT 1) latest`,
  );
  return withBlock(rows, block);
}

/**
 * A page of children for each parent, in one statement: rows whose `column` is in `values`, filtered,
 * numbered per parent in the requested order, and cut to `[skip, skip + first)` per parent.
 *
 * @example
 * ```ts
 * const ballots = await pagesByColumn(store, entities.Ballot, undefined, "proposal", proposalIds, { first: 10 });
 * ```
 */
export async function pagesByColumn(
  db: QueryDb,
  entity: EntityDef,
  block: bigint | undefined,
  column: string,
  values: readonly string[],
  args: ListArgs,
): Promise<Row[]> {
  if (values.length === 0) return [];
  const { first, skip } = paging(args);
  const c = sql.raw(`e.${column}`);
  const where = compileWhere(entity, "e", args.where, { block, next: 0 });
  const rows = await db.query(
    sql`SELECT * FROM (SELECT e.*, row_number() OVER (PARTITION BY ${c} ORDER BY ${orderClause(entity, "e", args)}) AS __rank
      FROM (${entity.source(block)}) e WHERE ${c} IN (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}) AND ${where}) ranked
      WHERE __rank > ${skip} AND __rank <= ${skip + first} ORDER BY __rank`,
  );
  return withBlock(rows, block);
}
