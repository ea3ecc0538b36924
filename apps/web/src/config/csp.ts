// The Content-Security-Policy of every page. Scripts run only from this origin or with the request's
// nonce (Next marks its own inline scripts with it); WebAssembly may compile ('wasm-unsafe-eval') and
// workers may start from blob: URLs, which Semaphore's prover needs (without `worker-src blob:` a
// proof hangs with no error); the page talks only to this origin, the RPC and the indexer.

/** What the policy depends on. */
export interface CspParameters {
  nonce: string;
  /** Origins the page fetches from besides its own (the RPC and the indexer). */
  connect: readonly string[];
  /** `next dev` needs `eval` for React's debugging aids; a production build never does. */
  development: boolean;
}

/**
 * The Content-Security-Policy header value for one response.
 * @example
 * contentSecurityPolicy({ nonce: "abc", connect: ["http://127.0.0.1:8548"], development: false })
 * // "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval'; …"
 */
export function contentSecurityPolicy({ nonce, connect, development }: CspParameters): string {
  const origins = [...new Set(connect.map((u) => new URL(u).origin))];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    // Style attributes (positioning of popovers, bar widths) cannot carry a nonce.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...origins, ...(development ? ["ws:"] : [])],
    "worker-src": ["'self'", "blob:"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}
