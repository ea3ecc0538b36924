import { describe, expect, it } from "vitest";
import { indexedProposalId, type ProposalJson, toIndexedProposal } from "./tally.ts";

const json = (over: Partial<ProposalJson>): ProposalJson => ({
  id: "eip155:31337:0x8efa1819ff5b279077368d44b593a4543280e402-3",
  proposalId: "3",
  mode: "single",
  executable: false,
  optionCount: 3,
  voteEnd: "1700000000",
  title: "Où ?",
  description: "Le lieu de la fête",
  options: ["Salle", "Parc", "En ligne"],
  metadataUri: "ipfs://bafy",
  metadataHash: "0x01",
  metadataStatus: "ok",
  lifecycle: null,
  ...over,
});

describe("toIndexedProposal", () => {
  it("takes the labels, title and description of the document the indexer checked", () => {
    const proposal = toIndexedProposal(json({}));
    expect(proposal.labels).toEqual(["Salle", "Parc", "En ligne"]);
    expect(proposal.title).toBe("Où ?");
    expect(proposal.description).toBe("Le lieu de la fête");
    expect(proposal.proposalId).toBe(3n);
    expect(proposal.voteEnd).toBe(1700000000n);
  });

  it("falls back when the document names the wrong number of options or none", () => {
    expect(toIndexedProposal(json({ options: ["Yes", "No"] })).labels).toEqual([]);
    expect(
      toIndexedProposal(json({ options: null, optionCount: 2, executable: true })).labels,
    ).toEqual(["Against", "For"]);
    const pending = toIndexedProposal(json({ title: null, description: null, options: null }));
    expect([pending.title, pending.description, pending.labels]).toEqual([
      undefined,
      undefined,
      [],
    ]);
  });
});

describe("indexedProposalId", () => {
  it("is the CAIP-10 community in lower case and the proposal id", () => {
    expect(indexedProposalId(31337, "0x8EFa1819Ff5B279077368d44B593a4543280e402", 12n)).toBe(
      "eip155:31337:0x8efa1819ff5b279077368d44b593a4543280e402-12",
    );
  });
});
