import { ABSTAIN, MAX_ANONYMOUS_SEQUENCE, RETRACT } from "@plenum/sdk";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { RelayerError } from "./errors.ts";

/** BN254's scalar field: Merkle roots and nullifiers are elements of it. */
export const SNARK_SCALAR_FIELD =
  21888242871839275222246405745257275088548364400416034343698204186575808495617n;
/** BN254's base field: every coordinate of a Groth16 proof point is below it. */
export const SNARK_BASE_FIELD =
  21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const UINT256_MAX = (1n << 256n) - 1n;
const UINT32_MAX = 0xffff_ffffn;

/** Semaphore v4 has circuits for trees of depth 1 to 32. */
export const MIN_TREE_DEPTH = 1;
export const MAX_TREE_DEPTH = 32;
/** A proposal has at most 32 options, so a quadratic ballot has at most 32 entries. */
const MAX_VOTES = 32;
/** Signatures are 65 bytes from an EOA; ERC-1271 contract signatures may be longer, not unbounded. */
const MAX_SIGNATURE_BYTES = 2048;

/** A Semaphore v4 proof with its fields as the contract's `AnonymousProof` takes them. */
export interface AnonymousProofInput {
  merkleTreeDepth: bigint;
  merkleTreeRoot: bigint;
  nullifier: bigint;
  message: bigint;
  scope: bigint;
  points: readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
}

/** A validated `POST /v1/anonymous-ballots` body. */
export interface AnonymousBallotRequest {
  community: Address;
  proposalId: bigint;
  proof: AnonymousProofInput;
}

/** One ballot as the contract and the EIP-712 message take it. */
export interface BallotInput {
  proposalId: bigint;
  option: number;
  votes: readonly number[];
}

/** A validated `POST /v1/signed-ballots` body. */
export interface SignedBallotsRequest {
  community: Address;
  voter: Address;
  deadline: bigint;
  signature: Hex;
  /** The voter's EIP-712 nonce the signature was made with, when the client sent it. */
  nonce: bigint | undefined;
  /** `ballot` (one, `castVoteBySig`) or `ballots` (a batch, `castVotesBySig`). */
  kind: "single" | "batch";
  ballots: readonly BallotInput[];
}

