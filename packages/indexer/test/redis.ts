// The Redis the tests use: REDIS_URL, or the one every machine of this project runs on 127.0.0.1:6379.
import { createConnection } from "node:net";

/** The Redis URL tests connect to. */
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Whether a Redis answers at `url` within half a second (a TCP connect, no command).
 *
 * @example
 * ```ts
 * const available = await redisReachable();
 * describe.skipIf(!available)("with Redis", () => {});
 * ```
 */
export async function redisReachable(url: string = redisUrl): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection(Number(port || 6379), hostname);
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
