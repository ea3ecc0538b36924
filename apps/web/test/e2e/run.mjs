#!/usr/bin/env node
// `pnpm test:web`: the web app end to end, from a fresh demo (real anvil, the real indexer, the app's
// production build with `next start`, Debian chromium through playwright-core, the injected test
// wallet of wallet.mjs; no test-only code in the app):
//   1. the agenda lists the demo's 13 proposals with their tallies;
//   2. member #2 connects, votes Against on bill 1 (overriding #1, their General delegate, who
//      carries them For): the receipt says "counted with mass 3 … in the tally from block B", and a
//      second page that never reloads sees Against go 10 → 13 and For 77 → 74; they change to
//      Abstain (10 / 74) and retract (10 / 77, #1 carries them again), and that page follows each time;
//      Before the vote the page says "your delegate … voted For and carries your mass (3)"; after it,
//      "why this tally" shows #2 counted on their own and what #1 still carries;
//   3. on the quadratic poll an allocation over #2's 3 credits is refused with the numbers and
//      nothing reaches the wallet; a valid one (1, 1, 1, 0) is counted;
//   4. on the bill-by-bill page, choices on bills 2 and 3 go out as one castVotes transaction; later
//      (relayedBatch.mjs) #2 changes both by one EIP-712 signature that the relayer sends: a receipt
//      per bill, no transaction from the wallet, ETH balance unchanged; the threat model renders
//      as Markdown;
//   5. on the delegation page, delegating to oneself is refused before signing with the SDK's words
//      and nothing is sent; delegating Environment to #6 goes through and shows in the table;
//   6. axe-core finds no serious or critical violation on any page shown, and screenshots of the
//      agenda and a proposal at 1280 and 360 px (light and dark) go to apps/web/test-results/;
//   7. secret ballots (secretBallot.mjs): #2 derives an identity from a signature, registers it,
//      backs it up and restores it; on a new secret-ballot poll they prove in the browser, the relayer
//      sends it, they re-cast, and it is counted once;
//   8. (memberPages.mjs) #2's dashboard: weight, delegates, bill 1 needing their vote with #1 carrying
//      them For, their history; the audit recounts bill 1 and the poll in the browser: a match;
//  8b. (delegationTree.mjs) #7 and #8 delegate General down to #2 and the page draws that tree; #2's
//      delegation to #8 would close a cycle: the page names the path and nothing is sent (the block
//      number and nonce unchanged), as for a non-member; "why this tally" draws what #1 carries;
//   9. (registrar.mjs) the registrar imports a members CSV with one bad line and is told which (nothing
//      sent); without it the member is added; a topic is created;
//  10. (desk.mjs, last: it moves the chain's clock) #2 tables an agenda from Markdown; three days
//      later the executable proposal #12 is queued from the desk, and an hour later executed.
// Builds the app first when its production build is missing or older than its sources.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildTime, newestSource } from "../../../../scripts/dev/web.mjs";
import { checkAccessibility, openBrowser } from "./browser.mjs";
import { delegationTreeScenario } from "./delegationTree.mjs";
import { startDemo } from "./demo.mjs";
import { deskScenario } from "./desk.mjs";
import { memberPagesScenario } from "./memberPages.mjs";
import { registrarScenario } from "./registrar.mjs";
import { relayedBatchScenario } from "./relayedBatch.mjs";
import { secretBallotScenario } from "./secretBallot.mjs";
import { installTestWallet } from "./wallet.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const artifacts = path.join(root, "apps/web/test-results");
/** Ports in this test's own range (WEB_E2E_PORTS="anvil,indexer,web" picks others). */
const PORTS = (() => {
  const [anvil, indexer, web] = (process.env.WEB_E2E_PORTS ?? "9245,9248,9230")
    .split(",")
    .map(Number);
  return { anvil, indexer, web };
})();
/** Member #2 (anvil account #2): 3 credits, delegates General and Budget, has no ballot of their own. */
const MEMBER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CHAIN_ID = 31337;

