// `pnpm dev`, step "anonymous": gives twelve demo members a Semaphore identity, opens an anonymous
// poll and casts nine anonymous ballots with real proofs (one re-cast), sent by anvil account #0 as a
// stand-in relayer. Run by scripts/dev.mjs with tsx; prints `{"anonymousPoll": <id>}` on stdout:
//
//   tsx scripts/dev/anonymous.mts <rpcUrl> <path of <chainId>-demo.json>
//
// The identities are derived from public labels ("plenum-demo-<n>") so that anyone can re-cast them
// in the demo: they are demo secrets, never to be used on a real chain.
import { readFileSync } from "node:fs";
import { privateKeyToAccount } from "../../packages/sdk/node_modules/viem/_esm/accounts/index.js";
import { anvil } from "../../packages/sdk/node_modules/viem/_esm/chains/index.js";
import {
  type Address,
  createWalletClient,
  type Hex,
  http,
  keccak256,
  publicActions,
  toBytes,
} from "../../packages/sdk/node_modules/viem/_esm/index.js";
// The root package depends on neither: both come from the SDK's own folder (its source and its viem).
import {
  Identity,
  proposeSync,
  registerIdentitiesSync,
  terminateProver,
  voteAnonymously,
} from "../../packages/sdk/src/index.ts";

/** Anvil's well-known dev accounts #0 (registrar, relayer) and #1 (member #1). Local chains only. */
const ANVIL_DEV_KEY_0: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const ANVIL_DEV_KEY_1: Hex = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const IDENTITIES = 12;
/** Option of each of the first nine identities' ballots on "Which night for the assembly?". */
const BALLOTS = [0, 1, 1, 2, 0, 1, 1, 255, 2] as const;

const [rpcUrl, demoPath] = process.argv.slice(2);
if (!rpcUrl || !demoPath) {
  console.error("usage: tsx scripts/dev/anonymous.mts <rpcUrl> <demo.json>");
  process.exit(2);
}
const demo = JSON.parse(readFileSync(demoPath, "utf8")) as {
  community: Address;
  members: Address[];
  startBlock?: number;
};
const wallet = (key: Hex) =>
  createWalletClient({
    chain: anvil,
    transport: http(rpcUrl),
    account: privateKeyToAccount(key),
  }).extend(publicActions);
const registrar = wallet(ANVIL_DEV_KEY_0);
const member1 = wallet(ANVIL_DEV_KEY_1);
const { community } = demo;

try {
  const identities = demo.members
    .slice(0, IDENTITIES)
    .map((account, n) => ({ account, identity: new Identity(`plenum-demo-${n + 1}`) }));
  await registerIdentitiesSync(registrar, { community, identities });
  // The metadata convention of the demo and the CLI: a JSON document, inline, hashed by its bytes.
  const document = JSON.stringify({
    title: "Which night for the assembly? (secret ballot)",
    options: ["Tuesday", "Wednesday", "Thursday"],
  });
  const { proposalId } = await proposeSync(member1, {
    community,
    topic: 0,
    mode: "anonymous",
    optionCount: 3,
    metadataHash: keccak256(toBytes(document)),
    metadataURI: `data:application/json;base64,${Buffer.from(document).toString("base64")}`,
  });
  const fromBlock = BigInt(demo.startBlock ?? 0);
  for (const [n, option] of BALLOTS.entries()) {
    const entry = identities[n];
    if (!entry) continue;
    await voteAnonymously(registrar, {
      identity: entry.identity,
      community,
      proposalId,
      option: option === 255 ? "abstain" : option,
      fromBlock,
    });
  }
  // Identity 2 changes their mind: the re-cast replaces the earlier ballot.
  const second = identities[1];
  if (second) {
    await voteAnonymously(registrar, {
      identity: second.identity,
      community,
      proposalId,
      option: 2,
      fromBlock,
    });
  }
  console.log(JSON.stringify({ anonymousPoll: Number(proposalId) }));
} finally {
  await terminateProver();
}
