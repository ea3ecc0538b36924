// The pack test's runtime check (a), run by plain Node ≥ 20 in a scratch project that installed the
// packed tarballs with npm: deploys the core to anvil with deployCore, creates a community, adds two
// members, proposes, votes, reads the tally and recounts it from the logs. Prints one JSON line.
//
//   node run.mjs <rpcUrl>

import { createStore } from "@plenum/indexer/store";
import {
  addMembersSync,
  castVoteSync,
  createCommunitySync,
  deployCore,
  getTally,
  proposeSync,
  verifyProposal,
} from "@plenum/sdk";
import { isqrt, quadraticMass } from "@plenum/sdk/engine";
import { createPublicClient, createTestClient, createWalletClient, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";

const rpcUrl = process.argv[2];
const transport = http(rpcUrl);
// Anvil's well-known dev accounts #37-#39, from its PUBLIC test mnemonic (local chains only). The demo
// the pack test seeds on the same chain uses #0-#30, so these accounts' nonces are their own.
const MNEMONIC = "test test test test test test test test test test test junk";
const [admin, alice, bob] = [37, 38, 39].map((addressIndex) =>
  createWalletClient({
    chain: foundry,
    transport,
    account: mnemonicToAccount(MNEMONIC, { addressIndex }),
  }),
);
const publicClient = createPublicClient({ chain: foundry, transport });
const testClient = createTestClient({ chain: foundry, transport, mode: "anvil" });

const core = await deployCore(admin);
const { community } = await createCommunitySync(admin, {
  factory: core.factory,
  topics: ["General"],
  votingPeriod: 3600,
  minVotingPeriod: 60,
  quorumBps: 2000,
  proposalThreshold: 1n,
  maxTopics: 16,
  maxDepth: 8,
  timelockDelay: 60n,
  registrar: admin.account.address,
  bootstrapAdmin: admin.account.address,
});
await addMembersSync(admin, {
  community,
  members: [
    { account: alice.account.address, weight: 3 },
    { account: bob.account.address, weight: 5 },
  ],
});
// A proposal reads weights at (creation time - 1): move the clock past the membership change.
await testClient.increaseTime({ seconds: 2 });
await testClient.mine({ blocks: 1 });
const { proposalId, snapshot } = await proposeSync(alice, {
  community,
  topic: 0,
  metadataURI: "Pack test: open the library on Sundays",
});
await castVoteSync(alice, { community, proposalId, option: 1 });
await castVoteSync(bob, { community, proposalId, option: 0 });
const tally = await getTally(publicClient, { community, proposalId });
const { verdict } = await verifyProposal(publicClient, { community, proposalId, fromBlock: 0n });

// The indexer's store in memory (PGlite): its SQL migrations must have been packed with it.
const store = await createStore();
const cursor = await store.loadCursor();
await store.close();

console.log(
  JSON.stringify({
    cursor: cursor ?? null,
    factory: core.factory,
    proposalId: String(proposalId),
    snapshot: String(snapshot),
    tallies: tally.tallies.map(String),
    participation: String(tally.participation),
    verdict,
    engine: [String(isqrt(144n)), String(quadraticMass(9n))],
  }),
);
