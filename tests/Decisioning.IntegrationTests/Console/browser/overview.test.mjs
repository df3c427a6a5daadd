import { test } from "node:test";
import assert from "node:assert/strict";
import { api, baseUrl, screenshot, signIn, withPage, assertFitsTheScreen, phone } from "./harness.mjs";

const isoDay = (date) => date.toISOString().slice(0, 10);

/** The last `days` UTC days up to today, as the page's date inputs and as the stats API's instants. */
function lastDays(days) {
  const today = new Date(`${isoDay(new Date())}T00:00:00Z`);
  const from = new Date(today);
  from.setUTCDate(from.getUTCDate() - (days - 1));
  const end = new Date(today);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: isoDay(from), to: isoDay(today), query: `from=${from.toISOString()}&to=${end.toISOString()}` };
}

async function expected(range) {
  const { groups } = await api("analyst", `/v1/decisions/stats?groupBy=outcome&${range.query}`);
  const count = (outcome) => groups.find((g) => g.key === outcome)?.count ?? 0;
  const decisions = groups.reduce((sum, g) => sum + g.count, 0);
  return {
    Decisions: String(decisions),
    "Approval rate": `${((count("approve") / decisions) * 100).toFixed(1)}%`,
    Approved: String(count("approve")),
    Declined: String(count("decline")),
    Referred: String(count("refer")),
  };
}

async function shownTotals(page) {
  const totals = page.locator("dl.totals > div");
  await totals.first().waitFor();
  const shown = {};
  for (const item of await totals.all()) {
    shown[await item.locator("dt").textContent()] = await item.locator("dd").textContent();
  }
  return shown;
}

test("the overview shows the API's counts and approval rate for the last 30 days, by day in labelled charts", async () => {
  await withPage(async (page, { requests, problems }) => {
    await signIn(page, "analyst");
    await page.getByRole("link", { name: "Overview" }).click();
    const range = lastDays(30);
    assert.equal(await page.getByLabel("From", { exact: true }).inputValue(), range.from);
    assert.equal(await page.getByLabel("To", { exact: true }).inputValue(), range.to);
    assert.deepEqual(await shownTotals(page), await expected(range));

    for (const name of ["Approval rate by day", "Score percentiles by day"]) {
      const figure = page.getByRole("figure", { name });
      await figure.locator("canvas").first().waitFor();
      assert.match(await figure.getByRole("img").getAttribute("aria-label"), /on \d+ days/);
    }

    const { groups: days } = await api("analyst", `/v1/decisions/stats?groupBy=day&${range.query}`);
    const byDay = page.getByRole("figure", { name: "Approval rate by day" });
    await byDay.getByText("Figures as a table").press("Enter");
    const rows = byDay.locator("details tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), days.length);
    const last = days.at(-1);
    assert.deepEqual(await rows.last().locator("th, td").allTextContents(),
      [last.key, String(last.count), `${(last.approvalRate * 100).toFixed(1)}%`, `${(last.meanPd * 100).toFixed(2)}%`]);

    const { groups: grades } = await api("analyst", `/v1/decisions/stats?groupBy=grade&${range.query}`);
    const gradeTable = page.getByRole("table", { name: "Decisions, PD and score by grade" });
    assert.deepEqual(await gradeTable.locator("tbody th").allTextContents(), grades.map((g) => g.key));
    assert.equal(await page.getByRole("table", { name: "Outcome mix" }).locator("tbody tr").count(), 3);

    assert.equal(await page.getByText("Loading the console").count(), 0, "the static loading message is gone");
    await screenshot(page, "overview");
    assert.ok(requests.every((url) => url.startsWith(baseUrl)), `only the Gateway is asked: ${requests.join(", ")}`);
    assert.deepEqual(problems, []);
  });
});

test("a shorter date range shows that range's figures, and one longer than the API allows its problem", async () => {
  await withPage(async (page, { problems }) => {
    await signIn(page, "analyst");
    await page.getByRole("link", { name: "Overview" }).click();
    await shownTotals(page);
    const range = lastDays(7);
    await page.getByLabel("From", { exact: true }).fill(range.from);
    await page.getByRole("button", { name: "Show" }).click();
    const want = await expected(range);
    await page.locator("dl.totals dd").first().filter({ hasText: new RegExp(`^${want.Decisions}$`) }).waitFor();
    assert.deepEqual(await shownTotals(page), want);

    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByRole("alert").filter({ hasText: "at most 366 days" }).waitFor();
    assert.equal(await page.locator("dl.totals").count(), 0);
    assert.ok(problems.every((text) => text.includes("400")), `only the refused range is logged: ${problems.join(", ")}`);
  });
});

test("at phone width the page does not scroll sideways", async () => {
  await withPage(async (page, { problems }) => {
    await signIn(page, "analyst");
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByRole("figure", { name: "Approval rate by day" }).locator("canvas").first().waitFor();
    await assertFitsTheScreen(page);
    assert.deepEqual(problems, []);
  }, phone);
});
