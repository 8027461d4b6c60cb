// Moving a structural control (hidden units) restarts training at once and lands in the
// URL; a live control (learning rate) changes the URL but keeps the run going.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, pageParams, readoutNumber, runCount, screenshot, statusText, useBrowser, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

test("moving the hidden-units slider restarts training and updates the URL", async () => {
  const { page, errors } = await openPlayground(browser.context);
  await waitForEpoch(page, 3);
  const runsBefore = await runCount(page);
  const hiddenBefore = Number((await pageParams(page)).get("hidden"));
  const paramsBefore = await readoutNumber(page, "params");
  // Pause first so the epoch readout can only go back if a new run really starts.
  await page.getByRole("button", { name: /pause/i }).click();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Paused");
  const pausedEpoch = await readoutNumber(page, "epoch");

  const slider = page.getByLabel("Hidden units", { exact: true });
  await slider.focus();
  for (let i = 0; i < 5; i++) await slider.press("ArrowLeft");

  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, runsBefore);
  assert.equal(await statusText(page).then((s) => ["Training", "Starting…"].includes(s)), true, "the new run trains");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("hidden") !== null);
  await page.waitForFunction(
    (before) => Number(new URL(location.href).searchParams.get("hidden")) === before - 5,
    hiddenBefore,
  );
  const shown = Number(await page.locator("#out-hidden").textContent());
  assert.equal(shown, hiddenBefore - 5, "the slider's value readout follows");
  const epochAfter = await waitForEpoch(page, 1);
  assert.ok(epochAfter < pausedEpoch + 50, "epoch count restarted");
  assert.ok((await readoutNumber(page, "params")) < paramsBefore, "fewer hidden units, fewer parameters");
  await screenshot(page, "hidden-slider-moved");
  await closeCleanly(page, errors);
});

test("the layers slider restarts training too", async () => {
  const { page, errors } = await openPlayground(browser.context, "layers=1");
  await waitForEpoch(page, 2);
  const runsBefore = await runCount(page);
  const slider = page.getByLabel("Layers", { exact: true });
  await slider.focus();
  await slider.press("ArrowRight");
  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, runsBefore);
  await page.waitForFunction(() => new URL(location.href).searchParams.get("layers") === "2");
  await waitForEpoch(page, 2);
  await closeCleanly(page, errors);
});

test("a live change (learning rate) keeps the run and updates the URL", async () => {
  const { page, errors } = await openPlayground(browser.context, "lr=0.01");
  await waitForEpoch(page, 3);
  const runsBefore = await runCount(page);
  const epochBefore = await readoutNumber(page, "epoch");
  const slider = page.getByLabel("Learning rate", { exact: true });
  await slider.focus();
  for (let i = 0; i < 20; i++) await slider.press("ArrowLeft");
  await page.waitForFunction(() => Number(new URL(location.href).searchParams.get("lr")) < 0.01);
  const lr = Number((await pageParams(page)).get("lr"));
  assert.ok(lr > 0.001 && lr < 0.01, `lr moved down a little: ${lr}`);
  await waitForEpoch(page, epochBefore + 3);
  assert.equal(await runCount(page), runsBefore, "no restart for a live change");
  await closeCleanly(page, errors);
});

test("choosing another task loads its preset and restarts", async () => {
  const { page, errors } = await openPlayground(browser.context);
  await waitForEpoch(page, 2);
  const runsBefore = await runCount(page);
  await page.getByLabel("Task", { exact: true }).selectOption("adding");
  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, runsBefore);
  await page.waitForFunction(() => new URL(location.href).searchParams.get("task") === "adding");
  await waitForEpoch(page, 1, 60_000);
  await closeCleanly(page, errors);
});

test("a burst of structural changes ends in a run of the last value", async () => {
  const { page, errors } = await openPlayground(browser.context, "hidden=20");
  await waitForEpoch(page, 2);
  const slider = page.getByLabel("Hidden units", { exact: true });
  await slider.focus();
  for (let i = 0; i < 15; i++) await slider.press("ArrowRight", { delay: 0 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get("hidden") === "35");
  await waitForEpoch(page, 3);
  const burstParams = await readoutNumber(page, "params");
  await page.close();

  // A fresh page opened on the final value must build the same network.
  const fresh = await openPlayground(browser.context, "hidden=35");
  await waitForEpoch(fresh.page, 1);
  assert.equal(burstParams, await readoutNumber(fresh.page, "params"), "the surviving run is the last one asked for");
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
});
