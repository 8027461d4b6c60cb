// Printing the playground and the article: the charts, the readouts and a one-line
// settings summary; no buttons, sliders, menus or notices; a dark page prints light.
// Print-media screenshots: test-artifacts/print-*.png.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_URL, openPlayground, screenshot, useBrowser } from "./harness.mjs";

const browser = useBrowser();

/** Controls and notices a reader could see on paper, in the page and in figures. */
function printedControls() {
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("button, input, select, textarea, .notice, .alert, [role=tab]")) {
      const box = el.getBoundingClientRect();
      if (box.width > 1 && box.height > 1 && getComputedStyle(el).visibility === "visible") {
        found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 30)}`);
      }
    }
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return found;
}

test("the playground prints its chart, readouts and settings in one line, light even when dark", async () => {
  const { page, errors } = await openPlayground(browser.context, "theme=dark&epochs=20&lr=-1");
  await page.waitForFunction(() => document.querySelector("[data-status]")?.dataset.state === "finished", null, { timeout: 60_000 });
  await page.emulateMedia({ media: "print" });
  await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
  assert.deepEqual(await page.evaluate(printedControls), [], "nothing to click on paper (the lr notice is hidden too)");
  const summary = page.locator("#settings-summary");
  assert.ok(await summary.isVisible(), "the settings summary prints");
  assert.match(await summary.textContent(), /^Settings: forecast · LSTM 1×64 \(1 layer of 64 units\) · Adam, learning rate [\d.]+ · .* · 20 epochs · seed 1$/);
  const chart = await page.locator("#chart").boundingBox();
  assert.ok(chart.width > 600, `the chart takes the page width (${chart.width} px)`);
  // The chart was redrawn in the light theme for paper.
  const corner = await page.evaluate(() => [...document.getElementById("chart").getContext("2d").getImageData(2, 2, 1, 1).data.slice(0, 3)]);
  assert.deepEqual(corner, [255, 255, 255]);
  await screenshot(page, "print-playground", { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the article prints its figures without their controls", async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL("article.html", BASE_URL).href);
  const first = page.locator("rnn-playground").first();
  await first.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector("rnn-playground")?.shadowRoot?.querySelector("canvas")?.width > 0, null, { timeout: 30_000 });
  await page.emulateMedia({ media: "print" });
  assert.deepEqual(await page.evaluate(printedControls), []);
  const summary = await page.evaluate(() => {
    const line = document.querySelector("rnn-playground").shadowRoot.querySelector("[data-settings-summary]");
    return { text: line.textContent, shown: line.getBoundingClientRect().height > 0 };
  });
  assert.ok(summary.shown, "each figure prints its settings line");
  assert.match(summary.text, /^Settings: /);
  await screenshot(page, "print-article", { fullPage: true });
  await page.close();
});
