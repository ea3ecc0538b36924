import { createHmac } from "node:crypto";
import type { Context } from "hono";
import type { ServerEnv } from "./types.ts";

/** Options of {@link createClientKey}. */
export interface ClientKeyOptions {
  /** Secret the address is hashed with; it never leaves the process. */
  salt: string;
  /** Take the address from the last `X-Forwarded-For` entry (only behind your own proxy). */
  trustProxy: boolean;
}

/**
 * Makes the function that names a request's client for a rate limiter: `c:` and a salted
 * HMAC-SHA256 of its address (the socket's, or with `trustProxy` the last `X-Forwarded-For`
 * entry), never the address itself.
 * @example
 * const clientKey = createClientKey({ salt: randomBytes(32).toString("hex"), trustProxy: false });
 * app.use(async (c, next) => { await limiter.take(clientKey(c)); await next(); });
 */
export function createClientKey(options: ClientKeyOptions): (c: Context<ServerEnv>) => string {
  const { salt, trustProxy } = options;
  return (c) => {
    let address = c.env.incoming.socket.remoteAddress ?? "unknown";
    if (trustProxy) {
      const last = (c.req.header("x-forwarded-for") ?? "")
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)
        .pop();
      if (last) address = last;
    }
    return `c:${createHmac("sha256", salt).update(address).digest("base64url").slice(0, 22)}`;
  };
}
