// Sweep mode: a grid of sizes trained by a pool of workers, plotted as the capacity curve,
// exported as CSV; cancelable, and its results survive a settings change.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { PHONE, closeCleanly, labChartInkByColour, openPlayground, pageParams, screenshot, useBrowser, visibleText, visibleTextOf } from "./harness.mjs";

// The documented columns (src/sweep/csv.rs), in order.
const CSV_COLUMNS = [
  "cell", "hidden", "layers", "params", "epochs", "best_val_loss", "best_epoch", "final_val_loss", "final_train_loss", "ms_per_epoch", "status",
];

const browser = useBrowser();

/** Polls `condition` (a plain function) until it holds. */
async function waitUntil(condition, timeout, what) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("a 3 x 2 sweep completes, plots 6 points per series and downloads 6 CSV rows", async () => {
  const query = "?mode=sweep&task=forecast&cell=lstm&sweep_hidden=2,8,32&sweep_layers=1,2&epochs=100";
  const { page, errors } = await openPlayground(browser.context, query);
  await page.locator('.lab-sweep[data-state="finished"]').waitFor({ timeout: 90_000 });

  // Three metrics (best validation, final validation, final training), six models each.
  await page.waitForFunction(() => document.querySelector(".lab-chart")?.dataset.points === "6,6,6");
  assert.ok(Number(await page.locator(".lab-sweep").getAttribute("data-workers")) >= 1);
  assert.ok(Number(await page.locator(".lab-sweep").getAttribute("data-elapsed-ms")) > 0);
  assert.match(await page.locator(".lab-progress-text").textContent(), /6 of 6 models done in [\d.]+ s/);

  // The table lists the grid in order, every model done.
  await page.waitForFunction(() => document.querySelectorAll('.lab-sweep-table tbody tr[data-state="finished"]').length === 6);
  const models = await page.evaluate(() =>
    [...document.querySelectorAll(".lab-sweep-table tbody tr")].map((r) => [Number(r.dataset.layers), Number(r.dataset.hidden)]),
  );
  assert.deepEqual(models, [
    [1, 2],
    [1, 8],
    [1, 32],
    [2, 2],
    [2, 8],
    [2, 32],
  ]);

  // One colour per depth in the chart: the default depth colours (blue, orange).
  const ink = await labChartInkByColour(page, ["rgb(31, 119, 180)", "rgb(230, 115, 0)", "rgb(0, 150, 110)"]);
  assert.ok(ink[0] > 200 && ink[1] > 200, `both depths drawn (${ink})`);
  assert.ok(ink[2] < ink[0] / 10, `no third depth (${ink})`);

  // The CSV: a header with the documented columns, one line per model.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  assert.equal(download.suggestedFilename(), "capacity-sweep-forecast-lstm.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\n");
  assert.equal(lines.length, 7, csv);
  assert.deepEqual(lines[0].split(","), CSV_COLUMNS);
  const documented = await page.locator(".lab-csv-columns dt").allTextContents();
  assert.deepEqual(documented, CSV_COLUMNS, "the page explains every column");
  const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(",").map((v, i) => [CSV_COLUMNS[i], v])));
  for (const row of rows) {
    assert.equal(row.cell, "lstm");
    assert.equal(row.epochs, "100");
    assert.equal(row.status, "finished");
    for (const key of ["best_val_loss", "final_val_loss", "final_train_loss", "ms_per_epoch"]) {
      assert.ok(Number.isFinite(Number(row[key])) && row[key] !== "", `${key} = ${row[key]}`);
    }
    assert.ok(Number(row.best_val_loss) <= Number(row.final_val_loss), "best is never above final");
  }
  assert.deepEqual(
    rows.map((r) => `${r.layers}x${r.hidden}`),
    ["1x2", "1x8", "1x32", "2x2", "2x8", "2x32"],
  );
  // More units, more parameters; and the biggest model fits its training data best.
  const params = rows.map((r) => Number(r.params));
  assert.ok(params[0] < params[1] && params[1] < params[2] && params[3] < params[4] && params[4] < params[5], `${params}`);
  const train = rows.map((r) => Number(r.final_train_loss));
  assert.ok(train[2] < train[0] && train[5] < train[3], `training loss falls with size: ${train}`);

  // The tabs carry the shared settings to the other modes, not the sweep's own keys.
  const compareHref = await page.locator('.mode-tabs [data-mode="compare"]').getAttribute("href");
  const compareParams = new URL(compareHref, page.url()).searchParams;
  assert.equal(compareParams.get("mode"), "compare");
  assert.equal(compareParams.get("epochs"), "100");
  assert.equal(compareParams.get("sweep_hidden"), null);

  assert.doesNotMatch(await visibleText(page), /NaN|Infinity|undefined/);
  await screenshot(page, "sweep-capacity", { fullPage: true });
  await closeCleanly(page, errors);
});

