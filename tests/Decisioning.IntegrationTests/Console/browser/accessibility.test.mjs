import { test } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, navigation, seed, withPage } from "./harness.mjs";

// Runs in the page: what a screen-reader or low-vision user would trip over on the page shown.
function audit() {
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const named = (e) =>
    (e.labels && e.labels.length > 0) || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || e.textContent.trim() || e.getAttribute("title");
  const unnamed = [...document.querySelectorAll("input, select, textarea, button, a[href]")]
    .filter((e) => visible(e) && e.type !== "hidden" && !named(e))
    .map((e) => e.outerHTML.slice(0, 80));

  const rgb = (text) => text.match(/[\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (e) => {
    for (let node = e; node; node = node.parentElement) {
      const color = rgb(getComputedStyle(node).backgroundColor);
      if (color.length < 4 || color[3] > 0) {
        return color;
      }
    }
    return [255, 255, 255];
  };
  const lowContrast = [];
  for (const e of document.querySelectorAll("body *")) {
    const ownText = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!ownText || !visible(e) || e.closest("button:disabled")) {
      continue;
    }
    const [fore, back] = [luminance(rgb(getComputedStyle(e).color)), luminance(background(e))];
    const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    if (ratio < 4.5) {
      lowContrast.push(`${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
    }
  }
  return { unnamed, lowContrast, h1: document.querySelectorAll("h1").length, lang: document.documentElement.lang };
}

test("a keyboard alone signs in, and every page has named controls, one heading and readable contrast", async () => {
  await withPage(async (page, { problems }) => {
    await page.goto(`${baseUrl}/console/`);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "api-key", "the key field takes the first Tab");
    await page.keyboard.type(seed.keys.admin);
    await page.keyboard.press("Enter");
    const pages = await navigation(page);
    assert.ok(pages.length >= 5, `the admin's pages: ${pages}`);

    for (const name of pages) {
      await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name }).click();
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      const found = await page.evaluate(audit);
      assert.equal(found.lang, "en");
      assert.deepEqual(found.unnamed, [], `${name}: controls without a name`);
      assert.deepEqual(found.lowContrast, [], `${name}: text under 4.5:1`);
      assert.equal(found.h1, 1, `${name}: one page heading`);
    }
    assert.deepEqual(problems, []);
  });
});
