// Views benchmark (not a test): epochs per second of the playground in headless Chromium
// with the "inside the network" views closed and open, on the default preset (forecast,
// LSTM 1x64) and on the text preset (LSTM 1x128), and what each view update cost the worker.
// A closed and an open page train side by side over the same window, several rounds, so
// load from elsewhere on a shared machine hits both alike.
//
//   cargo xtask serve --port 8080 &
//   E2E_BASE_URL=http://127.0.0.1:8080/ node tests/e2e/bench_views.mjs

import { launchBrowser, openPlayground, waitForEpoch } from "./harness.mjs";

const WARM_UP_EPOCHS = 3;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 12_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// Presets with a large epoch limit, so no run finishes inside its window.
const CASES = [
  { name: "default preset (forecast, LSTM 1x64)", query: "epochs=10000", views: "predictions,heatmap,saturation" },
  { name: "text preset (LSTM 1x128)", query: "task=text&epochs=10000", views: "samples,heatmap,saturation" },
];

/** Opens the page and trains past the warm-up; returns a reader of its progress. */
async function openWarm(context, query) {
  const { page, errors } = await openPlayground(context, query);
  await waitForEpoch(page, WARM_UP_EPOCHS, 60_000);
  const read = () =>
    page.evaluate(() => {
      const views = document.querySelector(".rv-root");
      return {
        epoch: Number(document.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, "")),
        at: performance.now(),
        updates: Number(views?.dataset.viewUpdates ?? 0),
        costTotalMs: Number(views?.dataset.viewCostTotalMs ?? 0),
      };
    });
  return { page, errors, read };
}

function rates(start, end) {
  const seconds = (end.at - start.at) / 1000;
  const updates = end.updates - start.updates;
  return {
    epochsPerSec: (end.epoch - start.epoch) / seconds,
    updatesPerSec: updates / seconds,
    costMs: (end.costTotalMs - start.costTotalMs) / Math.max(1, updates),
    // Share of the window the worker spent computing view data.
    share: (end.costTotalMs - start.costTotalMs) / (end.at - start.at),
  };
}

/**
 * Both pages train over the same window, so a load spike from elsewhere on the machine
 * hits the closed and the open page alike (they also share the cores with each other).
 */
async function measurePair(context, closedQuery, openQuery) {
  const pages = [await openWarm(context, closedQuery), await openWarm(context, openQuery)];
  const starts = await Promise.all(pages.map((p) => p.read()));
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const ends = await Promise.all(pages.map((p) => p.read()));
  for (const p of pages) {
    await p.page.close();
    if (p.errors.length) throw new Error(`page errors: ${p.errors.join("; ")}`);
  }
  return [rates(starts[0], ends[0]), rates(starts[1], ends[1])];
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

const browser = await launchBrowser();
try {
  console.log(`${ROUNDS} rounds of ${WINDOW_MS / 1000} s, a page with views closed and one with views open side by side\n`);
  for (const c of CASES) {
    const closed = [];
    const open = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [c0, o0] = await measurePair(browser.context, c.query, `${c.query}&views=${c.views}`);
      closed.push(c0);
      open.push(o0);
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
