// Benchmark (not a test): the same capacity sweep in headless Chromium with a pool of one
// worker and of two, timed by the page itself (from "Run" to the last model; worker start-up
// included). On a 2-core machine two workers should need at most about 60 % of the time of one.
//
//   cargo xtask serve --port 8080 &
//   node tests/e2e/bench_sweep.mjs [--url http://127.0.0.1:8080/] [--repeats 3] [--query "task=...&sweep_hidden=..."]
//
// Each configuration runs `repeats` times, interleaved (1, 2, 1, 2...) so a burst of load on a
// shared machine hits both; the figures are the medians. The grid's cost is spread over eight
// models so that a pool of two can split it evenly (the page trains the biggest first).

import os from "node:os";

const DEFAULT_QUERY = "task=forecast&cell=lstm&sweep_hidden=8,16,24,32&sweep_layers=1,2&epochs=150&seed=1";

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

process.env.E2E_BASE_URL = option("--url", process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080/");
const repeats = Math.max(1, Number(option("--repeats", "3")) || 3);
const query = option("--query", DEFAULT_QUERY).replace(/^\?/, "");
const { launchBrowser, openPlayground } = await import("./harness.mjs");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One sweep on a fresh page: the page's own elapsed time, in milliseconds. */
async function timeSweep(context, workers) {
  const { page, errors } = await openPlayground(context, `?mode=sweep&${query}&workers=${workers}`);
  await page.locator('.lab-sweep[data-state="finished"]').waitFor({ timeout: 600_000 });
  const elapsed = Number(await page.locator(".lab-sweep").getAttribute("data-elapsed-ms"));
  const pool = Number(await page.locator(".lab-sweep").getAttribute("data-workers"));
  const models = await page.locator('.lab-sweep-table tbody tr[data-state="finished"]').count();
  // Training time summed over the models (ms per epoch x epochs, from the table's raw values):
  // with free cores it stays the same whatever the pool size; on a busy machine it grows.
  const work = await page.evaluate(() => {
    const epochs = Number(new URL(location.href).searchParams.get("epochs"));
    return [...document.querySelectorAll('.lab-sweep-table [data-col="ms"]')].reduce((sum, c) => sum + Number(c.dataset.value) * epochs, 0);
  });
  await page.close();
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  if (pool !== workers) throw new Error(`asked for ${workers} workers, the pool had ${pool}`);
  return { elapsed, models, work };
}

const browser = await launchBrowser();
try {
  const cores = await (async () => {
    const page = await browser.context.newPage();
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.close();
    return n;
  })();
  console.log(`sweep: ${query}`);
  console.log(`machine: ${os.cpus().length} CPUs (browser reports ${cores}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const times = { 1: [], 2: [] };
  for (let r = 0; r < repeats; r++) {
    for (const workers of [1, 2]) {
      const { elapsed, models, work } = await timeSweep(browser.context, workers);
      times[workers].push(elapsed);
      const busy = (100 * work) / (elapsed * workers);
      console.log(
        `  run ${r + 1}: ${workers} worker${workers > 1 ? "s" : ""}: ${(elapsed / 1000).toFixed(2)} s for ${models} models; ` +
          `training time summed over models ${(work / 1000).toFixed(2)} s (workers busy ${busy.toFixed(0)} % of the time); ` +
          `load average ${os.loadavg()[0].toFixed(2)}`,
      );
    }
  }
  const one = median(times[1]);
  const two = median(times[2]);
  const ratio = two / one;
  console.log(`1 worker:  ${(one / 1000).toFixed(2)} s (median of ${repeats})`);
  console.log(`2 workers: ${(two / 1000).toFixed(2)} s (median of ${repeats})`);
  console.log(`ratio 2/1: ${(ratio * 100).toFixed(1)} % ${ratio <= 0.6 ? "(within the 60 % target)" : "(ABOVE the 60 % target)"}`);
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  await browser.close();
}
