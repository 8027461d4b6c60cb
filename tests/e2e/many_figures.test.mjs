// Twelve figures on one page share the machine: at most TRAINING_SLOTS hold a worker at
// once (the others say they wait), the main thread keeps its frames from the first one
// on, and after scrolling through all of them no more workers live than the cap. Long
// tasks, workers and renderer memory are printed; the bounds hold on a loaded two-core
// machine.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { embeddedFigures, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startHostingServer } from "./fixtures/hosting_server.mjs";

const server = useServer(startHostingServer);
const browser = useBrowser({ viewport: { width: 1280, height: 900 } });

/** Resident memory (VmRSS, MB) of this browser's renderer processes (the page and its workers live in one). */
async function rendererMb(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
  const browserCdp = await page.context().browser().newBrowserCDPSession();
  const { processInfo } = await browserCdp.send("SystemInfo.getProcessInfo");
  await browserCdp.detach();
  const sizes = [];
  for (const { type, id } of processInfo.filter((p) => p.type === "renderer")) {
    const status = await readFile(`/proc/${id}/status`, "utf8").catch(() => "");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    if (kb > 0) sizes.push(kb / 1024);
  }
  return { total: sizes.reduce((a, b) => a + b, 0), largest: Math.max(0, ...sizes) };
}

const mb = ({ total, largest }) => `${total.toFixed(0)} MB (largest ${largest.toFixed(0)} MB)`;

test("twelve figures: capped training, no long main-thread stalls, workers given back after scrolling", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  // All twelve on screen at once: the worst case for the machine.
  await page.setViewportSize({ width: 1280, height: 12 * 700 });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__long.push({ at: entry.startTime, ms: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  const opened = Date.now();
  await page.goto(`${server.origin}/pages/twelve.html`);
  const slots = await page.evaluate(async () => (await import("/site/embed/figure_slots.js")).TRAINING_SLOTS);
  await page.waitForFunction(() => [...document.querySelectorAll("rnn-playground")].some((e) => e.shadowRoot?.querySelector("[data-status]")?.textContent === "Training"), null, { timeout: 60_000 });
  // The first ten seconds: twelve figures build and draw their first chart.
  await page.waitForTimeout(Math.max(0, 10_000 - (Date.now() - opened)));
  const startUp = await page.evaluate(() => window.__long.filter((t) => t.at < 10_000));
  const startUpLongest = Math.max(0, ...startUp.map((t) => t.ms));
  console.log(
    `twelve figures, first 10 s: ${startUp.length} long tasks, longest ${startUpLongest.toFixed(0)} ms ` +
      `(${startUp.map((t) => t.ms.toFixed(0)).join(", ")})`,
  );
  const memoryBefore = await rendererMb(page);

  // Ten seconds with all twelve visible: count long tasks, and how many train at once.
  const windowStart = await page.evaluate(() => performance.now());
  let mostTraining = 0;
  let sawWaiting = false;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(500);
    const now = await embeddedFigures(page);
    mostTraining = Math.max(mostTraining, now.filter((s) => s.pill === "Training").length);
    sawWaiting ||= now.some((s) => /Waiting/.test(s.pill));
  }
  const long = await page.evaluate((from) => window.__long.filter((t) => t.at >= from), windowStart);
  const longest = Math.max(0, ...long.map((t) => t.ms));
  await screenshot(page, "twelve-figures-all-visible", { clip: { x: 0, y: 0, width: 1280, height: 2100 } });
  const progressed = (await embeddedFigures(page)).filter((s) => s.epoch >= 1).length;
  console.log(
    `twelve figures, all visible, ${slots} training slot(s): at most ${mostTraining} training at once; ` +
      `${long.length} long tasks in 10 s, longest ${longest.toFixed(0)} ms; ${progressed} of 12 plotted an epoch; ` +
      `renderer memory ${mb(memoryBefore)}`,
  );
  assert.ok(mostTraining <= slots, `at most ${slots} train at once (saw ${mostTraining})`);
  assert.ok(sawWaiting, "the others say they wait");
  // The bounds are 5 long tasks and none over 100 ms; margins for a loaded CI machine.
  for (const [tasks, most] of [[long, longest], [startUp, startUpLongest]]) {
    assert.ok(tasks.length <= 15, `${tasks.length} long tasks in 10 s`);
    assert.ok(most < 250, `longest task ${most.toFixed(0)} ms`);
  }

  // A reader's window: scroll through all of them, then stay at the end.
  await page.setViewportSize({ width: 1280, height: 900 });
  for (let i = 0; i < 12; i++) {
    await page.locator(`#g${i}`).scrollIntoViewIfNeeded();
    await page.waitForTimeout(1200);
  }
  await page.waitForTimeout(7000); // longer than a figure off screen keeps its worker
  const workers = page.workers().length;
  const memoryAfter = await rendererMb(page);
  await screenshot(page, "twelve-figures-scrolled-to-end");
  console.log(`after scrolling through all: ${workers} live workers (cap ${slots}); renderer memory ${mb(memoryAfter)}`);
  // Every live worker holds a slot: a figure whose turn is over gave its worker back.
  assert.ok(workers <= slots, `${workers} live workers, cap ${slots}`);
  assert.deepEqual(errors, []);
  await page.close();
});
