// Recount any proposal in the browser: /audit?proposal=<id>.
import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditView } from "../../audit/AuditView.tsx";
import "../../audit/audit.css";

export const metadata: Metadata = { title: "Audit" };

/**
 * The audit page.
 * @example
 * // Served at /audit?proposal=1.
 */
export default function AuditPage() {
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}
