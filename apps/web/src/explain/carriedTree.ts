// The members a voter carries (the indexer's `carried`, computed by the SDK's tally engine) as a
// tree for drawing: the voter on top, each carried member below with the mass they bring.
import { caipAddress, shortAddress } from "../format/address.ts";
import { formatMass } from "../format/mass.ts";
import type { Mode } from "../proposals/proposalView.ts";
import type { TreeNode } from "../tree/forest.ts";

/** What the engine says a voter carries. */
export interface CarriedData {
  voter: string;
  carried: string;
  members: readonly { member: string; mass: string }[];
}

/**
 * The voter and the members they carry (their own mass counted on the voter's node).
 * @example
 * carriedTree({ voter: a, carried: "7", members: [{ member: a, mass: "4" }, { member: b, mass: "3" }] }, "single")
 * // { label: "0xA…", role: "voter", detail: "carries 7 in all (own 4)", children: [{ label: "0xB…", role: "carried", detail: "3", … }] }
 */
export function carriedTree(data: CarriedData, mode: Mode): TreeNode {
  const voter = caipAddress(data.voter);
  const own = data.members.find((m) => caipAddress(m.member).toLowerCase() === voter.toLowerCase());
  return {
    id: voter,
    label: shortAddress(voter),
    role: "voter",
    detail: `carries ${formatMass(data.carried, mode)} in all${own ? ` (own ${formatMass(own.mass, mode)})` : ""}`,
    children: data.members
      .filter((m) => m !== own)
      .map((m) => {
        const id = caipAddress(m.member);
        return {
          id,
          label: shortAddress(id),
          role: "carried",
          detail: formatMass(m.mass, mode),
          children: [],
        };
      }),
  };
}