test("a sweep shows its progress, can be cancelled, and keeps its results when a setting changes", async () => {
  // Two workers: the big model trains for a long while next to the small one, which finishes.
  const query = "?mode=sweep&task=forecast&sweep_hidden=2,128&sweep_layers=1&epochs=2000&workers=2&seed=3";
  const { page, errors } = await openPlayground(browser.context, query);
  await page.waitForFunction(() => document.querySelectorAll('.lab-sweep-table tbody tr[data-state="finished"]').length === 1, null, {
    timeout: 60_000,
  });
  await page.waitForFunction(() => Number(document.querySelector(".lab-progress progress").value) > 0);
  assert.match(await page.locator('.lab-sweep-table tr[data-hidden="128"] .lab-status').textContent(), /^epoch \d+ of 2000$/);
  await page.waitForFunction(() =>
    /^1 of 2 models done · 1 training on 2 workers · [\d.]+ s$/.test(document.querySelector(".lab-progress-text").textContent),
  );
  assert.equal(page.workers().length, 2);

  await page.getByRole("button", { name: "Cancel" }).click();
  await page.locator('.lab-sweep[data-state="cancelled"]').waitFor();
  await page.waitForFunction(() => document.querySelector('.lab-sweep-table tr[data-hidden="128"]').dataset.state === "cancelled");
  assert.equal(await page.locator(".lab-chart").getAttribute("data-points"), "1,1,1");
  await waitUntil(() => page.workers().length === 0, 5_000, "cancelling ends the workers");

  // A new seed: nothing retrains, the finished model stays on the chart, marked as earlier.
  await page.locator("#ctl-seed").fill("4");
  await page.locator("#ctl-seed").press("Enter");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("seed") === "4");
  assert.match(await visibleTextOf(page, ".lab-stale"), /earlier settings/);
  assert.equal(await page.locator(".lab-sweep").getAttribute("data-state"), "cancelled");
  assert.equal(await page.locator(".lab-chart").getAttribute("data-points"), "1,1,1");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  const csv = (await readFile(await download.path(), "utf8")).trim().split("\n");
  assert.equal(csv.length, 2, "the finished model is exportable");
  assert.match(csv[1], /^lstm,2,1,/);

  // The URL validates its own keys too.
  assert.equal((await pageParams(page)).get("workers"), "2");
  await page.close();
  // On a phone: bad values explained, one column, no sideways scrolling.
  const bad = await openPlayground(browser.context, "?mode=sweep&sweep_hidden=abc,4&sweep_layers=9&workers=0&cells=rnn&epochs=2", {
    viewport: PHONE,
  });
  const text = await visibleTextOf(bad.page, ".lab-sweep .notice");
  for (const expected of ["sweep_hidden: 'abc' is not a whole number", "sweep_layers: 9 is above the maximum 4", "workers: 0 is outside 1 to 16", "cells: only used in compare mode"]) {
    assert.ok(text.includes(expected), `notice says "${expected}": ${text}`);
  }
  await bad.page.locator('.lab-sweep[data-state="finished"]').waitFor({ timeout: 30_000 });
  assert.equal(await bad.page.locator(".lab-chart").getAttribute("data-points"), "1,1,1");
  const layout = await bad.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    chartBottom: document.querySelector(".lab-chart-card").getBoundingClientRect().bottom,
    gridTop: document.querySelector(".lab-sweep .lab-side").getBoundingClientRect().top,
  }));
  assert.ok(layout.scrollWidth <= layout.innerWidth, `no horizontal overflow (${layout.scrollWidth} > ${layout.innerWidth})`);
  assert.ok(layout.gridTop >= layout.chartBottom, "the grid card sits below the chart on a phone");
  assert.deepEqual([...errors, ...bad.errors], []);
  await bad.page.close();
});
