// The shape of the one table description the schema, the filters and the resolvers are generated from.
import type { SQL } from "drizzle-orm";

/**
 * A column's GraphQL type. Scalars get The Graph's filter operators; `[BigInt!]` gets the list ones;
 * `[String!]` and `ProposalAction` (JSON columns) are neither filtered nor ordered.
 *
 * @example
 * ```ts
 * const type: FieldType = "BigInt";
 * ```
 */
export type FieldType =
  | "ID"
  | "String"
  | "Int"
  | "BigInt"
  | "BigDecimal"
  | "Boolean"
  | "Bytes"
  | "[BigInt!]"
  | "[String!]"
  | "[ProposalAction!]";

/**
 * A scalar field: its GraphQL name, the column of the entity's source it reads, and its type.
 *
 * @example
 * ```ts
 * const weight: FieldDef = { name: "weight", column: "weight", type: "BigInt", description: "Voting weight." };
 * ```
 */
export interface FieldDef {
  name: string;
  column: string;
  type: FieldType;
  nullable?: boolean;
  description: string;
}

/**
 * A link to another entity. `one`: the target row whose `foreign` equals this row's `column`. `many`:
 * every such target row (paged and filtered like a root list). `latest`: of those, the one with the
 * highest `block_number`.
 *
 * @example
 * ```ts
 * const ballots: RelationDef = { name: "ballots", target: "Ballot", kind: "many", column: "id", foreign: "proposal", description: "Current ballots." };
 * ```
 */
export interface RelationDef {
  name: string;
  target: string;
  kind: "one" | "many" | "latest";
  column: string;
  foreign: string;
  nullable?: boolean;
  description: string;
}

/**
 * One entity: its GraphQL names and the SQL that yields its rows as of a block (every row when
 * `block` is undefined). Each source row has an `id` column and a `block_number` column.
 *
 * @example
 * ```ts
 * const source = entities.Member.source(120n); // SQL: the latest member_events row per member at block 120
 * ```
 */
export interface EntityDef {
  name: string;
  single: string;
  plural: string;
  description: string;
  source(block: bigint | undefined): SQL;
  fields: FieldDef[];
  relations: RelationDef[];
}
