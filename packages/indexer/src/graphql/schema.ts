// The executable schema: the generated query side plus subscriptions over a committed-step feed.
import { createSchema } from "graphql-yoga";
import type { CommittedFeed } from "./pubsub.ts";
import { buildResolvers } from "./resolvers.ts";
import { buildTypeDefs } from "./sdl.ts";
import { subscriptionResolvers, subscriptionTypeDefs } from "./subscriptions.ts";

/**
 * The API's schema; `feed` feeds its subscriptions.
 *
 * @example
 * ```ts
 * import { printSchema } from "graphql";
 * console.log(printSchema(createApiSchema(createCommittedFeed())));
 * ```
 */
export function createApiSchema(feed: CommittedFeed) {
  return createSchema({
    typeDefs: [buildTypeDefs(), subscriptionTypeDefs],
    resolvers: { ...buildResolvers(), Subscription: subscriptionResolvers(feed) },
  });
}
