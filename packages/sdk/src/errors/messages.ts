import { type ContractErrorArgs, type ContractErrorName, type Hex, keccak256, toHex } from "viem";
import type { PlenumErrorsAbi } from "./abi.ts";

/** The name of any custom error a community, its factory or its timelock can revert with. */
export type PlenumErrorName = ContractErrorName<PlenumErrorsAbi>;

/** The decoded arguments of error `name`, as viem decodes them. */
export type PlenumErrorArgs<name extends PlenumErrorName> = ContractErrorArgs<
  PlenumErrorsAbi,
  name
>;

/** What a formatter may know besides the error's arguments. */
export interface ErrorMessageContext {
  /** The contract function that reverted, when known (`queue`, `cancel`, …). */
  functionName?: string | undefined;
}

type Formatter<name extends PlenumErrorName> = (
  args: PlenumErrorArgs<name>,
  context: ErrorMessageContext,
) => string;

/** One plain-language formatter per custom error; the type makes a missing one a compile error. */
export type ErrorMessages = { readonly [name in PlenumErrorName]: Formatter<name> };

const proposalStates = [
  "pending",
  "active",
  "canceled",
  "defeated",
  "succeeded",
  "queued",
  "expired",
  "executed",
] as const;
const timelockStates = ["unset", "waiting", "ready", "done"] as const;

/**
 * A clock timepoint (seconds) as an ISO date without milliseconds.
 * @example
 * formatTimepoint(1_893_456_000); // "2030-01-01T00:00:00Z"
 */
