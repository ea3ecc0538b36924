// The relayer's anonymous-ballot route (mounted by the indexer, packages/indexer/src/relayer), served
// under this app's origin like the GraphQL API: the browser hands its proof here and this route passes
// it on. The relayer then sees this server, not the member's address; this server sees the member's
// IP address and keeps no log of it (docs/anonymous-ballots.md, "Timing at the relayer").
import { readEndpoints } from "../../../../../config/endpoints.ts";

export const dynamic = "force-dynamic";

/** The largest body passed on (a proof is about 2 KB). */
const MAX_BODY_BYTES = 16_384;

/**
 * Forwards one anonymous ballot (`?wait=1` included) to the relayer and returns its answer as is.
 * @example
 * // relayAnonymousBallot({ relayerUrl: `${location.origin}/api/relayer/`, community, proposalId, proof })
 */
export async function POST(request: Request): Promise<Response> {
  const { indexerUrl } = readEndpoints();
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) {
    return Response.json(
      { error: { code: "BODY_TOO_LARGE", message: "the ballot is too large" } },
      { status: 413 },
    );
  }
  const wait = new URL(request.url).searchParams.get("wait") === "1" ? "?wait=1" : "";
  let upstream: Response;
  try {
    upstream = await fetch(`${indexerUrl}/v1/anonymous-ballots${wait}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
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
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of ["content-type", "retry-after"]) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}
