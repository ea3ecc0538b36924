import type { Identity } from "@semaphore-protocol/identity";
import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import { getChainId } from "viem/actions";
import { getAction } from "viem/utils";
import { type AnonymousError, IdentityNotInGroupError, RelayerError } from "../anonymous/errors.ts";
import { type IdentityGroupSnapshot, rebuildIdentityGroup } from "../anonymous/group.ts";
import { checkAnonymousVote } from "../anonymous/preflight.ts";
import {
  type AnonymousOption,
  type AnonymousProof,
  anonymousNullifier,
  type CreateAnonymousBallotParameters,
  createAnonymousBallot,
  type SemaphoreArtifacts,
} from "../anonymous/proof.ts";
import type { RelayerRequestOptions } from "../anonymous/relayer.ts";
import type { BaseError } from "../errors/base.ts";
import { ContractRevertError } from "../errors/contractRevert.ts";
import { castAnonymousVote } from "./castAnonymousVote.ts";
import { checkAddressParameters } from "./internal/addresses.ts";
import type { TransactionOptions } from "./internal/types.ts";
import { relayAnonymousBallot } from "./relayAnonymousBallot.ts";

/** Parameters of {@link voteAnonymously}. */
export type VoteAnonymouslyParameters<chain extends Chain | undefined = Chain | undefined> =
  TransactionOptions<chain> & {
    /** The voter's Semaphore identity (registered before the proposal was created). */
    identity: Identity;
    /** The community (its proxy address). */
    community: Address;
    /** The anonymous proposal. */
    proposalId: bigint;
    /** An option index, `"abstain"`, or `"retract"` to withdraw an earlier anonymous ballot. */
    option: AnonymousOption;
    /**
     * The ballot's sequence. By default the identity's last on the proposal + 1, read from the chain
     * (and, if another ballot of the identity overtakes this one, once more with a fresh sequence).
     */
    sequence?: bigint | undefined;
    /** Hand the ballot to this relayer (recommended); without it, the client's account sends it. */
    relayerUrl?: string | URL | undefined;
    /** More relayer options (`fetch`, `timeout`, `signal`, `wait`). */
    relayer?: Omit<RelayerRequestOptions, "relayerUrl"> | undefined;
    /** Without a relayer: the account that sends (any account; one not linked to the voter keeps the ballot anonymous). */
    account?: Account | Address | undefined;
    /** The proposal's group, if you already rebuilt it (`rebuildIdentityGroup` with `proposalId`). */
    group?: IdentityGroupSnapshot | undefined;
    /** Where the community's events start (its creation block), to rebuild the group; 0 by default. */
    fromBlock?: bigint | undefined;
    /** The circuit depth; the group's by default. */
    merkleTreeDepth?: number | undefined;
    /** The circuit files (browsers: URLs); found in `@zk-kit/semaphore-artifacts` in Node by default. */
    artifacts?: SemaphoreArtifacts | undefined;
    /**
     * Proves elsewhere, e.g. in a browser's Web Worker: called with exactly what `createAnonymousBallot`
     * takes (the identity already checked to be in the group), it returns the proof. By default
     * `createAnonymousBallot` proves in this thread.
     */
    prove?: ((parameters: CreateAnonymousBallotParameters) => Promise<AnonymousProof>) | undefined;
  };

/** The ballot's transaction and proof. */
export interface VoteAnonymouslyReturnType {
  /** The transaction that carries the ballot (the relayer's, or the client's). */
  transactionHash: Hash;
  /** Whether a relayer sent it. */
  relayed: boolean;
  /** The proof sent. */
  proof: AnonymousProof;
  /** The ballot's nullifier: the same for every ballot of this identity on this proposal. */
  nullifier: bigint;
  /** The ballot's sequence (its next ballot needs a higher one). */
  sequence: bigint;
  /** With `relayer.wait`: the block it was mined in. */
  blockNumber?: bigint | undefined;
}

/**
 * A pre-flight or decoded revert ("voting on proposal 12 closed at …"; `AnonymousStaleBallot` if
 * another ballot of the identity overtook this one twice), an identity that is not in the proposal's
 * group, a relayer's refusal (`RelayerError`, `code: "STALE_BALLOT"` likewise), or another SDK error.
 */
export type VoteAnonymouslyErrorType = ContractRevertError | AnonymousError | BaseError;

/** The last sequence a stale-ballot refusal names, or `undefined` if `error` is no such refusal. */
function staleLastSequence(error: unknown): bigint | undefined {
  if (error instanceof ContractRevertError && error.is("AnonymousStaleBallot")) {
    return BigInt(error.args[3]);
  }
  if (error instanceof RelayerError && error.code === "STALE_BALLOT") {
    const last = error.body.lastSequence;
    return typeof last === "string" && /^\d+$/.test(last) ? BigInt(last) : 0n;
  }
  return undefined;
}

