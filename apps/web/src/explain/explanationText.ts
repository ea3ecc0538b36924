// An explanation in sentences: where the member's mass goes and why.
import { caipAddress, shortAddress } from "../format/address.ts";
import { formatMass } from "../format/mass.ts";
import type { Mode } from "../proposals/proposalView.ts";
import type { ExplanationData } from "./useExplanation.ts";

const who = (id: string) => shortAddress(caipAddress(id));

/**
 * The explanation of one member as a sentence.
 * @example
 * explanationSentence(data.explain, "single")
 * // "0x3C44…93BC's 3 go along 0x3C44…93BC → 0x7099…79C8 to 0x7099…79C8, who voted: they carry this member."
 */
export function explanationSentence(explain: ExplanationData["explain"], mode: Mode): string {
  const member = who(explain.member);
  const mass = explain.mass === null ? undefined : formatMass(explain.mass, mode);
  const chain = explain.path.map(who).join(" → ");
  switch (explain.kind) {
    case "voted":
      return `${member} voted; their own ballot counts their mass${mass ? ` (${mass})` : ""}.`;
    case "carried":
      return `${member}'s mass${mass ? ` (${mass})` : ""} goes along the delegation chain ${chain} to ${explain.carrier ? who(explain.carrier) : "a delegate"}, who voted and carries it.`;
    case "uncounted":
      return explain.reason === "chain-ends-at-non-member"
        ? `${member}'s mass${mass ? ` (${mass})` : ""} is not counted: the delegation chain ${chain} ends at someone who is not a member.`
        : `${member}'s mass${mass ? ` (${mass})` : ""} is not counted yet: nobody on the delegation chain ${chain} has voted.`;
    case "not-a-member":
      return `${member} was not a member at this proposal's snapshot, so carries no mass here.`;
    default:
      return `${member}: ${explain.kind}.`;
  }
}
