import type { IncomingMessage, ServerResponse } from "node:http";
import { RelayerError } from "./errors.ts";

/**
 * Reads a JSON request body of at most `maxBytes`. Refuses other content types (415), a declared
 * or actual size over the limit (413, without reading the rest) and text that is not JSON (400).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new RelayerError(
      "UNSUPPORTED_MEDIA_TYPE",
      'send the body as JSON with "Content-Type: application/json"',
    );
  }
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      try {
        resolve(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new RelayerError("MALFORMED_REQUEST", "the body is not valid UTF-8"));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new RelayerError("MALFORMED_REQUEST", "the body is not valid JSON");
  }
}

function tooLarge(maxBytes: number) {
  return new RelayerError("BODY_TOO_LARGE", `the body is larger than ${maxBytes} bytes`, {
    maxBytes,
  });
}

/** Writes a JSON response (bigints as decimal strings). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body, (_key, value) =>
    typeof value === "bigint" ? value.toString() : value,
  );
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(text);
}

/** Writes a {@link RelayerError} as `{ error: { code, message, … } }`, with Retry-After if it has one. */
export function sendError(res: ServerResponse, error: RelayerError): void {
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers["retry-after"] = String(error.retryAfter);
  // After a body was refused unread, close the connection rather than drain what is left of it.
  if (error.code === "BODY_TOO_LARGE") headers.connection = "close";
  sendJson(res, error.status, error.toJSON(), headers);
}
