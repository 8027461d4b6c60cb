// The showcase article (www/article.html): every figure loads, trains when scrolled to and
// shows the lesson its caption promises (too small, about right, too big, regularised);
// the iframe figure sizes itself; nothing logs an error. Then the same page at phone width:
// the figures redraw for their new width and nothing scrolls sideways.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, DESKTOP, PHONE, launchBrowser, screenshot } from "./harness.mjs";

// Enough epochs for the big models to have turned (best epoch ~33, then a steady climb).
const EPOCHS_TO_READ = 120;

let browser;
before(async () => {
  browser = await launchBrowser({ viewport: DESKTOP });
});
after(async () => {
  await browser?.close();
});

/** Readouts of the i-th figure, as numbers (NaN for a dash). */
function readFigure(page, index) {
  return page.evaluate((index) => {
    const element = document.querySelectorAll("rnn-playground")[index];
    const shadow = element.shadowRoot;
    const number = (name) =>
      Number((shadow.querySelector(`[data-readout="${name}"]`)?.textContent ?? "").replace(/,/g, "").replace(/\s*\(.*$/, ""));
    const bestText = shadow.querySelector('[data-readout="best"]')?.textContent ?? "";
    return {
      state: element.state,
      query: element.query,
      epoch: number("epoch"),
      train: number("train"),
      val: number("val"),
      params: number("params"),
      bestVal: Number(bestText.match(/\(([\d.]+)\)/)?.[1]),
      noticeShown: shadow.querySelector("[data-notices]")?.hidden === false,
      link: shadow.querySelector("[data-open-link]")?.href ?? "",
      canvasWidth: shadow.querySelector("canvas")?.width ?? 0,
      canvasCssWidth: Math.round(shadow.querySelector("canvas")?.getBoundingClientRect().width ?? 0),
    };
  }, index);
}

const settings = (query) => Object.fromEntries(new URLSearchParams(query));

test("the article's figures load, train when scrolled to and show their lessons; no console errors", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("console", (message) => message.type() === "error" && errors.push(`console: ${message.text()}`));
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("response", (response) => response.status() >= 400 && errors.push(`HTTP ${response.status()}: ${response.url()}`));
  await page.goto(new URL("article.html", BASE_URL).href);

  const count = await page.locator("rnn-playground").count();
  assert.ok(count >= 4, `at least four live figures (${count})`);
  await page.waitForFunction(() => [...document.querySelectorAll("rnn-playground")].every((e) => e.shadowRoot.querySelector("canvas")));
  const figures = [];
  for (let i = 0; i < count; i++) {
    await page.locator("rnn-playground").nth(i).evaluate((element) => element.scrollIntoView({ block: "center" }));
    await page.waitForFunction(
      ({ i, n }) => {
        const element = document.querySelectorAll("rnn-playground")[i];
        const epoch = Number(element.shadowRoot.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, ""));
        return element.state === "finished" || epoch >= n;
      },
      { i, n: EPOCHS_TO_READ },
      { timeout: 60_000 },
    );
    figures.push(await readFigure(page, i));
  }
  for (const [i, figure] of figures.entries()) {
    assert.equal(figure.noticeShown, false, `figure ${i + 1} has valid settings`);
    const link = new URL(figure.link);
    assert.equal(link.href.split("?")[0], new URL("index.html", BASE_URL).href, "the link opens the playground next to the script");
    assert.deepEqual(settings(link.search), settings(figure.query), `figure ${i + 1}'s link carries its settings`);
  }

  // The four lessons, in the order the article tells them.
  const [small, right, big, regularised] = figures;
  assert.equal(settings(small.query).hidden, "1");
  assert.ok(small.val > 0.23, `too small: validation stays high (${small.val})`);
  assert.ok(Math.abs(small.val - small.train) < 0.03, `too small: no gap (${small.train} vs ${small.val})`);
  assert.ok(right.bestVal < small.bestVal - 0.03, `about right beats too small (${right.bestVal} vs ${small.bestVal})`);
  assert.ok(right.val - right.bestVal < 0.02, `about right: validation stays near its best (${right.val} vs ${right.bestVal})`);
  assert.ok(big.train < 0.09, `too big: training loss below the noise floor 0.09 (${big.train})`);
  assert.ok(big.val > big.bestVal + 0.05, `too big: validation climbed from its best (${big.bestVal} → ${big.val})`);
  assert.equal(settings(regularised.query).hidden, settings(big.query).hidden, "the regularised figure is the big model");
  assert.ok(Number(settings(regularised.query).l2) > 0);
  assert.ok(regularised.val < regularised.bestVal + 0.02, `regularised: validation stays near its best (${regularised.bestVal} → ${regularised.val})`);
  assert.ok(regularised.train > 0.09, `regularised: training loss stays above the noise floor (${regularised.train})`);
  assert.ok(regularised.val < big.val - 0.05, `regularised ends far below the unregularised (${regularised.val} vs ${big.val})`);

  // The iframe figure: sized by its height message, and training inside.
  const frame = page.locator("iframe#article-frame");
  await frame.scrollIntoViewIfNeeded();
  const inner = page.frame({ url: /embed\.html/ });
  await inner.waitForFunction(() => {
    const text = document.querySelector("rnn-playground")?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
    return Number(text) >= 3;
  });
  await page.waitForTimeout(300);
  const innerHeight = await inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const frameHeight = await frame.evaluate((f) => f.getBoundingClientRect().height);
  assert.equal(Math.round(frameHeight), innerHeight, "the frame took the height its figure posted");

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await screenshot(page, "article-desktop-top");
  await page.locator("rnn-playground").nth(2).evaluate((element) => element.scrollIntoView({ block: "center" }));
  await page.waitForTimeout(200);
  await screenshot(page, "article-desktop-too-big");
  await page.locator("#embedding").evaluate((element) => element.scrollIntoView({ block: "start" }));
  await page.waitForTimeout(200);
  await screenshot(page, "article-desktop-embedding");
  await screenshot(page, "article-desktop", { fullPage: true });

  // The same page at phone width: every chart redraws for its narrower box.
  await page.setViewportSize(PHONE);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("rnn-playground")].every((element) => {
      const canvas = element.shadowRoot.querySelector("canvas");
      return Math.abs(canvas.width - canvas.getBoundingClientRect().width) <= 1;
    }),
  );
  const phone = [];
  for (let i = 0; i < count; i++) phone.push(await readFigure(page, i));
  for (const [i, figure] of phone.entries()) {
    assert.ok(figure.canvasCssWidth < PHONE.width, `figure ${i + 1} fits the phone (${figure.canvasCssWidth}px)`);
    assert.ok(figure.canvasWidth < figures[i].canvasWidth, `figure ${i + 1} redrew narrower (${figures[i].canvasWidth} → ${figure.canvasWidth})`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await screenshot(page, "article-phone-top");
  await page.locator("rnn-playground").nth(2).evaluate((element) => element.scrollIntoView({ block: "start" }));
  await page.waitForTimeout(200);
  await screenshot(page, "article-phone-too-big");
  await screenshot(page, "article-phone", { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
