// Debian's chromium driven by playwright-core (TOOLCHAIN.md: `npx playwright install` cannot work
// here), and the accessibility check with axe-core.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * A fresh browser context (its own profile directory) at `width` × 900.
 * @example
 * const { context, close } = await openBrowser(1280);
 */
export async function openBrowser(width) {
  const profile = mkdtempSync(path.join(os.tmpdir(), "plenum-web-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page; returns the serious and critical violations.
 * @example
 * const violations = await checkAccessibility(page);
 */
export async function checkAccessibility(page) {
  // Evaluated through the DevTools protocol, so the page's CSP (which forbids inline scripts) allows it.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/**
 * Switches the page to the light or dark theme and waits for it: at any width, opening the header's
 * menu first when the switch sits inside it (below the narrow-screen breakpoint), and closing it after.
 * @example
 * await chooseTheme(page, "dark");
 */
export async function chooseTheme(page, theme) {
  const option = page.getByLabel(theme === "dark" ? "Dark theme" : "Light theme");
  const menu = page.getByRole("button", { name: "Menu" });
  const inMenu = !(await option.isVisible()) && (await menu.isVisible());
  if (inMenu) await menu.click();
  await option.click();
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
  if (inMenu) await page.keyboard.press("Escape");
}
