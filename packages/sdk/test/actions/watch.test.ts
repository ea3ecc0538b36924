import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castVoteSync } from "../../src/actions/castVote.ts";
import type { GetTallyReturnType } from "../../src/actions/getTally.ts";
import { proposeSync } from "../../src/actions/propose.ts";
import { retractVoteSync } from "../../src/actions/retractVote.ts";
import { watchProposals } from "../../src/actions/watchProposals.ts";
import { watchTally } from "../../src/actions/watchTally.ts";
import type { BaseError } from "../../src/errors/base.ts";
import { createWorld, type World } from "./setup.ts";

/** Resolves once `predicate` holds, polling every 20 ms for up to 5 s. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("watch actions", () => {
  let world: World;
  let community: Address;
  const m = (i: number) => {
    const member = world.members[i];
    if (!member) throw new Error(`no member ${i}`);
    return member;
  };

  beforeAll(async () => {
    world = await createWorld({ weights: [3, 2] });
    community = world.community;
  });
  afterAll(async () => {
    await world.stop();
  });

  it("watchTally() reports the tally at once and again after every vote on the proposal", async () => {
    const { proposalId } = await proposeSync(m(0), { community, topic: 0, metadataURI: "Live" });
    const other = await proposeSync(m(0), { community, topic: 0, metadataURI: "Other" });
    const seen: GetTallyReturnType[] = [];
    const errors: BaseError[] = [];
    const unwatch = watchTally(world.clients.publicClient, {
      community,
      proposalId,
      pollingInterval: 50,
      onTally: (tally) => seen.push(tally),
      onError: (error) => errors.push(error),
    });
    const last = () => seen.at(-1)?.tallies.join(",");
    try {
      await until(() => seen.length === 1, "the initial tally");
      expect(seen[0]).toMatchObject({ tallies: [0n, 0n], participation: 0n, leading: null });

      await castVoteSync(m(0), { community, proposalId, option: 0 });
      await until(() => last() === "3,0", "the first vote");
      expect(seen.at(-1)).toMatchObject({ leading: 0, passing: true });

      await castVoteSync(m(1), { community, proposalId, option: 1 });
      await until(() => last() === "3,2", "the second vote");

      await retractVoteSync(m(0), { community, proposalId });
      await until(() => last() === "0,2", "the retraction");

      // A vote on another proposal does not trigger a re-read.
      const count = seen.length;
      await castVoteSync(m(0), { community, proposalId: other.proposalId, option: 1 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.length).toBe(count);
    } finally {
      unwatch();
    }
    const count = seen.length;
    await castVoteSync(m(0), { community, proposalId, option: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.length).toBe(count);
    expect(errors).toEqual([]);
  });

  it("watchTally() reports a missing proposal through onError", async () => {
    const errors: BaseError[] = [];
    const unwatch = watchTally(world.clients.publicClient, {
      community,
      proposalId: 404n,
      pollingInterval: 50,
      onTally: () => {
        throw new Error("no tally expected");
      },
      onError: (error) => errors.push(error),
    });
    try {
      await until(() => errors.length > 0, "the error");
      expect(errors[0]?.shortMessage).toBe("proposal 404 does not exist");
    } finally {
      unwatch();
    }
  });

  it("watchProposals() reports new proposals, optionally in one topic", async () => {
    const all: bigint[] = [];
    const budget: bigint[] = [];
    const stopAll = watchProposals(world.clients.publicClient, {
      community,
      pollingInterval: 50,
      onProposals: (proposals) => all.push(...proposals.map((p) => p.proposalId)),
    });
    const stopBudget = watchProposals(world.clients.publicClient, {
      community,
      topic: 1,
      pollingInterval: 50,
      onProposals: (proposals) => budget.push(...proposals.map((p) => p.proposalId)),
    });
    try {
      // Let both filters install before proposing.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const a = await proposeSync(m(0), { community, topic: 0, metadataURI: "General" });
      const b = await proposeSync(m(0), { community, topic: 1, metadataURI: "Budget" });
      await until(() => all.length === 2 && budget.length === 1, "both proposals");
      expect(all).toEqual([a.proposalId, b.proposalId]);
      expect(budget).toEqual([b.proposalId]);
    } finally {
      stopAll();
      stopBudget();
    }
  });
});