const started = Date.now();
const timings = {};
const time = async (label, run) => {
  const t0 = Date.now();
  const result = await run();
  timings[label] = Date.now() - t0;
  console.log(`✓ ${label} ${(timings[label] / 1000).toFixed(1)} s`);
  return result;
};
const accessibility = [];

// Screenshots of this run only (a previous failure's included).
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
await time("build", async () => {
  const built = buildTime(root);
  const newest = newestSource(root);
  if (built !== undefined && (!newest || newest.time <= built)) return;
  const result = spawnSync(path.join(root, "apps/web/node_modules/.bin/next"), ["build"], {
    cwd: path.join(root, "apps/web"),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  assert.equal(result.status, 0, "next build failed");
});

const demo = await time("demo", () => startDemo(root, PORTS));
let browser;
try {
  browser = await openBrowser(1280);
  const { context } = browser;
  const wallet = await installTestWallet(context, {
    rpcUrl: demo.urls.rpc,
    chainId: CHAIN_ID,
    account: MEMBER,
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const web = demo.urls.web;

  await time("agenda", async () => {
    await page.goto(web);
    const list = page.getByRole("list", { name: "Proposals" });
    await list.getByRole("listitem").first().waitFor();
    assert.equal(await list.locator(":scope > li").count(), 13);
    await page.getByText("13 of 13 proposals").waitFor();
    await audit(page, "agenda");
    await page.screenshot({ path: path.join(artifacts, "agenda-1280.png"), fullPage: false });
  });

  // A second page on bill 1 that never reloads: it must follow every ballot live.
  const observer = await context.newPage();
  await observer.goto(`${web}/proposals/1`);
  const against = () => observer.getByTestId("tally-o0").textContent();
  const forMass = () => observer.getByTestId("tally-o1").textContent();
  await waitForText(against, "10");
  await waitForText(async () => (await forMass()).replace(/\s*▲$/, ""), "77");

  await time("connect", async () => {
    await page.goto(`${web}/proposals/1`);
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByRole("button", { name: "Plenum Test Wallet" }).click();
    await page.getByRole("radio", { name: "Against" }).waitFor();
    // Before voting, #2's delegate carries them; the page says so and offers the override.
    await page
      .getByTestId("delegate-note")
      .getByText(
        /Your delegate 0x7099…79C8 voted For and carries your mass \(3\)\. Vote yourself to override them\./,
      )
      .waitFor();
    await audit(page, "proposal (connected)");
  });

  const latencies = [];
  const vote = async (label, option, expectAgainst, expectFor) => {
    await time(label, async () => {
      if (option === "retract") {
        await page.getByRole("button", { name: "Retract my ballot" }).click();
      } else {
        await page.getByRole("radio", { name: new RegExp(`^${option}`) }).click();
        await page.getByRole("button", { name: /^(Vote|Change vote)$/ }).click();
      }
      const receipt = page.getByTestId("receipt");
      await receipt.getByText(option === "retract" ? "Retracted" : "Counted").waitFor();
      const text = await receipt.textContent();
      const mined = Date.now();
      if (option !== "retract")
        assert.match(text, /Counted with mass 3 at snapshot .*in the tally from block \d+\./s);
      else
        assert.match(
          text,
          /Retracted: your ballot no longer counts, in the tally from block \d+\./,
        );
      assert.match(text, /Transaction 0x[0-9a-f]{64}/);
      await waitForText(against, expectAgainst);
      await waitForText(async () => (await forMass()).replace(/\s*▲$/, ""), expectFor);
      latencies.push(Date.now() - mined);
    });
  };
  await vote("vote Against", "Against", "13", "74");
  // Why this tally: #2 now votes themselves; #1's ballot no longer carries them.
  await page
    .getByTestId("why")
    .getByText(/0x3C44…93BC voted; their own ballot counts their mass \(3\)\./i)
    .waitFor();
  await page.getByLabel("Member address").fill("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  await page.getByRole("button", { name: "Explain" }).click();
  await page
    .getByTestId("why")
    .getByText(/Their ballot carries 16 in all/)
    .waitFor();
  await page.screenshot({ path: path.join(artifacts, "proposal-1280.png"), fullPage: true });
  await vote("change to Abstain", "Abstain", "10", "74");
  await vote("retract", "retract", "10", "77");
  await observer.close();

  await time("quadratic", async () => {
    await page.goto(`${web}/proposals/11`);
    const inputs = page.getByRole("spinbutton");
    await inputs.first().waitFor();
    await page.getByText("Credits:").waitFor();
    await inputs.nth(0).fill("2");
    await page
      .getByTestId("over-budget")
      .getByText("quadratic ballot costs 4 credits, you have 3")
      .waitFor();
    const sent = wallet.filter((m) => m === "eth_sendTransaction").length;
    await page.getByRole("button", { name: "Vote" }).click();
    await page
      .getByTestId("refused")
      .getByText("Not sent: quadratic ballot costs 4 credits, you have 3.")
      .waitFor();
    assert.equal(
      wallet.filter((m) => m === "eth_sendTransaction").length,
      sent,
      "an over-budget ballot reached the wallet",
    );
    await audit(page, "quadratic (over budget)");
    await page.screenshot({
      path: path.join(artifacts, "quadratic-refused-1280.png"),
      fullPage: true,
    });
    await inputs.nth(0).fill("1");
    await inputs.nth(1).fill("1");
    await inputs.nth(2).fill("1");
    await page.getByRole("button", { name: "Vote" }).click();
    const receipt = page.getByTestId("receipt");
    await receipt.getByText("Counted").waitFor();
    assert.match(
      await receipt.textContent(),
      /Counted with mass 1\.73 at snapshot .*in the tally from block \d+\./s,
    );
    assert.equal(wallet.filter((m) => m === "eth_sendTransaction").length, sent + 1);
  });

  await time("bill by bill", async () => {
    await page.goto(`${web}/batch`);
    await page.getByLabel(/^#2 /).waitFor();
    const sent = wallet.filter((m) => m === "eth_sendTransaction").length;
    await page.getByLabel(/^#2 /).selectOption({ label: "For" });
    await page.getByLabel(/^#3 /).selectOption({ label: "Against" });
    await page.getByRole("button", { name: "Send 2 ballots in one transaction" }).click();
    await page
      .getByTestId("batch-receipt")
      .getByText(/2 ballots counted in one transaction, in the tallies from block \d+\./)
      .waitFor();
    assert.equal(wallet.filter((m) => m === "eth_sendTransaction").length, sent + 1);
    await page.getByRole("row", { name: /#2 .* For No change/ }).waitFor();
    await audit(page, "bill by bill");
    await page.screenshot({ path: path.join(artifacts, "batch-1280.png"), fullPage: true });
  });

  await time("delegation", async () => {
    await page.goto(`${web}/delegation`);
    await page.getByTestId("topic-0").getByText("0x7099…79C8").waitFor();
    const sent = wallet.filter((m) => m === "eth_sendTransaction").length;
    await page.getByLabel("Environment", { exact: true }).check();
    await page.getByLabel("Delegate (a member's address)").fill(MEMBER);
    await page.getByRole("button", { name: "Check and delegate" }).click();
    await page
      .getByTestId("delegation-receipt")
      .getByText(
        /Not sent: 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC cannot delegate to themselves/i,
      )
      .waitFor();
    assert.equal(
      wallet.filter((m) => m === "eth_sendTransaction").length,
      sent,
      "a refused delegation was sent",
    );
    await page
      .getByLabel("Delegate (a member's address)")
      .fill("0x976EA74026E726554dB657fA54763abd0C3a0aa9");
    await page.getByRole("button", { name: "Check and delegate" }).click();
    await page
      .getByTestId("delegation-receipt")
      .getByText(/Delegated Environment to 0x976E…0aa9 in block \d+/)
      .waitFor();
    await page.getByTestId("topic-2").getByText("0x976E…0aa9").waitFor();
    await audit(page, "delegation");
    await page.screenshot({ path: path.join(artifacts, "delegation-1280.png"), fullPage: true });
  });

  await time("needs my vote", async () => {
    // #2 now has ballots on bills 2 and 3 and the quadratic poll (bill 1's was retracted): 9 of the
    // 12 open public proposals still need their vote; the secret ballot is not counted.
    await page.goto(web);
    await page.getByText("13 of 13 proposals").waitFor();
    await page.getByLabel("Needs my vote").check();
    await page.getByText("9 of 13 proposals").waitFor();
  });

  await time("360 px and dark", async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(web);
    await page.getByRole("list", { name: "Proposals" }).getByRole("listitem").first().waitFor();
    await audit(page, "agenda (360 px)");
    await page.screenshot({ path: path.join(artifacts, "agenda-360.png"), fullPage: false });
    // The header is one line with a menu button; the navigation opens under it and Escape closes it.
    const header = await page.locator("header").boundingBox();
    assert.ok(header.height < 80, `the 360 px header is ${header.height} px tall`);
    const menu = page.getByRole("button", { name: "Menu" });
    const mainNav = page.getByRole("navigation", { name: "Main" });
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    assert.equal(await mainNav.isVisible(), false);
    await menu.focus();
    await page.keyboard.press("Enter");
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await mainNav.getByRole("link", { name: "Delegation" }).waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Agenda");
    await audit(page, "agenda (360 px, menu open)");
    await page.screenshot({ path: path.join(artifacts, "agenda-360-menu.png"), fullPage: false });
    await page.keyboard.press("Escape");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), "☰ Menu");
    await page.goto(`${web}/proposals/1`);
    await page.getByRole("radio", { name: "Against" }).waitFor();
    await audit(page, "proposal (360 px)");
    await page.screenshot({ path: path.join(artifacts, "proposal-360.png"), fullPage: true });
    // The theme switch is in the menu below the breakpoint.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByLabel("Dark theme").click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    await page.keyboard.press("Escape");
    await audit(page, "proposal (360 px, dark)");
    await page.screenshot({ path: path.join(artifacts, "proposal-360-dark.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(web);
    await page.getByRole("list", { name: "Proposals" }).getByRole("listitem").first().waitFor();
    await audit(page, "agenda (dark)");
    await page.screenshot({ path: path.join(artifacts, "agenda-1280-dark.png"), fullPage: false });
  });

  const shot = (target, name, fullPage = false) =>
    target.screenshot({ path: path.join(artifacts, name), fullPage });
  const scenario = { page, demo, root, wallet, time, audit, shot, waitForText };
  await relayedBatchScenario({ ...scenario, member: MEMBER });
  const poll = await secretBallotScenario(scenario);
  await memberPagesScenario({ ...scenario, poll });
  await delegationTreeScenario(scenario);
  await registrarScenario({ ...scenario, errors });
  await deskScenario(scenario);

  const serious = accessibility.filter((a) => a.violations.length > 0);
  assert.deepEqual(
    serious,
    [],
    `axe-core found serious or critical violations:\n${JSON.stringify(serious, null, 2)}`,
  );
  assert.deepEqual(
    errors.filter((e) => !/favicon/.test(e)),
    [],
    "the pages logged errors",
  );
  console.log(
    `\ntest:web: ok in ${((Date.now() - started) / 1000).toFixed(1)} s (${accessibility.length} axe checks clean; receipt shown → the other page's tally ${latencies.join(", ")} ms; screenshots in ${path.relative(root, artifacts)})`,
  );
} catch (error) {
  // What the page showed when it failed.
  for (const [index, open] of (browser?.context.pages() ?? []).entries()) {
    await open
      .screenshot({ path: path.join(artifacts, `failure-${index}.png`), fullPage: true })
      .catch(() => {});
  }
  throw error;
} finally {
  await browser?.close();
  await demo.stop();
}

/** Runs axe-core on the page and keeps its serious and critical violations. */
async function audit(page, name) {
  accessibility.push({ page: name, violations: await checkAccessibility(page) });
}

/** Waits until `read()` gives `expected` (10 s). */
async function waitForText(read, expected) {
  const deadline = Date.now() + 10_000;
  let last;
  while (Date.now() < deadline) {
    last = ((await read()) ?? "").trim();
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected "${expected}", still "${last}"`);
}
