import { test } from "node:test";
import assert from "node:assert/strict";
import { api, assertFitsTheScreen, eventually, phone, screenshot, seed, signIn, withPage } from "./harness.mjs";

const ids = async (page) => page.locator("table.decisions tbody tr td:first-child a").evaluateAll((links) => links.map((a) => a.getAttribute("href").split("/").pop()));

test("the history pages forward and back through the same decisions the API lists", async () => {
  await withPage(async (page, { problems }) => {
    await signIn(page, "analyst");
    await page.getByLabel("Per page").selectOption("25");
    await page.getByText("Page 1: 25 decisions").waitFor();
    const first = await api("analyst", "/v1/decisions?limit=25");
    await eventually(() => ids(page), first.items.map((d) => d.decisionId));
    await screenshot(page, "decisions");

    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Page 2: 25 decisions").waitFor();
    const second = await api("analyst", `/v1/decisions?limit=25&cursor=${first.nextCursor}`);
    await eventually(() => ids(page), second.items.map((d) => d.decisionId));

    await page.getByRole("button", { name: "Previous page" }).click();
    await page.getByText("Page 1: 25 decisions").waitFor();
    await eventually(() => ids(page), first.items.map((d) => d.decisionId));
    assert.deepEqual(problems, []);
  });
});

test("filters narrow the history exactly as the API's filters do", async () => {
  await withPage(async (page) => {
    await signIn(page, "analyst");
    await page.getByLabel("Per page").selectOption("500");
    await page.getByLabel("Outcome").selectOption("approve");
    await page.getByLabel("PD from").fill("0.02");
    await page.getByLabel("PD to").fill("0.3");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const expected = await api("analyst", "/v1/decisions?outcome=approve&minPd=0.02&maxPd=0.3&limit=500");
    assert.ok(expected.items.length > 0, "the seed has approved decisions in that PD range");
    await page.getByText(`Page 1: ${expected.items.length} decisions`).waitFor();
    await eventually(() => ids(page), expected.items.map((d) => d.decisionId));

    await page.getByLabel("Application id").fill("LA-CONSOLE-DECLINED");
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByLabel("Application id").fill("LA-CONSOLE-DECLINED");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("Page 1: 1 decisions").waitFor();
    await eventually(() => ids(page), [seed.declined]);
  });
});

test("a wrong filter shows the Gateway's explanation, and the export downloads the filtered set as CSV", async () => {
  await withPage(async (page) => {
    await signIn(page, "analyst");
    await page.getByLabel("PD from").fill("0.9");
    await page.getByLabel("PD to").fill("0.1");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByRole("alert").filter({ hasText: "minPd" }).waitFor();

    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByLabel("Outcome").selectOption("decline");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    assert.equal(download.suggestedFilename(), "decisions.csv");
    const lines = (await streamText(await download.createReadStream())).trim().split("\n");
    const declined = await api("analyst", "/v1/decisions?outcome=decline&limit=500");
    assert.equal(lines.length - 1, declined.items.length, "one row per declined decision after the header");
  });
});

test("a decision opens with its application, score, reasons, offer and versions, as the API has them", async () => {
  await withPage(async (page, { problems }) => {
    await signIn(page, "analyst");
    const decision = await api("analyst", `/v1/decisions/${seed.approved}`);
    await page.getByLabel("Application id").fill(decision.applicationId);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("Page 1: 1 decisions").waitFor();
    await page.locator(`a[href="#/decisions/${seed.approved}"]`).click();
    await page.getByRole("heading", { name: `Decision for ${decision.applicationId}: approve` }).waitFor();
    const text = await page.locator("article").innerText();
    assert.ok(text.includes(`${decision.offer.aprPct.toFixed(2)}%`), "APR shown");
    assert.ok(text.includes(String(decision.score.score)), "score shown");
    assert.ok(text.includes(decision.score.modelVersion), "model version shown");
    assert.ok(text.includes(decision.policyVersion), "policy version shown");
    for (const reason of decision.reasons) {
      assert.ok(text.includes(reason.description), `reason ${reason.code} in words`);
    }
    await page.getByText("car_used").waitFor();
    const trace = page.getByRole("link", { name: decision.traceId });
    assert.ok((await trace.getAttribute("href")).includes(decision.traceId), "the trace link names the trace");
    await screenshot(page, "decision");

    await page.getByRole("button", { name: "Replay" }).click();
    await page.getByRole("status").filter({ hasText: "the same decision" }).waitFor();
    assert.deepEqual(problems, []);
  });
});

test("on a narrow screen the history stays usable", async () => {
  await withPage(
    async (page) => {
      await signIn(page, "analyst");
      await page.getByText(/Page 1: \d+ decisions/).waitFor();
      await assertFitsTheScreen(page);
    },
    phone,
  );
});

async function streamText(stream) {
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
