// The GraphQL API as a yoga instance: a fetch-API handler the server mounts at /graphql.
import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import type { StoreDb } from "../store/database.ts";
import { loadIndexedHead } from "./block.ts";
import { defaultLimits, type Limits, limitPlugins } from "./limits.ts";
import { createLoaders } from "./loaders.ts";
import { type CommittedFeed, createCommittedFeed } from "./pubsub.ts";
import type { QueryDb } from "./query.ts";
import type { ApiContext } from "./resolvers.ts";
import { createApiSchema } from "./schema.ts";

/**
 * How to build the API.
 *
 * @example
 * ```ts
 * const options: CreateGraphQLOptions = { store, pubsub: createCommittedFeed({ redisUrl }), production: true };
 * ```
 */
export interface CreateGraphQLOptions {
  /** The store (or anything that runs raw SQL on it; explanations also need its drizzle `db`). */
  store: QueryDb & { db?: StoreDb | undefined };
  /** The committed-step feed subscriptions listen to (an in-process one when absent). */
  pubsub?: CommittedFeed | undefined;
  /** Masks internal error messages, hides GraphiQL and field suggestions. */
  production?: boolean | undefined;
  /** Path the server mounts the handler at. Default `/graphql`. */
  graphqlEndpoint?: string | undefined;
  /** Name reported as `_meta.deployment`. Default `plenum`. */
  deployment?: string | undefined;
  limits?: Partial<Limits> | undefined;
  /**
   * More yoga/envelop plugins, run after the limits: the server's hook for per-client rate limits
   * (e.g. an `onRequest` that ends the response with 429).
   */
  plugins?: Plugin[] | undefined;
}

/**
 * The GraphQL API: a yoga instance whose `fetch` (or `handle`) answers GET/POST GraphQL requests and
 * SSE subscriptions.
 *
 * @example
 * ```ts
 * const yoga = createGraphQL({ store, pubsub: feed, production: process.env.NODE_ENV === "production" });
 * app.on(["GET", "POST"], "/graphql", (c) => yoga.fetch(c.req.raw));
 * ```
 */
export function createGraphQL(
  options: CreateGraphQLOptions,
): YogaServerInstance<Record<string, unknown>, ApiContext> {
  const db = options.store;
  const production = options.production ?? false;
  const deployment = options.deployment ?? "plenum";
  const limits = { ...defaultLimits, ...options.limits };
  return createYoga<Record<string, unknown>, ApiContext>({
    schema: createApiSchema(options.pubsub ?? createCommittedFeed()) as never,
    graphqlEndpoint: options.graphqlEndpoint ?? "/graphql",
    graphiql: !production,
    landingPage: false,
    maskedErrors: production,
    logging: production ? "warn" : "error",
    context: (): ApiContext => {
      let head: ReturnType<typeof loadIndexedHead> | undefined;
      return {
        db,
        store: options.store,
        loaders: createLoaders(db),
        head: () => {
          head ??= loadIndexedHead(db);
          return head;
        },
        deployment,
      };
    },
    plugins: [...limitPlugins(limits, production), ...(options.plugins ?? [])],
  });
}
