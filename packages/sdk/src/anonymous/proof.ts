import type { Group } from "@semaphore-protocol/group";
import type { Identity } from "@semaphore-protocol/identity";
import { poseidon2 } from "poseidon-lite/poseidon2";
import {
  type Address,
  encodeAbiParameters,
  getAddress,
  hexToBigInt,
  keccak256,
  numberToHex,
} from "viem";
import { ABSTAIN, RETRACT, type VoteOption } from "../actions/internal/ballot.ts";
import {
  AnonymousBallotError,
  IdentityNotInGroupError,
  ProofForAnotherProposalError,
  ProofRootMismatchError,
  SemaphoreArtifactsNotFoundError,
} from "./errors.ts";
import type { IdentityGroupSnapshot } from "./group.ts";

// `@semaphore-protocol/proof` (and snarkjs behind it) is imported on first use: identities and groups
// need neither, and the CLI and the recount start faster without them.

/** Semaphore has circuits (and verification keys) for tree depths 1 to 32. */
export const MIN_PROOF_DEPTH = 1;
/** See {@link MIN_PROOF_DEPTH}. */
export const MAX_PROOF_DEPTH = 32;

/**
 * An anonymous ballot: a Semaphore v4 proof exactly as the contract's `AnonymousProof` struct takes it
 * (same fields, same order; `points` in Semaphore's packed Groth16 order).
 */
export interface AnonymousProof {
  /** Depth of the circuit the proof was made with (1 to 32). */
  merkleTreeDepth: bigint;
  /** The group root the proof shows membership of (the proposal's recorded root). */
  merkleTreeRoot: bigint;
  /** Poseidon(scope, secret): the same identity always gets the same one per proposal. */
  nullifier: bigint;
  /**
   * `sequence << 8 | option` ({@link anonymousMessage}): the option (an index, `ABSTAIN` 255 or
   * `RETRACT` 254) in the low byte, above it the ballot's sequence.
   */
  message: bigint;
  /** The proposal's {@link anonymousScope}. */
  scope: bigint;
  /** The Groth16 proof. */
  points: readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
}

/** Which proposal a scope names. */
export interface AnonymousScopeParameters {
  /** The community's chain. */
  chainId: number | bigint;
  /** The community (its proxy address). */
  community: Address;
  /** The proposal. */
  proposalId: bigint;
}

/**
 * The `scope` a proof for a proposal must carry, exactly as the contract computes it:
 * `uint256(keccak256(abi.encode(chainId, community, proposalId)))`. Pure.
 * @example
 * import { anonymousScope } from "@plenum/sdk";
 * const scope = anonymousScope({ chainId: 31337, community, proposalId: 12n });
 */
export function anonymousScope({
  chainId,
  community,
  proposalId,
}: AnonymousScopeParameters): bigint {
  return hexToBigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "uint256" }, { type: "address" }, { type: "uint256" }],
        [BigInt(chainId), getAddress(community), proposalId],
      ),
    ),
  );
}

/**
 * A proof as `@semaphore-protocol/proof` makes and verifies it: numbers as decimal strings. (Its own
 * `SemaphoreProof` type is not reachable under NodeNext resolution, so it is spelled out here.)
 */
export interface SemaphoreProof {
  merkleTreeDepth: number;
  merkleTreeRoot: string;
  nullifier: string;
  message: string;
  scope: string;
  points: string[];
}

/** An anonymous ballot's option: an index, `"abstain"`, or `"retract"` to withdraw the ballot. */
export type AnonymousOption = VoteOption | "retract";

/** The largest ballot sequence: the contract keeps a nullifier's last one in 64 bits. */
export const MAX_ANONYMOUS_SEQUENCE = (1n << 64n) - 1n;

/** What a proof's `message` says: the option, and the ballot's place in its nullifier's order. */
export interface AnonymousMessage {
  /** An option index (0 to 31), `"abstain"` or `"retract"`. */
  option: AnonymousOption;
  /**
   * From 1 to 2^64 − 1, higher than that of the nullifier's last ballot (the SDK uses last + 1):
   * proofs are public once sent, and this order keeps anyone from re-sending an old one to undo a
   * change or a retraction.
   */
  sequence: bigint;
}

