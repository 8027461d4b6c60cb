// The showcase article (www/article.html): one figure per named lesson; every one-run figure
// loads and trains when scrolled to, with valid settings and a link that carries them;
// the iframe figure sizes itself; nothing logs an error. Then the same page at phone width:
// the figures redraw for their new width and nothing scrolls sideways.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_URL, DESKTOP, PHONE, closeCleanly, collectErrors, screenshot, screenshotAt, useBrowser } from "./harness.mjs";

// Enough epochs to see each one-run figure train (its claims are tests/lessons.rs's).
const EPOCHS_TO_READ = 5;

const browser = useBrowser({ viewport: DESKTOP });

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
  const errors = collectErrors(page);
  await page.goto(new URL("article.html", BASE_URL).href);

  // One figure per named lesson; the lab-mode lessons (a sweep, two comparisons) train
  // several networks each and are checked by their own tests, so only the one-run
  // figures are trained here. Their numbers are tests/lessons.rs's to check.
  const lessons = await page.locator("rnn-playground").evaluateAll((elements) => elements.map((e) => e.getAttribute("lesson")));
  assert.deepEqual(
    [...lessons].sort(),
    ["capacity", "cells", "depth", "dropout", "early-stopping", "embedding", "forget-bias", "l2", "overfit", "underfit"],
    "one figure per lesson",
  );
  const LAB_LESSONS = ["capacity", "depth", "cells"];
  const playIndices = lessons.flatMap((name, i) => (LAB_LESSONS.includes(name) ? [] : [i]));
  await page.waitForFunction((indices) => {
    const elements = document.querySelectorAll("rnn-playground");
    return indices.every((i) => elements[i].shadowRoot?.querySelector("canvas"));
  }, playIndices);
  const figures = [];
  for (const i of playIndices) {
    await page.locator("rnn-playground").nth(i).evaluate((element) => element.scrollIntoView({ block: "center" }));
    await page.waitForFunction(
      ({ i, n }) => {
        const element = document.querySelectorAll("rnn-playground")[i];
        const epoch = Number(element.shadowRoot.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, ""));
        return ["finished", "stopped_early"].includes(element.state) || epoch >= n;
      },
      { i, n: EPOCHS_TO_READ },
      { timeout: 60_000 },
    );
    figures.push({ lesson: lessons[i], ...(await readFigure(page, i)) });
  }
  for (const figure of figures) {
    assert.equal(figure.noticeShown, false, `figure ${figure.lesson} has valid settings`);
    const link = new URL(figure.link);
    assert.equal(link.href.split("?")[0], new URL("index.html", BASE_URL).href, "the link opens the playground next to the script");
    assert.deepEqual(settings(link.search), settings(figure.query), `figure ${figure.lesson}'s link carries its settings`);
  }
  const byLesson = Object.fromEntries(figures.map((figure) => [figure.lesson, figure]));
  assert.equal(settings(byLesson.underfit.query).hidden, "1");
  assert.equal(settings(byLesson.overfit.query).hidden, "64");
  assert.equal(settings(byLesson.dropout.query).hidden, "64", "dropout acts on the overfitting model");
  assert.ok(Number(settings(byLesson.l2.query).l2) > 0);

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

  await screenshotAt(page, null, "article-desktop-top");
  await screenshotAt(page, 'rnn-playground[lesson="overfit"]', "article-desktop-too-big", "center");
  await screenshotAt(page, "#embedding", "article-desktop-embedding", "start");
  await screenshot(page, "article-desktop", { fullPage: true });

  // The same page at phone width: every chart redraws for its narrower box.
  await page.setViewportSize(PHONE);
  await page.waitForFunction(
    (indices) => {
      const elements = document.querySelectorAll("rnn-playground");
      return indices.every((i) => {
        const canvas = elements[i].shadowRoot.querySelector("canvas");
        return Math.abs(canvas.width - canvas.getBoundingClientRect().width) <= 1;
      });
    },
    playIndices,
  );
  const phone = [];
  for (const i of playIndices) phone.push(await readFigure(page, i));
  for (const [k, figure] of phone.entries()) {
    assert.ok(figure.canvasCssWidth < PHONE.width, `figure ${figures[k].lesson} fits the phone (${figure.canvasCssWidth}px)`);
    assert.ok(figure.canvasWidth < figures[k].canvasWidth, `figure ${figures[k].lesson} redrew narrower (${figures[k].canvasWidth} → ${figure.canvasWidth})`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
  await screenshotAt(page, null, "article-phone-top");
  await screenshotAt(page, 'rnn-playground[lesson="overfit"]', "article-phone-too-big", "start");
  await screenshot(page, "article-phone", { fullPage: true });
  await closeCleanly(page, errors);
});
