import { Group } from "@semaphore-protocol/group";
import {
  type Address,
  type Chain,
  type Client,
  getAbiItem,
  type Hash,
  parseEventLogs,
  type Transport,
} from "viem";
import { getBlockNumber } from "viem/actions";
import { getAction } from "viem/utils";
import { readGovernor } from "../actions/internal/read.ts";
import { liquidGovernorAbi } from "../generated/abis.ts";
import { LogFetchError } from "../recount/errors.ts";
import { getLogsChunked } from "../recount/getLogsChunked.ts";
import { type RetryOptions, withRetry } from "../recount/retry.ts";
import {
  GroupInconsistentLogsError,
  GroupRootMismatchError,
  IdentityNotInGroupError,
  ProposalGroupNotFoundError,
} from "./errors.ts";
import { commitmentOf, type IdentityLike } from "./identity.ts";

export { Group };

/** The events the group is rebuilt from: the identity events and anonymous proposals' recorded roots. */
export const identityEventNames = [
  "IdentityRegistered",
  "IdentityReplaced",
  "IdentityRemoved",
  "ProposalGroupRecorded",
] as const;

/** A log the group can be rebuilt from: any decoded community log (other events are skipped). */
export interface GroupLogInput {
  eventName: string;
  args: unknown;
  blockNumber: bigint;
  logIndex: number;
  transactionHash?: Hash | null | undefined;
}

/** A registered identity: its commitment and leaf index. */
export interface GroupMember {
  commitment: bigint;
  index: number;
}

/**
 * The community's Semaphore group rebuilt from events: the `Group` (LeanIMT) itself and who holds
 * which leaf.
 */
export interface IdentityGroupSnapshot {
  /** The Semaphore group: pass it to `createAnonymousBallot`, or read `group.generateMerkleProof(i)`. */
  group: Group;
  /** The group's root (0 for an empty group). */
  root: bigint;
  /** The LeanIMT depth (0 with fewer than two leaves; a proof needs a circuit of at least max(1, depth)). */
  depth: number;
  /** Leaves, removed ones (now 0) included. */
  size: number;
  /** Identities in the group (non-zero leaves). */
  identities: number;
  /** Member → their commitment and leaf, for the members with an identity. */
  members: Map<Address, GroupMember>;
  /** The proposal whose group this is (as of its creation), or `undefined` for the group as of `blockNumber`. */
  proposalId: bigint | undefined;
  /** The block of the proposal's creation, or the last block the logs cover (if known). */
  blockNumber: bigint | undefined;
}

/** Options of {@link buildIdentityGroup}. */
export interface BuildIdentityGroupOptions {
  /** Rebuild the group as the proposal recorded it at creation (events strictly before its `ProposalGroupRecorded`). */
  proposalId?: bigint | undefined;
}

type Decoded = GroupLogInput & { args: Record<string, unknown> };

function position(log: GroupLogInput) {
  return { blockNumber: log.blockNumber, logIndex: log.logIndex };
}

function before(a: GroupLogInput, b: GroupLogInput): boolean {
  return (
    a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex)
  );
}

function inconsistent(log: GroupLogInput, reason: string): never {
  throw new GroupInconsistentLogsError({ reason, ...position(log) });
}

/** A batch registration emits one event per member, all carrying the root after the whole batch. */
function sameBatch(a: Decoded, b: Decoded | undefined): boolean {
  return (
    b !== undefined &&
    b.eventName === "IdentityRegistered" &&
    a.blockNumber === b.blockNumber &&
    (a.transactionHash ?? null) === (b.transactionHash ?? null) &&
    a.args.groupRoot === b.args.groupRoot
  );
}

/**
 * Rebuilds the community's Semaphore group from its identity events (pure; logs in any order). Each
 * event's `groupRoot` is checked as it is replayed, and with `proposalId`, the result against the root
 * the proposal recorded; a difference throws {@link GroupRootMismatchError}.
 * @example
 * import { buildIdentityGroup, fetchCommunityLogs } from "@plenum/sdk";
 * const { logs } = await fetchCommunityLogs(publicClient, { community, fromBlock: 0n });
 * const { group, root, members } = buildIdentityGroup(logs, { proposalId: 12n });
 */
