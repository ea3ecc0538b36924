import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delegate, delegateSync } from "../../src/actions/delegate.ts";
import { getDelegate } from "../../src/actions/getDelegate.ts";
import { getDelegationChain } from "../../src/actions/getDelegationChain.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { sendRaw } from "../support/sendRaw.ts";
import { createWorld, rejectionOf, type World } from "./setup.ts";

describe("delegation actions", () => {
  let world: World;
  let community: Address;
  const m = (i: number) => {
    const member = world.members[i];
    if (!member) throw new Error(`no member ${i}`);
    return member;
  };
  const a = (i: number) => m(i).account.address;

  beforeAll(async () => {
    world = await createWorld({ weights: [1, 2, 3, 4] });
    community = world.community;
  });
  afterAll(async () => {
    await world.stop();
  });

  it("delegateSync() delegates in several topics and returns one DelegateChanged per topic", async () => {
    const { changes, receipt } = await delegateSync(m(0), { community, topics: [0, 2], to: a(1) });
    expect(receipt.status).toBe("success");
    expect(changes).toEqual([
      {
        delegator: a(0),
        topic: 0,
        toDelegate: a(1),
        fromDelegate: "0x0000000000000000000000000000000000000000",
      },
      {
        delegator: a(0),
        topic: 2,
        toDelegate: a(1),
        fromDelegate: "0x0000000000000000000000000000000000000000",
      },
    ]);
    expect(
      await getDelegate(world.clients.publicClient, { community, account: a(0), topic: 0 }),
    ).toBe(a(1));
    expect(
      await getDelegate(world.clients.publicClient, { community, account: a(0), topic: 1 }),
    ).toBeNull();
  });

  it("getDelegationChain() follows the chain in one topic", async () => {
    await delegateSync(m(1), { community, topics: [0], to: a(2) });
    const publicClient = world.clients.publicClient;
    expect(await getDelegationChain(publicClient, { community, account: a(0), topic: 0 })).toEqual([
      a(1),
      a(2),
    ]);
    expect(await getDelegationChain(publicClient, { community, account: a(0), topic: 2 })).toEqual([
      a(1),
    ]);
    expect(await getDelegationChain(publicClient, { community, account: a(3), topic: 0 })).toEqual(
      [],
    );
  });

  it("delegate() refuses a cycle with a plain message", async () => {
    const error = await rejectionOf(delegate(m(2), { community, topics: [0], to: a(0) }));
    expect(error).toBeInstanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).toBe("DelegationCycle");
    expect((error as ContractRevertError).shortMessage).toBe(
      `delegating from ${a(2)} to ${a(0)} in topic 0 would create a cycle`,
    );
  });

  it("delegate() explains self-delegation, non-member delegates and unknown topics", async () => {
    const self = await rejectionOf(delegate(m(3), { community, topics: [1], to: a(3) }));
    expect((self as ContractRevertError).shortMessage).toBe(
      `${a(3)} cannot delegate to themselves`,
    );
    const outsider = world.clients.wallet(15).account.address;
    const nonMember = await rejectionOf(delegate(m(3), { community, topics: [1], to: outsider }));
    expect((nonMember as ContractRevertError).shortMessage).toBe(
      `${outsider} is not a member, so cannot be delegated to`,
    );
    const topic = await rejectionOf(delegate(m(3), { community, topics: [9], to: a(0) }));
    expect((topic as ContractRevertError).shortMessage).toBe(
      "topic 9 does not exist (the community has 3 topics)",
    );
    const notMember = await rejectionOf(
      delegate(world.clients.wallet(15), { community, topics: [0], to: a(0) }),
    );
    expect((notMember as ContractRevertError).shortMessage).toBe(
      `${outsider} is not a member, so cannot delegate`,
    );
  });

  it("delegate({ to: null }) clears, and getDelegate({ at }) still sees the past", async () => {
    const before = await world.clients.publicClient.getBlock();
    await world.advance(5);
    const { changes } = await delegateSync(m(0), { community, topics: [0, 2], to: null });
    expect(changes.map((c) => c.toDelegate)).toEqual([
      "0x0000000000000000000000000000000000000000",
      "0x0000000000000000000000000000000000000000",
    ]);
    const publicClient = world.clients.publicClient;
    expect(await getDelegate(publicClient, { community, account: a(0), topic: 0 })).toBeNull();
    expect(
      await getDelegate(publicClient, { community, account: a(0), topic: 0, at: before.timestamp }),
    ).toBe(a(1));
    const unchanged = await delegateSync(m(0), { community, topics: [0], to: null });
    expect(unchanged.changes).toEqual([]);
  });

  it("delegate.call() builds calldata that delegates when sent raw", async () => {
    const call = delegate.call({ community, topics: [1], to: a(0) });
    const receipt = await sendRaw(m(3), world.clients.publicClient, call);
    expect(delegate.extractEvents(receipt.logs).map((e) => e.args)).toEqual([
      {
        delegator: a(3),
        topic: 1,
        toDelegate: a(0),
        fromDelegate: "0x0000000000000000000000000000000000000000",
      },
    ]);
    expect(
      await getDelegate(world.clients.publicClient, { community, account: a(3), topic: 1 }),
    ).toBe(a(0));
  });
});
