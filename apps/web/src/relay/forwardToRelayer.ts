// The app's relayer routes (anonymous and signed ballots) pass the browser's JSON on to the relayer
// mounted by the indexer, under this app's origin like the GraphQL API.
import { readEndpoints } from "../config/endpoints.ts";
import { clientAddress } from "./clientAddress.ts";

/** How one relayer route forwards. */
export interface ForwardToRelayerOptions {
  /** The relayer's path, e.g. `/v1/signed-ballots`. */
  path: string;
  /** The largest body passed on, in bytes; larger ones get 413 `BODY_TOO_LARGE`. */
  maxBodyBytes: number;
  /** What a body too large is called in the error message ("the ballot"). */
  what: string;
  /**
   * Pass the member's address on as `X-Forwarded-For` (for the relayer's per-client rate limit).
   * Off for anonymous ballots: the relayer would see the address next to the ballot it sends.
   */
  forwardClient: boolean;
}

/**
 * Forwards a POST (with `?wait=1` if given) to the relayer and returns its answer: status, body,
 * `content-type` and `retry-after`. 413 for a body over the cap, 502 `UNREACHABLE` when the relayer
 * does not answer; the body keeps the relayer's `{ error: { code, message } }` shape.
 * @example
 * export const POST = (request: Request) =>
 *   forwardToRelayer(request, { path: "/v1/signed-ballots", maxBodyBytes: 65_536, what: "the batch", forwardClient: true });
 */
export async function forwardToRelayer(
  request: Request,
  options: ForwardToRelayerOptions,
): Promise<Response> {
  const { indexerUrl } = readEndpoints();
  const body = await request.text();
  if (Buffer.byteLength(body) > options.maxBodyBytes) {
    return Response.json(
      { error: { code: "BODY_TOO_LARGE", message: `${options.what} is too large` } },
      { status: 413 },
    );
  }
  const wait = new URL(request.url).searchParams.get("wait") === "1" ? "?wait=1" : "";
  const headers = new Headers({ "content-type": "application/json" });
  const client = options.forwardClient ? clientAddress(request) : undefined;
  if (client) headers.set("x-forwarded-for", client);
  let upstream: Response;
  try {
    upstream = await fetch(`${indexerUrl}${options.path}${wait}`, {
      method: "POST",
      headers,
      body,
      signal: request.signal,
      cache: "no-store",
    });
  } catch {
    return Response.json(
      { error: { code: "UNREACHABLE", message: "the relayer could not be reached" } },
      { status: 502 },
    );
  }
  const answer = new Headers({ "cache-control": "no-store" });
  for (const name of ["content-type", "retry-after"]) {
    const value = upstream.headers.get(name);
    if (value) answer.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: answer });
}
