// Fault injection beyond the playground (faults.test.mjs): in compare mode, sweep mode and
// an embedded figure, each file they load answers 404 or arrives cut short, and a worker
// is closed mid-run. Each case must show a message within a few seconds with a way out
// that works (Reload, or Reset once the file is back). One browser and one server serve
// every case; the figures are printed.

import assert from "node:assert/strict";
import { test } from "node:test";
import { collectErrors, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startHostingServer } from "./fixtures/hosting_server.mjs";

const server = useServer(startHostingServer);
const browser = useBrowser();

// The injected failures are expected to be logged; anything else is not.
const EXPECTED_CONSOLE = [/Failed to load|404|did not load|could not load|SyntaxError|Unexpected|CompileError|not a usable|stopped|failed to fetch|import/i];
// A failed load is timed from navigation, so its bound carries the page's own load on a
// loaded two-core machine; a closed worker is timed from the moment it closes (the 3 s).
const MESSAGE_WITHIN_MS = 10_000;
const CLOSED_NOTICED_WITHIN_MS = 3000;
// What each surface offers as the way out, in the order tried.
const WAYS_OUT = ["Reset", "Reload", "Restart all runs", "Run again"];

const SMALL = "task=forecast&hidden=8&len=16&train=64";
const SURFACES = {
  compare: {
    url: `/site/?mode=compare&cells=lstm,gru&${SMALL}&epochs=10000`,
    modules: ["/site/lab_page.js", "/site/compare.js"],
    trained: () => [...document.querySelectorAll("tr[data-run]")].some((row) => Number(row.dataset.epochs) > 0),
  },
  sweep: {
    url: `/site/?mode=sweep&sweep_hidden=2,4&sweep_layers=1&workers=1&${SMALL}&epochs=20`,
    modules: ["/site/lab_page.js", "/site/sweep.js"],
    trained: () => document.querySelectorAll('.lab-sweep-table tbody tr[data-state="finished"]').length > 0,
  },
  figure: {
    url: "/pages/figure.html",
    modules: ["/site/embed/element.js", "/site/embed/figure.js"],
    trained: () => {
      const text = document.getElementById("fig")?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
      return Number(text.replace(/,/g, "")) >= 1;
    },
  },
};
const SHARED_FILES = [
  "/site/pkg/rnn_playground.js",
  "/site/pkg/rnn_playground_bg.wasm",
  "/site/worker.js",
  "/site/pkg/rnn_playground_worker.js",
  "/site/pkg/rnn_playground_worker_bg.wasm",
];

/** The first visible alert (the page's, a lab's, or a figure's in its shadow root) with its buttons. */
async function alertShown(page) {
  const alert = page.locator('[role="alert"]:visible').first();
  await alert.waitFor({ timeout: 30_000 });
  return {
    text: (await alert.textContent()).trim(),
    actions: await alert.locator("button").allTextContents(),
    click: (label) => alert.locator("button", { hasText: label }).first().click(),
  };
}

function clearFaults() {
  server.fail.clear();
  server.truncate.clear();
}

for (const [surfaceName, surface] of Object.entries(SURFACES)) {
  for (const file of [...surface.modules, ...SHARED_FILES]) {
    for (const fault of ["fail", "truncate"]) {
      test(`${surfaceName}: ${file} ${fault === "fail" ? "missing (404)" : "cut short"}: a message and a way out`, async () => {
        clearFaults();
        server[fault].add(file);
        const page = await browser.context.newPage();
        const errors = collectErrors(page, { allowConsole: EXPECTED_CONSOLE, http: false });
        const opened = Date.now();
        await page.goto(`${server.origin}${surface.url}`);
        const shown = await alertShown(page);
        const ms = Date.now() - opened;
        console.log(`${surfaceName}, ${file} ${fault}: "${shown.text.slice(0, 90)}" after ${ms} ms; actions ${shown.actions.join(", ")}`);
        await screenshot(page, `fault-${surfaceName}-${file.split("/").pop()}-${fault}`);
        assert.ok(shown.text.length > 20, "the message says what happened");
        const way = WAYS_OUT.find((label) => shown.actions.includes(label));
        assert.ok(way, `a way out is offered: ${shown.actions}`);
        assert.ok(ms < MESSAGE_WITHIN_MS, `message within the bound (${ms} ms)`);

        // The file comes back: the way out works.
        clearFaults();
        const recovered = Date.now();
        await shown.click(way);
        await page.waitForFunction(surface.trained, null, { timeout: 60_000 });
        console.log(`${surfaceName}, ${file} ${fault}: ${way} trained again after ${Date.now() - recovered} ms`);
        // A file cut short is a syntax error the browser reports itself: that is the fault.
        const injected = (error) => fault === "truncate" && /^uncaught: .*(unexpected|invalid|missing|unterminated)/i.test(error);
        assert.deepEqual(errors.filter((error) => !injected(error)), []);
        await page.close();
      });
    }
  }
}

for (const [surfaceName, surface] of Object.entries(SURFACES)) {
  test(`${surfaceName}: a worker closed mid-run is noticed, and the way out trains again`, async () => {
    clearFaults();
    const page = await browser.context.newPage();
    const errors = collectErrors(page, { allowConsole: EXPECTED_CONSOLE, http: false });
    // Long enough runs that the worker is still training when it is closed.
    await page.goto(`${server.origin}${surface.url.replace("epochs=20", "epochs=3000")}`);
    const deadline = Date.now() + 30_000;
    while (page.workers().length === 0 && Date.now() < deadline) await page.waitForTimeout(100);
    await page.waitForTimeout(1500); // training by now, not loading
    const [worker] = page.workers();
    assert.ok(worker, "a worker runs");
    const closed = Date.now();
    await worker.evaluate(() => self.close());
    const shown = await alertShown(page);
    const ms = Date.now() - closed;
    console.log(`${surfaceName}, closed worker: "${shown.text.slice(0, 90)}" after ${ms} ms; actions ${shown.actions.join(", ")}`);
    await screenshot(page, `fault-${surfaceName}-worker-closed`);
    assert.match(shown.text, /stopped answering|stopped/);
    assert.ok(ms < CLOSED_NOTICED_WITHIN_MS, `noticed within the bound (${ms} ms)`);
    const way = WAYS_OUT.find((label) => shown.actions.includes(label));
    assert.ok(way, `a way out is offered: ${shown.actions}`);
    await shown.click(way);
    await page.waitForFunction(surface.trained, null, { timeout: 60_000 });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
