import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api, navigation, screenshot, signIn, withPage } from "./harness.mjs";

const mediumRisk = () => ({
  applicationId: `LA-REVIEW-${randomUUID().slice(0, 8)}`,
  product: "personal_loan",
  amount: 5000,
  termMonths: 24,
  purpose: "car_used",
  applicant: {
    age: 35, checkingAccount: "lt_0", creditHistory: "existing_paid", savings: "lt_100", employment: "1_to_4y",
    installmentRatePct: 2, otherDebtors: "none", residenceYears: 2, property: "car_other", otherInstallmentPlans: "none",
    housing: "own", existingCredits: 1, job: "skilled", dependents: 1, telephone: false,
  },
});

/** Refers two more applications, so that the queue has cases whatever the seed's referrals went through. */
async function referTwo() {
  for (let i = 0; i < 2; i++) {
    const decision = await api("decider", "/v1/decisions", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
      body: JSON.stringify(mediumRisk()),
    });
    assert.equal(decision.outcome, "refer");
  }
}

/** Clicks "Claim next case" and returns the claim the Gateway answered with. */
async function claimNext(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/v1/reviews/claim")),
    page.getByRole("button", { name: "Claim next case" }).click(),
  ]);
  assert.equal(response.status(), 200, "a case was handed out");
  const claim = await response.json();
  await page.getByRole("heading", { name: `Case ${claim.decision.applicationId}: referred` }).waitFor();
  return claim;
}

const secondsLeft = async (page) => {
  const [minutes, seconds] = (await page.getByRole("timer").textContent()).split(":").map(Number);
  return minutes * 60 + seconds;
};

// The one error an invalid resolution may log: the browser's note of the 400 the Gateway answered.
const unexpected = (problems) => problems.filter((p) => !/status of 400/.test(p));

test("a reviewer claims a case, reads it while the lease counts down, resolves it, and never gets it again", async () => {
  await referTwo();
  await withPage(async (page, { problems }) => {
    await signIn(page, "reviewer");
    assert.deepEqual(await navigation(page), ["Review queue"]);
    const claim = await claimNext(page);

    await page.getByRole("term").filter({ hasText: "Checking account" }).waitFor();
    assert.ok(await page.getByText("car_used").isVisible(), "the application's purpose");
    assert.ok(await page.getByRole("definition").filter({ hasText: claim.decision.score.grade }).first().isVisible(), "the grade");
    for (const reason of claim.decision.reasons) {
      assert.ok(await page.getByText(reason.description).isVisible(), `the reason ${reason.code} in words`);
    }
    const first = await secondsLeft(page);
    assert.ok(first > 60 && first <= 900, `a lease of ${first} s`);
    await page.waitForTimeout(2100);
    assert.ok((await secondsLeft(page)) < first, "the lease counts down");
    await screenshot(page, "review-queue");

    await page.getByLabel("Final outcome").selectOption("decline");
    await page.getByLabel(/Reason code/).fill("income too low");
    await page.getByRole("button", { name: "Resolve case" }).click();
    await page.getByRole("alert").filter({ hasText: "'reason' must be a reason code" }).waitFor();

    await page.getByLabel(/Reason code/).fill("DTI_TOO_HIGH");
    await page.getByLabel(/Note/).fill("Debt to income checked against payslips.");
    await page.getByRole("button", { name: "Resolve case" }).click();
    await page.getByRole("status").filter({ hasText: `Resolved ${claim.decision.applicationId}: decline (DTI_TOO_HIGH)` }).waitFor();
    assert.equal(await page.getByRole("heading", { name: /^Case / }).count(), 0, "the case is gone");

    const read = await api("analyst", `/v1/decisions/${claim.decisionId}`);
    assert.equal(read.review.status, "resolved");
    assert.equal(read.review.finalOutcome, "decline");
    assert.equal(read.review.reason, "DTI_TOO_HIGH");

    const next = await claimNext(page);
    assert.notEqual(next.decisionId, claim.decisionId, "a resolved case is not handed out again");
    await page.getByRole("button", { name: "Release to the queue" }).click();
    await page.getByRole("status").filter({ hasText: "back in the queue" }).waitFor();
    assert.deepEqual(unexpected(problems), []);
  });
});

test("a released case is back in the queue at once", async () => {
  await referTwo();
  await withPage(async (page, { problems }) => {
    await signIn(page, "reviewer");
    const claim = await claimNext(page);
    assert.equal((await api("analyst", `/v1/decisions/${claim.decisionId}`)).review.status, "claimed");

    await page.getByRole("button", { name: "Release to the queue" }).click();
    await page.getByRole("status").filter({ hasText: `Released ${claim.decision.applicationId}` }).waitFor();
    assert.equal((await api("analyst", `/v1/decisions/${claim.decisionId}`)).review.status, "open");

    const again = await claimNext(page);
    assert.equal(again.decisionId, claim.decisionId, "the oldest open case, the one just released");
    await page.getByRole("button", { name: "Release to the queue" }).click();
    await page.getByRole("status").filter({ hasText: "back in the queue" }).waitFor();
    assert.deepEqual(problems, []);
  });
});

test("when the lease runs out the page says the case went back to the queue", async () => {
  await withPage(async (page, { problems }) => {
    await page.clock.install();
    await signIn(page, "reviewer");
    const claim = await claimNext(page);
    await page.clock.fastForward("15:01");
    await page.getByRole("status").filter({ hasText: "The lease expired: the case went back to the queue." }).waitFor();
    assert.equal(await page.getByRole("heading", { name: /^Case / }).count(), 0);

    assert.deepEqual(problems, []);
    // Only the page's clock ran: the Gateway's lease is released here so that no case stays held.
    await api("reviewer", `/v1/reviews/${claim.decisionId}/release`, { method: "POST" });
  });
});

test("an empty queue is said to be empty", async () => {
  await withPage(async (page, { problems }) => {
    // Empty the queue for real: an admin claims and resolves every case still waiting.
    for (let left = 200; left > 0; left--) {
      const claim = await api("admin", "/v1/reviews/claim", { method: "POST" });
      if (claim === null) {
        break;
      }
      await api("admin", `/v1/reviews/${claim.decisionId}/resolve`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ outcome: "decline", reason: "QUEUE_CLEARED" }),
      });
    }
    await signIn(page, "reviewer");
    await page.getByRole("button", { name: "Claim next case" }).click();
    await page.getByRole("status").filter({ hasText: "The queue is empty" }).waitFor();
    assert.equal(await page.getByRole("heading", { name: /^Case / }).count(), 0);
    assert.deepEqual(problems, []);
  });
});

test("an analyst has no review queue, even by its address", async () => {
  await withPage(async (page) => {
    await signIn(page, "analyst");
    assert.ok(!(await navigation(page)).includes("Review queue"));
    await page.evaluate(() => { location.hash = "#/reviews"; });
    await page.getByRole("heading", { name: "Decisions", level: 1 }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Claim next case" }).count(), 0);
  });
});
