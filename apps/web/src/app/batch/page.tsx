// Bill-by-bill voting: many ballots, one transaction.
import type { Metadata } from "next";
import { BatchVote } from "../../batch/BatchVote.tsx";

export const metadata: Metadata = { title: "Vote bill by bill" };

/**
 * The bill-by-bill voting page.
 * @example
 * // Served at /batch.
 */
export default function BatchPage() {
  return <BatchVote />;
}
