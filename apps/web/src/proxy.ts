// Runs before every page (the indexer is reached through this app's /api/indexer route, so only the
// RPC is a second origin): gives the response a Content-Security-Policy with a fresh nonce, and passes
// the policy on in the request headers so Next marks its own scripts with the nonce.
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy } from "./config/csp.ts";
import { readEndpoints } from "./config/endpoints.ts";

/**
 * Adds the Content-Security-Policy (with a per-request nonce) to a page's request and response.
 * @example
 * // Next calls it; nothing to call by hand.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const { rpcUrl } = readEndpoints();
  const policy = contentSecurityPolicy({
    nonce,
    connect: [rpcUrl],
    development: process.env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: static files and images need no nonce.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
