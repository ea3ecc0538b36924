// The delegation drawing and the cycle check of `pnpm test:web`, on the shared demo after the other
// member scenarios: members #7 and #8 delegate General so that #2 carries them (#8 → #7 → #2), sent
// from this script with the community's ABI (the test wallet's anvil signs for them); the page draws
// that tree (keyboard: arrows, Left/Right); #2 then tries to delegate General to #8, which would close the cycle #2 → #8 → #7 → #2:
// the page names the path and nothing is sent (no wallet request, the block number unchanged); a
// non-member delegate is refused the same way. #7 and #8 clear their delegation afterwards. Then the
// "why this tally" view of bill 1 draws what #1 carries. Screenshots at 1280 and 360 px, light and dark.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createWalletClient, http, publicActions, zeroAddress } from "viem";
import { anvil } from "viem/chains";
import { communityAddress } from "./anonymousPoll.mjs";
import { chooseTheme } from "./browser.mjs";

const MEMBER_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const MEMBER_2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const MEMBER_7 = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
const MEMBER_8 = "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f";
/** No member of the demo community. */
const NOT_A_MEMBER = "0x000000000000000000000000000000000000dEaD";
const GENERAL = 0;
const abi = JSON.parse(
  readFileSync(new URL("../../../../packages/sdk/abis/liquidGovernor.json", import.meta.url)),
);

/**
 * Runs the scenario on `page` (connected as member #2).
 * @example
 * await delegationTreeScenario({ page, demo, wallet, time, audit, shot });
 */
export async function delegationTreeScenario({ page, demo, wallet, time, audit, shot }) {
  const web = demo.urls.web;
  const community = await communityAddress(demo.urls.indexer);
  const as = (account) =>
    createWalletClient({
      chain: anvil,
      transport: http(demo.urls.rpc),
      account,
      pollingInterval: 50,
    }).extend(publicActions);
  const delegateGeneral = async (account, to) => {
    const client = as(account);
    const hash = await client.writeContract({
      address: community,
      abi,
      functionName: "delegate",
      args: [[GENERAL], to ?? zeroAddress],
      // anvil's estimate falls short once the delegate carries others (137k used of a 139k
      // estimate, then a revert); the SDK adds headroom to its estimate, this script a fixed limit.
      gas: 600_000n,
    });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    assert.equal(receipt.status, "success");
  };

  await time("delegation tree and cycle", async () => {
    await delegateGeneral(MEMBER_7, MEMBER_2);
    await delegateGeneral(MEMBER_8, MEMBER_7);

    const general = page.getByTestId(`tree-${GENERAL}`);
    const tree = general.getByRole("tree", { name: "Members who delegate General to you" });
    // The indexer may be a block or two behind: reload until it draws #8 below #7 below #2.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto(`${web}/delegation`);
      await general.getByText("end of chain").waitFor({ timeout: 30_000 });
      if ((await tree.count()) > 0 && (await tree.getByText("0x2361…1E8f").count()) > 0) break;
      assert.ok(Date.now() < deadline, "the delegation tree never showed #8 below #7 below #2");
      await page.waitForTimeout(1000);
    }
    assert.equal(
      (await tree.textContent()).replace(/\s+/g, " ").trim(),
      "0x3C44…93BC you 3 votes0x14dC…9955 delegates to you 1 vote0x2361…1E8f delegates through 2 votes",
    );
    // One tab stop; the arrows walk the tree, Left closes a branch and Right opens it again.
    await tree.getByRole("treeitem", { name: /0x3C44…93BC you/ }).focus();
    const focused = () =>
      page.evaluate(() => document.activeElement?.querySelector(".hash")?.textContent);
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "0x14dC…9955");
    await page.keyboard.press("End");
    assert.equal(await focused(), "0x2361…1E8f");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await focused(), "0x14dC…9955");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await tree.getByRole("treeitem").count(), 2);
    await page.keyboard.press("ArrowRight");
    assert.equal(await tree.getByRole("treeitem").count(), 3);
    assert.match(
      await general.textContent(),
      /0x3C44…93BC you0x7099…79C8 end of chainThe chain ends at 0x7099…79C8, who delegates to nobody in General/,
    );

    const rpc = as(MEMBER_2);
    const block = await rpc.getBlockNumber();
    const nonce = await rpc.getTransactionCount({ address: MEMBER_2 });
    const sent = wallet.filter((m) => m === "eth_sendTransaction").length;
    await page.getByLabel("General", { exact: true }).check();
    await page.getByLabel("Delegate (a member's address)").fill(MEMBER_8);
    await page.getByRole("button", { name: "Check and delegate" }).click();
    const receipt = page.getByTestId("delegation-receipt");
    await receipt.getByText("Not sent.", { exact: true }).waitFor({ timeout: 30_000 });
    await page
      .getByTestId("delegation-cycle")
      .getByText(
        "Delegating General to 0x2361…1E8f would close a cycle: you (0x3C44…93BC) → 0x2361…1E8f → 0x14dC…9955 → you. A chain must end at someone who votes.",
      )
      .waitFor({ timeout: 30_000 });
    await audit(page, "delegation (cycle refused)");
    await shot(page, "delegation-tree-1280.png", true);
    await page.setViewportSize({ width: 360, height: 800 });
    await audit(page, "delegation (360 px)");
    await shot(page, "delegation-tree-360.png", true);
    await chooseTheme(page, "dark");
    await shot(page, "delegation-tree-360-dark.png", true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, "delegation-tree-1280-dark.png", true);
    await chooseTheme(page, "light");

    await page.getByLabel("Delegate (a member's address)").fill(NOT_A_MEMBER);
    await page.getByRole("button", { name: "Check and delegate" }).click();
    await receipt
      .getByText(/Not sent: 0x000000000000000000000000000000000000dEaD is not a member/i)
      .waitFor({ timeout: 30_000 });

    assert.equal(
      wallet.filter((m) => m === "eth_sendTransaction").length,
      sent,
      "a refusal was sent",
    );
    assert.equal(await rpc.getBlockNumber(), block, "a block was mined for a refused delegation");
    assert.equal(await rpc.getTransactionCount({ address: MEMBER_2 }), nonce);

    await delegateGeneral(MEMBER_8, null);
    await delegateGeneral(MEMBER_7, null);
  });

  await time("why this tally (tree)", async () => {
    await page.goto(`${web}/proposals/1`);
    await page.getByLabel("Member address").fill(MEMBER_1);
    await page.getByRole("button", { name: "Explain" }).click();
    const carried = page.getByRole("tree", { name: "Members this voter carries" });
    await carried.getByText("0x7099…79C8").waitFor({ timeout: 30_000 });
    assert.match(await carried.textContent(), /0x7099…79C8 voter carries \d+ in all \(own 12\)/);
    const why = page.getByRole("heading", { name: "Why this tally" });
    await why.scrollIntoViewIfNeeded();
    await audit(page, "why this tally (tree)");
    await shot(page, "why-tree-1280.png", false);
    await page.setViewportSize({ width: 360, height: 800 });
    await why.scrollIntoViewIfNeeded();
    await shot(page, "why-tree-360.png", false);
    await chooseTheme(page, "dark");
    await why.scrollIntoViewIfNeeded();
    await shot(page, "why-tree-360-dark.png", false);
    await page.setViewportSize({ width: 1280, height: 900 });
    await why.scrollIntoViewIfNeeded();
    await shot(page, "why-tree-1280-dark.png", false);
    await chooseTheme(page, "light");
  });
}
