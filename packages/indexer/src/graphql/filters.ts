// The Graph's `where` dialect, generated per field type: the operator suffixes each type accepts (for
// the SDL) and their translation to SQL over an entity's source (`<alias>.<column>`). Nested filters
// (`proposal_: {…}`, `ballots_: {…}`) become subqueries over the target's source at the same block.
import { type SQL, sql } from "drizzle-orm";
import { entities } from "./entities.ts";
import { ApiError } from "./errors.ts";
import type { EntityDef, FieldType } from "./model.ts";

type Op =
  | ""
  | "_not"
  | "_gt"
  | "_lt"
  | "_gte"
  | "_lte"
  | "_in"
  | "_not_in"
  | "_contains"
  | "_contains_nocase"
  | "_not_contains"
  | "_not_contains_nocase"
  | "_starts_with"
  | "_starts_with_nocase"
  | "_not_starts_with"
  | "_not_starts_with_nocase"
  | "_ends_with"
  | "_ends_with_nocase"
  | "_not_ends_with"
  | "_not_ends_with_nocase";

const COMPARE: Op[] = ["", "_not", "_gt", "_lt", "_gte", "_lte", "_in", "_not_in"];
const TEXT: Op[] = [
  ...COMPARE,
  "_contains",
  "_contains_nocase",
  "_not_contains",
  "_not_contains_nocase",
  "_starts_with",
  "_starts_with_nocase",
  "_not_starts_with",
  "_not_starts_with_nocase",
  "_ends_with",
  "_ends_with_nocase",
  "_not_ends_with",
  "_not_ends_with_nocase",
];

/**
 * The operator suffixes The Graph generates for a field type.
 *
 * @example
 * ```ts
 * operatorsFor("Boolean"); // ["", "_not", "_in", "_not_in"]
 * ```
 */
export function operatorsFor(type: FieldType): Op[] {
  switch (type) {
    case "ID":
    case "Int":
    case "BigInt":
    case "BigDecimal":
      return COMPARE;
    case "String":
      return TEXT;
    case "Bytes":
      return [...COMPARE, "_contains", "_not_contains"];
    case "Boolean":
      return ["", "_not", "_in", "_not_in"];
    case "[BigInt!]":
      return ["", "_not", "_contains", "_not_contains"];
    default:
      return [];
  }
}

/** What one `where` key means. */
type FilterKey =
  | { kind: "field"; column: string; type: FieldType; op: Op }
  | { kind: "nested"; relation: "one" | "many"; column: string; foreign: string; target: string }
  | { kind: "and" }
  | { kind: "or" }
  | { kind: "change" };

const keyCache = new Map<string, Map<string, FilterKey>>();

/**
 * Every `where` key of an entity and what it means: `<field><op>` for scalar fields and for the id
 * column behind a `one` relation, `<relation>_` for nested filters, and `and`, `or`, `_change_block`.
 *
 * @example
 * ```ts
 * filterKeys(entities.Member).get("weight_gte"); // { kind: "field", column: "weight", type: "BigInt", op: "_gte" }
 * ```
 */
export function filterKeys(entity: EntityDef): Map<string, FilterKey> {
  const cached = keyCache.get(entity.name);
  if (cached) return cached;
  const keys = new Map<string, FilterKey>();
  for (const field of entity.fields) {
    for (const op of operatorsFor(field.type)) {
      keys.set(`${field.name}${op}`, { kind: "field", column: field.column, type: field.type, op });
    }
  }
  for (const relation of entity.relations) {
    if (relation.kind === "one") {
      for (const op of TEXT) {
        keys.set(`${relation.name}${op}`, {
          kind: "field",
          column: relation.column,
          type: "String",
          op,
        });
      }
    }
    if (relation.kind !== "latest") {
      keys.set(`${relation.name}_`, {
        kind: "nested",
        relation: relation.kind,
        column: relation.column,
        foreign: relation.foreign,
        target: relation.target,
      });
    }
  }
  keys.set("and", { kind: "and" });
  keys.set("or", { kind: "or" });
  keys.set("_change_block", { kind: "change" });
  keyCache.set(entity.name, keys);
  return keys;
}

/**
 * The GraphQL input type of a `where` key.
 *
 * @example
 * ```ts
 * filterInputType({ kind: "field", column: "weight", type: "BigInt", op: "_in" }); // "[BigInt!]"
 * ```
 */
export function filterInputType(key: FilterKey): string {
  if (key.kind === "and" || key.kind === "or") return "";
  if (key.kind === "change") return "BlockChangedFilter";
  if (key.kind === "nested") return `${key.target}_filter`;
  const scalar = key.type === "[BigInt!]" ? "BigInt" : key.type;
  if (key.op === "_in" || key.op === "_not_in") return `[${scalar}!]`;
  if (key.type === "[BigInt!]") return "[BigInt!]";
  if (key.op.includes("contains") || key.op.includes("with"))
    return key.type === "Bytes" ? "Bytes" : "String";
  return scalar;
}

/** Counts aliases so nested subqueries never shadow their parent. */
interface CompileContext {
  block: bigint | undefined;
  next: number;
}