/**
 * The proof `message` of a ballot, as the contract reads it: `sequence << 8 | option`, with the
 * option in the low byte (an index, 255 to abstain, 254 to retract). Pure; throws
 * {@link AnonymousBallotError} for an option or sequence out of range.
 * @example
 * import { anonymousMessage } from "@plenum/sdk";
 * anonymousMessage({ option: 1, sequence: 1n }); // 257n
 * anonymousMessage({ option: "retract", sequence: 3n }); // 1022n
 */
export function anonymousMessage({ option, sequence }: AnonymousMessage): bigint {
  let low: number;
  if (option === "abstain") low = ABSTAIN;
  else if (option === "retract") low = RETRACT;
  else if (Number.isInteger(option) && option >= 0 && option <= 31) low = option;
  else {
    throw new AnonymousBallotError(
      `option must be a whole number from 0 to 31, "abstain" or "retract", not ${option}`,
    );
  }
  if (typeof sequence !== "bigint" || sequence < 1n || sequence > MAX_ANONYMOUS_SEQUENCE) {
    throw new AnonymousBallotError(
      `a ballot's sequence must be a bigint from 1 to 2^64 - 1, not ${String(sequence)}`,
    );
  }
  return (sequence << 8n) | BigInt(low);
}

/**
 * The option and sequence of a proof `message`, or `undefined` if it is none the contract takes
 * (whether the option exists on a given proposal is the proposal's to say). Pure.
 * @example
 * import { decodeAnonymousMessage } from "@plenum/sdk";
 * decodeAnonymousMessage(proof.message); // { option: 1, sequence: 1n }
 * decodeAnonymousMessage(1n); // undefined: sequence 0
 */
export function decodeAnonymousMessage(message: bigint): AnonymousMessage | undefined {
  const sequence = message >> 8n;
  if (message < 0n || sequence < 1n || sequence > MAX_ANONYMOUS_SEQUENCE) return undefined;
  const low = Number(message & 0xffn);
  if (low === ABSTAIN) return { option: "abstain", sequence };
  if (low === RETRACT) return { option: "retract", sequence };
  return low <= 31 ? { option: low, sequence } : undefined;
}

/**
 * The nullifier an identity's proofs carry on a proposal, computed without proving: Semaphore v4's
 * `Poseidon(hash(scope), secret)`, where `hash` is keccak256 of the 32-byte scope shifted right by
 * 8 bits. Only the identity's holder can compute it; with it they can read their own ballot
 * (`getAnonymousBallot`) and its sequence before proving the next one.
 * @example
 * import { anonymousNullifier } from "@plenum/sdk";
 * const nullifier = anonymousNullifier({ identity, chainId: 31337, community, proposalId: 12n });
 */
export function anonymousNullifier(
  parameters: AnonymousScopeParameters & { identity: Pick<Identity, "secretScalar"> },
): bigint {
  const scope = anonymousScope(parameters);
  const scopeHash = hexToBigInt(keccak256(numberToHex(scope, { size: 32 }))) >> 8n;
  return poseidon2([scopeHash, parameters.identity.secretScalar]);
}

// ---------------------------------------------------------------- circuit artifacts

/**
 * The circuit files of one depth: file paths in Node, URLs in a browser, or their bytes (already
 * loaded, so that repeated proofs skip reading them).
 */
export interface SemaphoreArtifacts {
  wasm: string | Uint8Array;
  zkey: string | Uint8Array;
}

/** Where to look for the artifacts in Node. */
export interface ResolveSemaphoreArtifactsOptions {
  /** A directory holding `semaphore-<depth>.wasm/.zkey`; by default `@zk-kit/semaphore-artifacts`'s. */
  directory?: string | undefined;
}

type NodeModule = typeof import("node:module");
type NodeFs = typeof import("node:fs");

/** Node's built-in modules without a static import, so that browser bundles never see one. */
async function nodeBuiltin<T>(name: string): Promise<T | undefined> {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!process?.versions?.node) return undefined;
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (get) return get(name) as T;
  const specifier = name;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}

function checkDepth(depth: number): number {
  if (!Number.isInteger(depth) || depth < MIN_PROOF_DEPTH || depth > MAX_PROOF_DEPTH) {
    throw new AnonymousBallotError(
      `a Semaphore proof needs a tree depth from ${MIN_PROOF_DEPTH} to ${MAX_PROOF_DEPTH}, not ${depth}`,
    );
  }
  return depth;
}

