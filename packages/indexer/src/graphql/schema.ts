// The executable schema: the generated query side plus subscriptions over a committed-step feed.
import { createSchema } from "graphql-yoga";
import { extrasResolvers, extrasTypeDefs } from "./extras.ts";
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
  const generated = buildResolvers();
  const extras = extrasResolvers();
  return createSchema({
    typeDefs: [buildTypeDefs(), extrasTypeDefs, subscriptionTypeDefs],
    resolvers: {
      ...generated,
      Query: { ...generated.Query, ...extras.Query },
      TallyRevision: { ...generated.TallyRevision, ...extras.TallyRevision },
      Member: { ...generated.Member, ...extras.Member },
      Subscription: subscriptionResolvers(feed),
    },
  });
}
