// The connected member's dashboard: /me.
import type { Metadata } from "next";
import { DashboardView } from "../../dashboard/DashboardView.tsx";

export const metadata: Metadata = { title: "My dashboard" };

/**
 * The dashboard page.
 * @example
 * // Served at /me.
 */
export default function DashboardPage() {
  return <DashboardView />;
}
