import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { baseUrl, navigation, screenshot, signIn, withPage } from "./harness.mjs";

/** GET /v1/me with a key: its HTTP status. */
const meStatus = async (key) => (await fetch(`${baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${key}` } })).status;

async function openAdmin(page) {
  await signIn(page, "admin");
  await navigation(page);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("heading", { name: "API keys" }).waitFor();
}

test("an admin creates an analyst key, shown once, that works until it is revoked in the page", async () => {
  await withPage(async (page, { problems }) => {
    await openAdmin(page);
    await page.getByLabel("Role").selectOption("analyst");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("heading", { name: "New analyst key" }).waitFor();
    assert.ok(await page.getByText("Shown once.").isVisible(), "the warning");
    const key = await page.getByLabel("The new API key").inputValue();

    const me = await fetch(`${baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => r.json());
    assert.equal(me.role, "analyst");

    await page.getByRole("button", { name: "Done, hide it" }).click();
    assert.equal(await page.getByLabel("The new API key").count(), 0);
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    assert.ok(!stored.includes(key), "the console keeps no copy");
    assert.ok(!(await page.content()).includes(key), "nor shows it again");

    // The list shows a key by its first 8 characters only.
    await page.getByRole("button", { name: `Revoke the analyst key ${key.slice(0, 8)}`, exact: true }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("status").filter({ hasText: "is revoked" }).waitFor();
    assert.equal(await meStatus(key), 401);
    assert.deepEqual(problems, []);
  });
});

test("an admin registers a webhook to a loopback receiver, sees it listed with its deliveries, and deletes it", async () => {
  const receiver = createServer((request, response) => response.writeHead(204).end());
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
  try {
    await withPage(async (page, { problems }) => {
      await openAdmin(page);
      await page.getByLabel(/Endpoint URL/).fill(url);
      await page.getByLabel("review.resolved.v1", { exact: false }).check();
      await page.getByLabel(/Description/).fill("loan app");
      await page.getByRole("button", { name: "Create webhook" }).click();
      await page.getByRole("heading", { name: `Signing secret of ${url}` }).waitFor();
      assert.match(await page.getByLabel("The signing secret").inputValue(), /^whsec_/);
      const row = page.getByRole("row").filter({ hasText: url });
      await row.waitFor();
      assert.match(await row.textContent(), /decision\.made\.v1.*review\.resolved\.v1/);

      await page.getByRole("button", { name: `Send test to ${url}` }).click();
      await page.getByRole("status").filter({ hasText: "webhook.test.v1 is on its way" }).waitFor();
      await page.getByRole("button", { name: `Deliveries to ${url}` }).click();
      await page.getByRole("heading", { name: `Deliveries to ${url}` }).waitFor();
      await page.getByRole("cell", { name: "webhook.test.v1" }).first().waitFor();
      await screenshot(page, "admin");

      await page.getByRole("button", { name: `Delete webhook ${url}` }).click();
      await page.getByRole("button", { name: "Confirm" }).click();
      await page.getByRole("status").filter({ hasText: "is deleted" }).waitFor();
      await page.getByRole("row").filter({ hasText: url }).waitFor({ state: "detached" });
      assert.deepEqual(problems, []);
    });
  } finally {
    receiver.close();
  }
});

test("a reviewer has no admin page, even by its address", async () => {
  await withPage(async (page) => {
    await signIn(page, "reviewer");
    assert.ok(!(await navigation(page)).includes("Admin"));
    await page.evaluate(() => { location.hash = "#/admin"; });
    await page.getByRole("heading", { name: "Review queue", level: 1 }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "API keys" }).count(), 0);
  });
});
