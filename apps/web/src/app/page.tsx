// The community's home: its agenda.
import type { Metadata } from "next";
import { AgendaView } from "../agenda/AgendaView.tsx";

export const metadata: Metadata = { title: "Agenda" };

/**
 * The agenda page.
 * @example
 * // Served at /.
 */
export default function AgendaPage() {
  return <AgendaView />;
}