export function buildIdentityGroup(
  logs: readonly GroupLogInput[],
  options: BuildIdentityGroupOptions = {},
): IdentityGroupSnapshot {
  const { proposalId } = options;
  const events = logs
    .filter((log): log is Decoded =>
      (identityEventNames as readonly string[]).includes(log.eventName),
    )
    .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));

  let recorded: Decoded | undefined;
  if (proposalId !== undefined) {
    recorded = events.find(
      (log) => log.eventName === "ProposalGroupRecorded" && log.args.proposalId === proposalId,
    );
    if (!recorded) throw new ProposalGroupNotFoundError({ proposalId });
  }
  const relevant = recorded
    ? events.filter((log) => before(log, recorded))
    : events.filter((log) => log.eventName !== "ProposalGroupRecorded");

  const group = new Group();
  const members = new Map<Address, GroupMember>();
  let identities = 0;
  const checkRoot = (log: Decoded) => {
    const expected = log.args.groupRoot as bigint;
    if (group.root !== expected) {
      throw new GroupRootMismatchError({ expected, rebuilt: group.root, ...position(log) });
    }
  };

  for (let i = 0; i < relevant.length; i++) {
    const log = relevant[i] as Decoded;
    const args = log.args;
    const member = args.member as Address;
    switch (log.eventName) {
      case "IdentityRegistered": {
        const batch: Decoded[] = [log];
        while (sameBatch(log, relevant[i + 1])) batch.push(relevant[++i] as Decoded);
        batch.forEach((entry, k) => {
          if (entry.args.index !== BigInt(group.size + k)) {
            inconsistent(
              entry,
              `IdentityRegistered at index ${entry.args.index}, expected ${group.size + k}`,
            );
          }
        });
        const commitments = batch.map((entry) => entry.args.commitment as bigint);
        group.addMembers(commitments);
        batch.forEach((entry, k) => {
          members.set(entry.args.member as Address, {
            commitment: commitments[k] as bigint,
            index: group.size - batch.length + k,
          });
        });
        identities += batch.length;
        checkRoot(batch[batch.length - 1] as Decoded);
        break;
      }
      case "IdentityReplaced": {
        const index = Number(args.index);
        if (group.members[index] !== args.oldCommitment) {
          inconsistent(log, `IdentityReplaced of a commitment that is not leaf ${index}`);
        }
        group.updateMember(index, args.newCommitment as bigint);
        members.set(member, { commitment: args.newCommitment as bigint, index });
        checkRoot(log);
        break;
      }
      case "IdentityRemoved": {
        const index = Number(args.index);
        if (group.members[index] !== args.commitment) {
          inconsistent(log, `IdentityRemoved of a commitment that is not leaf ${index}`);
        }
        group.removeMember(index);
        members.delete(member);
        identities -= 1;
        checkRoot(log);
        break;
      }
    }
  }

  if (recorded) {
    const expected = recorded.args.groupRoot as bigint;
    if (group.root !== expected || BigInt(identities) !== recorded.args.identities) {
      throw new GroupRootMismatchError({ expected, rebuilt: group.root, proposalId });
    }
  }
  const last = recorded ?? relevant[relevant.length - 1];
  return {
    group,
    root: group.root,
    depth: group.depth,
    size: group.size,
    identities,
    members,
    proposalId,
    blockNumber: last?.blockNumber,
  };
}

// ---------------------------------------------------------------- fetching

/** Parameters of {@link fetchIdentityLogs}. */
export interface FetchIdentityLogsParameters {
  /** The community (its proxy address). */
  community: Address;
  /** First block: the community's creation block or earlier (default 0). */
  fromBlock?: bigint | undefined;
  /** Last block (default: the latest). */
  toBlock?: bigint | undefined;
  /** Blocks per `eth_getLogs` (default 5,000); halved whenever the node refuses the range. */
  chunkSize?: number | bigint | undefined;
  /** Retries with exponential backoff. */
  retry?: RetryOptions | undefined;
}

/** A decoded identity or `ProposalGroupRecorded` event with its position. */
export type IdentityLog = ReturnType<
  typeof parseEventLogs<typeof liquidGovernorAbi, true, (typeof identityEventNames)[number]>
>[number] & { blockNumber: bigint; logIndex: number; transactionHash: Hash };

/**
 * Fetches the community's identity events and anonymous proposals' recorded roots with chunked
 * `eth_getLogs` (filtered by topic, so votes and other events are not downloaded), retrying failures and
 * halving refused ranges as `fetchCommunityLogs` does.
 * @example
 * const { logs, toBlock } = await fetchIdentityLogs(publicClient, { community, fromBlock: 0n });
 */
