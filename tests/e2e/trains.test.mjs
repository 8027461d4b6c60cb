// The page loads, trains, and shows it: epochs advance, the chart has ink, the losses are
// finite numbers, and the layout holds on a phone-width screen.

import assert from "node:assert/strict";
import { test } from "node:test";
import { PHONE, canvasInk, closeCleanly, openPlayground, readoutNumber, screenshot, statusText, useBrowser, visibleText, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

test("the default page trains and plots finite losses", async () => {
  const { page, errors } = await openPlayground(browser.context);
  const first = await waitForEpoch(page, 1);
  const later = await waitForEpoch(page, first + 5);
  assert.ok(later > first, `epoch advanced from ${first} to ${later}`);
  assert.equal(await statusText(page), "Training");

  const train = await readoutNumber(page, "train");
  const val = await readoutNumber(page, "val");
  assert.ok(Number.isFinite(train) && train >= 0, `training loss readout ${train}`);
  assert.ok(Number.isFinite(val) && val >= 0, `validation loss readout ${val}`);
  assert.ok((await readoutNumber(page, "params")) > 0, "parameter count shown");
  assert.ok((await readoutNumber(page, "speed")) > 0, "steps per second shown");

  // Give the chart a frame to draw the latest points, then look at its pixels.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const ink = await canvasInk(page);
  assert.ok(ink.width > 100 && ink.height > 100, `canvas backing store ${ink.width}x${ink.height}`);
  assert.ok(ink.ink > 0.01, `chart has drawn pixels (${(ink.ink * 100).toFixed(2)} % non-background)`);
  assert.ok(ink.colours > 8, `chart uses several colours (${ink.colours})`);

  // Let the curves grow a little for a picture worth looking at.
  await waitForEpoch(page, later + 30).catch(() => {});
  await screenshot(page, "desktop-training", { fullPage: true });
  const text = await visibleText(page);
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  await closeCleanly(page, errors);
});

test("a phone-width screen gets one column and no sideways scrolling", async () => {
  const { page, errors } = await openPlayground(browser.context, "", { viewport: PHONE });
  await waitForEpoch(page, 3);
  const layout = await page.evaluate(() => {
    const chart = document.getElementById("chart").getBoundingClientRect();
    const headline = document.querySelector(".headline-card").getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      stacked: headline.top >= chart.bottom,
      chartWidth: chart.width,
    };
  });
  assert.ok(layout.scrollWidth <= layout.innerWidth, `no horizontal overflow (${layout.scrollWidth} > ${layout.innerWidth})`);
  assert.ok(layout.stacked, "headline controls sit below the chart");
  assert.ok(layout.chartWidth > 300, `chart uses the width (${layout.chartWidth}px)`);
  await screenshot(page, "phone-training", { fullPage: true });
  await closeCleanly(page, errors);
});
