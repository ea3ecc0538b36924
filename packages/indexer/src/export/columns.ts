// What an export row holds: per entity, its columns (the API's scalar fields, and the id of each
// relation every row has), each read from the entity's source and turned into exactly the value the
// GraphQL API answers: the resolvers' conversion, then the schema's own serialization.
import {
  type GraphQLOutputType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { createSchema } from "graphql-yoga";
import { entities } from "../graphql/entities.ts";
import type { EntityDef } from "../graphql/model.ts";
import { convert } from "../graphql/resolvers.ts";
import { BigDecimalScalar, BigIntScalar, BytesScalar } from "../graphql/scalars.ts";
import { buildTypeDefs } from "../graphql/sdl.ts";

let schema: GraphQLSchema | undefined;

/**
 * The query side of the API's schema (its SDL and scalars, no resolvers): the types the export
 * checks its parameters against and serializes its values with.
 *
 * @example
 * ```ts
 * exportSchema().getType("Proposal_filter"); // the `where` input of `proposals`
 * ```
 */
export function exportSchema(): GraphQLSchema {
  schema ??= createSchema({
    typeDefs: buildTypeDefs(),
    resolvers: { BigInt: BigIntScalar, BigDecimal: BigDecimalScalar, Bytes: BytesScalar },
  }) as unknown as GraphQLSchema;
  return schema;
}

/**
 * One column of an export: its name (the GraphQL field, or the relation whose id it holds), the
 * source column it reads, and how a raw value becomes the API's.
 *
 * @example
 * ```ts
 * const [id] = exportColumns(entities.Proposal);
 * id.value("eip155:31337:0x…-1"); // "eip155:31337:0x…-1"
 * ```
 */
export interface ExportColumn {
  name: string;
  column: string;
  value(raw: unknown): unknown;
}

/** graphql-js's completion of a value, for the output types entity fields use. */
function complete(type: GraphQLOutputType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return complete(type.ofType, value);
  if (isListType(type)) return (value as unknown[]).map((item) => complete(type.ofType, item));
  if (isScalarType(type)) return type.serialize(value);
  if (isObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(type.getFields())) {
      out[name] = complete(field.type, (value as Record<string, unknown>)[name]);
    }
    return out;
  }
  throw new TypeError(`the export cannot write values of type ${String(type)}`);
}

const cache = new Map<string, ExportColumn[]>();

/**
 * Every column of an entity, in order: `id`, the id of each relation every row has (`community`,
 * `proposal`), then the other fields. A relation that may be null at a block (a ballot's `member`)
 * is left out: its id would not always name a row.
 *
 * @example
 * ```ts
 * exportColumns(entities.Ballot).map((c) => c.name); // ["id", "community", "proposal", "voter", …]
 * ```
 */
export function exportColumns(entity: EntityDef): ExportColumn[] {
  const cached = cache.get(entity.name);
  if (cached) return cached;
  const type = exportSchema().getType(entity.name);
  if (!isObjectType(type)) throw new TypeError(`no type ${entity.name}`);
  const fields = type.getFields();
  const columns: ExportColumn[] = [];
  const field = (name: string) => {
    const def = entity.fields.find((f) => f.name === name);
    const out = fields[name];
    if (!def || !out) return;
    const to = convert(def);
    columns.push({ name, column: def.column, value: (raw) => complete(out.type, to(raw)) });
  };
  field("id");
  const id = fields.id;
  for (const relation of entity.relations) {
    if (relation.kind !== "one" || relation.nullable || !id) continue;
    columns.push({
      name: relation.name,
      column: relation.column,
      value: (raw) => complete(id.type, raw),
    });
  }
  for (const def of entity.fields) if (def.name !== "id") field(def.name);
  cache.set(entity.name, columns);
  return columns;
}

/**
 * The entities the export serves, by their plural (the API's list field): every one of them.
 *
 * @example
 * ```ts
 * exportEntities().get("tallyRevisions")?.name; // "TallyRevision"
 * ```
 */
export function exportEntities(): Map<string, EntityDef> {
  return new Map(Object.values(entities).map((entity) => [entity.plural, entity]));
}
