// The offline single file (`cargo xtask dist` writes rnn-playground-offline.html): opened
// from file:// with every network request refused, it trains the default preset, switches
// to the compare and sweep modes through its own tabs, opens the views, and logs no error.

import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { collectErrors, screenshot, useBrowser, waitForEpoch } from "./harness.mjs";
import { SITE_DIR } from "./fixtures/hosting_server.mjs";

const OFFLINE = path.join(SITE_DIR, "rnn-playground-offline.html");

const browser = useBrowser();

/** A hash of the chart's pixels: it changes when the curves grow. */
function chartHash(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById("chart");
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]) | 0;
    return hash;
  });
}

test("the offline file is under 1.5 MB", async () => {
  const { size } = await stat(OFFLINE);
  console.log(`rnn-playground-offline.html: ${size} bytes`);
  assert.ok(size < 1_500_000, `${size} bytes`);
});

test("from file:// with the network blocked it trains, compares and sweeps", async () => {
  const { context } = browser;
  const network = [];
  // Anything but the file itself and its own blob: and data: URLs is refused.
  await context.route(/^(https?|wss?):/, (route) => {
    network.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors = collectErrors(page, { http: false });
  await page.goto(pathToFileURL(OFFLINE).href);

  const first = await waitForEpoch(page, 2, 60_000).catch((error) => {
    throw new Error(`${error.message}; errors: ${errors.join(" | ")}`);
  });
  const before = await chartHash(page);
  await waitForEpoch(page, first + 5, 60_000);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.notEqual(await chartHash(page), before, "the chart changes as the default preset trains");
  await screenshot(page, "offline-playground");

  await page.locator('.mode-tabs [data-mode="compare"]').click();
  await page.waitForURL(/rnn-playground-offline\.html\?mode=compare/);
  await page.waitForFunction(
    () => [...document.querySelectorAll(".lab-compare-table tbody tr")].some((row) => Number(row.dataset.epochs) >= 1),
    null,
    { timeout: 60_000 },
  );
  await screenshot(page, "offline-compare");

  await page.locator('.mode-tabs [data-mode="sweep"]').click();
  await page.waitForURL(/rnn-playground-offline\.html\?mode=sweep/);
  await page.waitForFunction(() => document.querySelectorAll(".lab-sweep-table tbody tr").length >= 1, null, { timeout: 60_000 });
  // The sweep starts on its own and trains its first models in workers from blob URLs.
  await page.waitForFunction(() => ["running", "finished"].includes(document.querySelector(".lab-sweep")?.dataset.state), null, {
    timeout: 60_000,
  });
  await page.waitForFunction(
    () => document.querySelector('.lab-sweep-table tbody tr[data-state="training"], .lab-sweep-table tbody tr[data-state="finished"]'),
    null,
    { timeout: 60_000 },
  );
  await screenshot(page, "offline-sweep");

  assert.deepEqual(network, [], "no network request");
  assert.deepEqual(errors, [], "no console error");
  await context.unroute(/^(https?|wss?):/);
  await page.close();
});

test("from file:// the views open and follow the training", async () => {
  const { context } = browser;
  await context.route(/^(https?|wss?):/, (route) => route.abort());
  const page = await context.newPage();
  const errors = collectErrors(page, { http: false });
  await page.goto(`${pathToFileURL(OFFLINE).href}?views=predictions,saturation&hidden=8`);
  // Each panel names the epoch its data belongs to once the worker has sent some.
  for (const view of ["predictions", "saturation"]) {
    await page.waitForFunction(
      (name) => /after epoch \d+/.test(document.querySelector(`[data-view="${name}"] [data-view-status]`)?.textContent ?? ""),
      view,
      { timeout: 60_000 },
    );
  }
  await screenshot(page, "offline-views");
  assert.deepEqual(errors, [], "no console error");
  await context.unroute(/^(https?|wss?):/);
  await page.close();
});
