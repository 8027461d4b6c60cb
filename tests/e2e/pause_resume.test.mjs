// Pause stops the epochs, Step advances exactly one, Play continues.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, readoutNumber, statusText, useBrowser, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

const settle = (page, ms) => page.waitForTimeout(ms);

test("pause stops epochs, step adds one, resume continues", async () => {
  const { page, errors } = await openPlayground(browser.context);
  await waitForEpoch(page, 3);
  const playPause = page.locator('[data-action="play-pause"]');
  await playPause.click();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Paused");
  assert.equal(await playPause.textContent(), "Play");
  // Reports already in flight may land just after the pause: let them arrive.
  await settle(page, 300);
  const paused = await readoutNumber(page, "epoch");
  await settle(page, 1500);
  assert.equal(await readoutNumber(page, "epoch"), paused, "no epochs while paused");

  await page.locator('[data-action="step"]').click();
  await waitForEpoch(page, paused + 1);
  await settle(page, 500);
  assert.equal(await readoutNumber(page, "epoch"), paused + 1, "step runs exactly one epoch");
  assert.equal(await statusText(page), "Paused");

  await playPause.click();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Training");
  const resumed = await waitForEpoch(page, paused + 4);
  assert.ok(resumed >= paused + 4, `training continued to epoch ${resumed}`);
  await closeCleanly(page, errors);
});

test("reset starts a new run from epoch 1", async () => {
  const { page, errors } = await openPlayground(browser.context);
  await waitForEpoch(page, 5);
  await page.locator('[data-action="play-pause"]').click();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Paused");
  await settle(page, 300);
  const before = await readoutNumber(page, "epoch");
  const runs = Number(await page.locator("#transport").getAttribute("data-run-count"));
  await page.locator('[data-action="reset"]').click();
  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, runs);
  const first = await waitForEpoch(page, 1);
  assert.ok(first < before + 100, "a fresh run");
  await closeCleanly(page, errors);
});
