import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError } from "../server/errors.ts";
import type { ServerEnv } from "../server/types.ts";
import { RelayerError } from "./errors.ts";

/**
 * The middleware that takes a JSON body: refuses another content type (415), then a declared or
 * actual size over `maxBytes` (413, without reading the rest; Hono's `bodyLimit`). Read the body
 * afterwards with {@link readJson}.
 * @example
 * routes.post("/v1/signed-ballots", ...jsonBody(16_384), async (c) => json(c, 200, await readJson(c)));
 */
export function jsonBody(maxBytes: number): MiddlewareHandler<ServerEnv>[] {
  const requireJson: MiddlewareHandler<ServerEnv> = async (c, next) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") {
      throw new RelayerError(
        "UNSUPPORTED_MEDIA_TYPE",
        'send the body as JSON with "Content-Type: application/json"',
      );
    }
    await next();
  };
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new RelayerError("BODY_TOO_LARGE", `the body is larger than ${maxBytes} bytes`, {
        maxBytes,
      });
    },
  }) as MiddlewareHandler<ServerEnv>;
  return [requireJson, limit];
}

/**
 * Reads the request's body as UTF-8 JSON (400 `MALFORMED_REQUEST` if it is not, or if the client
 * hung up before sending all of it).
 * @example
 * const value = await readJson(c);
 */
export async function readJson(c: Context<ServerEnv>): Promise<unknown> {
  let bytes: ArrayBuffer;
  try {
    bytes = await c.req.arrayBuffer();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new RelayerError("MALFORMED_REQUEST", "the body could not be read to its end");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RelayerError("MALFORMED_REQUEST", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RelayerError("MALFORMED_REQUEST", "the body is not valid JSON");
  }
}
