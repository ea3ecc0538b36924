import { BaseError } from "../../errors/base.ts";

/** The `option` value that abstains. */
export const ABSTAIN = 255;
/** The `option` value that retracts a ballot in batches and signed ballots. */
export const RETRACT = 254;

/** A single-choice ballot option: an option index (0-based) or `"abstain"`. */
export type VoteOption = number | "abstain";

/** One ballot of a batch or a signed message, in plain form. */
export type BallotInput =
  | {
      proposalId: bigint;
      /** An option index, or `"abstain"`. */
      option: VoteOption;
      votes?: undefined;
      retract?: undefined;
    }
  | {
      proposalId: bigint;
      /** Quadratic votes, one entry per option (all zeros abstains). */
      votes: readonly (number | bigint)[];
      option?: undefined;
      retract?: undefined;
    }
  | {
      proposalId: bigint /** Withdraws the ballot. */;
      retract: true;
      option?: undefined;
      votes?: undefined;
    };

/** A ballot exactly as the contract and EIP-712 messages take it. */
export interface Ballot {
  proposalId: bigint;
  option: number;
  votes: readonly number[];
}

/** The contract's `option` value for a plain option. */
export function encodeOption(option: VoteOption): number {
  if (option === "abstain") return ABSTAIN;
  if (!Number.isInteger(option) || option < 0 || option > 255) {
    throw new BaseError(`option must be a whole number from 0 to 31 or "abstain", not ${option}`);
  }
  if (option === RETRACT) {
    throw new BaseError(`option ${RETRACT} is reserved for retracting; use { retract: true }`);
  }
  return option;
}

/** Quadratic votes as uint32 numbers. */
export function encodeVotes(votes: readonly (number | bigint)[]): number[] {
  return votes.map((vote) => {
    const n = typeof vote === "bigint" ? vote : BigInt(Number.isInteger(vote) ? vote : -1);
    if (n < 0n || n > 0xffffffffn) {
      throw new BaseError(
        `quadratic votes must be whole numbers from 0 to 4294967295, not ${vote}`,
      );
    }
    return Number(n);
  });
}

/** Converts a plain ballot into the contract's form. */
export function encodeBallot(ballot: BallotInput): Ballot {
  if (ballot.retract) return { proposalId: ballot.proposalId, option: RETRACT, votes: [] };
  if (ballot.votes !== undefined) {
    if (ballot.votes.length === 0) {
      throw new BaseError("a quadratic ballot needs one entry per option");
    }
    return { proposalId: ballot.proposalId, option: 0, votes: encodeVotes(ballot.votes) };
  }
  return { proposalId: ballot.proposalId, option: encodeOption(ballot.option), votes: [] };
}

/** Decodes an `option` value into a {@link VoteOption}. */
export function decodeOption(option: number): VoteOption {
  return option === ABSTAIN ? "abstain" : option;
}
