// The threat model of secret ballots: the repository's docs/anonymous-ballots.md, read once by the
// server and rendered from Markdown there (no Markdown code reaches the browser).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Metadata } from "next";
import { MarkdownDocument } from "../../docs/MarkdownDocument.tsx";
import "../../secret/secret.css";

export const metadata: Metadata = { title: "Secret ballots: threat model" };
// Rendered per request, not prerendered: the Content-Security-Policy's script nonce is new on every
// request (src/proxy.ts), and a prerendered page's scripts carry none, so they would be blocked and
// the page would never hydrate (no theme switch, no wallet).
export const dynamic = "force-dynamic";

let source: string | undefined;

/**
 * The threat-model page.
 * @example
 * // Served at /threat-model.
 */
export default function ThreatModelPage() {
  source ??= readFileSync(path.join(process.cwd(), "../../docs/anonymous-ballots.md"), "utf8");
  return (
    <article className="card doc-text" aria-label="Anonymous ballots: design and threat model">
      <p className="muted">From the repository's docs/anonymous-ballots.md.</p>
      <MarkdownDocument source={source} />
    </article>
  );
}
