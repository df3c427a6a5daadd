import { test } from "node:test";
import assert from "node:assert/strict";
import { api, baseUrl, screenshot, signIn, withPage, assertFitsTheScreen, phone } from "./harness.mjs";

const isoDay = (date) => date.toISOString().slice(0, 10);
const today = new Date(`${isoDay(new Date())}T00:00:00Z`);
const from = isoDay(new Date(today.getTime() - 29 * 86_400_000));
const range = `from=${from}&to=${isoDay(today)}`;

/** The figure a labelled <dl class="figures"> item shows. */
const figure = (scope, label) => scope.locator("dl.figures > div").filter({ has: scope.page().locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");

async function openModels(page) {
  await signIn(page, "analyst");
  await page.getByRole("link", { name: "Models" }).click();
  await page.getByRole("table", { name: /Models served/ }).waitFor();
}

test("the models page lists the served models and the champion's comparison, performance, drift and card as the API has them", async () => {
  await withPage(async (page, { requests, problems }) => {
    await openModels(page);
    const { models } = await api("analyst", "/v1/models");
    const list = page.getByRole("table", { name: /Models served/ });
    assert.equal(await list.locator("tbody tr").count(), models.length);
    for (const model of models) {
      const row = list.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: model.name, exact: true }) });
      assert.deepEqual((await row.locator("td").allTextContents()).slice(0, 2), [model.version, model.role]);
    }

    const champion = models.find((m) => m.role === "champion");
    const challenger = models.find((m) => m.role === "challenger");
    const { comparison } = await api("analyst", `/v1/models/${champion.name}/comparison/${challenger.name}?${range}`);
    const compared = page.locator("section", { has: page.getByRole("heading", { name: `${challenger.name} against ${champion.name}` }) });
    assert.equal(await figure(compared, "Decisions scored by both").textContent(), String(comparison.count));
    assert.equal(await figure(compared, "PD correlation").textContent(), comparison.pdCorrelation.toFixed(3));

    const performance = await api("analyst", `/v1/models/${champion.name}/performance?${range}`);
    assert.ok(performance.versions.length > 0, "the seed reported outcomes");
    for (const version of performance.versions) {
      const panel = page.locator(".panel", { has: page.getByRole("heading", { name: version.modelVersion, exact: true }) });
      assert.equal(await figure(panel, "AUC").textContent(), version.auc.toFixed(3));
      assert.equal(await figure(panel, "KS").textContent(), version.ks.toFixed(3));
      assert.equal(await figure(panel, "Loans with outcomes").textContent(), String(version.count));
      await panel.getByRole("figure", { name: `Calibration of ${version.modelVersion}` }).locator("canvas").first().waitFor();
    }

    const drift = await api("analyst", `/v1/models/${champion.name}/drift?${range}`);
    await page.getByRole("figure", { name: "Score PSI by day" }).locator("canvas").first().waitFor();
    const driftRows = page.getByRole("table", { name: /PSI by day/ }).locator("tbody tr");
    assert.equal(await driftRows.count(), drift.days.length);
    const drifted = drift.days.find((d) => d.drifted.length > 0);
    assert.match(await driftRows.filter({ hasText: drifted.day }).textContent(), new RegExp(`${drifted.drifted[0]} \\(${drifted.features[drifted.drifted[0]].toFixed(3)}\\)`));

    const card = await api("analyst", `/v1/models/${champion.name}/${champion.version}/card`);
    const cardSection = page.locator("section", { has: page.getByRole("heading", { name: `Model card: ${champion.name} version ${champion.version}` }) });
    await cardSection.getByText(card.summary).waitFor();

    await screenshot(page, "models");
    assert.ok(requests.every((url) => url.startsWith(baseUrl)), `only the Gateway is asked: ${requests.join(", ")}`);
    assert.deepEqual(problems, []);
  });
});

test("choosing the challenger shows its own performance, and no drift yet", async () => {
  await withPage(async (page, { problems }) => {
    await openModels(page);
    const { models } = await api("analyst", "/v1/models");
    const challenger = models.find((m) => m.role === "challenger");
    await page.locator("#model-choice").selectOption(challenger.modelVersion);
    const performance = await api("analyst", `/v1/models/${challenger.name}/performance?${range}`);
    const version = performance.versions[0];
    const panel = page.locator(".panel", { has: page.getByRole("heading", { name: version.modelVersion, exact: true }) });
    await panel.waitFor();
    assert.equal(await figure(panel, "AUC").textContent(), version.auc === null ? "–" : version.auc.toFixed(3));
    await page.getByText(`No drift computed for ${challenger.name}`).waitFor();
    await page.getByRole("heading", { name: `Model card: ${challenger.name} version ${challenger.version}` }).waitFor();
    assert.deepEqual(problems, []);
  });
});

test("at phone width the page does not scroll sideways", async () => {
  await withPage(async (page, { problems }) => {
    await signIn(page, "analyst");
    await page.getByRole("link", { name: "Models" }).click();
    await page.getByRole("figure", { name: "Score PSI by day" }).locator("canvas").first().waitFor();
    await assertFitsTheScreen(page);
    assert.deepEqual(problems, []);
  }, phone);
});
