// The governance-desk scenario of `pnpm test:web`, last on the shared demo (it moves the chain's
// clock): member #2 tables an agenda from Markdown (an empty one is refused with the parser's words);
// then, three days later, the demo's executable proposal #12 (For 39, Against 13, quorum met) is
// queued from the desk, and an hour later executed.
/** Moves anvil's clock forward and mines a block stamped with it. */
async function advance(rpcUrl, seconds) {
  for (const [method, params] of [
    ["evm_increaseTime", [seconds]],
    ["evm_mine", []],
  ]) {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = await response.json();
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
  }
}

/**
 * Runs the scenario on `page` (connected as member #2).
 * @example
 * await deskScenario({ page, demo, time, audit, shot });
 */
export async function deskScenario({ page, demo, time, audit, shot }) {
  await time("desk: table an agenda", async () => {
    await page.goto(`${demo.urls.web}/desk`);
    const agenda = page.getByRole("region", { name: "Table an agenda" });
    await agenda.getByLabel("or paste it").fill("# Day 2\nNothing listed yet.");
    await agenda.getByRole("button", { name: "Table the agenda" }).click();
    await agenda.getByTestId("agenda-problems").getByText("no list items found").waitFor();
    await agenda
      .getByLabel("or paste it")
      .fill("# Day 2\n1. Library opening hours\n2. Bike lanes on Main Street");
    await agenda.getByRole("button", { name: "Table the agenda" }).click();
    await agenda
      .getByTestId("agenda-tx")
      .getByText("Tabled 2 bills: Library opening hours; Bike lanes on Main Street")
      .waitFor({ timeout: 30_000 });
    await audit(page, "desk");
    await shot(page, "desk-1280.png", true);
  });
  await time("desk: queue and execute", async () => {
    const item = page.getByTestId("executable-12");
    await item.getByText("Voting is still open.").waitFor({ timeout: 20_000 });
    // Coming back three days later (a fresh load reads the chain's clock at once).
    await advance(demo.urls.rpc, 3 * 86_400 + 60);
    await page.reload();
    await item.getByRole("button", { name: "Queue #12" }).click({ timeout: 20_000 });
    await page.getByTestId("executable-tx").getByText("Queued #12").waitFor({ timeout: 30_000 });
    await item.getByText(/Queued: executable from/).waitFor({ timeout: 20_000 });
    await advance(demo.urls.rpc, 3_600 + 60);
    await page.reload();
    await item.getByRole("button", { name: "Execute #12" }).click({ timeout: 20_000 });
    await page.getByTestId("executable-tx").getByText("Executed #12").waitFor({ timeout: 30_000 });
    await item.getByText("Executed.").waitFor({ timeout: 20_000 });
    await page.setViewportSize({ width: 360, height: 800 });
    await audit(page, "desk (360 px)");
    await shot(page, "desk-360.png", true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
}
