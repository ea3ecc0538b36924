// Delegation per topic.
import type { Metadata } from "next";
import { DelegationView } from "../../delegation/DelegationView.tsx";

export const metadata: Metadata = { title: "Delegation" };

/**
 * The delegation page.
 * @example
 * // Served at /delegation.
 */
export default function DelegationPage() {
  return <DelegationView />;
}
