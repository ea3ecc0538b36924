import type { Address, Chain, Client, Transport } from "viem";
import {
  type EngineBallot,
  EngineInputError,
  type EngineMode,
  quadraticCost,
  validateBallot,
} from "../../engine/index.ts";
import { BaseError } from "../../errors/base.ts";
import { ContractRevertError, type RevertName } from "../../errors/contractRevert.ts";
import { ABSTAIN } from "./ballot.ts";
import { readGovernor } from "./read.ts";

// Pre-flight checks apply the tally engine's ballot rules (`validateBallot`) and throw the very error
// the contract would, in the contract's order: a person sees "quadratic ballot costs 49 credits, you
// have 25" before any simulation or gas estimate, and code matches on the same `errorName` as for a
// revert. They run only while the proposal is active: for a closed one the contract reports
// `VotingClosed` first, so the simulation does.

const ACTIVE = 1;
const modes: readonly (EngineMode | undefined)[] = ["single", "quadratic"];

type AnyClient = Client<Transport, Chain | undefined>;

interface Ballot {
  community: Address;
  proposalId: bigint;
  functionName: string;
}

function revert(ballot: Ballot, errorName: RevertName, args: readonly unknown[], cause?: unknown) {
  return new ContractRevertError({
    errorName,
    args: args as never,
    functionName: ballot.functionName,
    contractAddress: ballot.community,
    cause,
  });
}

async function openProposal(client: AnyClient, { community, proposalId }: Ballot) {
  const [[, mode, optionCount], state] = await Promise.all([
    readGovernor(client, community, "proposalConfig", [proposalId]),
    readGovernor(client, community, "state", [proposalId]),
  ]);
  return { mode: modes[mode], optionCount, active: state === ACTIVE };
}

/** Runs the engine's check and turns its verdict into the contract's error. */
function validate(
  ballot: Ballot,
  mode: EngineMode,
  optionCount: number,
  weight: bigint,
  engineBallot: EngineBallot,
  voter?: Address,
): void {
  try {
    validateBallot(mode, optionCount, weight, engineBallot);
  } catch (error) {
    if (!(error instanceof EngineInputError)) throw error;
    const { proposalId } = ballot;
    switch (error.code) {
      case "wrong-ballot-type":
        throw revert(ballot, "VotingWrongMode", [proposalId], error);
      case "invalid-option":
        throw revert(
          ballot,
          "VotingInvalidOption",
          [proposalId, (engineBallot as { option: number }).option, optionCount],
          error,
        );
      case "vote-count":
        throw revert(
          ballot,
          "VotingInvalidVoteCount",
          [
            proposalId,
            BigInt((engineBallot as { votes: readonly bigint[] }).votes.length),
            optionCount,
          ],
          error,
        );
      case "over-budget":
        throw revert(
          ballot,
          "VotingQuadraticCreditsExceeded",
          [voter, quadraticCost((engineBallot as { votes: readonly bigint[] }).votes), weight],
          error,
        );
      default:
        throw new BaseError(error.message, { cause: error });
    }
  }
}

/** Checks a single-choice ballot's mode and option range against the proposal, as `castVote` would. */
export async function checkSingleVote(
  client: AnyClient,
  community: Address,
  proposalId: bigint,
  option: number,
): Promise<void> {
  const ballot = { community, proposalId, functionName: "castVote" };
  const { mode, optionCount, active } = await openProposal(client, ballot);
  if (!active || !mode) return;
  const engineBallot: EngineBallot =
    option === ABSTAIN ? { type: "abstain" } : { type: "option", option };
  validate(ballot, mode, optionCount, 1n, engineBallot);
}

/**
 * Checks a quadratic ballot as `castQuadraticVote` would: the proposal's mode, one entry per option,
 * membership at the snapshot, then Σ votes² against the voter's weight at the snapshot.
 */
export async function checkQuadraticVote(
  client: AnyClient,
  community: Address,
  proposalId: bigint,
  voter: Address,
  votes: readonly number[],
): Promise<void> {
  const ballot = { community, proposalId, functionName: "castQuadraticVote" };
  const [{ mode, optionCount, active }, snapshot] = await Promise.all([
    openProposal(client, ballot),
    readGovernor(client, community, "proposalSnapshot", [proposalId]),
  ]);
  if (!active || !mode) return;
  const engineBallot: EngineBallot = { type: "quadratic", votes: votes.map(BigInt) };
  const weight = await readGovernor(client, community, "pastWeightOf", [voter, Number(snapshot)]);
  // Mode and vote count come before membership in the contract, and credits after it.
  validate(ballot, mode, optionCount, weight === 0n ? 2n ** 64n : weight, engineBallot, voter);
  if (weight === 0n) throw revert(ballot, "VotingNotMemberAtSnapshot", [voter, proposalId]);
  validate(ballot, mode, optionCount, weight, engineBallot, voter);
}
