// Shared set-up for the action tests: one anvil per test file, the core deployed with `deployCore`, a
// community created with `createCommunitySync`, members added with `addMembersSync`.
import type { Address } from "viem";
import { addMembersSync } from "../../src/actions/addMembers.ts";
import { createCommunitySync } from "../../src/actions/createCommunity.ts";
import { deployCore } from "../../src/actions/deployCore.ts";
import { type Anvil, clientsFor, startAnvil } from "../support/anvil.ts";

export interface World {
  anvil: Anvil;
  clients: ReturnType<typeof clientsFor>;
  admin: ReturnType<ReturnType<typeof clientsFor>["wallet"]>;
  factory: Address;
  community: Address;
  timelock: Address;
  /** Dev accounts 1…n as wallet clients, all members with the weights given. */
  members: ReturnType<ReturnType<typeof clientsFor>["wallet"]>[];
  stop(): Promise<void>;
  /** Moves the chain clock forward and mines a block. */
  advance(seconds: number): Promise<void>;
}

export interface WorldOptions {
  weights?: number[];
  votingPeriod?: number;
  minVotingPeriod?: number;
  quorumBps?: number;
  timelockDelay?: number;
  topics?: string[];
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const anvil = await startAnvil();
  const clients = clientsFor(anvil);
  const admin = clients.wallet(0);
  const { factory } = await deployCore(admin);
  const { community, timelock } = await createCommunitySync(admin, {
    factory,
    topics: options.topics ?? ["General", "Budget", "Environment"],
    votingPeriod: options.votingPeriod ?? 7 * 24 * 3600,
    minVotingPeriod: options.minVotingPeriod ?? 60,
    quorumBps: options.quorumBps ?? 2000,
    timelockDelay: options.timelockDelay ?? 3600,
    registrar: admin.account.address,
    bootstrapAdmin: admin.account.address,
  });
  const weights = options.weights ?? [];
  const members = weights.map((_, i) => clients.wallet(i + 1));
  if (weights.length > 0) {
    await addMembersSync(admin, {
      community,
      members: members.map((m, i) => ({ account: m.account.address, weight: weights[i] ?? 1 })),
    });
  }
  const advance = async (seconds: number) => {
    await clients.testClient.increaseTime({ seconds });
    await clients.testClient.mine({ blocks: 1 });
  };
  // Proposals snapshot at creation − 1 and anvil may mine several blocks in one second: step the clock
  // so that everything above counts for the proposals the tests create next.
  await advance(1);
  return {
    anvil,
    clients,
    admin,
    factory,
    community,
    timelock,
    members,
    stop: () => anvil.stop(),
    advance,
  };
}

/** `2030-01-01T00:00:00Z`: tests pin the clock here to assert exact dates in messages. */
export const JAN_1_2030 = 1_893_456_000;

/** Catches the rejection of `promise` (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}
