import { type Address, encodeFunctionData, keccak256, stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelProposal, cancelProposalSync } from "../../src/actions/cancelProposal.ts";
import { castVoteSync } from "../../src/actions/castVote.ts";
import { executeProposal, executeProposalSync } from "../../src/actions/executeProposal.ts";
import { getCommunitySettings } from "../../src/actions/getCommunitySettings.ts";
import { getProposal } from "../../src/actions/getProposal.ts";
import { getProposalActions } from "../../src/actions/getProposalActions.ts";
import { getProposalState } from "../../src/actions/getProposalState.ts";
import { propose, proposeSync } from "../../src/actions/propose.ts";
import { proposeAgenda, proposeAgendaSync } from "../../src/actions/proposeAgenda.ts";
import { proposeExecutable, proposeExecutableSync } from "../../src/actions/proposeExecutable.ts";
import { queueProposal, queueProposalSync } from "../../src/actions/queueProposal.ts";
import { ContractRevertError } from "../../src/errors/contractRevert.ts";
import { liquidGovernorAbi } from "../../src/generated/abis.ts";
import { sendRaw } from "../support/sendRaw.ts";
import { createWorld, rejectionOf, type World } from "./setup.ts";

const WEEK = 7 * 24 * 3600;

describe("proposal actions", () => {
  let world: World;
  let community: Address;
  const m = (i: number) => {
    const member = world.members[i];
    if (!member) throw new Error(`no member ${i}`);
    return member;
  };

  beforeAll(async () => {
    world = await createWorld({ weights: [10, 5, 1], timelockDelay: 3600, votingPeriod: WEEK });
    community = world.community;
  });
  afterAll(async () => {
    await world.stop();
  });

  it("proposeSync() creates a poll and returns ProposalCreated; getProposal() reads it back", async () => {
    const metadataHash = keccak256(stringToHex("Open the library on Sundays"));
    const created = await proposeSync(m(0), {
      community,
      topic: 1,
      optionCount: 3,
      votingPeriod: 3600,
      metadataURI: "ipfs://bafy-library",
      metadataHash,
    });
    expect(created).toMatchObject({
      proposalId: 1n,
      proposer: m(0).account.address,
      topic: 1,
      mode: 0,
      optionCount: 3,
      metadataHash,
      metadataURI: "ipfs://bafy-library",
    });
    expect(created.voteEnd - created.snapshot).toBe(3601);
    const proposal = await getProposal(world.clients.publicClient, { community, proposalId: 1n });
    expect(proposal).toEqual({
      proposalId: 1n,
      proposer: m(0).account.address,
      topic: 1,
      mode: "single",
      optionCount: 3,
      executable: false,
      snapshot: BigInt(created.snapshot),
      deadline: BigInt(created.voteEnd),
      state: "active",
    });
    expect(await getProposalState(world.clients.publicClient, { community, proposalId: 1n })).toBe(
      "active",
    );
  });

  it("propose.simulate() predicts the id; propose() returns the hash", async () => {
    const { result } = await propose.simulate(m(1), {
      community,
      topic: 0,
      metadataURI: "Bike lanes",
    });
    expect(result).toBe(2n);
    const hash = await propose(m(1), {
      community,
      topic: 0,
      mode: "quadratic",
      metadataURI: "Bike lanes",
    });
    const receipt = await world.clients.publicClient.waitForTransactionReceipt({ hash });
    expect(propose.extractEvent(receipt.logs).args).toMatchObject({ proposalId: 2n, mode: 1 });
  });

  it("proposeAgendaSync() creates a whole agenda with consecutive ids", async () => {
    const { proposalIds, proposals, receipt } = await proposeAgendaSync(m(0), {
      community,
      proposals: [
        { topic: 0, metadataURI: "Bill 1: transit levy" },
        { topic: 1, metadataURI: "Bill 2: library hours", optionCount: 4 },
        { topic: 2, metadataURI: "Bill 3: tree planting", mode: "quadratic" },
      ],
    });
    expect(receipt.status).toBe("success");
    expect(proposalIds).toEqual([3n, 4n, 5n]);
    expect(proposals.map((p) => p.metadataURI)).toEqual([
      "Bill 1: transit levy",
      "Bill 2: library hours",
      "Bill 3: tree planting",
    ]);
    expect(proposeAgenda.extractEvents(receipt.logs)).toHaveLength(3);
    const empty = await rejectionOf(proposeAgenda(m(0), { community, proposals: [] }));
    expect((empty as ContractRevertError).shortMessage).toBe("the agenda has no proposals");
  });

  it("propose() explains a voting period below the minimum and a proposer without weight", async () => {
    const short = await rejectionOf(
      propose(m(0), { community, topic: 0, votingPeriod: 30, metadataURI: "Too quick" }),
    );
    expect((short as ContractRevertError).shortMessage).toBe(
      "a voting period of 30 seconds is shorter than the community's minimum of 1 minute",
    );
    const outsider = world.clients.wallet(9);
    const below = await rejectionOf(propose(outsider, { community, topic: 0, metadataURI: "Hi" }));
    expect((below as ContractRevertError).shortMessage).toBe(
      `proposing needs weight 1, ${outsider.account.address} has 0`,
    );
    const topic = await rejectionOf(propose(m(0), { community, topic: 7, metadataURI: "Hi" }));
    expect((topic as ContractRevertError).shortMessage).toBe(
      "topic 7 does not exist (the community has 3 topics)",
    );
    const missing = await rejectionOf(
      getProposal(world.clients.publicClient, { community, proposalId: 999n }),
    );
    expect((missing as ContractRevertError).shortMessage).toBe("proposal 999 does not exist");
  });

  it("cancelProposalSync() cancels before any vote; others and late cancels are refused", async () => {
    const { proposalId } = await proposeSync(m(1), { community, topic: 0, metadataURI: "Oops" });
    const other = await rejectionOf(cancelProposal(m(0), { community, proposalId }));
    expect((other as ContractRevertError).shortMessage).toBe(
      `only the proposer of proposal ${proposalId} (${m(1).account.address}) may cancel it`,
    );
    const canceled = await cancelProposalSync(m(1), { community, proposalId });
    expect(canceled.proposalId).toBe(proposalId);
    expect(await getProposalState(world.clients.publicClient, { community, proposalId })).toBe(
      "canceled",
    );
    const again = await rejectionOf(cancelProposal(m(1), { community, proposalId }));
    expect((again as ContractRevertError).shortMessage).toBe(
      `proposal ${proposalId} is canceled and cannot be canceled`,
    );
    const voted = await proposeSync(m(1), { community, topic: 0, metadataURI: "Voted on" });
    await castVoteSync(m(2), { community, proposalId: voted.proposalId, option: 0 });
    const late = await rejectionOf(
      cancelProposal(m(1), { community, proposalId: voted.proposalId }),
    );
    expect((late as ContractRevertError).shortMessage).toBe(
      `proposal ${voted.proposalId} already has votes and can no longer be canceled`,
    );
  });

  it("call builders produce calldata that proposes and cancels when sent raw", async () => {
    const publicClient = world.clients.publicClient;
    const send = (call: { to: Address; data: `0x${string}` }) => sendRaw(m(0), publicClient, call);
    const one = await send(propose.call({ community, topic: 0, metadataURI: "Raw poll" }));
    const { proposalId } = propose.extractEvent(one.logs).args;
    const agenda = await send(
      proposeAgenda.call({
        community,
        proposals: [
          { topic: 0, metadataURI: "Raw 1" },
          { topic: 0, metadataURI: "Raw 2" },
        ],
      }),
    );
    expect(proposeAgenda.extractEvents(agenda.logs).map((e) => e.args.proposalId)).toEqual([
      proposalId + 1n,
      proposalId + 2n,
    ]);
    await send(cancelProposal.call({ community, proposalId }));
    expect(await getProposalState(publicClient, { community, proposalId })).toBe("canceled");
  });

  it("an executable proposal goes through vote, queue (actions read from logs), timelock delay and execution", async () => {
    const publicClient = world.clients.publicClient;
    const actions = [
      {
        target: community,
        data: encodeFunctionData({
          abi: liquidGovernorAbi,
          functionName: "setQuorum",
          args: [2500],
        }),
      },
    ];
    const created = await proposeExecutableSync(m(0), {
      community,
      topic: 0,
      metadataURI: "Raise quorum to 25%",
      actions,
    });
    const { proposalId } = created;
    expect(created.optionCount).toBe(2);
    expect(created.actions).toEqual([{ ...actions[0], value: 0n }]);
    expect(await getProposalActions(publicClient, { community, proposalId })).toEqual(
      created.actions,
    );
    expect((await getProposal(publicClient, { community, proposalId })).executable).toBe(true);

    await castVoteSync(m(0), { community, proposalId, option: 1 });
    await castVoteSync(m(1), { community, proposalId, option: 0 });
    const early = await rejectionOf(queueProposal(m(2), { community, proposalId, actions }));
    expect((early as ContractRevertError).shortMessage).toBe(
      `proposal ${proposalId} is active and cannot be queued`,
    );
    await world.advance(WEEK + 1);
    expect(await getProposalState(publicClient, { community, proposalId })).toBe("succeeded");

    const queued = await queueProposalSync(m(2), { community, proposalId });
    const block = await publicClient.getBlock({ blockNumber: queued.receipt.blockNumber });
    expect(queued.etaSeconds).toBe(block.timestamp + 3600n);

    const notReady = await rejectionOf(executeProposal(m(2), { community, proposalId }));
    expect(notReady).toBeInstanceOf(ContractRevertError);
    expect((notReady as ContractRevertError).errorName).toBe("TimelockUnexpectedOperationState");
    expect((notReady as ContractRevertError).shortMessage).toMatch(
      /^timelock operation 0x[0-9a-f]{8}…[0-9a-f]{4} is not ready: its delay has not passed$/,
    );

    await world.advance(3601);
    const wrong = await rejectionOf(
      executeProposal(m(2), {
        community,
        proposalId,
        actions: [{ ...actions[0], value: 1n }] as never,
      }),
    );
    expect((wrong as ContractRevertError).shortMessage).toBe(
      `the actions given are not those proposal ${proposalId} was created with`,
    );
    const executed = await executeProposalSync(m(2), { community, proposalId, actions });
    expect(executed.proposalId).toBe(proposalId);
    expect(await getProposalState(publicClient, { community, proposalId })).toBe("executed");
    expect((await getCommunitySettings(publicClient, { community })).quorumBps).toBe(2500);

    const again = await rejectionOf(queueProposal(m(2), { community, proposalId }));
    expect((again as ContractRevertError).shortMessage).toBe(
      `proposal ${proposalId} is executed and cannot be queued`,
    );
  });

  it("proposeExecutable.call(), queueProposal.call() and executeProposal.call() work when sent raw", async () => {
    const publicClient = world.clients.publicClient;
    const actions = [
      {
        target: community,
        data: encodeFunctionData({
          abi: liquidGovernorAbi,
          functionName: "setProposalThreshold",
          args: [2n],
        }),
      },
    ];
    const send = (call: { to: Address; data: `0x${string}` }) => sendRaw(m(0), publicClient, call);
    const receipt = await send(
      proposeExecutable.call({ community, topic: 0, metadataURI: "Threshold 2", actions }),
    );
    const { proposalId } = proposeExecutable.extractEvent(receipt.logs).args;
    await castVoteSync(m(0), { community, proposalId, option: 1 });
    await world.advance(WEEK + 1);
    const queued = await send(queueProposal.call({ community, proposalId, actions }));
    expect(queueProposal.extractEvent(queued.logs).args.proposalId).toBe(proposalId);
    await world.advance(3601);
    const executed = await send(executeProposal.call({ community, proposalId, actions }));
    expect(executeProposal.extractEvent(executed.logs).args.proposalId).toBe(proposalId);
    expect((await getCommunitySettings(publicClient, { community })).proposalThreshold).toBe(2n);
  });
});
