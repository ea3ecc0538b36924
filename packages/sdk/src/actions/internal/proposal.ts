import { type Address, type Hex, zeroHash } from "viem";
import { BaseError } from "../../errors/base.ts";
import { type VoteModeName, voteModeValue } from "./format.ts";

/** One proposal (a poll) as a proposer describes it. */
export interface ProposalInput {
  /** Topic whose delegation graph carries the vote. */
  topic: number;
  /** `"single"` (default) or `"quadratic"`. */
  mode?: Exclude<VoteModeName, "anonymous"> | undefined;
  /** Number of options, 2…32; 2 by default. */
  optionCount?: number | undefined;
  /** Seconds the vote stays open; the community's default when omitted. */
  votingPeriod?: number | undefined;
  /** Where the text lives (ipfs://, https://, or the text itself for short polls). */
  metadataURI: string;
  /** Hash of the text behind `metadataURI`; zero when omitted. */
  metadataHash?: Hex | undefined;
}

/** An action an executable proposal runs through the timelock if it succeeds. */
export interface ProposalAction {
  /** Contract to call. */
  target: Address;
  /** Wei to send with the call; 0 by default. */
  value?: bigint | undefined;
  /** Calldata. */
  data: Hex;
}

/** `ProposalParams` as the contract takes it. */
export function encodeProposal(input: ProposalInput) {
  return {
    topic: input.topic,
    mode: voteModeValue(input.mode ?? "single"),
    optionCount: input.optionCount ?? 2,
    votingPeriod: input.votingPeriod ?? 0,
    metadataHash: input.metadataHash ?? zeroHash,
    metadataURI: input.metadataURI,
  };
}

/** The three arrays `proposeExecutable`, `queue` and `execute` take. */
export function encodeActions(
  actions: readonly ProposalAction[],
): readonly [Address[], bigint[], Hex[]] {
  if (actions.length === 0) throw new BaseError("an executable proposal needs at least one action");
  return [
    actions.map((action) => action.target),
    actions.map((action) => action.value ?? 0n),
    actions.map((action) => action.data),
  ];
}
