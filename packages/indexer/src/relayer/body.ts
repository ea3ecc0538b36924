import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError } from "../server/errors.ts";
import type { ServerEnv } from "../server/types.ts";
import { RelayerError } from "./errors.ts";

/**
 * The middleware that takes a JSON body: refuses another content type (415), then a declared or
 * actual size over `maxBytes` (413, without reading the rest; Hono's `bodyLimit` counts bodies sent
 * without a length). Read the body afterwards with {@link readJson}.
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
  const tooLarge = () =>
    new RelayerError("BODY_TOO_LARGE", `the body is larger than ${maxBytes} bytes`, { maxBytes });
  const streamLimit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  }) as MiddlewareHandler<ServerEnv>;
  // With a Content-Length (and no Transfer-Encoding), node's parser delivers exactly that many
  // bytes, so the declared size is the whole check: made here from the header, as bodyLimit would,
  // because bodyLimit first touches `c.req.raw.body`, which turns @hono/node-server's direct read
  // into a web stream and costs about a third more CPU per small request. Other bodies (chunked)
  // are counted by bodyLimit as they arrive.
  const limit: MiddlewareHandler<ServerEnv> = async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared === undefined || c.req.header("transfer-encoding") !== undefined) {
      return streamLimit(c, next);
    }
    if (Number(declared) > maxBytes) throw tooLarge();
    await next();
  };
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
