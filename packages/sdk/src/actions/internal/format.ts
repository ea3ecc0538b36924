import type { Address } from "viem";

/** A proposal's state, with OpenZeppelin Governor's names. */
export type ProposalStateName =
  | "pending"
  | "active"
  | "canceled"
  | "defeated"
  | "succeeded"
  | "queued"
  | "expired"
  | "executed";

/** How a proposal's ballots are cast and counted. */
export type VoteModeName = "single" | "quadratic" | "anonymous";

const stateNames: readonly ProposalStateName[] = [
  "pending",
  "active",
  "canceled",
  "defeated",
  "succeeded",
  "queued",
  "expired",
  "executed",
];
const modeNames: readonly VoteModeName[] = ["single", "quadratic", "anonymous"];

/** The name of a `ProposalState` enum value. */
export function proposalStateName(state: number): ProposalStateName {
  const name = stateNames[state];
  if (!name) throw new Error(`unknown proposal state ${state}`);
  return name;
}

/** The name of a `VoteMode` enum value. */
export function voteModeName(mode: number): VoteModeName {
  const name = modeNames[mode];
  if (!name) throw new Error(`unknown vote mode ${mode}`);
  return name;
}

/** The `VoteMode` enum value of a mode name. */
export function voteModeValue(mode: VoteModeName): number {
  return modeNames.indexOf(mode);
}

/** The zero address as `null`. */
export function nullIfZero(address: Address): Address | null {
  return /^0x0{40}$/i.test(address) ? null : address;
}
