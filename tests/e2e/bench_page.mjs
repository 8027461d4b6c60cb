// Page benchmark (not a test): load the playground in headless Chromium and print
//   - time from navigation to the first plotted epoch (median of several fresh loads),
//   - wasm sizes, raw and gzip: the page's module (charts) and the worker's (training),
//   - the longest main-thread task while training (PerformanceObserver "longtask"),
//   - epochs/s and steps/s on the default preset.
// Targets: first epoch within 1 s on localhost, no main-thread task over 50 ms while
// training, wasm under 400 KB gzip.
//
// Run with `cargo xtask bench-page` (builds, serves and sets E2E_BASE_URL).

import { gzipSync } from "node:zlib";
import { BASE_URL, launchBrowser, openPlayground } from "./harness.mjs";

const LOADS = 5;
const TRAINING_WINDOW_MS = 10_000;

// Installed before any page script: records long tasks and the moment the first epoch is
// on screen (the readout shows a number and a frame has been painted after it).
function instrument() {
  window.__bench = { longTasks: [], draws: [], firstEpochAt: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "chart-draw") window.__bench.draws.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "measure" });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  const watch = () => {
    const cell = document.querySelector('[data-readout="epoch"]');
    if (!cell) return false;
    const observer = new MutationObserver(() => {
      // "0" is the run before its first epoch (its steps show next to the label).
      if (!/^[1-9]/.test(cell.textContent)) return;
      observer.disconnect();
      // The chart draws in the next animation frame; count the epoch once that frame ran.
      requestAnimationFrame(() => setTimeout(() => (window.__bench.firstEpochAt = performance.now()), 0));
    });
    observer.observe(cell, { childList: true, characterData: true, subtree: true });
    return true;
  };
  if (!watch()) document.addEventListener("DOMContentLoaded", watch, { once: true });
}

async function wasmSize(name) {
  const response = await fetch(new URL(`pkg/${name}_bg.wasm`, BASE_URL));
  if (!response.ok) throw new Error(`${name} wasm: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

// The page loads its module and the worker its own; a build older than the split has one.
async function wasmSizes() {
  const page = await wasmSize("rnn_playground");
  const worker = await wasmSize("rnn_playground_worker").catch(() => null);
  return { page, worker };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

async function firstEpochTimes(context) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    await page.addInitScript(instrument);
    await page.goto(BASE_URL);
    await page.waitForFunction(() => window.__bench.firstEpochAt !== null, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => window.__bench.firstEpochAt));
    await page.close();
  }
  return times;
}

async function trainingWindow(context) {
  const { page, errors } = await openPlayground(context, "", { initScript: instrument });
  await page.waitForFunction(() => window.__bench.firstEpochAt !== null, null, { timeout: 60_000 });
  const readEpoch = () =>
    page.evaluate(() => ({
      epoch: Number(document.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, "")),
      at: performance.now(),
      status: document.querySelector("[data-status]").textContent,
      stepsPerSec: document.querySelector('[data-readout="speed"]').textContent,
    }));
  const start = await readEpoch();
  let end = start;
  while (end.at - start.at < TRAINING_WINDOW_MS && end.status === "Training") {
    await page.waitForTimeout(250);
    end = await readEpoch();
  }
  const tasks = await page.evaluate(
    ([from, to]) => window.__bench.longTasks.filter((t) => t.start >= from && t.start <= to),
    [start.at, end.at],
  );
  const startup = await page.evaluate((until) => window.__bench.longTasks.filter((t) => t.start < until), start.at);
  const draws = await page.evaluate(
    ([from, to]) => window.__bench.draws.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration),
    [start.at, end.at],
  );
  const query = new URL(page.url()).search;
  await page.close();
  return { start, end, tasks, startup, draws, query, errors };
}

async function main() {
  const sizes = await wasmSizes();
  const browser = await launchBrowser();
  try {
    const times = await firstEpochTimes(browser.context);
    const run = await trainingWindow(browser.context);
    const seconds = (run.end.at - run.start.at) / 1000;
    const epochsPerSec = (run.end.epoch - run.start.epoch) / seconds;
    const longest = Math.max(0, ...run.tasks.map((t) => t.duration));
    const longestStartup = Math.max(0, ...run.startup.map((t) => t.duration));

    const verdict = (ok) => (ok ? "ok" : "OVER TARGET");
    const firstMedian = median(times);
    console.log("rnn-playground page benchmark");
    console.log(`  page:                       ${BASE_URL}`);
    console.log(`  preset (default):           ${run.query}`);
    console.log(
      `  first epoch plotted:        median ${firstMedian.toFixed(0)} ms over ${LOADS} loads ` +
        `(${times.map((t) => t.toFixed(0)).join(", ")})  [target < 1000 ms: ${verdict(firstMedian < 1000)}]`,
    );
    for (const [name, size] of Object.entries(sizes)) {
      if (!size) continue;
      console.log(
        `  ${`${name} wasm size:`.padEnd(28)}${kb(size.raw)} raw, ${kb(size.gzip)} gzip -9  ` +
          `[target < 400 KB gzip: ${verdict(size.gzip < 400 * 1000)}]`,
      );
    }
    console.log(
      `  longest main-thread task:   ${longest.toFixed(0)} ms while training ` +
        `(${run.tasks.length} tasks over 50 ms in ${seconds.toFixed(1)} s)  [target <= 50 ms: ${verdict(run.tasks.length === 0)}]`,
    );
    console.log(`  longest task while loading: ${longestStartup.toFixed(0)} ms (before the first epoch)`);
    if (run.draws.length) {
      const drawSeconds = run.draws.reduce((a, b) => a + b, 0) / 1000;
      console.log(
        `  chart redraws:              ${run.draws.length} (${(run.draws.length / seconds).toFixed(1)}/s), ` +
          `median ${median(run.draws).toFixed(1)} ms, max ${Math.max(...run.draws).toFixed(1)} ms, ` +
          `${((100 * drawSeconds) / seconds).toFixed(0)} % of the main thread`,
      );
    }
    console.log(
      `  training speed:             ${epochsPerSec.toFixed(1)} epochs/s, ${run.end.stepsPerSec} steps/s ` +
        `(epochs ${run.start.epoch} → ${run.end.epoch} in ${seconds.toFixed(1)} s, ${run.end.status})`,
    );
    if (run.errors.length) console.log(`  page errors: ${run.errors.join(" | ")}`);
  } finally {
    await browser.close();
  }
}

await main();
