// The secret-ballot scenario of `pnpm test:web`, on the shared demo: member #2 derives an identity
// from a wallet signature, replaces their registered demo identity with it, backs it up encrypted,
// forgets it and restores it; a new secret-ballot poll opens (member #1, see anonymousPoll.mjs); the
// member proves a ballot in the browser (a Web Worker, circuit files served by the app), the relayer
// sends it (the member's wallet sends nothing), the tally shows it; they re-cast and it is counted once.
import assert from "node:assert/strict";
import { openAnonymousPoll } from "./anonymousPoll.mjs";
import { chooseTheme } from "./browser.mjs";

const PASSPHRASE = "correct horse battery staple";

/**
 * Runs the scenario on `page` (connected as member #2 through the test wallet).
 * @example
 * await secretBallotScenario({ page, demo, wallet, time, audit, shot, waitForText });
 */
export async function secretBallotScenario({ page, demo, wallet, time, audit, shot, waitForText }) {
  const web = demo.urls.web;
  let commitment;
  await time("identity: derive, register, back up, restore", async () => {
    await page.goto(`${web}/identity`);
    await chooseTheme(page, "light");
    await page.getByRole("button", { name: "Derive from my wallet (recoverable)" }).click();
    const shown = page.getByTestId("identity-commitment");
    await shown.getByText("Loaded (derived)").waitFor();
    commitment = (await shown.locator(".hash").textContent()).trim();
    assert.match(commitment, /^\d{20,}$/);
    await page.getByRole("button", { name: "Replace my registered identity" }).click();
    await page.getByTestId("identity-registered").waitFor({ timeout: 30_000 });
    await page.getByLabel("Passphrase (at least 8 characters)").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Make an encrypted backup" }).click();
    const backup = await page.getByTestId("identity-backup").inputValue({ timeout: 20_000 });
    assert.equal(JSON.parse(backup).commitment, commitment);
    assert.equal(typeof JSON.parse(backup).ciphertext, "string");
    await audit(page, "identity");
    await shot(page, "identity-1280.png");
    await page.getByRole("button", { name: "Forget it in this tab" }).click();
    await page.getByText("No identity loaded in this tab.").waitFor();
    await page.getByLabel("or paste it").fill(backup);
    await page.getByLabel("Its passphrase").fill("not the passphrase");
    await page.getByRole("button", { name: "Restore" }).click();
    await page
      .getByTestId("identity-status")
      .getByText(/passphrase/i)
      .waitFor({ timeout: 20_000 });
    await page.getByLabel("Its passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Restore" }).click();
    await page
      .getByTestId("identity-commitment")
      .getByText("Loaded (restored)")
      .waitFor({ timeout: 20_000 });
    assert.equal(
      (await page.getByTestId("identity-commitment").locator(".hash").textContent()).trim(),
      commitment,
    );
  });

  const poll = await time("open a secret-ballot poll", () => openAnonymousPoll(demo.urls));

  await time("secret ballot: prove in the browser, relay, re-cast", async () => {
    const sentBefore = wallet.filter((m) => m === "eth_sendTransaction").length;
    // A fresh page load: the identity is gone from memory, and the wallet gives it back.
    await page.goto(`${web}/proposals/${poll}`);
    await page.getByRole("heading", { name: "My secret ballot" }).waitFor();
    await page.getByRole("button", { name: "Use the identity from my wallet" }).click();
    await page.getByRole("radio", { name: /^Leipzig/ }).click();
    await page.getByRole("button", { name: "Vote" }).click();
    const receipt = page.getByTestId("secret-receipt");
    await receipt
      .getByText(/Proving in the background|Fetching the circuit files/)
      .first()
      .waitFor();
    await receipt.getByText("Counted").waitFor({ timeout: 120_000 });
    assert.match(
      await receipt.textContent(),
      /your secret ballot for Leipzig \(ballot 1 of this identity\), in the tally from block \d+\. Proved in [\d.]+ s at depth \d+/,
    );
    const tally = (i) => page.getByTestId(`tally-o${i}`).textContent();
    const clean = (read) => async () => (await read()).replace(/\s*▲$/, "");
    await waitForText(
      clean(() => tally(1)),
      "1",
    );
    await audit(page, "secret ballot (counted)");
    await shot(page, "secret-ballot-1280.png", true);
    // Re-cast: the new ballot replaces the first.
    await page.getByRole("radio", { name: /^Lyon/ }).click();
    await page.getByRole("button", { name: "Change vote" }).click();
    await receipt.getByText("(ballot 2 of this identity)").waitFor({ timeout: 120_000 });
    await waitForText(
      clean(() => tally(2)),
      "1",
    );
    await waitForText(
      clean(() => tally(1)),
      "0",
    );
    assert.equal((await clean(() => tally(0))()).trim(), "0");
    assert.equal(
      wallet.filter((m) => m === "eth_sendTransaction").length,
      sentBefore,
      "the member's wallet sent a transaction for a secret ballot",
    );
    await page.setViewportSize({ width: 360, height: 800 });
    await audit(page, "secret ballot (360 px)");
    await shot(page, "secret-ballot-360.png", true);
    // The theme switch is in the header's menu below the breakpoint.
    await page.getByRole("button", { name: "Menu" }).click();
    await chooseTheme(page, "dark");
    await page.keyboard.press("Escape");
    await audit(page, "secret ballot (360 px, dark)");
    await shot(page, "secret-ballot-360-dark.png", true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await chooseTheme(page, "light");
  });
  return poll;
}
