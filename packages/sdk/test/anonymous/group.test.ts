// The identity group on real anvil: every way the group changes (register, batch register, add with
// identities, replace, remove in a batch), rebuilt from events and checked against the contract's root;
// the group a proposal recorded at creation; the typed errors.
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMembersWithIdentitiesSync } from "../../src/actions/addMembersWithIdentities.ts";
import { getIdentityCommitment } from "../../src/actions/getIdentityCommitment.ts";
import { getIdentityGroup } from "../../src/actions/getIdentityGroup.ts";
import { getProposalGroup } from "../../src/actions/getProposalGroup.ts";
import { proposeSync } from "../../src/actions/propose.ts";
import { registerIdentitiesSync } from "../../src/actions/registerIdentities.ts";
import { registerIdentity, registerIdentitySync } from "../../src/actions/registerIdentity.ts";
import { removeMembers } from "../../src/actions/removeMembers.ts";
import {
  removeMembersWithIdentities,
  removeMembersWithIdentitiesSync,
} from "../../src/actions/removeMembersWithIdentities.ts";
import { replaceIdentity, replaceIdentitySync } from "../../src/actions/replaceIdentity.ts";
import {
  GroupInconsistentLogsError,
  GroupRootMismatchError,
  IdentityNotInGroupError,
  ProposalGroupNotFoundError,
} from "../../src/anonymous/errors.ts";
import {
  buildIdentityGroup,
  fetchIdentityLogs,
  type IdentityGroupSnapshot,
  identityIndexOf,
  identitySiblings,
  rebuildIdentityGroup,
  removalSiblings,
} from "../../src/anonymous/group.ts";
import { createIdentity, type Identity } from "../../src/anonymous/identity.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { fetchCommunityLogs } from "../../src/recount/fetchCommunityLogs.ts";
import { createWorld, proposeAnonymous, rejectionOf, type World } from "./setup.ts";