/**
 * The paths of the circuit files for a depth in Node, from `@zk-kit/semaphore-artifacts` (resolved from
 * the SDK, then from the working directory) or `directory`. Throws
 * {@link SemaphoreArtifactsNotFoundError} when they are missing, and in browsers, which pass URLs.
 * @example
 * import { resolveSemaphoreArtifacts } from "@plenum/sdk";
 * const { wasm, zkey } = await resolveSemaphoreArtifacts(20); // ".../semaphore-20.wasm", ".../semaphore-20.zkey"
 */
export async function resolveSemaphoreArtifacts(
  depth: number,
  options: ResolveSemaphoreArtifactsOptions = {},
): Promise<{ wasm: string; zkey: string }> {
  checkDepth(depth);
  const [moduleApi, fs] = await Promise.all([
    nodeBuiltin<NodeModule>("node:module"),
    nodeBuiltin<NodeFs>("node:fs"),
  ]);
  if (!moduleApi || !fs) {
    throw new SemaphoreArtifactsNotFoundError({
      depth,
      reason:
        "outside Node they cannot be looked up; serve them and pass their URLs as `artifacts: { wasm, zkey }`",
    });
  }
  let directory = options.directory;
  if (directory === undefined) {
    const bases = [import.meta.url, `file://${globalThis.process.cwd()}/`];
    for (const base of bases) {
      try {
        const manifest = moduleApi
          .createRequire(base)
          .resolve("@zk-kit/semaphore-artifacts/package.json");
        directory = manifest.slice(0, -"package.json".length);
        break;
      } catch {
        // not installed where `base` can see it; try the next
      }
    }
    if (directory === undefined) {
      throw new SemaphoreArtifactsNotFoundError({
        depth,
        reason: "the package @zk-kit/semaphore-artifacts is not installed",
      });
    }
  }
  const separator = directory.endsWith("/") || directory.endsWith("\\") ? "" : "/";
  const wasm = `${directory}${separator}semaphore-${depth}.wasm`;
  const zkey = `${directory}${separator}semaphore-${depth}.zkey`;
  for (const file of [wasm, zkey]) {
    if (!fs.existsSync(file)) {
      throw new SemaphoreArtifactsNotFoundError({ depth, reason: `${file} does not exist` });
    }
  }
  return { wasm, zkey };
}

/**
 * The circuit files' bytes, read once so that later proofs skip loading them: from disk in Node
 * (resolved as {@link resolveSemaphoreArtifacts} does) or fetched from `urls` (any platform).
 * @example
 * const artifacts = await loadSemaphoreArtifacts(20); // Node
 * const inBrowser = await loadSemaphoreArtifacts(20, { urls: { wasm: "/zk/semaphore-20.wasm", zkey: "/zk/semaphore-20.zkey" } });
 */
export async function loadSemaphoreArtifacts(
  depth: number,
  options: ResolveSemaphoreArtifactsOptions & { urls?: { wasm: string; zkey: string } } = {},
): Promise<{ wasm: Uint8Array; zkey: Uint8Array }> {
  if (options.urls) {
    const get = async (url: string) => {
      let response: Response;
      try {
        response = await fetch(url);
      } catch (error) {
        throw new SemaphoreArtifactsNotFoundError({
          depth,
          reason: `${url} could not be fetched`,
          cause: error,
        });
      }
      if (!response.ok) {
        throw new SemaphoreArtifactsNotFoundError({
          depth,
          reason: `${url} answered HTTP ${response.status}`,
        });
      }
      return new Uint8Array(await response.arrayBuffer());
    };
    const [wasm, zkey] = await Promise.all([get(options.urls.wasm), get(options.urls.zkey)]);
    return { wasm, zkey };
  }
  const paths = await resolveSemaphoreArtifacts(depth, options);
  const fs = (await nodeBuiltin<NodeFs>("node:fs")) as NodeFs;
  const [wasm, zkey] = await Promise.all([
    fs.promises.readFile(paths.wasm),
    fs.promises.readFile(paths.zkey),
  ]);
  return { wasm: new Uint8Array(wasm), zkey: new Uint8Array(zkey) };
}

// ---------------------------------------------------------------- proving

