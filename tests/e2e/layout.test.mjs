// Figures in a blog column: a compare and a sweep figure in a 640 px column fit in 900 px
// with controls="none", nothing in them is clipped, and scrolling a page of figures into
// view does not make it jump (cumulative layout shift at most 0.05).

import assert from "node:assert/strict";
import { test } from "node:test";
import { collectErrors, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startStaticServer } from "./fixtures/static_server.mjs";

const server = useServer(startStaticServer);
const browser = useBrowser({ viewport: { width: 800, height: 900 } });

const MAX_FIGURE_HEIGHT = 900;
const MAX_CLS = 0.05;

/** Sum of the page's layout shifts not caused by input, from the first paint on. */
function recordLayoutShifts() {
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}

/** Elements of a figure whose content is wider than their box with no scroll box around it. */
function clippedIn(id) {
  const host = document.getElementById(id);
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const clipped = [];
  const visit = (el, inScrollBox) => {
    const scrollBox = inScrollBox || scrolls(el);
    const box = el.getBoundingClientRect();
    // Screen-reader text is a 1 px box by design.
    if (box.width > 1 && el.scrollWidth > el.clientWidth + 1 && !scrollBox && getComputedStyle(el).display !== "inline") {
      clipped.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}: ${el.textContent.slice(0, 40)}`);
    }
    for (const child of el.children) visit(child, scrollBox);
  };
  for (const child of host.shadowRoot.children) visit(child, false);
  return clipped;
}

test("compare and sweep figures fit a 640 px column, unclipped, and the page does not jump", async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.addInitScript(recordLayoutShifts);
  await page.goto(`${server.origins[0]}/blog/post/column.html`);
  // Scroll down the page as a reader would, letting each figure fill in.
  for (const id of ["compare", "sweep", "one", "compare-settings"]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (id) => document.getElementById(id).shadowRoot?.querySelector("canvas")?.width > 0,
      id,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(600);
  }
  // The labs run to the end: finished tables are the widest.
  await page.waitForFunction(() => document.getElementById("compare").state === "finished", null, { timeout: 60_000 });
  await page.waitForFunction(
    () => document.getElementById("sweep").shadowRoot.querySelectorAll("tbody tr").length === 6,
    null,
    { timeout: 60_000 },
  );
  for (const id of ["compare", "sweep"]) {
    const { width, height } = await page.locator(`#${id}`).boundingBox();
    assert.ok(Math.abs(width - 640) < 1, `${id} fills the column (${width} px)`);
    assert.ok(height <= MAX_FIGURE_HEIGHT, `${id} is at most ${MAX_FIGURE_HEIGHT} px tall (${height} px)`);
    const clipped = await page.evaluate(clippedIn, id);
    assert.deepEqual(clipped, [], `${id}: nothing clipped`);
    const settings = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector(".lab-settings"), id);
    assert.equal(settings, null, `${id}: controls="none" shows no shared settings`);
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await screenshot(page, `layout-column-${id}`, { clip: await page.locator(`#${id}`).boundingBox() });
  }
  // controls not given: the shared settings are there, behind one closed disclosure.
  const disclosure = await page.evaluate(() => {
    const details = document.getElementById("compare-settings").shadowRoot.querySelector(".lab-settings-disclosure");
    return details && { open: details.open, holdsSettings: Boolean(details.querySelector(".lab-settings")) };
  });
  assert.deepEqual(disclosure, { open: false, holdsSettings: true });
  const shift = await page.evaluate(() => window.__layoutShift);
  assert.ok(shift <= MAX_CLS, `cumulative layout shift ${shift.toFixed(4)} <= ${MAX_CLS}`);
  assert.deepEqual(errors, []);
  await page.close();
});
