// Phone and tablet: on a 390x844 phone the chart and the hidden-units slider are both fully
// on screen (and apart) while the slider has focus and moves; on an 820x1180 tablet the
// chart gets the full width. Screenshots: test-artifacts/responsive-*.png (named before the file was).

import assert from "node:assert/strict";
import { test } from "node:test";
import { PHONE, closeCleanly, collectErrors, openPlayground, screenshot, useBrowser, useServer, waitForEpoch } from "./harness.mjs";
import { startStaticServer } from "./fixtures/static_server.mjs";

const server = useServer(startStaticServer);
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

test("phone: a figure's chart stays on screen while its hidden-units slider is dragged", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize(PHONE);
  const errors = collectErrors(page);
  const url = `${server.origins[0]}/blog/made-up/phone-figure.html`;
  const paragraph = "<p>Some words of the post around the figure, enough to scroll past.</p>".repeat(12);
  await page.route(url, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>phone</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
        <script type="module" src="/assets/rnn-playground.js"></script></head><body>${paragraph}
        <rnn-playground hidden="8" controls="hidden,layers,cell,dropout,lr,l2,epochs" autoplay></rnn-playground>
        ${paragraph}</body></html>`,
    }),
  );
  await page.goto(url);
  const slider = page.locator(`rnn-playground ${HIDDEN_SLIDER}`);
  await slider.waitFor();
  // A figure trains while it is seen.
  await page.locator("rnn-playground").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const epoch = document.querySelector("rnn-playground").shadowRoot.querySelector('[data-readout="epoch"]');
    return Number(epoch?.textContent.replace(/,/g, "")) >= 1;
  });
  await slider.focus();
  for (let step = 0; step < 4; step++) {
    const boxes = await page.evaluate((selector) => {
      const root = document.querySelector("rnn-playground").shadowRoot;
      const box = (el) => el.getBoundingClientRect().toJSON();
      return {
        chart: box(root.querySelector("canvas.chart")),
        slider: box(root.querySelector(selector)),
        viewport: { width: window.innerWidth, height: window.innerHeight },
      };
    }, HIDDEN_SLIDER);
    assert.ok(inside(boxes.chart, boxes.viewport), `figure chart on screen: ${JSON.stringify(boxes.chart)}`);
    assert.ok(inside(boxes.slider, boxes.viewport), `figure slider on screen: ${JSON.stringify(boxes.slider)}`);
    assert.ok(boxes.slider.top >= boxes.chart.bottom, `the slider is not under the chart (${boxes.slider.top} >= ${boxes.chart.bottom})`);
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(150);
  }
  await screenshot(page, "responsive-phone-figure-slider");
  await closeCleanly(page, errors);
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

/** Records every font the page sets on a canvas (the size plotters draws each text at). */
function recordCanvasFonts() {
  window.__canvasFonts = [];
  const property = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, "font");
  Object.defineProperty(CanvasRenderingContext2D.prototype, "font", {
    get() {
      return property.get.call(this);
    },
    set(value) {
      // Text is also measured on a detached canvas; only drawn text counts.
      if (!this.canvas.isConnected) return property.set.call(this, value);
      const scale = this.canvas.width / Math.max(1, this.canvas.getBoundingClientRect().width);
      window.__canvasFonts.push({ font: value, scale, canvas: this.canvas.className || this.canvas.id });
      property.set.call(this, value);
    },
  });
}

for (const width of [320, 390, 820, 1280]) {
  test(`no chart text under 11 CSS px at ${width} px`, async () => {
    const { page, errors } = await openPlayground(browser.context, "views=predictions,heatmap,saturation", {
      viewport: { width, height: 900 },
      initScript: recordCanvasFonts,
    });
    await waitForEpoch(page, 3);
    await page.waitForFunction(() => document.querySelectorAll("canvas[data-draws]").length >= 3, null, { timeout: 30_000 });
    const fonts = await page.evaluate(() => window.__canvasFonts);
    const canvases = new Set(fonts.map((f) => f.canvas));
    assert.ok(canvases.size >= 4, `fonts recorded on the loss chart and the views: ${[...canvases]}`);
    const smallest = Math.min(
      ...fonts.map(({ font, scale }) => {
        const px = Number(font.match(/([\d.]+)px/)?.[1]);
        assert.ok(Number.isFinite(px), `a size in "${font}"`);
        return px / scale;
      }),
    );
    assert.ok(smallest >= 11 - 0.01, `smallest chart text ${smallest.toFixed(2)} CSS px at ${width} px`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
