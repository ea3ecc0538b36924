// The typed `graphql()` tag: documents are checked against the indexer's committed schema
// (packages/indexer/schema.graphql → src/generated/graphql-env.d.ts, `pnpm --filter @plenum/web codegen`).
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "../generated/graphql-env.d.ts";

/**
 * Writes a GraphQL document typed from the indexer's schema (results and variables).
 * @example
 * const Meta = graphql(`query { _meta { block { number } } }`);
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    BigInt: string;
    BigDecimal: string;
    Bytes: `0x${string}`;
    ID: string;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from "gql.tada";
export { readFragment } from "gql.tada";
