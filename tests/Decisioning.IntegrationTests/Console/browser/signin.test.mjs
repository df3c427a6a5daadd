import { test } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, navigation, screenshot, seed, signIn, withPage } from "./harness.mjs";

const pagesByRole = {
  analyst: ["Decisions", "Overview", "Models"],
  reviewer: ["Review queue"],
  admin: ["Decisions", "Overview", "Review queue", "Models", "Admin"],
};

test("each role sees only its pages, and the key never leaves sessionStorage and the Authorization header", async () => {
  for (const [role, pages] of Object.entries(pagesByRole)) {
    await withPage(async (page, { requests, problems }) => {
      await signIn(page, role);
      assert.deepEqual(await navigation(page), pages, role);
      assert.equal(await page.evaluate(() => sessionStorage.getItem("decisioning.apiKey")), seed.keys[role]);
      assert.equal(await page.evaluate(() => localStorage.length), 0);
      assert.ok(requests.every((url) => url.startsWith(baseUrl)), `only the Gateway is asked: ${requests.join(", ")}`);
      assert.ok(requests.every((url) => !url.includes(seed.keys[role])), "the key is never in a URL");
      assert.deepEqual(problems, []);
    });
  }
});

test("a wrong key shows a clear error and signs nobody in", async () => {
  await withPage(async (page) => {
    await signIn(page, "dk_wrong_key_0000000000000000");
    await assert.doesNotReject(page.getByRole("alert").filter({ hasText: "not accepted" }).waitFor());
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await screenshot(page, "sign-in-error");
  });
});

test("a decider key is told the console has no page for it", async () => {
  await withPage(async (page) => {
    await signIn(page, "decider");
    await page.getByRole("alert").filter({ hasText: "no page" }).waitFor();
  });
});

test("signing out clears the key, and the console then asks for one again", async () => {
  await withPage(async (page) => {
    await signIn(page, "analyst");
    await navigation(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await page.reload();
    await page.getByLabel("API key").waitFor();
  });
});

test("the first screen is served with a strict policy and is ready within a second", async () => {
  await withPage(async (page) => {
    const started = Date.now();
    const response = await page.goto(`${baseUrl}/console/`);
    await page.getByLabel("API key").waitFor();
    const elapsed = Date.now() - started;
    const policy = response.headers()["content-security-policy"];
    assert.match(policy, /script-src 'self'/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    console.log(`first screen ready in ${elapsed} ms`);
    await screenshot(page, "sign-in");
  });
});
