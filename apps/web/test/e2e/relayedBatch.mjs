// The relayed bill-by-bill scenario of `pnpm test:web`: member #2 changes their ballots on bills 2 and
// 3 by one EIP-712 signature, which the app hands to the relayer (through /api/relayer/v1/signed-ballots);
// the relayer's castVotesBySig counts both, each with its receipt, the member's wallet sends no
// transaction and their ETH balance does not move. Then the threat-model page (Markdown rendered on
// the server) at 1280 and 360 px, light and dark.
import assert from "node:assert/strict";
import { chooseTheme } from "./browser.mjs";

/** The member's balance in wei, straight from anvil. */
async function balanceOf(rpcUrl, address) {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getBalance",
      params: [address, "latest"],
    }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`eth_getBalance: ${body.error.message}`);
  return BigInt(body.result);
}

/**
 * Runs the scenario on `page` (connected as `member`, after the bill-by-bill transaction step).
 * @example
 * await relayedBatchScenario({ page, demo, wallet, member, time, audit, shot });
 */
export async function relayedBatchScenario({ page, demo, wallet, member, time, audit, shot }) {
  const web = demo.urls.web;
  await time("bill by bill, one relayed signature", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${web}/batch`);
    await chooseTheme(page, "light");
    await page.getByRole("row", { name: /#2 .* For No change/ }).waitFor();
    const balance = await balanceOf(demo.urls.rpc, member);
    const sent = wallet.filter((m) => m === "eth_sendTransaction").length;
    const signed = wallet.filter((m) => m.startsWith("eth_signTypedData")).length;
    await page.getByLabel(/^#2 /).selectOption({ label: "Against" });
    await page.getByLabel(/^#3 /).selectOption({ label: "For" });
    await page.getByRole("button", { name: "Sign 2 ballots once, no gas" }).click();
    const receipt = page.getByTestId("batch-receipt");
    await receipt
      .getByText(
        /2 ballots counted by one signature, in the tallies from block \d+\. The relayer sent the transaction and paid its gas\./,
      )
      .waitFor();
    const text = await receipt.textContent();
    for (const bill of ["#2", "#3"]) {
      assert.match(
        text,
        new RegExp(
          `${bill} .+?:Counted with mass [\\d.]+ at snapshot .*?\\(timepoint \\d+\\), in the tally from block \\d+\\.`,
        ),
        `no receipt for bill ${bill}: ${text}`,
      );
    }
    // The indexer's ballots follow: the table shows the new choices.
    await page.getByRole("row", { name: /#2 .* Against No change/ }).waitFor();
    await page.getByRole("row", { name: /#3 .* For No change/ }).waitFor();
    assert.equal(
      wallet.filter((m) => m === "eth_sendTransaction").length,
      sent,
      "the member's wallet sent a transaction for relayed ballots",
    );
    assert.equal(
      wallet.filter((m) => m.startsWith("eth_signTypedData")).length,
      signed + 1,
      "one signature for the whole batch",
    );
    assert.equal(
      await balanceOf(demo.urls.rpc, member),
      balance,
      "the member paid for relayed ballots",
    );
    await audit(page, "bill by bill, relayed");
    await shot(page, "batch-relayed-1280.png", true);
    await page.setViewportSize({ width: 360, height: 800 });
    await shot(page, "batch-relayed-360.png", true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await time("threat model", async () => {
    await page.goto(`${web}/threat-model`);
    const doc = page.getByRole("article", { name: "Anonymous ballots: design and threat model" });
    await doc.getByRole("heading", { level: 1, name: /design and threat model/ }).waitFor();
    await doc.getByRole("heading", { level: 2, name: "What it does not protect" }).waitFor();
    assert.ok((await doc.locator("ol > li").count()) > 0, "no numbered list");
    assert.ok((await doc.locator("code").count()) > 0, "no inline code");
    assert.equal(await doc.locator("pre.doc-pre").count(), 0, "still shown as plain text");
    await audit(page, "threat model");
    await shot(page, "threat-model-1280.png");
    await chooseTheme(page, "dark");
    await audit(page, "threat model (dark)");
    await shot(page, "threat-model-1280-dark.png");
    await page.setViewportSize({ width: 360, height: 800 });
    await shot(page, "threat-model-360-dark.png");
    await chooseTheme(page, "light");
    await audit(page, "threat model (360 px)");
    await shot(page, "threat-model-360.png");
    await page.setViewportSize({ width: 1280, height: 900 });
  });
}
