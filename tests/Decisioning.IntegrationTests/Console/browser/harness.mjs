// What every browser test shares: Debian's Chromium driven by playwright-core, the platform the xunit side
// started (CONSOLE_URL), the seeded tenant's keys (CONSOLE_KEYS: role -> key, plus tenantId and referred ids),
// the API beside the console for comparisons, and screenshots for docs/console.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";

export const baseUrl = process.env.CONSOLE_URL ?? assert.fail("CONSOLE_URL is not set");
export const seed = JSON.parse(process.env.CONSOLE_SEED ?? assert.fail("CONSOLE_SEED is not set"));
const screenshots = process.env.CONSOLE_SCREENSHOTS;

/** Runs body with a fresh browser page (1280x800) and closes the browser whatever happens. */
export async function withPage(body, { width = 1280, height = 800 } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  const requests = [];
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    page.setDefaultTimeout(15000);
    await body(page, { requests, problems });
  } finally {
    await browser.close();
  }
}

/** Opens the console and signs in with the key of a role (or any key text). */
export async function signIn(page, roleOrKey) {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel("API key").fill(seed.keys[roleOrKey] ?? roleOrKey);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The navigation links the signed-in console shows. */
export async function navigation(page) {
  const nav = page.getByRole("navigation", { name: "Console" });
  await nav.getByRole("link").first().waitFor();
  return nav.getByRole("link").allTextContents();
}

/** A JSON read of the Gateway's API with a role's key, for comparing what the console shows. */
export async function api(role, path, init = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${seed.keys[role]}`, Accept: "application/json", ...(init.headers ?? {}) },
  });
  assert.ok(response.ok, `${path} answered ${response.status}`);
  return response.status === 204 ? null : response.json();
}

/** Saves a full-page screenshot as docs/console/{name}.png when the run asks for screenshots. */
export async function screenshot(page, name) {
  if (screenshots) {
    await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
  }
}

/** A phone's screen, for the tests of narrow layouts. */
export const phone = { width: 390, height: 844 };

/** Fails when the page scrolls sideways or anything but a .table-scroll box sticks out past the screen's edge. */
export async function assertFitsTheScreen(page) {
  const sticking = await page.evaluate(() => [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > innerWidth && !e.closest(".table-scroll"))
    .map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
  assert.deepEqual(sticking, [], "wide content scrolls in its own box");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "the page does not scroll sideways");
}

/** Polls read() until it deep-equals expected (the page settles after its last load), else fails with the last value. */
export async function eventually(read, expected, message, timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    actual = await read();
  }
  assert.deepEqual(actual, expected, message);
}
