// A proposal of the community: /proposals/<proposal id>.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProposalPageView } from "../../../proposal/ProposalPageView.tsx";

/**
 * The proposal page's title.
 * @example
 * // Next calls it.
 */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { id } = await params;
  return { title: `Proposal ${id}` };
}

/**
 * The proposal page.
 * @example
 * // Served at /proposals/3.
 */
export default async function ProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,78}$/.test(id)) notFound();
  return <ProposalPageView proposalId={BigInt(id)} />;
}
