// A small stand-in for graph-node's query API over the entities a replay wrote (no graph-node can run
// here). It serves the part of graph-node's dialect the SDK's subgraph source uses, with graph-node's
// names and semantics: a list field per entity (`memberEvents`, `identities`, ...), `first`,
// `orderBy: id`, `orderDirection`, `where` with equality, `id_gt` and nested `<relation>_` filters,
// `block: { number }` (refused above the indexed head, like graph-node), references and
// `@derivedFrom` lists resolved from the store, and `_meta { block { number } }`. Time travel is
// approximated for what the source reads: a row is visible at block N when its `blockNumber` is at or
// below N, exact for the immutable event entities (and for a proposal's creation facts).

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { buildSchema, type GraphQLFieldResolver, type GraphQLSchema, graphql } from "graphql";
import { subgraphDir } from "./compile.ts";
import type { Host } from "./host.ts";
import { loadSchema } from "./schema.ts";

/** graph-node's collection name of an entity: lower camel case, plural. */
export function collectionName(entity: string): string {
  const lower = entity[0]?.toLowerCase() + entity.slice(1);
  return lower.endsWith("y") ? `${lower.slice(0, -1)}ies` : `${lower}s`;
}

/**
 * The query schema the stand-in serves: schema.graphql's entities with graph-node's list fields and
 * arguments (`first`, `skip`, `orderBy`, `orderDirection`, `where` with equality, `id_gt` and nested
 * `<relation>_` filters, `block`), and `_meta { block { number } }`.
 */
export function subgraphApiSchema(): GraphQLSchema {
  const rules = loadSchema();
  // Derived lists take graph-node's list arguments too.
  const sdl = readFileSync(join(subgraphDir, "schema.graphql"), "utf8").replace(
    /^(\s+)(\w+): \[(\w+)!\](!?) @derivedFrom/gm,
    "$1$2(first: Int = 100, skip: Int = 0, orderBy: $3_orderBy, orderDirection: OrderDirection, where: $3_filter): [$3!]$4 @derivedFrom",
  );
  const filterType = (type: string) =>
    ({
      BigInt: "BigInt",
      Int: "Int",
      Boolean: "Boolean",
      Bytes: "Bytes",
      String: "String",
      ID: "ID",
    })[type] ?? "String";
  let extra = `
directive @entity(immutable: Boolean) on OBJECT
directive @derivedFrom(field: String!) on FIELD_DEFINITION
scalar Bytes
scalar BigInt
enum OrderDirection { asc desc }
input Block_height { number: Int }
type _Block_ { number: Int! }
type _Meta_ { block: _Block_! }
`;
  const query: string[] = ["_meta(block: Block_height): _Meta_"];
  for (const rule of rules.values()) {
    const inputs = ["id_gt: String"];
    const order: string[] = [];
    for (const field of rule.fields.values()) {
      if (field.derived || field.list) continue;
      order.push(field.name);
      const target = rules.get(field.type);
      inputs.push(`${field.name}: ${target ? "String" : filterType(field.type)}`);
      if (target) inputs.push(`${field.name}_: ${field.type}_filter`);
    }
    extra += `input ${rule.name}_filter { ${inputs.join(", ")} }\nenum ${rule.name}_orderBy { ${order.join(" ")} }\n`;
    query.push(
      `${collectionName(rule.name)}(block: Block_height, first: Int = 100, skip: Int = 0, orderBy: ${rule.name}_orderBy, orderDirection: OrderDirection, where: ${rule.name}_filter): [${rule.name}!]!`,
    );
  }
  return buildSchema(`${extra}\n${sdl}\ntype Query { ${query.join("\n")} }`);
}

export interface EntityServer {
  url: string;
  /** Queries answered. */
  queries: string[];
  close(): Promise<void>;
}

export async function serveEntities(host: Host, head: bigint, port: number): Promise<EntityServer> {
  const rules = loadSchema();
  const schema = subgraphApiSchema();
  const byCollection = new Map([...rules.keys()].map((e) => [collectionName(e), e]));
  const rowsOf = (entity: string) => host.rows(entity);
  const rowById = (entity: string, id: unknown) => rowsOf(entity).find((r) => r.id === id) ?? null;

  const matches = (
    entity: string,
    row: Record<string, unknown>,
    where: Record<string, unknown>,
  ): boolean =>
    Object.entries(where).every(([key, expected]) => {
      if (key === "id_gt") return String(row.id) > String(expected);
      if (key.endsWith("_")) {
        const field = rules.get(entity)?.fields.get(key.slice(0, -1));
        if (!field) return false;
        const target = rowById(field.type, row[field.name]);
        return target !== null && matches(field.type, target, expected as Record<string, unknown>);
      }
      const value = row[key];
      return typeof value === "string" && typeof expected === "string"
        ? value.toLowerCase() === expected.toLowerCase()
        : String(value) === String(expected);
    });

  const plain = (value: unknown): unknown =>
    typeof value === "bigint" ? value.toString() : Array.isArray(value) ? value.map(plain) : value;

  const resolver: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (
    source,
    args,
    _context,
    info,
  ) => {
    if (info.parentType.name === "Query") {
      const block = (args.block as { number?: number } | undefined)?.number;
      if (block !== undefined && BigInt(block) > head) {
        throw new Error(
          `Failed to decode \`block.number\` value: \`subgraph has only indexed up to block number ${head} and data for block number ${block} is therefore not yet available\``,
        );
      }
      if (info.fieldName === "_meta") return { block: { number: Number(head) } };
      const entity = byCollection.get(info.fieldName) as string;
      const at = block === undefined ? head : BigInt(block);
      const rows = rowsOf(entity)
        .filter((r) => r.blockNumber === undefined || (r.blockNumber as bigint) <= at)
        .filter((r) => matches(entity, r, (args.where as Record<string, unknown>) ?? {}))
        .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
      if (args.orderDirection === "desc") rows.reverse();
      return rows.slice(0, Number(args.first ?? 100)).map((r) => ({ ...r, __entity: entity }));
    }
    const row = source as Record<string, unknown> & { __entity?: string };
    if (!row.__entity) return plain(row[info.fieldName]);
    const field = rules.get(row.__entity)?.fields.get(info.fieldName);
    if (field?.derived) {
      const directive = info.parentType
        .getFields()
        [info.fieldName]?.astNode?.directives?.find((d) => d.name.value === "derivedFrom");
      const argument = directive?.arguments?.[0]?.value;
      const by = argument?.kind === "StringValue" ? argument.value : "";
      return rowsOf(field.type)
        .filter((r) => r[by] === row.id)
        .map((r) => ({ ...r, __entity: field.type }));
    }
    if (field && rules.has(field.type)) {
      const target = rowById(field.type, row[field.name]);
      return target ? { ...target, __entity: field.type } : null;
    }
    return plain(row[info.fieldName]);
  };

  const queries: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", async () => {
      const { query: source, variables } = JSON.parse(body) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      queries.push(source);
      const result = await graphql({
        schema,
        source,
        variableValues: variables,
        fieldResolver: resolver,
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/subgraphs/name/plenum`,
    queries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