export function formatTimepoint(seconds: number | bigint): string {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `timestamp ${seconds}`;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * A duration in seconds, exactly, in the largest unit that divides it.
 * @example
 * formatDuration(604_800); // "7 days"
 * formatDuration(90); // "90 seconds"
 */
export function formatDuration(seconds: number | bigint): string {
  const s = BigInt(seconds);
  const units = [
    [86_400n, "day"],
    [3_600n, "hour"],
    [60n, "minute"],
  ] as const;
  for (const [size, unit] of units) {
    if (s !== 0n && s % size === 0n) return plural(s / size, unit);
  }
  return plural(s, "second");
}

function plural(count: number | bigint, noun: string): string {
  return `${count} ${noun}${BigInt(count) === 1n ? "" : "s"}`;
}

let roleNames: Map<string, string> | undefined;
function roleName(role: Hex): string {
  roleNames ??= new Map([
    [`0x${"0".repeat(64)}`, "governance (DEFAULT_ADMIN_ROLE)"],
    [keccak256(toHex("REGISTRAR_ROLE")), "registrar"],
    [keccak256(toHex("PROPOSER_ROLE")), "timelock proposer"],
    [keccak256(toHex("EXECUTOR_ROLE")), "timelock executor"],
    [keccak256(toHex("CANCELLER_ROLE")), "timelock canceller"],
  ]);
  return roleNames.get(role.toLowerCase()) ?? role;
}

function stateName(state: number): string {
  return proposalStates[state] ?? `in state ${state}`;
}

const verbs: Record<string, string> = {
  cancel: "canceled",
  queue: "queued",
  execute: "executed",
};

function timelockExpected(bitmap: Hex): string {
  const bits = BigInt(bitmap);
  const names = timelockStates.filter((_, i) => (bits >> BigInt(i)) & 1n);
  return names.length === 0 ? "in the expected state" : names.join(" or ");
}

function short(hex: Hex): string {
  return hex.length > 14 ? `${hex.slice(0, 10)}…${hex.slice(-4)}` : hex;
}

const limits: Record<string, string> = {
  maxTopics: "between 1 and 64",
  maxDepth: "between 1 and 16",
};

/**
 * Plain-language messages for every custom error, keyed by error name. Messages name the values
 * involved ("quadratic ballot costs 49 credits, you have 25"), never hex selectors.
 * @example
 * import { errorMessages } from "@plenum/sdk";
 * errorMessages.VotingQuadraticCreditsExceeded(["0x…", 49n, 25n], {});
 * // "quadratic ballot costs 49 credits, you have 25"
 */
export const errorMessages: ErrorMessages = {
  // ---------------------------------------------------------------- membership
  MembershipAlreadyMember: ([account]) => `${account} is already a member`,
  MembershipNotMember: ([account]) => `${account} is not a member`,
  MembershipZeroWeight: ([account]) => `${account} needs a weight of at least 1`,
  MembershipZeroAddress: () => "the zero address cannot be a member",
  MembershipTotalWeightOverflow: ([total]) =>
    `total weight would be ${total}, above the limit of ${2n ** 64n - 1n}`,
  MembershipLengthMismatch: ([accounts, weights]) =>
    `${plural(accounts, "account")} but ${plural(weights, "weight")} were given`,

  // ---------------------------------------------------------------- topics and delegation
  DelegationUnknownTopic: ([topic, count]) =>
    `topic ${topic} does not exist (the community has ${plural(count, "topic")})`,
  DelegationTooManyTopics: ([max]) =>
    `the community already has the most topics it may have (${max})`,
  DelegationInvalidLimit: ([name, value]) =>
    name === "topics"
      ? "a community needs at least one topic"
      : `${name} must be ${limits[name] ?? "within its allowed range"}, not ${value}`,
  DelegationToSelf: ([delegator]) => `${delegator} cannot delegate to themselves`,
  DelegationDelegatorNotMember: ([delegator]) => `${delegator} is not a member, so cannot delegate`,
  DelegationDelegateeNotMember: ([delegatee]) =>
    `${delegatee} is not a member, so cannot be delegated to`,
  DelegationCycle: ([delegator, delegatee, topic]) =>
    `delegating from ${delegator} to ${delegatee} in topic ${topic} would create a cycle`,
  DelegationTooDeep: ([delegator, delegatee, topic, length, maxDepth]) =>
    `delegating from ${delegator} to ${delegatee} in topic ${topic} would make a chain of ${plural(length, "delegation")}; at most ${maxDepth} are allowed`,

  // ---------------------------------------------------------------- proposals
  ProposalNotFound: ([id]) => `proposal ${id} does not exist`,
  ProposalBelowThreshold: ([proposer, weight, threshold]) =>
    `proposing needs weight ${threshold}, ${proposer} has ${weight}`,
  ProposalInvalidOptionCount: ([count], { functionName }) =>
    functionName === "proposeExecutable"
      ? `an executable proposal has exactly 2 options (against, for), not ${count}`
      : `a proposal needs 2 to 32 options, not ${count}`,
  ProposalNoIdentities: () =>
    "an anonymous proposal needs at least one member with a registered identity",
  ProposalVotingPeriodTooShort: ([period, min]) =>
    `a voting period of ${formatDuration(period)} is shorter than the community's minimum of ${formatDuration(min)}`,
  ProposalInvalidActions: ([targets, values, calldatas]) =>
    targets === 0n
      ? "an executable proposal needs at least one action"
      : `every action needs a target, a value and calldata (got ${plural(targets, "target")}, ${plural(values, "value")}, ${calldatas} calldata)`,
  ProposalUnexpectedState: ([id, state], { functionName }) => {
    const verb = functionName ? verbs[functionName] : undefined;
    return verb
      ? `proposal ${id} is ${stateName(state)} and cannot be ${verb}`
      : `proposal ${id} is ${stateName(state)}, which does not allow this`;
  },
  ProposalOnlyProposer: ([id, proposer]) =>
    `only the proposer of proposal ${id} (${proposer}) may cancel it`,
  ProposalHasVotes: ([id]) => `proposal ${id} already has votes and can no longer be canceled`,
  ProposalActionsMismatch: ([id]) =>
    `the actions given are not those proposal ${id} was created with`,
  ProposalNotExecutable: ([id]) =>
    `proposal ${id} is a poll and has no actions to queue or execute`,
  ProposalInvalidSetting: ([name, value]) => {
    switch (name) {
      case "timelock":
        return "the timelock cannot be the zero address";
      case "quorumBps":
        return `quorum must be at most 10000 basis points (100%), not ${value}`;
      case "proposalThreshold":
        return "the proposal threshold must be at least 1";
      case "minVotingPeriod":
        return "the minimum voting period must be at least 1 second";
      case "votingPeriod":
        return `the voting period (${formatDuration(value)}) cannot be shorter than the minimum voting period`;
      default:
        return `${name} cannot be ${value}`;
    }
  },
  ProposalEmptyBatch: () => "the agenda has no proposals",

  // ---------------------------------------------------------------- voting
  VotingClosed: ([id, voteEnd]) => `voting on proposal ${id} closed at ${formatTimepoint(voteEnd)}`,
  VotingProposalCanceled: ([id]) =>
    `proposal ${id} was canceled by its proposer and takes no ballots`,
  VotingNotMemberAtSnapshot: ([voter, id]) =>
    `${voter} was not a member when proposal ${id} was created`,
  VotingInvalidOption: ([id, option, count]) =>
    `proposal ${id} has options 0 to ${count - 1}, not ${option}`,
  VotingInvalidVoteCount: ([id, given, count]) =>
    `a quadratic ballot on proposal ${id} needs ${count} ${count === 1 ? "entry" : "entries"}, one per option; it has ${given}`,
  VotingQuadraticCreditsExceeded: ([, cost, credits]) =>
    `quadratic ballot costs ${cost} credits, you have ${credits}`,
  VotingWrongMode: ([id]) =>
    `the ballot does not match proposal ${id}'s voting mode (single-choice or quadratic)`,
  VotingNoBallot: ([voter, id]) => `${voter} has no ballot on proposal ${id} to retract`,
  VotingInvalidSignature: ([voter]) => `the signature is not ${voter}'s`,
  VotingSignatureExpired: ([deadline]) => `the signature expired at ${formatTimepoint(deadline)}`,
  VotingEmptyBatch: () => "no ballots were given",

  // ---------------------------------------------------------------- identities (Semaphore group)
  IdentityInvalidCommitment: ([commitment]) =>
    `${commitment} is not a valid identity commitment (it must be non-zero and below the BN254 field)`,
  IdentityCommitmentTaken: ([commitment]) =>
    `identity commitment ${commitment} is already in the community's group`,
  IdentityAlreadyRegistered: ([member, commitment]) =>
    `${member} already has identity ${commitment} registered; replace it instead`,
  IdentityNotRegistered: ([member]) => `${member} has no identity registered`,
  IdentityStillRegistered: ([member, commitment]) =>
    `${member} still has identity ${commitment} in the group; remove them together with it (removeMembersWithIdentities)`,
  IdentityWrongSiblingCount: ([member, given, expected]) =>
    `the Merkle proof for ${member}'s identity has ${given} sibling nodes; the group's tree needs ${expected} (rebuild the group from events and try again)`,
  IdentityLengthMismatch: ([members, entries]) =>
    `${members} members but ${entries} entries: the lists must have the same length`,
  IdentityEmptyBatch: () => "no members were given",
  WrongSiblingNodes: () =>
    "the Merkle proof does not match the group's current root (the group changed since it was built; rebuild it from events and try again)",
  LeafGreaterThanSnarkScalarField: () => "a value is not below the BN254 scalar field",
  LeafCannotBeZero: () => "an identity commitment cannot be 0",
  LeafAlreadyExists: () => "that identity commitment is already in the group",
  LeafDoesNotExist: () => "that identity commitment is not in the group",

  // ---------------------------------------------------------------- anonymous ballots
  AnonymousScopeMismatch: ([id]) =>
    `proof made for another proposal: its scope is not that of proposal ${id}`,
  AnonymousRootMismatch: ([id, recorded, given]) =>
    `the proof is against group root ${given}, not the root ${recorded} proposal ${id} recorded at creation: this identity is not in the group of proposal ${id}`,
  AnonymousInvalidMessage: ([id, message, count]) => {
    const option = Number(message & 0xffn);
    const sequence = message >> 8n;
    const what = option === 255 ? "abstain" : option === 254 ? "retract" : `option ${option}`;
    return sequence === 0n || sequence >= 1n << 64n
      ? `ballot number ${sequence} is not valid on proposal ${id}: ballots are numbered from 1 to 2^64 - 1`
      : `ballot ${sequence} for ${what} is not valid on proposal ${id}: its options are 0 to ${count - 1}, abstain or retract`;
  },
  AnonymousStaleBallot: ([id, , sequence, last]) =>
    `this identity already sent ballot number ${last} on proposal ${id}; ballot number ${sequence} is older or a replay (prove it again with a number above ${last})`,
  AnonymousUnsupportedDepth: ([depth]) =>
    `proofs exist for Semaphore tree depths 1 to 32, not ${depth}`,
  AnonymousInvalidProof: ([id]) =>
    `the anonymous ballot's proof does not verify for proposal ${id} (a tampered message, nullifier, root or scope)`,
  AnonymousNoBallot: ([id]) =>
    `there is no anonymous ballot with this nullifier on proposal ${id} to retract`,

  // ---------------------------------------------------------------- OpenZeppelin: roles, nonces, init
  AccessControlUnauthorizedAccount: ([account, role]) =>
    `${account} does not have the ${roleName(role)} role`,
  AccessControlBadConfirmation: () => "an account can only renounce its own roles",
  InvalidAccountNonce: ([account, nonce]) => `wrong nonce for ${account}: the next one is ${nonce}`,
  InvalidInitialization: () => "the contract is already initialised",
  NotInitializing: () => "the contract is not being initialised",
  CheckpointUnorderedInsertion: ([lastKey, key]) =>
    `history cannot be written at ${formatTimepoint(key)}, before its latest entry at ${formatTimepoint(lastKey)}`,
  SafeCastOverflowedUintDowncast: ([bits, value]) => `${value} does not fit in ${bits} bits`,

  // ---------------------------------------------------------------- OpenZeppelin: proxies, calls
  ERC1967InvalidImplementation: ([implementation]) =>
    `${implementation} cannot be an implementation: it has no code`,
  ERC1967NonPayable: () => "this call does not accept ether",
  UUPSUnauthorizedCallContext: () => "upgrades must be called through the community's proxy",
  UUPSUnsupportedProxiableUUID: ([slot]) =>
    `the new implementation is not UUPS-compatible (it reports slot ${short(slot)})`,
  AddressEmptyCode: ([target]) => `${target} has no contract code`,
  FailedCall: () => "a call failed without giving a reason",
  FailedDeployment: () => "deploying a contract failed",
  InsufficientBalance: ([balance, needed]) => `needs ${needed} wei, has ${balance}`,

  // ---------------------------------------------------------------- OpenZeppelin: timelock
  TimelockInsufficientDelay: ([delay, minDelay]) =>
    `a delay of ${formatDuration(delay)} is shorter than the timelock's minimum of ${formatDuration(minDelay)}`,
  TimelockInvalidOperationLength: ([targets, payloads, values]) =>
    `the timelock operation has ${plural(targets, "target")}, ${payloads} calldata and ${plural(values, "value")}; they must match`,
  TimelockUnauthorizedCaller: ([caller]) => `${caller} may not call the timelock directly`,
  TimelockUnexecutedPredecessor: ([id]) => `timelock operation ${short(id)} must be executed first`,
  TimelockUnexpectedOperationState: ([id, expected]) => {
    const states = timelockExpected(expected);
    return states === "ready"
      ? `timelock operation ${short(id)} is not ready: its delay has not passed`
      : `timelock operation ${short(id)} is not ${states}`;
  },
};

const panicReasons: Record<number, string> = {
  1: "an assertion failed",
  17: "an arithmetic operation overflowed",
  18: "division by zero",
  33: "an invalid enum value",
  34: "an invalid storage byte array",
  49: "pop from an empty array",
  50: "an array index out of bounds",
  65: "out of memory",
  81: "a call to an uninitialised function",
};

/**
 * The plain message for a decoded revert: a custom error from the table, `Error(string)`'s reason, or a
 * `Panic(uint256)`'s meaning.
 * @example
 * import { formatContractError } from "@plenum/sdk";
 * formatContractError("ProposalNotFound", [12n]); // "proposal 12 does not exist"
 */
export function formatContractError(
  errorName: string,
  args: readonly unknown[],
  context: ErrorMessageContext = {},
): string {
  if (errorName === "Error") return String(args[0] ?? "the contract reverted");
  if (errorName === "Panic") {
    const code = Number(args[0]);
    return `the contract panicked: ${panicReasons[code] ?? `code ${code}`}`;
  }
  const formatter = (errorMessages as Record<string, Formatter<PlenumErrorName> | undefined>)[
    errorName
  ];
  if (!formatter) return `the contract reverted with ${errorName}`;
  return formatter(args as never, context);
}
