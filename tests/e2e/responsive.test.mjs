// A model at the largest valid sizes, where one training step takes seconds to minutes:
// Reset and structural changes still answer at once (the busy worker is replaced), Pause
// says how long the step in progress will take, and the readouts show the epoch's steps
// instead of dashes. The figures are printed; the bounds have margins for a slow machine.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, runCount, screenshot, statusText, useBrowser } from "./harness.mjs";

const browser = useBrowser();
// hidden=512, 4 layers, 256 steps; the memory guard chooses the batch.
const BIG = "task=forecast&hidden=512&layers=4&len=256&epochs=10000";

/** Milliseconds until the page runs a new run (run count above `runs`, status Training). */
async function timeToNewRun(page, runs, action) {
  const started = Date.now();
  await action();
  await page.waitForFunction(
    (n) =>
      Number(document.getElementById("transport").dataset.runCount) > n &&
      document.querySelector("[data-status]").textContent === "Training",
    runs,
    { timeout: 30_000 },
  );
  return Date.now() - started;
}

/** Start a model the page holds as slow (its estimate comes from a guessed or measured speed). */
async function startAnywayIfHeld(page) {
  const startAnyway = page.getByRole("button", { name: "Start anyway" });
  await page.waitForFunction(() => ["Waiting for your choice", "Training"].includes(document.querySelector("[data-status]").textContent));
  if (await startAnyway.isVisible()) await startAnyway.click();
}

test("the biggest model: the page says it is slow before starting, and starts it when asked", async () => {
  const { page, errors } = await openPlayground(browser.context, BIG);
  const alert = page.locator("#alert");
  await alert.waitFor({ state: "visible", timeout: 30_000 });
  assert.match(await alert.textContent(), /would train slowly here.*One training step would take about/s);
  assert.equal(await statusText(page), "Waiting for your choice");
  assert.equal(await runCount(page), 0, "nothing started before the reader chose");
  const offered = await page.locator("#alert button").allTextContents();
  assert.ok(offered.some((label) => /^Use \d+ hidden units/.test(label)), `a faster size is offered: ${offered}`);
  await screenshot(page, "big-model-held");
  await page.getByRole("button", { name: /^Use \d+ hidden units/ }).click();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Training", null, { timeout: 60_000 });
  const hidden = Number(new URL(page.url()).searchParams.get("hidden"));
  assert.ok(hidden < 512, `the faster size is in the address (${hidden})`);
  await closeCleanly(page, errors);
});

test("the biggest model: Reset, a structural change and Pause answer during a long step", async () => {
  const { page, errors } = await openPlayground(browser.context, BIG);
  await startAnywayIfHeld(page);
  const opened = Date.now();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Training", null, {
    timeout: 60_000,
  });
  const firstStatusMs = Date.now() - opened;
  const progress = await page.locator("[data-epoch-progress]").textContent();
  const epoch = (await page.locator('[data-readout="epoch"]').textContent()).trim();
  console.log(`big model: first status ${firstStatusMs} ms after opening; epoch "${epoch}", progress "${progress}"`);
  assert.equal(epoch, "0", "the epoch readout shows 0, not a dash");
  assert.match(progress, /step \d+ of \d+/, "the epoch's steps are shown");

  // Let the worker get inside its first (long) step.
  await page.waitForTimeout(1500);
  const resetMs = await timeToNewRun(page, await runCount(page), () =>
    page.getByRole("button", { name: "Reset", exact: true }).click(),
  );
  console.log(`big model: Reset answered (new run training) in ${resetMs} ms`);

  await page.waitForTimeout(1500);
  const changeMs = await timeToNewRun(page, await runCount(page), async () => {
    await page.locator("#ctl-cell-gru").check();
  });
  console.log(`big model: a structural change (cell → GRU) answered in ${changeMs} ms`);

  // Pause: the worker finishes its step; the page says so with the wait once it knows it.
  await page.waitForFunction(
    () => /step|s per step/.test(document.querySelector('[data-readout="speed"]').textContent),
    null,
    { timeout: 300_000 },
  );
  const speed = (await page.locator('[data-readout="speed"]').textContent()).trim();
  await page.getByRole("button", { name: /pause/i }).click();
  const pausing = await statusText(page);
  console.log(`big model: measured speed "${speed}"; after Pause the status reads "${pausing}"`);
  await screenshot(page, "big-model-pausing");
  const wait = /about (\d+) (s|min)/.exec(pausing);
  assert.ok(wait, `Pause names the wait: "${pausing}"`);
  assert.ok(/slowly/.test(await page.locator("#alert").textContent()), "the slow-model notice is shown");
  // Reset during Pausing… still answers at once.
  const resetWhilePausingMs = await timeToNewRun(page, await runCount(page), () =>
    page.getByRole("button", { name: "Reset", exact: true }).click(),
  );
  console.log(`big model: Reset while pausing answered in ${resetWhilePausingMs} ms`);
  // The issue asks for 300 ms; the margin is for a loaded two-core CI machine.
  for (const ms of [resetMs, changeMs, resetWhilePausingMs]) assert.ok(ms < 2000, `answered in ${ms} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

// Steps of a second or more on any machine this runs on (2x256 was 0.3 s on a fast one, so
// the speed readout never reached "s per step").
test("a model with second-long steps pauses after its step and says how long it waits", async () => {
  const { page, errors } = await openPlayground(browser.context, "task=forecast&hidden=512&layers=3&len=128&batch=16&epochs=10000");
  await startAnywayIfHeld(page);
  await page.waitForFunction(() => /s per step/.test(document.querySelector('[data-readout="speed"]').textContent), null, {
    timeout: 120_000,
  });
  await page.getByRole("button", { name: /pause/i }).click();
  const clicked = Date.now();
  const pausing = await statusText(page);
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Paused", null, {
    timeout: 120_000,
  });
  console.log(`second-long steps: "${pausing}", paused ${Date.now() - clicked} ms after the click`);
  assert.match(pausing, /Pausing after this step \(about \d+ s\)/);
  assert.deepEqual(errors, []);
  await page.close();
});
