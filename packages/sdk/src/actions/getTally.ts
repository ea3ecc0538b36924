import type { Address, Chain, Client, Transport } from "viem";
import { tallyWinner } from "../engine/outcome.ts";
import type { BaseError } from "../errors/base.ts";
import type { ContractRevertError } from "../errors/contractRevert.ts";
import { readGovernor } from "./internal/read.ts";
import type { ReadParameters } from "./internal/types.ts";

/** Parameters of {@link getTally}. */
export interface GetTallyParameters extends ReadParameters {
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
}

/** A proposal's live tally and what it means right now. */
export interface GetTallyReturnType {
  /** Per option: carried mass (single-choice), or votes × 10^9 scaled by carried mass (quadratic). */
  tallies: readonly bigint[];
  /** Mass of abstaining voters and those they carry. */
  abstain: bigint;
  /** Mass of all voters and those they carry. */
  participation: bigint;
  /** Mass of all members at the snapshot. */
  totalMass: bigint;
  /** Participation needed for quorum. */
  quorum: bigint;
  /** Whether participation has reached quorum. */
  quorumReached: boolean;
  /** The option with the strictly largest tally, or `null` on a tie or with no votes for any option. */
  leading: number | null;
  /** Whether the proposal would succeed if voting ended now (quorum and a strict winner; For > Against for executable proposals). */
  passing: boolean;
}

/** `ProposalNotFound` or an RPC error. */
export type GetTallyErrorType = ContractRevertError | BaseError;

/**
 * Reads the live (tentative) tally of a proposal, with quorum, the leading option and whether it is passing.
 * @example
 * import { getTally } from "@plenum/sdk";
 * const { tallies, leading, passing } = await getTally(publicClient, { community, proposalId: 12n });
 */
export async function getTally<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  parameters: GetTallyParameters,
): Promise<GetTallyReturnType> {
  const { community, proposalId } = parameters;
  const [[tallies, abstain, participation, totalMass], quorum, [, , , executable]] =
    await Promise.all([
      readGovernor(client, community, "proposalTally", [proposalId], parameters),
      readGovernor(client, community, "quorum", [proposalId], parameters),
      readGovernor(client, community, "proposalConfig", [proposalId], parameters),
    ]);
  const quorumReached = participation >= quorum;
  const { leading, passing } = tallyWinner(tallies, quorumReached, executable);
  return { tallies, abstain, participation, totalMass, quorum, quorumReached, leading, passing };
}
