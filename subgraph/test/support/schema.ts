// The rules schema.graphql puts on what the mappings write, checked on every store.set/remove the
// host sees: known entity and fields, no derived field written, value kinds matching the field types,
// every non-null field present and non-null, list items non-null where declared, ids that match,
// and immutable entities written once and never removed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, type TypeNode } from "graphql";
import { subgraphDir } from "./compile.ts";

/** A value as graph-ts's store `Value` holds it. */
export type StoreValue =
  | { kind: "String"; value: string }
  | { kind: "Int"; value: number }
  | { kind: "Int8"; value: bigint }
  | { kind: "BigInt"; value: bigint }
  | { kind: "Bytes"; value: string }
  | { kind: "Boolean"; value: boolean }
  | { kind: "Null" }
  | { kind: "Array"; value: StoreValue[] };

export interface FieldRule {
  name: string;
  /** The named type: a scalar (`Bytes`, `BigInt`, ...) or an entity. */
  type: string;
  nonNull: boolean;
  list: boolean;
  itemNonNull: boolean;
  derived: boolean;
}

export interface EntityRule {
  name: string;
  immutable: boolean;
  idType: string;
  fields: Map<string, FieldRule>;
}

export type Schema = Map<string, EntityRule>;

export function loadSchema(path = join(subgraphDir, "schema.graphql")): Schema {
  const document = parse(readFileSync(path, "utf8"));
  const schema: Schema = new Map();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const entity = definition.directives?.find((d) => d.name.value === "entity");
    if (!entity) throw new Error(`type ${definition.name.value} has no @entity`);
    const immutable = entity.arguments?.find((a) => a.name.value === "immutable");
    const fields = new Map<string, FieldRule>();
    for (const field of definition.fields ?? []) {
      let type: TypeNode = field.type;
      const nonNull = type.kind === Kind.NON_NULL_TYPE;
      if (type.kind === Kind.NON_NULL_TYPE) type = type.type;
      const list = type.kind === Kind.LIST_TYPE;
      let itemNonNull = false;
      if (type.kind === Kind.LIST_TYPE) {
        type = type.type;
        itemNonNull = type.kind === Kind.NON_NULL_TYPE;
        if (type.kind === Kind.NON_NULL_TYPE) type = type.type;
      }
      if (type.kind !== Kind.NAMED_TYPE) throw new Error(`nested list in ${field.name.value}`);
      fields.set(field.name.value, {
        name: field.name.value,
        type: type.name.value,
        nonNull,
        list,
        itemNonNull,
        derived: field.directives?.some((d) => d.name.value === "derivedFrom") ?? false,
      });
    }
    const id = fields.get("id");
    if (!id) throw new Error(`entity ${definition.name.value} has no id`);
    schema.set(definition.name.value, {
      name: definition.name.value,
      immutable: immutable?.value.kind === Kind.BOOLEAN && immutable.value.value,
      idType: id.type,
      fields,
    });
  }
  return schema;
}

const SCALARS: Record<string, StoreValue["kind"]> = {
  ID: "String",
  String: "String",
  Bytes: "Bytes",
  BigInt: "BigInt",
  Int: "Int",
  Int8: "Int8",
  Boolean: "Boolean",
};

/** The store kind a value of GraphQL type `type` must have (a reference holds the target's id). */
function kindOf(schema: Schema, type: string): StoreValue["kind"] {
  const scalar = SCALARS[type];
  if (scalar) return scalar;
  const target = schema.get(type);
  if (!target) throw new Error(`unknown type ${type}`);
  return kindOf(schema, target.idType);
}

/** Why writing `data` as `entity` `id` breaks the schema (empty when it does not). */
export function violations(
  schema: Schema,
  entity: string,
  id: string,
  data: Map<string, StoreValue>,
): string[] {
  const rule = schema.get(entity);
  if (!rule) return [`${entity} is not an entity of schema.graphql`];
  const problems: string[] = [];
  const where = `${entity} ${id}`;
  for (const [name, value] of data) {
    const field = rule.fields.get(name);
    if (!field) {
      problems.push(`${where}: field ${name} is not in the schema`);
      continue;
    }
    if (field.derived) {
      problems.push(`${where}: derived field ${name} is written`);
      continue;
    }
    if (value.kind === "Null") continue;
    const kind = kindOf(schema, field.type);
    if (field.list) {
      if (value.kind !== "Array") {
        problems.push(`${where}: ${name} is a list, written as ${value.kind}`);
        continue;
      }
      for (const item of value.value) {
        if (item.kind === "Null") {
          if (field.itemNonNull) problems.push(`${where}: ${name} has a null item`);
        } else if (item.kind !== kind) {
          problems.push(`${where}: ${name} has a ${item.kind} item, needs ${kind}`);
        }
      }
    } else if (value.kind !== kind) {
      problems.push(`${where}: ${name} is ${value.kind}, needs ${kind}`);
    }
  }
  for (const field of rule.fields.values()) {
    if (field.derived || !field.nonNull) continue;
    const value = data.get(field.name);
    if (value === undefined || value.kind === "Null") {
      problems.push(`${where}: non-null field ${field.name} is missing`);
    }
  }
  const written = data.get("id");
  const idText =
    written?.kind === "Bytes" || written?.kind === "String" ? written.value : undefined;
  if (idText !== id) problems.push(`${where}: id field ${idText} differs from the key`);
  return problems;
}
