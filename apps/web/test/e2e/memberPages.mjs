// The dashboard and audit scenarios of `pnpm test:web`, on the shared demo after the ballots of
// run.mjs and secretBallot.mjs: member #2's dashboard shows their weight, their General delegate #1,
// bill 1 needing their vote with #1 carrying them For, and their history (cast, changed, retracted);
// the audit recounts bill 1 and the secret-ballot poll in the browser and finds all three tallies equal.
import assert from "node:assert/strict";
import { chooseTheme } from "./browser.mjs";

/**
 * Runs both scenarios on `page` (connected as member #2).
 * @example
 * await memberPagesScenario({ page, demo, time, audit, shot, poll });
 */
export async function memberPagesScenario({ page, demo, time, audit, shot, poll }) {
  const web = demo.urls.web;
  await time("dashboard", async () => {
    await page.goto(`${web}/me`);
    await page.getByTestId("my-weight").getByText("3 votes").waitFor({ timeout: 20_000 });
    const delegates = page.getByTestId("my-delegates");
    await delegates.getByRole("row", { name: /General 0x7099…79C8/ }).waitFor();
    await page
      .getByTestId("needs-1")
      .getByText(/Your delegate 0x7099…79C8 voted For and carries you; vote yourself to override\./)
      .waitFor({ timeout: 20_000 });
    const history = await page.getByTestId("my-history").textContent();
    for (const kind of ["cast", "changed", "retracted"]) assert.match(history, new RegExp(kind));
    await audit(page, "dashboard");
    await shot(page, "dashboard-1280.png", true);
    await page.setViewportSize({ width: 360, height: 800 });
    await audit(page, "dashboard (360 px)");
    await shot(page, "dashboard-360.png", true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await time("audit", async () => {
    for (const proposal of ["1", String(poll)]) {
      await page.goto(`${web}/audit?proposal=${proposal}`);
      await page.getByRole("button", { name: "Recount in this browser" }).click();
      const result = page.getByTestId("audit-result");
      await result.getByText(/^Match/).waitFor({ timeout: 60_000 });
      assert.match(
        await result.textContent(),
        new RegExp(
          `Match: proposal ${proposal} at block \\d+ — the recount from the chain's logs equals the contract's tally and the indexer's\\.`,
        ),
      );
    }
    await audit(page, "audit (match)");
    await shot(page, "audit-1280.png", true);
    // The theme switch is chosen at 1280 px: below the breakpoint it sits in the header's menu.
    await chooseTheme(page, "dark");
    await page.setViewportSize({ width: 360, height: 800 });
    await audit(page, "audit (360 px, dark)");
    await shot(page, "audit-360-dark.png", true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await chooseTheme(page, "light");
  });
}
