// Views benchmark (not a test): epochs per second of the playground in headless Chromium
// with the "inside the network" views closed and open, on the default preset (forecast,
// LSTM 1x64) and on the text preset (LSTM 1x128), and what each view update cost the worker.
// Closed and open runs alternate, twice each, so drift on a shared machine hits both alike.
//
//   cargo xtask serve --port 8080 &
//   E2E_BASE_URL=http://127.0.0.1:8080/ node tests/e2e/bench_views.mjs

import { launchBrowser, openPlayground, waitForEpoch } from "./harness.mjs";

const WARM_UP_EPOCHS = 3;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 12_000);
const ROUNDS = 2;

// Presets with a large epoch limit, so no run finishes inside its window.
const CASES = [
  { name: "default preset (forecast, LSTM 1x64)", query: "epochs=10000", views: "predictions,heatmap,saturation" },
  { name: "text preset (LSTM 1x128)", query: "task=text&epochs=10000", views: "samples,heatmap,saturation" },
];

async function measure(context, query) {
  const { page, errors } = await openPlayground(context, query);
  await waitForEpoch(page, WARM_UP_EPOCHS, 60_000);
  const read = () =>
    page.evaluate(() => {
      const views = document.querySelector(".rv-root");
      return {
        epoch: Number(document.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, "")),
        at: performance.now(),
        updates: Number(views?.dataset.viewUpdates ?? 0),
        costMs: Number(views?.dataset.viewCostMs ?? NaN),
        costTotalMs: Number(views?.dataset.viewCostTotalMs ?? 0),
      };
    });
  const start = await read();
  await page.waitForTimeout(WINDOW_MS);
  const end = await read();
  await page.close();
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  const seconds = (end.at - start.at) / 1000;
  return {
    epochsPerSec: (end.epoch - start.epoch) / seconds,
    updatesPerSec: (end.updates - start.updates) / seconds,
    costMs: (end.costTotalMs - start.costTotalMs) / Math.max(1, end.updates - start.updates),
    // Share of the window the worker spent computing view data.
    share: (end.costTotalMs - start.costTotalMs) / (end.at - start.at),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

const browser = await launchBrowser();
try {
  console.log(`window ${WINDOW_MS / 1000} s per run, ${ROUNDS} rounds, closed and open alternating\n`);
  for (const c of CASES) {
    const closed = [];
    const open = [];
    for (let round = 0; round < ROUNDS; round++) {
      closed.push(await measure(browser.context, c.query));
      open.push(await measure(browser.context, `${c.query}&views=${c.views}`));
    }
    const closedRate = mean(closed.map((r) => r.epochsPerSec));
    const openRate = mean(open.map((r) => r.epochsPerSec));
    console.log(c.name);
    console.log(`  views closed: ${closed.map((r) => r.epochsPerSec.toFixed(1)).join(", ")} epochs/s (mean ${closedRate.toFixed(1)})`);
    console.log(`  views open (${c.views}): ${open.map((r) => r.epochsPerSec.toFixed(1)).join(", ")} epochs/s (mean ${openRate.toFixed(1)})`);
    console.log(
      `  change ${(((openRate - closedRate) / closedRate) * 100).toFixed(1)} %; ` +
        `${median(open.map((r) => r.updatesPerSec)).toFixed(2)} view updates/s, ` +
        `${mean(open.map((r) => r.costMs)).toFixed(1)} ms per update in the worker, ` +
        `${(mean(open.map((r) => r.share)) * 100).toFixed(1)} % of the worker's time\n`,
    );
  }
} finally {
  await browser.close();
}