export async function fetchIdentityLogs(
  client: Client<Transport, Chain | undefined>,
  parameters: FetchIdentityLogsParameters,
): Promise<{ logs: IdentityLog[]; fromBlock: bigint; toBlock: bigint }> {
  const { community, retry } = parameters;
  const fromBlock = parameters.fromBlock ?? 0n;
  const giveUp = (from: bigint, to: bigint) => (cause: unknown, attempts: number) =>
    new LogFetchError({ fromBlock: from, toBlock: to, attempts, cause });
  const toBlock =
    parameters.toBlock ??
    (await withRetry(
      () => getAction(client, getBlockNumber, "getBlockNumber")({ cacheTime: 0 }),
      retry,
      {
        onGiveUp: giveUp(fromBlock, fromBlock),
      },
    ));
  const events = identityEventNames.map((name) => getAbiItem({ abi: liquidGovernorAbi, name }));
  const raw = await getLogsChunked(client, {
    address: community,
    events,
    fromBlock,
    toBlock,
    chunk: parameters.chunkSize ?? 5_000,
    retry,
  });
  const logs = parseEventLogs({
    abi: liquidGovernorAbi,
    logs: raw,
    eventName: [...identityEventNames],
    strict: true,
  }) as IdentityLog[];
  return { logs, fromBlock, toBlock };
}

/** Parameters of {@link rebuildIdentityGroup}. */
export interface RebuildIdentityGroupParameters extends FetchIdentityLogsParameters {
  /** The group as this anonymous proposal recorded it at creation; the current group without it. */
  proposalId?: bigint | undefined;
  /**
   * Without `proposalId`: also compare the rebuilt root with the contract's `identityGroup()` at
   * `toBlock` (one `eth_call`). Default true.
   */
  verify?: boolean | undefined;
}

/**
 * Rebuilds the community's Semaphore group from its events, as of now (`toBlock`) or as of an anonymous
 * proposal's creation, and checks the root against the chain's (the proposal's recorded root, or
 * `identityGroup()`); a difference throws {@link GroupRootMismatchError}.
 * @example
 * import { rebuildIdentityGroup } from "@plenum/sdk";
 * const snapshot = await rebuildIdentityGroup(publicClient, { community, fromBlock: 0n, proposalId: 12n });
 * snapshot.group.indexOf(identity.commitment); // -1 if this identity cannot vote on proposal 12
 */
export async function rebuildIdentityGroup(
  client: Client<Transport, Chain | undefined>,
  parameters: RebuildIdentityGroupParameters,
): Promise<IdentityGroupSnapshot> {
  const { logs, toBlock } = await fetchIdentityLogs(client, parameters);
  const { proposalId, community } = parameters;
  const snapshot = buildIdentityGroup(logs, { proposalId });
  if (proposalId !== undefined) return snapshot;
  if (parameters.verify !== false) {
    const [root] = await readGovernor(client, community, "identityGroup", [], {
      blockNumber: toBlock,
    });
    if (root !== snapshot.root) {
      throw new GroupRootMismatchError({ expected: root, rebuilt: snapshot.root });
    }
  }
  return { ...snapshot, blockNumber: toBlock };
}

// ---------------------------------------------------------------- helpers

function groupOf(group: Group | IdentityGroupSnapshot): Group {
  return group instanceof Group ? group : group.group;
}

/**
 * The leaf index of an identity in a group, or `undefined` if it is not there.
 * @example
 * const index = identityIndexOf(snapshot, identity); // number | undefined
 */
export function identityIndexOf(
  group: Group | IdentityGroupSnapshot,
  identity: IdentityLike,
): number | undefined {
  const commitment = commitmentOf(identity);
  if (commitment === 0n) return undefined;
  const index = groupOf(group).indexOf(commitment);
  return index < 0 ? undefined : index;
}

/**
 * The LeanIMT sibling nodes of an identity's leaf, bottom up: the Merkle proof `replaceIdentity` and
 * `removeMembersWithIdentities` take. Throws {@link IdentityNotInGroupError} if it is not in the group.
 * @example
 * const siblings = identitySiblings(snapshot, identity);
 */
export function identitySiblings(
  group: Group | IdentityGroupSnapshot,
  identity: IdentityLike,
): bigint[] {
  const index = identityIndexOf(group, identity);
  if (index === undefined) {
    const proposalId = group instanceof Group ? undefined : group.proposalId;
    throw new IdentityNotInGroupError({ commitment: commitmentOf(identity), proposalId });
  }
  return groupOf(group).generateMerkleProof(index).siblings.map(BigInt);
}

/**
 * The sibling nodes for removing several identities one after the other, as
 * `removeMembersWithIdentities` does: each against the tree as it is when its turn comes. `null` (a
 * member without an identity) gets an empty proof. The group passed is not changed.
 * @example
 * const siblingNodes = removalSiblings(snapshot, [aliceCommitment, null, bobCommitment]);
 */
export function removalSiblings(
  group: Group | IdentityGroupSnapshot,
  identities: readonly (IdentityLike | null)[],
): bigint[][] {
  const tree = Group.import(groupOf(group).export());
  return identities.map((identity) => {
    if (identity === null) return [];
    const siblings = identitySiblings(tree, identity);
    tree.removeMember(identityIndexOf(tree, identity) as number);
    return siblings;
  });
}
