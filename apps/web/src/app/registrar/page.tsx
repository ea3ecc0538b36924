// The registrar's desk: /registrar.
import type { Metadata } from "next";
import { RegistrarView } from "../../registrar/RegistrarView.tsx";

export const metadata: Metadata = { title: "Registrar" };

/**
 * The registrar page.
 * @example
 * // Served at /registrar.
 */
export default function RegistrarPage() {
  return <RegistrarView />;
}