/** Parameters of {@link createAnonymousBallot}. */
export interface CreateAnonymousBallotParameters extends AnonymousScopeParameters {
  /** The voter's Semaphore identity. */
  identity: Identity;
  /**
   * The group the proposal recorded: `rebuildIdentityGroup(client, { community, proposalId })`, or a
   * Semaphore `Group` you built yourself.
   */
  group: IdentityGroupSnapshot | Group;
  /** An option index, `"abstain"`, or `"retract"` to withdraw an earlier anonymous ballot. */
  option: AnonymousOption;
  /**
   * The ballot's sequence (1 to 2^64 − 1): higher than that of the identity's last ballot on the
   * proposal, which `getAnonymousBallot` reads (`sequence + 1n`; 1 for a first ballot). The contract
   * refuses anything else (`AnonymousStaleBallot`), so that nobody can re-send an older proof.
   * `voteAnonymously` picks it for you.
   */
  sequence: bigint;
  /**
   * The circuit depth (1 to 32), at least the group's depth; by default the group's (at least 1).
   * A larger one works too (an app may ship a single circuit), but proving takes longer.
   */
  merkleTreeDepth?: number | undefined;
  /** The circuit files; in Node they are found in `@zk-kit/semaphore-artifacts` by default. Browsers must pass URLs. */
  artifacts?: SemaphoreArtifacts | undefined;
}

/** The proof, ready for `castAnonymousVote` or `relayAnonymousBallot`. */
export type CreateAnonymousBallotReturnType = AnonymousProof;

function isSnapshot(group: IdentityGroupSnapshot | Group): group is IdentityGroupSnapshot {
  return "group" in group && "members" in group;
}

/**
 * Proves an anonymous ballot: a Semaphore proof that `identity` is in the proposal's group, with
 * `sequence << 8 | option` as message ({@link anonymousMessage}) and the proposal's scope. Checks
 * first that the identity is in the group ({@link IdentityNotInGroupError}: "this identity is not in
 * the group of proposal 12"), the option, the sequence and the depth.
 * @example
 * import { createAnonymousBallot, getAnonymousBallot, rebuildIdentityGroup } from "@plenum/sdk";
 * const group = await rebuildIdentityGroup(publicClient, { community, proposalId: 12n });
 * const { sequence } = await getAnonymousBallot(publicClient, { community, proposalId: 12n, identity });
 * const proof = await createAnonymousBallot({ identity, group, chainId: 31337, community, proposalId: 12n, option: 1, sequence: sequence + 1n });
 */
export async function createAnonymousBallot(
  parameters: CreateAnonymousBallotParameters,
): Promise<CreateAnonymousBallotReturnType> {
  const { identity, proposalId } = parameters;
  const snapshot = isSnapshot(parameters.group) ? parameters.group : undefined;
  const group = snapshot ? snapshot.group : (parameters.group as Group);
  const message = anonymousMessage({ option: parameters.option, sequence: parameters.sequence });
  const index = group.indexOf(identity.commitment);
  if (index < 0 || identity.commitment === 0n) {
    throw new IdentityNotInGroupError({
      commitment: identity.commitment,
      proposalId,
      recorded: snapshot?.proposalId === proposalId,
    });
  }
  if (snapshot?.proposalId !== undefined && snapshot.proposalId !== proposalId) {
    throw new AnonymousBallotError(
      `the group given is proposal ${snapshot.proposalId}'s, not proposal ${proposalId}'s`,
    );
  }
  const depth = checkDepth(parameters.merkleTreeDepth ?? Math.max(MIN_PROOF_DEPTH, group.depth));
  if (depth < group.depth) {
    throw new AnonymousBallotError(
      `a proof of depth ${depth} cannot hold a group of depth ${group.depth}`,
    );
  }
  const artifacts = parameters.artifacts ?? (await resolveSemaphoreArtifacts(depth));
  const scope = anonymousScope(parameters);
  const { generateProof } = await import("@semaphore-protocol/proof");
  const proof = await generateProof(
    identity,
    group.generateMerkleProof(index),
    message,
    scope,
    depth,
    artifacts as { wasm: string; zkey: string },
  );
  return fromSemaphoreProof(proof as SemaphoreProof);
}

// ---------------------------------------------------------------- checking

