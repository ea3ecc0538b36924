// The governance desk: /desk.
import type { Metadata } from "next";
import { DeskView } from "../../desk/DeskView.tsx";

export const metadata: Metadata = { title: "Governance desk" };

/**
 * The governance desk page.
 * @example
 * // Served at /desk.
 */
export default function DeskPage() {
  return <DeskView />;
}
