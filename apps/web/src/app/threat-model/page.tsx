// The threat model of secret ballots: the repository's docs/anonymous-ballots.md, read when the app
// is built and rendered from Markdown on the server (no Markdown code reaches the browser).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Metadata } from "next";
import { MarkdownDocument } from "../../docs/MarkdownDocument.tsx";
import "../../secret/secret.css";

export const metadata: Metadata = { title: "Secret ballots: threat model" };
export const dynamic = "force-static";

/**
 * The threat-model page.
 * @example
 * // Served at /threat-model.
 */
export default function ThreatModelPage() {
  const text = readFileSync(path.join(process.cwd(), "../../docs/anonymous-ballots.md"), "utf8");
  return (
    <article className="card doc-text" aria-label="Anonymous ballots: design and threat model">
      <p className="muted">From the repository's docs/anonymous-ballots.md.</p>
      <MarkdownDocument source={text} />
    </article>
  );
}
