// The SDL generated from the entity descriptions: per entity its object type, `<Entity>_filter`
// (The Graph's operator suffixes), `<Entity>_orderBy`, and a singular and a plural root field.
import { entities } from "./entities.ts";
import { filterInputType, filterKeys } from "./filters.ts";
import type { EntityDef, RelationDef } from "./model.ts";
import { DEFAULT_FIRST, orderColumns } from "./query.ts";

const doc = (text: string, indent = "") => `${indent}"""\n${indent}${text}\n${indent}"""\n`;

const COMMON = `${doc("An integer of any size, as a decimal string.")}scalar BigInt

${doc("An exact decimal number, as a string.")}scalar BigDecimal

${doc("Bytes as 0x-prefixed hex (lower case).")}scalar Bytes

enum OrderDirection {
  asc
  desc
}

${doc("Which block a query reads: a number, a hash, or the latest once the indexer has reached `number_gte`.")}input Block_height {
  hash: Bytes
  number: Int
  number_gte: Int
}

${doc("Only rows written at or after this block.")}input BlockChangedFilter {
  number_gte: Int!
}

${doc("A block the API read at.")}type _Block_ {
  number: Int!
  hash: Bytes
  parentHash: Bytes
  timestamp: Int
}

${doc("Indexing status.")}type _Meta_ {
  ${doc("The block read (the indexed head unless `block` says otherwise); null before the first block is indexed.", "  ").trimStart()}  block: _Block_
  deployment: String!
  ${doc("Whether a finalized tally revision disagrees with the contract (see `tallyMismatches`).", "  ").trimStart()}  hasIndexingErrors: Boolean!
  tallyMismatches: Int!
  ${doc("Highest block that can no longer be reorganised.", "  ").trimStart()}  finalizedBlock: Int
  ${doc("The node's head when the last step was committed.", "  ").trimStart()}  headBlock: Int
}

${doc("A call a proposal executes if it passes.")}type ProposalAction {
  target: Bytes!
  value: BigInt!
  calldata: Bytes!
}
`;

function listArgs(target: string): string {
  return `(where: ${target}_filter, orderBy: ${target}_orderBy, orderDirection: OrderDirection, first: Int = ${DEFAULT_FIRST}, skip: Int = 0)`;
}

function relationField(relation: RelationDef): string {
  const type =
    relation.kind === "many"
      ? `${relationName(relation)}${listArgs(relation.target)}: [${relation.target}!]!`
      : `${relationName(relation)}: ${relation.target}${relation.nullable ? "" : "!"}`;
  return `${doc(relation.description, "  ")}  ${type}`;
}

const relationName = (relation: RelationDef) => relation.name;

function objectType(entity: EntityDef): string {
  const fields = entity.fields.map(
    (field) =>
      `${doc(field.description, "  ")}  ${field.name}: ${field.type}${field.nullable ? "" : "!"}`,
  );
  const relations = entity.relations.map(relationField);
  return `${doc(entity.description)}type ${entity.name} {\n${[...fields, ...relations].join("\n")}\n}`;
}

function filterType(entity: EntityDef): string {
  const lines: string[] = [];
  for (const [name, key] of filterKeys(entity)) {
    if (key.kind === "and" || key.kind === "or") continue;
    lines.push(`  ${name}: ${filterInputType(key)}`);
  }
  lines.push(`  and: [${entity.name}_filter]`, `  or: [${entity.name}_filter]`);
  return `input ${entity.name}_filter {\n${lines.join("\n")}\n}`;
}

function orderType(entity: EntityDef): string {
  const names = [...orderColumns(entity).keys()];
  return `enum ${entity.name}_orderBy {\n${names.map((n) => `  ${n}`).join("\n")}\n}`;
}

function rootFields(entity: EntityDef): string {
  return [
    `${doc(`One ${entity.name} by id.`, "  ")}  ${entity.single}(id: ID!, block: Block_height): ${entity.name}`,
    `${doc(`${entity.name} list: filter, order, page (\`first\` ≤ 1000, \`skip\` ≤ 5000; deeper with \`id_gt\`).`, "  ")}  ${entity.plural}${listArgs(entity.name).replace(")", ", block: Block_height)")}: [${entity.name}!]!`,
  ].join("\n");
}

/**
 * The full SDL of the query side (subscriptions are appended by `createSchema`).
 *
 * @example
 * ```ts
 * const typeDefs = [buildTypeDefs(), subscriptionTypeDefs];
 * ```
 */
export function buildTypeDefs(): string {
  const all = Object.values(entities);
  const parts = [COMMON];
  for (const entity of all) parts.push(objectType(entity), filterType(entity), orderType(entity));
  parts.push(
    `type Query {\n${all.map(rootFields).join("\n")}\n${doc("Indexing status at the block read.", "  ")}  _meta(block: Block_height): _Meta_\n}`,
  );
  return parts.join("\n\n");
}
