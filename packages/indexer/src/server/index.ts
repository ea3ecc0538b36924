// The service's HTTP server: one Hono app on node's http, serving /health and the modules mounted in
// it (the relayer today; GraphQL, export, /ready and /metrics later), with the rate limiters they share.
export { type CreateAppOptions, createApp } from "./app.ts";
export { type ClientKeyOptions, createClientKey } from "./clientKey.ts";
export { type ErrorDetails, HttpError, type HttpErrorOptions } from "./errors.ts";
export { json } from "./json.ts";
export {
  checkRateLimit,
  createMemoryLimiter,
  type LimitDecision,
  type MemoryLimiterOptions,
  parseRateLimit,
  type RateLimit,
  type RateLimiter,
} from "./rateLimiter.ts";
export {
  connectRedis,
  createRedisLimiter,
  type RedisLimiterOptions,
  redisReady,
} from "./rateLimiterRedis.ts";
export { type CreateServerOptions, createServer, type Server } from "./server.ts";
export type { ServerEnv, ServerModule, ServerRoutes } from "./types.ts";
