// Phone and tablet: on a 390x844 phone the chart and the hidden-units slider are both fully
// on screen (and apart) while the slider has focus and moves; on an 820x1180 tablet the
// chart gets the full width. Screenshots: test-artifacts/responsive-*.png.

import assert from "node:assert/strict";
import { test } from "node:test";
import { PHONE, openPlayground, screenshot, useBrowser, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();
const TABLET = { width: 820, height: 1180 };
const HIDDEN_SLIDER = '.field[data-key="hidden"] input[type=range]';

/** Boxes of the chart and the hidden-units slider, and the viewport's size. */
function chartAndSlider(selector) {
  const box = (el) => el.getBoundingClientRect().toJSON();
  return {
    chart: box(document.getElementById("chart")),
    slider: box(document.querySelector(selector)),
    viewport: { width: window.innerWidth, height: window.innerHeight },
  };
}

const inside = (box, viewport) => box.top >= 0 && box.left >= 0 && box.bottom <= viewport.height && box.right <= viewport.width;

test("phone: the chart stays on screen while the hidden-units slider is dragged", async () => {
  const { page, errors } = await openPlayground(browser.context, "", { viewport: PHONE });
  await waitForEpoch(page, 2);
  await page.locator(HIDDEN_SLIDER).focus();
  for (let step = 0; step < 4; step++) {
    const { chart, slider, viewport } = await page.evaluate(chartAndSlider, HIDDEN_SLIDER);
    assert.ok(inside(chart, viewport), `chart on screen: ${JSON.stringify(chart)}`);
    assert.ok(inside(slider, viewport), `slider on screen: ${JSON.stringify(slider)}`);
    assert.ok(slider.top >= chart.bottom, `the slider is not under the chart (${slider.top} >= ${chart.bottom})`);
    assert.ok(chart.height >= 150, `the chart is big enough to read (${chart.height} px)`);
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(150);
  }
  await screenshot(page, "responsive-phone-slider");
  assert.deepEqual(errors, []);
  await page.close();
});

test("tablet: the chart takes the full width", async () => {
  const { page, errors } = await openPlayground(browser.context, "", { viewport: TABLET });
  await waitForEpoch(page, 1);
  const { chart } = await page.evaluate(chartAndSlider, HIDDEN_SLIDER);
  assert.ok(chart.width >= 700, `chart ${chart.width} CSS px wide`);
  await screenshot(page, "responsive-tablet");
  assert.deepEqual(errors, []);
  await page.close();
});
