// The registrar scenario of `pnpm test:web`, on the shared demo: the registrar (anvil account #0, in
// a browser of its own) imports a members CSV with one bad line and is told which, with nothing sent;
// without it, the member is added in one transaction; then a topic is created.
import assert from "node:assert/strict";
import { openBrowser } from "./browser.mjs";
import { installTestWallet } from "./wallet.mjs";

/** Anvil's account #0: the demo's registrar and admin. */
const REGISTRAR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
/** Anvil's account #31: not a member of the demo. */
const NEWCOMER = "0x8263Fce86B1b78F95Ab4dae11907d8AF88f841e7";

/**
 * Runs the scenario in a second browser connected as the registrar.
 * @example
 * await registrarScenario({ demo, time, audit, shot, errors });
 */
export async function registrarScenario({ demo, time, audit, shot, errors }) {
  await time("registrar: CSV with a bad line, then added; a topic", async () => {
    const browser = await openBrowser(1280);
    try {
      const wallet = await installTestWallet(browser.context, {
        rpcUrl: demo.urls.rpc,
        chainId: 31337,
        account: REGISTRAR,
      });
      const page = await browser.context.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${demo.urls.web}/registrar`);
      await page.getByRole("button", { name: "Connect wallet" }).click();
      await page.getByRole("button", { name: "Plenum Test Wallet" }).click();
      await page
        .getByText("Connect the registrar's wallet to use this desk.")
        .waitFor({ state: "detached" });
      const add = page.getByRole("region", { name: "Add members" });
      await add.getByLabel("or paste it").fill(`address,weight\n${NEWCOMER},3\n0x12345,2\n`);
      await add.getByRole("button", { name: "Check and add members" }).click();
      const problems = add.getByTestId("add-problems");
      await problems.waitFor();
      assert.match(
        await problems.textContent(),
        /Nothing was sent: one line needs fixing\.line 3: /,
      );
      assert.equal(wallet.filter((m) => m === "eth_sendTransaction").length, 0);
      await audit(page, "registrar (bad line)");
      await shot(page, "registrar-1280.png", true);
      await add.getByLabel("or paste it").fill(`address,weight\n${NEWCOMER},3\n`);
      await add.getByRole("button", { name: "Check and add members" }).click();
      await add
        .getByTestId("add-members-tx")
        .getByText("Added 1 member")
        .waitFor({ timeout: 30_000 });
      const topic = page.getByRole("region", { name: "Create a topic" });
      await topic.getByLabel("Topic name").fill("Culture");
      await topic.getByRole("button", { name: "Create topic" }).click();
      await topic
        .getByTestId("topic-tx")
        .getByText('Topic "Culture" created')
        .waitFor({ timeout: 30_000 });
      assert.equal(wallet.filter((m) => m === "eth_sendTransaction").length, 2);
      await page.setViewportSize({ width: 360, height: 800 });
      await audit(page, "registrar (360 px)");
      await shot(page, "registrar-360.png", true);
    } finally {
      await browser.close();
    }
  });
}