/**
 * The SQL condition for a `where` argument on `entity`'s source aliased `alias`.
 *
 * @example
 * ```ts
 * const condition = compileWhere(entities.Member, "e", { weight_gte: "10" }, { block: undefined, next: 0 });
 * ```
 */
export function compileWhere(
  entity: EntityDef,
  alias: string,
  where: Record<string, unknown> | null | undefined,
  context: CompileContext,
): SQL {
  if (!where) return sql`TRUE`;
  const keys = filterKeys(entity);
  const parts: SQL[] = [];
  for (const [name, value] of Object.entries(where)) {
    if (value === undefined) continue;
    const key = keys.get(name);
    if (!key) throw new ApiError("INVALID_FILTER", `${entity.name}_filter has no field ${name}.`);
    parts.push(compileKey(entity, key, name, alias, value, context));
  }
  if (parts.length === 0) return sql`TRUE`;
  return sql`(${sql.join(parts, sql` AND `)})`;
}

function compileKey(
  entity: EntityDef,
  key: FilterKey,
  name: string,
  alias: string,
  value: unknown,
  context: CompileContext,
): SQL {
  if (key.kind === "and" || key.kind === "or") {
    const list = (value ?? []) as Record<string, unknown>[];
    if (list.length === 0) return sql`TRUE`;
    const parts = list.map((item) => compileWhere(entity, alias, item, context));
    return sql`(${sql.join(parts, key.kind === "and" ? sql` AND ` : sql` OR `)})`;
  }
  if (key.kind === "change") {
    const { number_gte } = value as { number_gte: number };
    return sql`${col(alias, "block_number")} >= ${number_gte}`;
  }
  if (key.kind === "nested") {
    if (value === null) throw new ApiError("INVALID_FILTER", `${name} cannot be null.`);
    const target = entities[key.target] as EntityDef;
    const inner = `t${context.next++}`;
    const condition = compileWhere(target, inner, value as Record<string, unknown>, context);
    const source = target.source(context.block);
    if (key.relation === "one") {
      return sql`${col(alias, key.column)} IN (SELECT ${col(inner, key.foreign)} FROM (${source}) ${sql.raw(inner)} WHERE ${condition})`;
    }
    return sql`EXISTS (SELECT 1 FROM (${source}) ${sql.raw(inner)} WHERE ${col(inner, key.foreign)} = ${col(alias, key.column)} AND ${condition})`;
  }
  return compileOp(col(alias, key.column), key.type, key.op, value, name);
}

function col(alias: string, column: string): SQL {
  return sql.raw(`${alias}.${column}`);
}

function bind(type: FieldType, value: unknown): SQL {
  if (type === "BigInt" || type === "BigDecimal" || type === "[BigInt!]") {
    return sql`${String(value)}::numeric`;
  }
  return sql`${value}`;
}

function compileOp(column: SQL, type: FieldType, op: Op, value: unknown, name: string): SQL {
  if (value === null) {
    if (op === "") return sql`${column} IS NULL`;
    if (op === "_not") return sql`${column} IS NOT NULL`;
    throw new ApiError("INVALID_FILTER", `${name} cannot be null.`);
  }
  if (type === "[BigInt!]") {
    const list = value as string[];
    const array = sql`ARRAY[${sql.join(
      list.map((v) => sql`${v}`),
      sql`, `,
    )}]::numeric[]`;
    if (op === "") return sql`${column} = ${array}`;
    if (op === "_not") return sql`${column} IS DISTINCT FROM ${array}`;
    if (op === "_contains") return sql`${column} @> ${array}`;
    return sql`NOT (${column} @> ${array})`;
  }
  const v = bind(type, value);
  switch (op) {
    case "":
      return sql`${column} = ${v}`;
    case "_not":
      return sql`${column} IS DISTINCT FROM ${v}`;
    case "_gt":
      return sql`${column} > ${v}`;
    case "_lt":
      return sql`${column} < ${v}`;
    case "_gte":
      return sql`${column} >= ${v}`;
    case "_lte":
      return sql`${column} <= ${v}`;
    case "_in":
    case "_not_in": {
      const list = value as unknown[];
      if (list.length === 0) return op === "_in" ? sql`FALSE` : sql`TRUE`;
      const items = sql.join(
        list.map((item) => bind(type, item)),
        sql`, `,
      );
      return op === "_in" ? sql`${column} IN (${items})` : sql`${column} NOT IN (${items})`;
    }
    default:
      return textOp(column, type, op, value as string);
  }
}

function textOp(column: SQL, type: FieldType, op: Op, value: string): SQL {
  if (type === "Bytes") {
    const found = sql`position(decode(substr(${value}, 3), 'hex') in decode(substr(${column}, 3), 'hex')) > 0`;
    return op === "_contains" ? found : sql`NOT (${found})`;
  }
  const nocase = op.endsWith("_nocase");
  const c = nocase ? sql`lower(${column})` : column;
  const v = nocase ? sql`lower(${value})` : sql`${value}`;
  const negate = op.startsWith("_not_");
  let test: SQL;
  if (op.includes("contains")) test = sql`strpos(${c}, ${v}) > 0`;
  else if (op.includes("starts_with")) test = sql`starts_with(${c}, ${v})`;
  else test = sql`right(${c}, length(${v})) = ${v}`;
  return negate ? sql`NOT (${test})` : test;
}
