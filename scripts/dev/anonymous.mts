// `pnpm dev`, step "anonymous": gives twelve demo members a Semaphore identity, opens an anonymous
// poll and casts nine anonymous ballots with real proofs (one re-cast), sent by anvil account #0 as a
// stand-in relayer. Run by scripts/dev/run.mts after the seed steps.
//
// The identities are derived from public labels ("plenum-demo-<n>") so that anyone can re-cast them
// in the demo: they are demo secrets, never to be used on a real chain.

import {
  type Address,
  createWalletClient,
  type Hex,
  http,
  keccak256,
  publicActions,
  toBytes,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { anvil } from "viem/chains";
// The SDK from its source (tsx runs it as it is); viem is a root dev dependency at the SDK's version.
import {
  Identity,
  loadSemaphoreArtifacts,
  MIN_PROOF_DEPTH,
  proposeSync,
  rebuildIdentityGroup,
  registerIdentitiesSync,
  voteAnonymously,
} from "../../packages/sdk/src/index.ts";
import type { OnProgress } from "./seed.mts";

/** Anvil's well-known dev accounts #0 (registrar, relayer) and #1 (member #1). Local chains only. */
const ANVIL_DEV_KEY_0: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const ANVIL_DEV_KEY_1: Hex = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const IDENTITIES = 12;
/** Option of each of the first nine identities' ballots on "Which night for the assembly?". */
const BALLOTS = [0, 1, 1, 2, 0, 1, 1, 255, 2] as const;
/** The ballots sent: nine, then identity 2's re-cast. */
const PROOFS = BALLOTS.length + 1;
const POLLING_MS = 20;

/**
 * Registers the identities, opens the secret-ballot poll and casts its ballots; returns the poll's id.
 * The proofs are made and sent one at a time: each depends on the chain's state (the identity's last
 * sequence), and snarkjs already spreads one proof over both cores.
 * @example
 * const anonymousPoll = await seedAnonymous(rpcUrl, demo, (done, total, unit) => {});
 */
export async function seedAnonymous(
  rpcUrl: string,
  demo: { community: Address; members: readonly Address[]; startBlock?: number },
  onProgress: OnProgress,
): Promise<number> {
  const wallet = (key: Hex) =>
    createWalletClient({
      chain: anvil,
      transport: http(rpcUrl),
      account: privateKeyToAccount(key),
      pollingInterval: POLLING_MS,
    }).extend(publicActions);
  const registrar = wallet(ANVIL_DEV_KEY_0);
  const member1 = wallet(ANVIL_DEV_KEY_1);
  const { community } = demo;
  const sync = { pollingInterval: POLLING_MS };

  const identities = demo.members
    .slice(0, IDENTITIES)
    .map((account, n) => ({ account, identity: new Identity(`plenum-demo-${n + 1}`) }));
  await registerIdentitiesSync(registrar, { ...sync, community, identities });
  // The metadata convention of the demo and the CLI: a JSON document, inline, hashed by its bytes.
  const document = JSON.stringify({
    title: "Which night for the assembly? (secret ballot)",
    options: ["Tuesday", "Wednesday", "Thursday"],
  });
  const { proposalId } = await proposeSync(member1, {
    ...sync,
    community,
    topic: 0,
    mode: "anonymous",
    optionCount: 3,
    metadataHash: keccak256(toBytes(document)),
    metadataURI: `data:application/json;base64,${Buffer.from(document).toString("base64")}`,
  });
  // The poll's group and the circuit's files, once: every ballot proves against the same group (as
  // it was at the poll's creation), which voteAnonymously would otherwise rebuild from the logs and
  // the prover reread from disk for each one.
  const group = await rebuildIdentityGroup(registrar, {
    community,
    proposalId,
    fromBlock: BigInt(demo.startBlock ?? 0),
  });
  const artifacts = await loadSemaphoreArtifacts(Math.max(MIN_PROOF_DEPTH, group.depth));
  let sent = 0;
  const cast = async (identity: Identity, option: number | "abstain") => {
    await voteAnonymously(registrar, { identity, community, proposalId, option, group, artifacts });
    onProgress(++sent, PROOFS, "proofs");
  };
  for (const [n, option] of BALLOTS.entries()) {
    const entry = identities[n];
    if (entry) await cast(entry.identity, option === 255 ? "abstain" : option);
  }
  // Identity 2 changes their mind: the re-cast replaces the earlier ballot.
  const second = identities[1];
  if (second) await cast(second.identity, 2);
  return Number(proposalId);
}