describe("identity group", () => {
  let world: World;
  let community: Address;
  const ids: Identity[] = Array.from({ length: 8 }, () => createIdentity());
  const m = (i: number) => {
    const member = world.members[i];
    if (!member) throw new Error(`no member ${i}`);
    return member;
  };
  const address = (i: number) => m(i).account.address;
  const rebuild = (proposalId?: bigint) =>
    rebuildIdentityGroup(world.clients.publicClient, { community, proposalId });
  /** The rebuilt group's root equals the contract's, and so do its size and identities. */
  const expectMatchesChain = async (snapshot: IdentityGroupSnapshot) => {
    const onChain = await getIdentityGroup(world.clients.publicClient, { community });
    expect({
      root: snapshot.root,
      depth: snapshot.depth,
      size: snapshot.size,
      identities: snapshot.identities,
    }).toEqual(onChain);
  };

  beforeAll(async () => {
    world = await createWorld({ weights: [1, 1, 1, 1, 1, 1, 1, 1] });
    community = world.community;
  });
  afterAll(async () => {
    await world.stop();
  });

  it("rebuildIdentityGroup() of a community without identities is empty", async () => {
    const snapshot = await rebuild();
    expect(snapshot).toMatchObject({ root: 0n, size: 0, identities: 0 });
    await expectMatchesChain(snapshot);
  });

  it("registerIdentitySync() registers a member's commitment; the rebuilt root is the chain's", async () => {
    const first = await registerIdentitySync(m(0), { community, identity: ids[0] as Identity });
    expect(first).toMatchObject({
      member: address(0),
      commitment: ids[0]?.commitment,
      index: 0n,
    });
    const second = await registerIdentitySync(m(1), {
      community,
      identity: (ids[1] as Identity).commitment,
    });
    expect(second.index).toBe(1n);
    const snapshot = await rebuild();
    expect(snapshot.root).toBe(second.groupRoot);
    expect(snapshot.members.get(address(1))).toEqual({ commitment: ids[1]?.commitment, index: 1 });
    await expectMatchesChain(snapshot);
    expect(
      await getIdentityCommitment(world.clients.publicClient, { community, member: address(0) }),
    ).toBe(ids[0]?.commitment);
    expect(
      await getIdentityCommitment(world.clients.publicClient, { community, member: address(7) }),
    ).toBeNull();
  });

  it("registerIdentity() reverts, decoded, for a second identity or a commitment already taken", async () => {
    const again = await rejectionOf(
      registerIdentity(m(0), { community, identity: createIdentity() }),
    );
    expect(again).toBeInstanceOf(ContractRevertError);
    expect((again as ContractRevertError).errorName).toBe("IdentityAlreadyRegistered");
    const taken = await rejectionOf(
      registerIdentity(m(7), { community, identity: ids[0] as Identity }),
    );
    expect((taken as ContractRevertError).errorName).toBe("IdentityCommitmentTaken");
  });

  it("registerIdentitiesSync() registers a batch; the rebuilt group matches", async () => {
    const { identities } = await registerIdentitiesSync(world.admin, {
      community,
      identities: [2, 3, 4].map((i) => ({ account: address(i), identity: ids[i] as Identity })),
    });
    expect(identities.map((event) => event.index)).toEqual([2n, 3n, 4n]);
    // Every event of a batch carries the root after the whole batch.
    expect(new Set(identities.map((event) => event.groupRoot)).size).toBe(1);
    const snapshot = await rebuild();
    expect(snapshot.root).toBe(identities[0]?.groupRoot);
    await expectMatchesChain(snapshot);
  });

  it("addMembersWithIdentitiesSync() adds members and their identities in one transaction", async () => {
    const newcomers = [10, 11].map((i) => world.clients.wallet(i).account.address);
    const fresh = [createIdentity(), createIdentity()];
    const { members, identities } = await addMembersWithIdentitiesSync(world.admin, {
      community,
      members: newcomers.map((account, i) => ({
        account,
        weight: 2,
        identity: fresh[i] as Identity,
      })),
    });
    expect(members.map((event) => event.account)).toEqual(newcomers);
    expect(identities.map((event) => event.commitment)).toEqual(fresh.map((id) => id.commitment));
    const snapshot = await rebuild();
    expect(snapshot.identities).toBe(7);
    await expectMatchesChain(snapshot);
  });

  let recorded: bigint;
  let recordedRoot: bigint;
  it("an anonymous proposal records the group; rebuilding as of its creation gives that root", async () => {
    recorded = await proposeAnonymous(world);
    const { root, identities } = await getProposalGroup(world.clients.publicClient, {
      community,
      proposalId: recorded,
    });
    recordedRoot = root;
    expect(identities).toBe(7);
    const snapshot = await rebuild(recorded);
    expect(snapshot).toMatchObject({ root, identities: 7, proposalId: recorded });
  });

  it("replaceIdentitySync() proves the current leaf itself and keeps its index", async () => {
    const before = await rebuild();
    const index = identityIndexOf(before, ids[1] as Identity);
    const replacement = createIdentity();
    const event = await replaceIdentitySync(m(1), { community, identity: replacement });
    expect(event).toMatchObject({
      member: address(1),
      oldCommitment: ids[1]?.commitment,
      newCommitment: replacement.commitment,
      index: BigInt(index as number),
    });
    const after = await rebuild();
    expect(after.members.get(address(1))).toEqual({ commitment: replacement.commitment, index });
    expect(identityIndexOf(after, ids[1] as Identity)).toBeUndefined();
    await expectMatchesChain(after);
    ids[1] = replacement;
  });

  it("replaceIdentity() of a member without an identity fails before sending", async () => {
    const error = await rejectionOf(
      replaceIdentity(m(7), { community, identity: createIdentity() }),
    );
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).toBe("IdentityNotRegistered");
    expect((error as ContractRevertError).data).toBeUndefined();
  });

  it("removeMembers() refuses a member who still has an identity", async () => {
    const error = await rejectionOf(
      removeMembers(world.admin, { community, accounts: [address(3)] }),
    );
    expect((error as ContractRevertError).errorName).toBe("IdentityStillRegistered");
  });

  it("removalSiblings() proves each leaf against the tree left by the removals before it", async () => {
    const group = await rebuild();
    // Leaf 3 first, then leaf 0, whose level-1 sibling (the node over leaves 2 and 3) that changes.
    const order = [ids[3] as Identity, null, ids[0] as Identity];
    const siblings = removalSiblings(group, order);
    expect(siblings[1]).toEqual([]);
    expect(siblings[0]).toEqual(identitySiblings(group, ids[3] as Identity));
    expect(siblings[2]).not.toEqual(identitySiblings(group, ids[0] as Identity));
    expect(identityIndexOf(group, ids[3] as Identity)).toBe(3); // the group passed is untouched

    // The naive proofs (all against today's tree) are refused by the contract.
    const naive = order.map((id) => (id ? identitySiblings(group, id) : []));
    const error = await rejectionOf(
      removeMembersWithIdentities.simulate(world.admin, {
        community,
        accounts: [address(3), address(6), address(0)],
        siblings: naive,
      }),
    );
    expect((error as ContractRevertError).errorName).toBe("WrongSiblingNodes");
  });

  it("removeMembersWithIdentitiesSync() removes a batch, members without identity included", async () => {
    const { members, identities } = await removeMembersWithIdentitiesSync(world.admin, {
      community,
      accounts: [address(3), address(6), address(0)],
    });
    expect(members.map((event) => event.account)).toEqual([address(3), address(6), address(0)]);
    expect(identities.map((event) => [event.member, event.index])).toEqual([
      [address(3), 3n],
      [address(0), 0n],
    ]);
    const snapshot = await rebuild();
    expect(snapshot.identities).toBe(5);
    expect(snapshot.size).toBe(7); // removed leaves stay, as zeros
    expect(snapshot.group.members[0]).toBe(0n);
    expect(snapshot.members.has(address(0))).toBe(false);
    await expectMatchesChain(snapshot);
  });

  it("the proposal's group stays as it was at creation: old key and removed members included", async () => {
    const snapshot = await rebuild(recorded);
    expect(snapshot.root).toBe(recordedRoot);
    expect(snapshot.root).not.toBe((await rebuild()).root);
    expect(snapshot.members.get(address(0))?.commitment).toBe(ids[0]?.commitment);
    // A proposal created now records the current group.
    const later = await proposeAnonymous(world, { proposer: 1 });
    expect((await rebuild(later)).root).toBe((await rebuild()).root);
  });

  it("fetchIdentityLogs() gives the same logs in small chunks; buildIdentityGroup() takes fetchCommunityLogs' logs too", async () => {
    const client = world.clients.publicClient;
    const whole = await fetchIdentityLogs(client, { community });
    const chunked = await fetchIdentityLogs(client, { community, chunkSize: 3 });
    expect(chunked.logs.map((log) => log.transactionHash)).toEqual(
      whole.logs.map((log) => log.transactionHash),
    );
    const { logs } = await fetchCommunityLogs(client, { community, fromBlock: 0n });
    expect(buildIdentityGroup(logs).root).toBe((await rebuild()).root);
    expect(buildIdentityGroup(logs, { proposalId: recorded }).root).toBe(recordedRoot);
  });

  it("buildIdentityGroup() throws typed errors for altered or incomplete logs and public proposals", async () => {
    const { logs } = await fetchIdentityLogs(world.clients.publicClient, { community });
    const altered = logs.map((log, i) =>
      i === 1 && log.eventName === "IdentityRegistered"
        ? { ...log, args: { ...log.args, commitment: 12345n } }
        : log,
    );
    expect(() => buildIdentityGroup(altered)).toThrow(GroupRootMismatchError);
    // Logs that start too late: the first registration is missing.
    expect(() => buildIdentityGroup(logs.slice(1))).toThrow(GroupInconsistentLogsError);
    const { proposalId: poll } = await proposeSync(m(1), {
      community,
      topic: 0,
      metadataURI: "A public poll",
    });
    const error = await rejectionOf(rebuild(poll));
    expect(error).toBeInstanceOf(ProposalGroupNotFoundError);
    expect((error as ProposalGroupNotFoundError).shortMessage).toBe(
      `proposal ${poll} has no recorded group: it is not an anonymous proposal (or the logs miss it)`,
    );
    // A rebuild that misses early events does not match the chain's root.
    const late = await rejectionOf(
      rebuildIdentityGroup(world.clients.publicClient, {
        community,
        fromBlock: (logs[3]?.blockNumber ?? 0n) + 1n,
      }),
    );
    expect(late).toBeInstanceOf(GroupInconsistentLogsError);
  });

  it("identitySiblings() of an identity outside the group throws IdentityNotInGroupError", async () => {
    const snapshot = await rebuild(recorded);
    const error = (() => {
      try {
        identitySiblings(snapshot, createIdentity());
      } catch (e) {
        return e as IdentityNotInGroupError;
      }
    })();
    expect(error).toBeInstanceOf(IdentityNotInGroupError);
    expect(error?.shortMessage).toBe(`this identity is not in the group of proposal ${recorded}`);
  });
});
