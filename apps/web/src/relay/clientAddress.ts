// The browser's address as the web server sees it, to pass on to the indexer and the relayer, whose
// rate limits key on the client (TRUST_PROXY=1 there takes the last X-Forwarded-For entry).

/**
 * The client's address: the last entry of the request's `X-Forwarded-For`. `next start` fills that
 * header with the socket's address when the request has none, and a reverse proxy in front of the
 * app appends the address it saw, so the last entry is the nearest hop the app can vouch for. A
 * client talking to `next start` directly can send its own header (Next keeps it): put the app behind
 * a proxy that sets or appends the header when that matters.
 * @example
 * clientAddress(new Request("http://app/", { headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.2" } }))
 * // "10.0.0.2"
 */
export function clientAddress(request: Request): string | undefined {
  return (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .pop();
}