/**
 * Votes anonymously in one call: computes the identity's nullifier and reads its last ballot, checks
 * the proposal and the ballot as the contract will, rebuilds the group the proposal recorded from
 * events, proves the ballot with the next sequence, then hands it to the relayer (or sends it from
 * the client's account). Voting again replaces the ballot. If another ballot of the same identity
 * (another device, an earlier one still pending) takes that sequence first, it proves once more with
 * a fresh one. In Node, call `terminateProver()` after the last proof.
 * @example
 * import { voteAnonymously } from "@plenum/sdk";
 * const { transactionHash, nullifier, sequence } = await voteAnonymously(publicClient, {
 *   identity,
 *   community,
 *   proposalId: 12n,
 *   option: 1,
 *   relayerUrl: "https://relay.example.org",
 *   fromBlock: 4n,
 * });
 */
export async function voteAnonymously<
  chain extends Chain | undefined,
  account extends Account | undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: VoteAnonymouslyParameters<chain>,
): Promise<VoteAnonymouslyReturnType> {
  checkAddressParameters(parameters);
  const { identity, community, proposalId, option } = parameters;
  const chainId = client.chain?.id ?? (await getAction(client, getChainId, "getChainId")({}));
  const nullifier = anonymousNullifier({ identity, chainId, community, proposalId });
  // The proposal and the identity's last ballot are checked before the group is rebuilt and long
  // before the proof is made.
  const plan = await checkAnonymousVote(client, {
    community,
    proposalId,
    option,
    nullifier,
    sequence: parameters.sequence,
  });
  const group =
    parameters.group ??
    (await rebuildIdentityGroup(client, {
      community,
      proposalId,
      fromBlock: parameters.fromBlock,
    }));
  // Checked here too, so that a custom prover's caller gets the typed error before any proving.
  if (parameters.prove && group.group.indexOf(identity.commitment) < 0) {
    throw new IdentityNotInGroupError({
      commitment: identity.commitment,
      proposalId,
      recorded: group.proposalId === proposalId,
    });
  }
  const prove = parameters.prove ?? createAnonymousBallot;
  const submit = async (sequence: bigint) => {
    const proof = await prove({
      identity,
      group,
      chainId,
      community,
      proposalId,
      option,
      sequence,
      merkleTreeDepth: parameters.merkleTreeDepth,
      artifacts: parameters.artifacts,
    });
    return { proof, sequence, ...(await send(client, parameters, proof)) };
  };
  let result: Awaited<ReturnType<typeof submit>>;
  try {
    result = await submit(plan.sequence);
  } catch (error) {
    const reported = staleLastSequence(error);
    // An explicit sequence is the caller's to choose again.
    if (reported === undefined || parameters.sequence !== undefined) throw error;
    // The chain may not show yet what overtook this ballot (a relayer's pending transaction); the
    // refusal names its sequence.
    const fresh = await checkAnonymousVote(client, { community, proposalId, option, nullifier });
    let last = fresh.lastSequence;
    if (reported > last) last = reported;
    result = await submit(last + 1n);
  }
  const { transactionHash, relayed, blockNumber, proof, sequence } = result;
  return {
    transactionHash,
    relayed,
    proof,
    nullifier: proof.nullifier,
    sequence,
    ...(blockNumber === undefined ? {} : { blockNumber }),
  };
}

/** Hands the proof to the relayer, or sends it from the client's account. */
async function send<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: VoteAnonymouslyParameters<chain>,
  proof: AnonymousProof,
): Promise<{ transactionHash: Hash; relayed: boolean; blockNumber?: bigint | undefined }> {
  const { community, proposalId, relayerUrl } = parameters;
  if (relayerUrl !== undefined) {
    const answer = await relayAnonymousBallot({
      ...parameters.relayer,
      relayerUrl,
      community,
      proposalId,
      proof,
    });
    return {
      transactionHash: answer.transactionHash,
      relayed: true,
      ...(answer.blockNumber === undefined ? {} : { blockNumber: answer.blockNumber }),
    };
  }
  const { account, chain, gas, nonce, maxFeePerGas, maxPriorityFeePerGas } = parameters;
  const transactionHash = await castAnonymousVote(client as Client<Transport, chain, Account>, {
    community,
    proposalId,
    proof,
    ...(account === undefined ? {} : { account }),
    chain,
    gas,
    nonce,
    maxFeePerGas,
    maxPriorityFeePerGas,
  });
  return { transactionHash, relayed: false };
}
