import type { Address, Chain, Client, Transport } from "viem";
import { readGovernor } from "../actions/internal/read.ts";
import { ContractRevertError, type RevertName } from "../errors/contractRevert.ts";
import {
  type AnonymousOption,
  anonymousMessage,
  decodeAnonymousMessage,
  MAX_ANONYMOUS_SEQUENCE,
} from "./proof.ts";

// Before spending a second on a proof, check what the contract will check, in its order, and throw
// the very error it would (with `data: undefined`, as the other pre-flight checks do): canceled,
// closed, not anonymous, a message out of range (the option in its low byte, the sequence above
// it), a stale sequence, a retraction without a ballot. Scope and root cannot be wrong for a proof
// made here.

const CANCELED = 2;
const ANONYMOUS = 2;
const PENDING = 0;
const ACTIVE = 1;

/** What {@link checkAnonymousVote} checks. */
export interface CheckAnonymousVoteParameters {
  community: Address;
  proposalId: bigint;
  option: AnonymousOption;
  /** The identity's nullifier on the proposal (`anonymousNullifier`). */
  nullifier: bigint;
  /** The sequence to prove with; by default the nullifier's last + 1. */
  sequence?: bigint | undefined;
}

/** The ballot to prove: its sequence and message, and the nullifier's last ballot. */
export interface AnonymousVotePlan {
  sequence: bigint;
  message: bigint;
  /** The sequence of the nullifier's last ballot on chain (0 if none). */
  lastSequence: bigint;
  /** Whether the nullifier has a ballot that counts now. */
  voted: boolean;
}

/**
 * Checks that `proposalId` takes this anonymous ballot now, and picks its sequence (the nullifier's
 * last + 1 unless one is given); throws the contract's error if it would revert.
 */
export async function checkAnonymousVote(
  client: Client<Transport, Chain | undefined>,
  parameters: CheckAnonymousVoteParameters,
): Promise<AnonymousVotePlan> {
  const { community, proposalId, option, nullifier } = parameters;
  // An option no proposal has, or a sequence out of range, fails before any read.
  anonymousMessage({ option, sequence: parameters.sequence ?? 1n });
  const [[, mode, optionCount], state, deadline, [voted, , lastSequence]] = await Promise.all([
    readGovernor(client, community, "proposalConfig", [proposalId]),
    readGovernor(client, community, "state", [proposalId]),
    readGovernor(client, community, "proposalDeadline", [proposalId]),
    readGovernor(client, community, "anonymousBallotOf", [proposalId, nullifier]),
  ]);
  const fail = (errorName: RevertName, args: readonly unknown[]) =>
    new ContractRevertError({
      errorName,
      args: args as never,
      functionName: "castAnonymousVote",
      contractAddress: community,
    });
  if (state === CANCELED) throw fail("VotingProposalCanceled", [proposalId]);
  if (state !== ACTIVE && state !== PENDING) throw fail("VotingClosed", [proposalId, deadline]);
  if (mode !== ANONYMOUS) throw fail("VotingWrongMode", [proposalId]);
  const last = BigInt(lastSequence);
  const sequence = parameters.sequence ?? last + 1n;
  // At 2^64 - 1 the nullifier can send nothing more; the contract says so with the same error.
  const message =
    sequence > MAX_ANONYMOUS_SEQUENCE
      ? (sequence << 8n) | 0xffn
      : anonymousMessage({ option, sequence });
  const decoded = decodeAnonymousMessage(message);
  if (
    decoded === undefined ||
    (typeof decoded.option === "number" && decoded.option >= optionCount)
  ) {
    throw fail("AnonymousInvalidMessage", [proposalId, message, optionCount]);
  }
  if (sequence <= last) {
    throw fail("AnonymousStaleBallot", [proposalId, nullifier, sequence, last]);
  }
  if (option === "retract" && !voted) throw fail("AnonymousNoBallot", [proposalId, nullifier]);
  return { sequence, message, lastSequence: last, voted };
}
