// Protection: body size, tokens, depth, aliases (graphql-armor's rules) and cost (rows a query may
// return: each list's `first` multiplied along the nesting, computed with the request's variables).
// Each refusal is a GraphQL error with a sentence that names the limit, and costs the server little.
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { ApiError } from "./errors.ts";
import { DEFAULT_FIRST, MAX_FIRST } from "./query.ts";

/**
 * The limits a request must stay within.
 *
 * @example
 * ```ts
 * const limits: Limits = { ...defaultLimits, maxCost: 10_000 };
 * ```
 */
export interface Limits {
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Most tokens in a document. */
  maxTokens: number;
  /** Deepest selection nesting. */
  maxDepth: number;
  /** Most aliases in an operation. */
  maxAliases: number;
  /** Most rows a query may ask for: Σ over list fields of the product of `first` along the path. */
  maxCost: number;
}

/**
 * Limits that fit every query the web app and the README make, with room.
 *
 * @example
 * ```ts
 * createGraphQL({ store, limits: { ...defaultLimits, maxDepth: 6 } });
 * ```
 */
export const defaultLimits: Limits = {
  maxBodyBytes: 64 * 1024,
  maxTokens: 4000,
  maxDepth: 10,
  maxAliases: 30,
  maxCost: 50_000,
};

function argumentValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return undefined;
}

/**
 * The cost of an operation: each list field adds the product of the `first` arguments (default 100)
 * of itself and the lists around it.
 *
 * @example
 * ```ts
 * operationCost(schema, document, {}); // `{ proposals(first: 10) { ballots(first: 50) { id } } }` → 10 + 500
 * ```
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string | null,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (!operationName || definition.name?.value === operationName) operation ??= definition;
    }
  }
  if (!operation) return 0;
  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getMutationType();
  if (!root) return 0;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, type: GraphQLObjectType, multiplier: number): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // A fragment spread inside itself is a validation error; never loop on one here.
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        cost += walk(fragment.selectionSet, type, multiplier);
        seen.delete(fragment.name.value);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(selection.selectionSet, type, multiplier);
        continue;
      }
      const field = type.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      let inner = multiplier;
      if (isListType(getNullableType(field.type))) {
        const first = selection.arguments?.find((a) => a.name.value === "first");
        const value = first ? argumentValue(first.value, variables) : undefined;
        // Above MAX_FIRST the field itself fails with its own error: count it at the cap.
        const rows =
          typeof value === "number" ? Math.min(Math.max(value, 0), MAX_FIRST) : DEFAULT_FIRST;
        inner = multiplier * rows;
        cost += inner;
      }
      const named = getNamedType(field.type);
      if (isObjectType(named)) cost += walk(selection.selectionSet, named, inner);
    }
    return cost;
  };
  return walk(operation.selectionSet, root, 1);
}

function costPlugin(maxCost: number): Plugin {
  const check = (args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variableValues?: Record<string, unknown> | null | undefined;
    operationName?: string | null | undefined;
  }) => {
    const cost = operationCost(
      args.schema,
      args.document,
      args.variableValues ?? {},
      args.operationName,
    );
    if (cost <= maxCost) return undefined;
    return new ApiError(
      "QUERY_TOO_COSTLY",
      `Query cost ${cost} exceeds the limit of ${maxCost}: the cost counts the rows a query may return (each list's \`first\`, default ${DEFAULT_FIRST}, multiplied along the nesting). Ask for smaller pages.`,
    );
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function tooLarge(maxBytes: number): Response {
  const body = {
    errors: [
      {
        message: `Request body exceeds the limit of ${maxBytes} bytes.`,
        extensions: { code: "BODY_TOO_LARGE" },
      },
    ],
  };
  return new Response(JSON.stringify(body), {
    status: 413,
    headers: { "content-type": "application/json" },
  });
}

/** Reads at most `max` bytes of a body; undefined when it is longer. */
async function readCapped(request: Request, max: number): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function bodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || request.method !== "POST") return;
      setRequestParser(async (incoming) => {
        const length = Number(incoming.headers.get("content-length") ?? "0");
        if (length > maxBytes) return tooLarge(maxBytes);
        const text = await readCapped(incoming, maxBytes);
        if (text === undefined) return tooLarge(maxBytes);
        return requestParser(
          new Request(incoming.url, { method: "POST", headers: incoming.headers, body: text }),
        );
      });
    },
  };
}

/**
 * The protection plugins, in the order they act: body size, tokens (at parse), depth and aliases
 * (validation), cost (before execution); in production, no "did you mean" field suggestions.
 *
 * @example
 * ```ts
 * createYoga({ schema, plugins: limitPlugins(defaultLimits, true) });
 * ```
 */
export function limitPlugins(limits: Limits, production: boolean): Plugin[] {
  const plugins: Plugin[] = [
    bodyLimitPlugin(limits.maxBodyBytes),
    maxTokensPlugin({ n: limits.maxTokens }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true }) as Plugin,
    maxAliasesPlugin({ n: limits.maxAliases }) as Plugin,
    costPlugin(limits.maxCost),
  ];
  if (production) plugins.push(blockFieldSuggestionsPlugin() as Plugin);
  return plugins;
}
