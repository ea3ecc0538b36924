import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * A JSON response (bigints as decimal strings), never cached and never sniffed as another type.
 * @example
 * app.get("/health", (c) => json(c, 200, { status: "ok" }));
 */
export function json(
  c: Context,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  const text = JSON.stringify(body, (_key, value) =>
    typeof value === "bigint" ? value.toString() : value,
  );
  return c.body(text, status as ContentfulStatusCode, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
}
