// For the browser test (secretBallot.mjs): opens a secret-ballot poll in the demo community, proposed
// by member #1 (anvil's unlocked account #1, so anvil signs), with the SDK's committed ABI.
import { readFileSync } from "node:fs";
import { createWalletClient, http, keccak256, parseEventLogs, publicActions, toBytes } from "viem";
import { anvil } from "viem/chains";

/** Anvil's account #1: demo member #1. */
const MEMBER_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
/** `VoteMode.Anonymous` (the SDK's order: single, quadratic, anonymous). */
const ANONYMOUS = 2;
const abi = JSON.parse(
  readFileSync(new URL("../../../../packages/sdk/abis/liquidGovernor.json", import.meta.url)),
);

/**
 * The demo community's address, as the indexer knows it.
 * @example
 * const community = await communityAddress(demo.urls.indexer);
 */
export async function communityAddress(indexer) {
  const response = await fetch(`${indexer}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ communities(first: 1) { address } }" }),
  });
  const community = (await response.json()).data?.communities?.[0]?.address;
  if (!community) throw new Error("the indexer knows no community");
  return community;
}

/**
 * Proposes "Where should the summer school meet?" (three options, secret ballot); returns its id.
 * @example
 * const proposalId = await openAnonymousPoll(demo.urls);
 */
export async function openAnonymousPoll({ rpc, indexer }) {
  const community = await communityAddress(indexer);
  const client = createWalletClient({
    chain: anvil,
    transport: http(rpc),
    account: MEMBER_1,
    pollingInterval: 50,
  }).extend(publicActions);
  const document = JSON.stringify({
    title: "Where should the summer school meet? (secret ballot)",
    options: ["Lisbon", "Leipzig", "Lyon"],
  });
  const hash = await client.writeContract({
    address: community,
    abi,
    functionName: "propose",
    args: [
      {
        topic: 0,
        mode: ANONYMOUS,
        optionCount: 3,
        votingPeriod: 0,
        metadataHash: keccak256(toBytes(document)),
        metadataURI: `data:application/json;base64,${Buffer.from(document).toString("base64")}`,
      },
    ],
  });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  const [created] = parseEventLogs({ abi, logs: receipt.logs, eventName: "ProposalCreated" });
  if (!created) throw new Error("propose() emitted no ProposalCreated");
  return created.args.proposalId;
}
