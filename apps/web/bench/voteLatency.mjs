// Vote mined → tally on screen: a proposal page open in chromium on the real demo while a script
// sends ballots. The page records, with a MutationObserver, every change of the tally's text
// (the `tally-o<N>` cells) at `performance.timeOrigin + performance.now()`, a wall-clock time in
// ms that the script's `Date.now()` shares (one machine). Each ballot goes out only after the
// previous one is on screen; its latency runs from the moment the script holds its receipt (anvil
// mines a transaction as it receives it, so that is the block's mining plus one RPC round trip;
// the block's own timestamp has only whole seconds and the demo's chain clock runs ahead) to the
// first recorded tally text that differs from the one before the ballot.
import { castVote, demoDeployments } from "@plenum/sdk";
import { createPublicClient, createWalletClient, defineChain, http } from "viem";
import { waitForTransactionReceipt } from "viem/actions";

/** Member #2 of the demo (anvil account #2, unlocked): mass 3 on bill 1, Against ↔ For moves both. */
const VOTER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const PROPOSAL = 1n;
/** How long one ballot may take to show (ms): generous, the machine is shared. */
const SHOW_TIMEOUT_MS = 30_000;

/**
 * Sends `votes` ballots (alternating Against and For) and returns each one's latency in ms.
 * @example
 * const latencies = await measureVoteLatency({ context, web, rpc, votes: 60 });
 */
export async function measureVoteLatency({ context, web, rpc, votes }) {
  const chain = defineChain({
    id: 31337,
    name: "Plenum demo",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  });
  const { community } = demoDeployments["31337"];
  const wallet = createWalletClient({ chain, account: VOTER, transport: http(rpc) });
  const reader = createPublicClient({ chain, transport: http(rpc) });

  const page = await context.newPage();
  await page.goto(`${web}/proposals/${PROPOSAL}`);
  await page.getByTestId("tally-o0").waitFor({ timeout: SHOW_TIMEOUT_MS });
  await page.evaluate(() => {
    const read = () =>
      [...document.querySelectorAll('[data-testid^="tally-o"]')]
        .map((cell) => cell.textContent?.trim())
        .join("|");
    const changes = [{ at: performance.timeOrigin + performance.now(), text: read() }];
    window.__tallyChanges = changes;
    new MutationObserver(() => {
      const text = read();
      if (text !== changes[changes.length - 1].text) {
        changes.push({ at: performance.timeOrigin + performance.now(), text });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  const latencies = [];
  for (let index = 0; index < votes; index++) {
    const seen = await page.evaluate(() => window.__tallyChanges.length);
    const option = index % 2 === 0 ? 0 : 1;
    const hash = await castVote(wallet, {
      account: VOTER,
      community,
      proposalId: PROPOSAL,
      option,
    });
    const receipt = await waitForTransactionReceipt(reader, { hash, pollingInterval: 10 });
    const mined = Date.now();
    if (receipt.status !== "success") throw new Error(`ballot ${index} reverted (${hash})`);
    const shown = await page.waitForFunction((after) => window.__tallyChanges[after]?.at, seen, {
      timeout: SHOW_TIMEOUT_MS,
      polling: 20,
    });
    latencies.push((await shown.jsonValue()) - mined);
  }
  await page.close();
  return latencies;
}

/**
 * The p-th percentile (nearest rank) of `values`.
 * @example
 * percentile([1, 2, 3, 4], 50); // 2
 */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
