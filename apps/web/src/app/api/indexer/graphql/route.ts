// The indexer's GraphQL API, served under this app's origin: the browser sends queries and opens
// subscriptions (server-sent events) here, and this route streams them to and from the configured
// indexer. Same origin means no CORS for the indexer to allow, and the Content-Security-Policy lets
// pages talk only to this origin and the RPC. The member's address goes along as X-Forwarded-For, so
// the indexer's per-client rate limit (with TRUST_PROXY=1) counts members, not this server.
import { readEndpoints } from "../../../../config/endpoints.ts";
import { clientAddress } from "../../../../relay/clientAddress.ts";

export const dynamic = "force-dynamic";

/** Request headers passed on to the indexer. */
const FORWARDED = ["content-type", "accept"];

/**
 * Forwards one GraphQL request (query or subscription) to the indexer and streams its answer back.
 * @example
 * // fetch("/api/indexer/graphql", { method: "POST", body: JSON.stringify({ query }) })
 */
export async function POST(request: Request): Promise<Response> {
  const { indexerUrl } = readEndpoints();
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const client = clientAddress(request);
  if (client) headers.set("x-forwarded-for", client);
  let upstream: Response;
  try {
    upstream = await fetch(`${indexerUrl}/graphql`, {
      method: "POST",
      headers,
      body: await request.text(),
      signal: request.signal,
      cache: "no-store",
    });
  } catch {
    return Response.json(
      { errors: [{ message: "the indexer could not be reached" }] },
      { status: 502 },
    );
  }
  const type = upstream.headers.get("content-type") ?? "application/json";
  return new Response(upstream.body, {
    status: upstream.status,
    headers: {
      "content-type": type,
      // `no-transform` keeps the server's compression from buffering server-sent events.
      "cache-control": "no-cache, no-transform",
      ...(type.startsWith("text/event-stream") ? { "x-accel-buffering": "no" } : {}),
    },
  });
}
