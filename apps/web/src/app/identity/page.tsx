// The member's secret-ballot identity: /identity.
import type { Metadata } from "next";
import { IdentityView } from "../../secret/IdentityView.tsx";

export const metadata: Metadata = { title: "Secret-ballot identity" };

/**
 * The identity page.
 * @example
 * // Served at /identity.
 */
export default function IdentityPage() {
  return <IdentityView />;
}
