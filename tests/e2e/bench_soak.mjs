// Soak benchmark (not a test): the playground trains a mid-size model for a long time
// (30 minutes by default) while its memory is sampled: through the DevTools protocol the
// page's JS heap, DOM nodes and listeners, and from /proc the resident memory of all the
// browser's processes (renderer, worker and its wasm memory, GPU). Memory should stay flat
// (the chart keeps every epoch, so a slow rise of a few percent is the history itself); the
// run should never error. Prints one line per sample and a verdict against a 10 % band.
//
//   cargo xtask serve --port 8080 &
//   E2E_BASE_URL=http://127.0.0.1:8080/ node tests/e2e/bench_soak.mjs
//   SOAK_MINUTES=5 SOAK_EVERY_S=20 ... for a shorter run

import { readdir, readFile } from "node:fs/promises";
import { launchBrowser, openPlayground, waitForEpoch } from "./harness.mjs";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const EVERY_S = Number(process.env.SOAK_EVERY_S ?? 60);
// Mid-size: LSTM 2x64 on the noisy wave, an epoch limit it never reaches.
const QUERY = process.env.SOAK_QUERY ?? "task=forecast&cell=lstm&hidden=64&layers=2&epochs=100000";
const BAND = 0.1;

const { context, profile, close } = await launchBrowser();

/** Resident memory (MB) of every process of this browser: their command lines name its profile. */
async function browserRssMb() {
  let kb = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes(profile)) continue;
      const rss = (await readFile(`/proc/${pid}/status`, "utf8")).match(/^VmRSS:\s+(\d+)/m);
      if (rss) kb += Number(rss[1]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return kb / 1024;
}
const { page, errors } = await openPlayground(context, QUERY);
await waitForEpoch(page, 2, 120_000);
const cdp = await context.newCDPSession(page);
await cdp.send("Performance.enable");

async function sample() {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const epoch = Number((await page.locator('[data-readout="epoch"]').textContent()).replace(/,/g, ""));
  // DOM nodes and listeners: a page that leaks them grows here before its heap shows it.
  const { nodes, jsEventListeners } = await cdp.send("Memory.getDOMCounters");
  const rssMb = await browserRssMb();
  return { epoch, heapMb: metric("JSHeapUsedSize") / 2 ** 20, totalMb: metric("JSHeapTotalSize") / 2 ** 20, nodes, listeners: jsEventListeners, rssMb };
}

const started = Date.now();
const samples = [];
console.log(`soak: ${QUERY}, ${MINUTES} min, a sample every ${EVERY_S} s`);
console.log("minute  epoch  page heap MB  heap total MB  DOM nodes  listeners  browser RSS MB");
while (Date.now() - started < MINUTES * 60_000) {
  const s = { minute: (Date.now() - started) / 60_000, ...(await sample()) };
  samples.push(s);
  console.log(
    `${s.minute.toFixed(1).padStart(6)}  ${String(s.epoch).padStart(5)}  ${s.heapMb.toFixed(1).padStart(12)}  ` +
      `${s.totalMb.toFixed(1).padStart(13)}  ${String(s.nodes).padStart(9)}  ${String(s.listeners).padStart(9)}  ${s.rssMb.toFixed(0).padStart(14)}`,
  );
  await page.waitForTimeout(EVERY_S * 1000);
}
const last = { minute: (Date.now() - started) / 60_000, ...(await sample()) };
samples.push(last);
// After the first sample (warm-up allocations), the heap stays within the band.
const steady = samples.slice(1);
const spread = (key) => {
  const values = steady.map((s) => s[key]);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return { low, high, fraction: (high - low) / low };
};
const heap = spread("heapMb");
const rss = spread("rssMb");
const status = (await page.locator("[data-status]").textContent()).trim();
console.log(
  `epochs ${samples[0].epoch} → ${last.epoch}; heap ${heap.low.toFixed(1)}–${heap.high.toFixed(1)} MB (spread ${(heap.fraction * 100).toFixed(1)} %); ` +
    `browser RSS ${rss.low.toFixed(0)}–${rss.high.toFixed(0)} MB (spread ${(rss.fraction * 100).toFixed(1)} %); status "${status}"; errors ${errors.length}`,
);
const flat = heap.fraction <= BAND && rss.fraction <= BAND;
console.log(flat && errors.length === 0 && status === "Training" ? "soak: flat within 10 %" : "soak: NOT flat or not healthy");
await close();
