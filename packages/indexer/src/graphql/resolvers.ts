// Resolvers generated from the entity descriptions: root singular/plural fields (reading at the
// resolved block), scalar fields (a column, converted), and relations through the request's loaders
// (nested fields read at the block of their parent).

import type { StoreDb } from "../store/database.ts";
import { type BlockArg, type IndexedHead, loadMeta, resolveBlock } from "./block.ts";
import { entities } from "./entities.ts";
import type { Loaders } from "./loaders.ts";
import type { EntityDef, FieldDef, RelationDef } from "./model.ts";
import { type ListArgs, listRows, paging, type QueryDb, type Row } from "./query.ts";
import { BigDecimalScalar, BigIntScalar, BytesScalar } from "./scalars.ts";

/**
 * What every resolver gets: the database, the request's loaders, and the indexed head (read once per
 * request).
 *
 * @example
 * ```ts
 * const context = createApiContext(store, "plenum");
 * ```
 */
export interface ApiContext {
  db: QueryDb;
  /** The store's drizzle handle, for reads that reuse the indexer's own queries (explanations). */
  store?: { db?: StoreDb | undefined } | undefined;
  loaders: Loaders;
  head(): Promise<IndexedHead | undefined>;
  deployment: string;
}

type Resolver = (parent: Row, args: Record<string, unknown>, context: ApiContext) => unknown;

/**
 * How a field's column value becomes the value its resolver returns (before the scalar serializes
 * it): `Int` to a number, `[BigInt!]` from either driver's array form, `[String!]` and actions from
 * their JSON.
 * The bulk export uses the same conversion so that its rows equal the API's.
 *
 * @example
 * ```ts
 * convert(entities.Ballot.fields.find((f) => f.name === "votes")!)("{3,1}"); // ["3", "1"]
 * ```
 */
export function convert(field: FieldDef): (value: unknown) => unknown {
  switch (field.type) {
    case "Int":
      return (v) => (v === null || v === undefined ? v : Number(v));
    case "[BigInt!]":
      return (v) => (v === null || v === undefined ? v : parseArray(v));
    case "[String!]":
      return (v) => (v === null || v === undefined ? v : typeof v === "string" ? JSON.parse(v) : v);
    case "[ProposalAction!]":
      return (v) => (v === null || v === undefined ? v : actionsOf(v));
    default:
      return (v) => v;
  }
}

/** numeric[] comes back as an array from both drivers, or as `{1,2}` text from some. */
function parseArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const text = String(value);
  if (text === "{}") return [];
  return text.slice(1, -1).split(",");
}

function actionsOf(value: unknown) {
  const json = (typeof value === "string" ? JSON.parse(value) : value) as {
    targets: string[];
    values: string[];
    calldatas: string[];
  };
  return json.targets.map((target, i) => ({
    target,
    value: json.values[i],
    calldata: json.calldatas[i],
  }));
}

function relationResolver(relation: RelationDef): Resolver {
  const target = entities[relation.target] as EntityDef;
  return (row, args, context) => {
    const key = row[relation.column];
    if (relation.kind === "many") {
      const list = args as ListArgs;
      paging(list);
      if (key === null || key === undefined) return [];
      return context.loaders.many(target, row.__block, relation.foreign, list).load(String(key));
    }
    if (key === null || key === undefined) return null;
    const loader =
      relation.kind === "one"
        ? context.loaders.one(target, row.__block, relation.foreign)
        : context.loaders.latest(target, row.__block, relation.foreign);
    return loader.load(String(key));
  };
}

async function blockOf(context: ApiContext, block: unknown): Promise<bigint | undefined> {
  return resolveBlock(context.db, block as BlockArg | undefined, await context.head());
}

/**
 * The resolver map of the query side.
 *
 * @example
 * ```ts
 * const schema = createSchema({ typeDefs: buildTypeDefs(), resolvers: buildResolvers() });
 * ```
 */
export function buildResolvers(): Record<string, Record<string, unknown>> {
  const query: Record<string, Resolver> = {};
  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const entity of Object.values(entities)) {
    const type: Record<string, Resolver> = {};
    for (const field of entity.fields) {
      const to = convert(field);
      type[field.name] = (row) => to(row[field.column]);
    }
    for (const relation of entity.relations) type[relation.name] = relationResolver(relation);
    resolvers[entity.name] = type;
    query[entity.single] = async (_root, args, context) =>
      context.loaders.one(entity, await blockOf(context, args.block), "id").load(String(args.id));
    query[entity.plural] = async (_root, args, context) =>
      listRows(context.db, entity, await blockOf(context, args.block), args as ListArgs);
  }
  query._meta = async (_root, args, context) => {
    const head = await context.head();
    const block = await resolveBlock(context.db, args.block as BlockArg | undefined, head);
    return loadMeta(context.db, block, head, context.deployment);
  };
  return {
    ...resolvers,
    Query: query,
    BigInt: BigIntScalar as unknown as Record<string, unknown>,
    BigDecimal: BigDecimalScalar as unknown as Record<string, unknown>,
    Bytes: BytesScalar as unknown as Record<string, unknown>,
  };
}