/**
 * The contract's `AnonymousProof` from `@semaphore-protocol/proof`'s `SemaphoreProof` (decimal strings).
 * @example
 * const proof = fromSemaphoreProof(await generateProof(identity, group, 1, scope, 20, artifacts));
 */
export function fromSemaphoreProof(proof: SemaphoreProof): AnonymousProof {
  if (proof.points.length !== 8) {
    throw new AnonymousBallotError(`a Semaphore proof has 8 points, not ${proof.points.length}`);
  }
  return {
    merkleTreeDepth: BigInt(proof.merkleTreeDepth),
    merkleTreeRoot: BigInt(proof.merkleTreeRoot),
    nullifier: BigInt(proof.nullifier),
    message: BigInt(proof.message),
    scope: BigInt(proof.scope),
    points: proof.points.map(BigInt) as unknown as AnonymousProof["points"],
  };
}

/**
 * `@semaphore-protocol/proof`'s `SemaphoreProof` (decimal strings) from an {@link AnonymousProof}.
 * @example
 * const ok = await verifyProof(toSemaphoreProof(proof)); // @semaphore-protocol/proof
 */
export function toSemaphoreProof(proof: AnonymousProof): SemaphoreProof {
  return {
    merkleTreeDepth: Number(proof.merkleTreeDepth),
    merkleTreeRoot: proof.merkleTreeRoot.toString(),
    nullifier: proof.nullifier.toString(),
    message: proof.message.toString(),
    scope: proof.scope.toString(),
    points: proof.points.map(String),
  };
}

/**
 * Verifies an anonymous ballot's Groth16 proof off-chain, with Semaphore's verification key for its
 * depth (no circuit files needed; ~20 ms). Says nothing about which proposal it is for: see
 * {@link checkAnonymousBallot}.
 * @example
 * import { verifyAnonymousBallot } from "@plenum/sdk";
 * if (!(await verifyAnonymousBallot(proof))) throw new Error("forged or tampered ballot");
 */
export async function verifyAnonymousBallot(proof: AnonymousProof): Promise<boolean> {
  const depth = Number(proof.merkleTreeDepth);
  if (!Number.isInteger(depth) || depth < MIN_PROOF_DEPTH || depth > MAX_PROOF_DEPTH) return false;
  if (proof.points.length !== 8) return false;
  const { verifyProof } = await import("@semaphore-protocol/proof");
  try {
    return await verifyProof(toSemaphoreProof(proof) as Parameters<typeof verifyProof>[0]);
  } catch {
    return false;
  }
}

/** What {@link checkAnonymousBallot} compares a proof with. */
export interface CheckAnonymousBallotParameters extends AnonymousScopeParameters {
  /** The root the proposal recorded (`getProposalGroup`, or a rebuilt group's `root`); not checked without it. */
  root?: bigint | undefined;
}

/**
 * Checks that a proof belongs to a proposal, as the contract will: its scope
 * ({@link ProofForAnotherProposalError}: "proof made for another proposal") and, given `root`, its
 * group root ({@link ProofRootMismatchError}). Pure; pair it with {@link verifyAnonymousBallot}.
 * @example
 * import { checkAnonymousBallot } from "@plenum/sdk";
 * checkAnonymousBallot(proof, { chainId: 31337, community, proposalId: 12n, root });
 */
export function checkAnonymousBallot(
  proof: AnonymousProof,
  parameters: CheckAnonymousBallotParameters,
): void {
  const { proposalId, root } = parameters;
  const expected = anonymousScope(parameters);
  if (proof.scope !== expected) {
    throw new ProofForAnotherProposalError({ proposalId, expected, given: proof.scope });
  }
  if (root !== undefined && proof.merkleTreeRoot !== root) {
    throw new ProofRootMismatchError({ proposalId, recorded: root, given: proof.merkleTreeRoot });
  }
}

/**
 * Ends the prover's worker threads (snarkjs keeps them after proving, which keeps Node running). Call
 * it once a script has made its last proof; the next proof starts them again.
 * @example
 * import { terminateProver } from "@plenum/sdk";
 * await terminateProver();
 */
export async function terminateProver(): Promise<void> {
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
  // ffjavascript's terminate also forgets the curve, so the next proof builds a new one.
  await curve?.terminate();
}