function malformed(field: string, message: string): RelayerError {
  return new RelayerError("MALFORMED_REQUEST", message, { field });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Checks that `value` is a plain object with exactly the `required` keys and some of `optional`. */
function expectObject(
  value: unknown,
  field: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed(field, `${field} must be a JSON object, not ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw malformed(
        field === "body" ? key : `${field}.${key}`,
        `unexpected field "${key.slice(0, 64)}" in ${field}`,
      );
    }
  }
  for (const key of required) {
    if (!(key in record) || record[key] === undefined) {
      throw malformed(field === "body" ? key : `${field}.${key}`, `${field} is missing "${key}"`);
    }
  }
  return record;
}

const decimal = /^(0|[1-9][0-9]{0,77})$/;
const hex = /^0x[0-9a-fA-F]{1,64}$/;

/**
 * An unsigned integer given as a decimal string ("12") or a 0x hex string ("0x0c"), at most `max`.
 * With `numbers`, a JSON integer is accepted too (for small fields such as a tree depth or option).
 */
export function parseUint(
  value: unknown,
  field: string,
  max: bigint = UINT256_MAX,
  options: { numbers?: boolean; maxLabel?: string } = {},
): bigint {
  let parsed: bigint;
  if (typeof value === "string" && (decimal.test(value) || hex.test(value))) {
    parsed = BigInt(value);
  } else if (
    options.numbers &&
    typeof value === "number" &&
    Number.isSafeInteger(value) &&
    value >= 0
  ) {
    parsed = BigInt(value);
  } else {
    const kinds = options.numbers
      ? "a whole number or a decimal or 0x string"
      : 'a decimal or 0x string such as "12"';
    throw malformed(field, `${field} must be ${kinds}, not ${describe(value)}`);
  }
  if (parsed > max) {
    throw malformed(field, `${field} must be at most ${options.maxLabel ?? max.toString()}`);
  }
  return parsed;
}

/** An address: 0x and 40 hex digits; mixed case must be a valid EIP-55 checksum. */
export function parseAddress(value: unknown, field: string): Address {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw malformed(field, `${field} must be an address (0x and 40 hex digits)`);
  }
  if (!isAddress(value, { strict: true })) {
    throw malformed(field, `${field} has an invalid EIP-55 checksum`);
  }
  return getAddress(value);
}

/** An anonymous ballot's proof: every field in range for the contract and the circuit. */
export function parseProof(value: unknown, field = "proof"): AnonymousProofInput {
  const proof = expectObject(value, field, [
    "merkleTreeDepth",
    "merkleTreeRoot",
    "nullifier",
    "message",
    "scope",
    "points",
  ]);
  const merkleTreeDepth = parseUint(proof.merkleTreeDepth, `${field}.merkleTreeDepth`, 32n, {
    numbers: true,
  });
  if (merkleTreeDepth < BigInt(MIN_TREE_DEPTH)) {
    throw malformed(
      `${field}.merkleTreeDepth`,
      `${field}.merkleTreeDepth must be from ${MIN_TREE_DEPTH} to ${MAX_TREE_DEPTH}`,
    );
  }
  const field_ = (key: string) =>
    parseUint(proof[key], `${field}.${key}`, SNARK_SCALAR_FIELD - 1n, {
      maxLabel: "the BN254 scalar field modulus minus 1",
    });
  const merkleTreeRoot = field_("merkleTreeRoot");
  const nullifier = field_("nullifier");
  const message = parseUint(proof.message, `${field}.message`);
  const scope = parseUint(proof.scope, `${field}.scope`);
  const points = proof.points;
  if (!Array.isArray(points) || points.length !== 8) {
    throw malformed(`${field}.points`, `${field}.points must be an array of 8 numbers`);
  }
  const parsedPoints = points.map((point, i) =>
    parseUint(point, `${field}.points[${i}]`, SNARK_BASE_FIELD - 1n, {
      maxLabel: "the BN254 base field modulus minus 1",
    }),
  ) as unknown as AnonymousProofInput["points"];
  return { merkleTreeDepth, merkleTreeRoot, nullifier, message, scope, points: parsedPoints };
}

/** The contract keeps a nullifier's last sequence in 64 bits (the SDK's constant). */
export const MAX_SEQUENCE = MAX_ANONYMOUS_SEQUENCE;

/** An anonymous proof's message, split: `message = sequence << 8 | option`. */
export interface AnonymousMessageParts {
  /** An option index, `ABSTAIN` or `RETRACT`. */
  option: number;
  /** The ballot's place in its nullifier's order, from 1. */
  sequence: bigint;
}

/**
 * Splits an anonymous proof's message and checks it as the contract will: the option (low byte) is
 * one of the proposal's `optionCount`, `ABSTAIN` or `RETRACT`, and the sequence is 1 to 2^64 − 1.
 * Throws `INVALID_MESSAGE` (what the contract's `AnonymousInvalidMessage` maps to) if not.
 * @example
 * checkAnonymousMessage(257n, 3, 12n); // { option: 1, sequence: 1n }
 */
export function checkAnonymousMessage(
  message: bigint,
  optionCount: number,
  proposalId: bigint,
): AnonymousMessageParts {
  const option = Number(message & 0xffn);
  const sequence = message >> 8n;
  // Not `message`: the error body's `message` is the sentence.
  const details = {
    option,
    sequence: sequence.toString(),
    optionCount,
  };
  const refuse = (why: string) =>
    new RelayerError(
      "INVALID_MESSAGE",
      `the proof's message must be sequence << 8 | option; ${why}`,
      details,
    );
  if (sequence === 0n) throw refuse("its sequence is 0, and ballots are numbered from 1");
  if (sequence > MAX_SEQUENCE) throw refuse("its sequence is above 2^64 - 1");
  if (option >= optionCount && option !== ABSTAIN && option !== RETRACT) {
    throw refuse(
      `its option is ${option}, and proposal ${proposalId} has ${
        optionCount === 0 ? "none" : `options 0 to ${optionCount - 1}`
      } (255 abstains, 254 retracts)`,
    );
  }
  return { option, sequence };
}

/** Validates a `POST /v1/anonymous-ballots` body. */
export function parseAnonymousBallotRequest(body: unknown): AnonymousBallotRequest {
  const record = expectObject(body, "body", ["community", "proposalId", "proof"]);
  return {
    community: parseAddress(record.community, "community"),
    proposalId: parseUint(record.proposalId, "proposalId"),
    proof: parseProof(record.proof),
  };
}

function parseBallot(value: unknown, field: string): BallotInput {
  const ballot = expectObject(value, field, ["proposalId", "option"], ["votes"]);
  const proposalId = parseUint(ballot.proposalId, `${field}.proposalId`);
  const option = Number(parseUint(ballot.option, `${field}.option`, 255n, { numbers: true }));
  let votes: number[] = [];
  if (ballot.votes !== undefined) {
    if (!Array.isArray(ballot.votes) || ballot.votes.length > MAX_VOTES) {
      throw malformed(
        `${field}.votes`,
        `${field}.votes must be an array of at most ${MAX_VOTES} numbers`,
      );
    }
    votes = ballot.votes.map((vote, i) =>
      Number(parseUint(vote, `${field}.votes[${i}]`, UINT32_MAX, { numbers: true })),
    );
  }
  return { proposalId, option, votes };
}

/** Validates a `POST /v1/signed-ballots` body; `maxBallots` caps a batch. */
export function parseSignedBallotsRequest(body: unknown, maxBallots = 32): SignedBallotsRequest {
  const record = expectObject(
    body,
    "body",
    ["community", "voter", "deadline", "signature"],
    ["ballot", "ballots", "nonce"],
  );
  const community = parseAddress(record.community, "community");
  const voter = parseAddress(record.voter, "voter");
  const deadline = parseUint(record.deadline, "deadline");
  const nonce = record.nonce === undefined ? undefined : parseUint(record.nonce, "nonce");
  const { signature } = record;
  if (
    typeof signature !== "string" ||
    !/^0x([0-9a-fA-F]{2})+$/.test(signature) ||
    signature.length > 2 + 2 * MAX_SIGNATURE_BYTES
  ) {
    throw malformed(
      "signature",
      `signature must be 0x and an even number of hex digits (at most ${MAX_SIGNATURE_BYTES} bytes)`,
    );
  }
  const hasOne = record.ballot !== undefined;
  const hasMany = record.ballots !== undefined;
  if (hasOne === hasMany) {
    throw malformed(
      hasOne ? "ballots" : "ballot",
      'give exactly one of "ballot" (one signed ballot) or "ballots" (a signed batch)',
    );
  }
  let ballots: BallotInput[];
  if (hasOne) {
    ballots = [parseBallot(record.ballot, "ballot")];
  } else {
    const list = record.ballots;
    if (!Array.isArray(list) || list.length === 0 || list.length > maxBallots) {
      throw malformed("ballots", `ballots must be an array of 1 to ${maxBallots} ballots`);
    }
    ballots = list.map((ballot, i) => parseBallot(ballot, `ballots[${i}]`));
  }
  return {
    community,
    voter,
    deadline,
    signature: signature as Hex,
    nonce,
    kind: hasOne ? "single" : "batch",
    ballots,
  };
}
