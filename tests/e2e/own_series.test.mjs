// Your own series, end to end: a CSV picked on the page trains a new forecast run and the
// address says series=own; a bad file is refused with its line number while the run goes
// on; a shared link with series=own says it carries no series; a figure's series attribute
// trains on the author's CSV, and a missing file is a notice.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  collectErrors, openPlayground, pageParams, runCount, screenshot, useBrowser, useServer, waitForEpoch,
} from "./harness.mjs";
import { startStaticServer } from "./fixtures/static_server.mjs";

const browser = useBrowser();
const server = useServer(startStaticServer);
const QUERY = "task=forecast&len=24&train=32&val=16&hidden=8&batch=8&epochs=10000";

/** A two-column CSV with a header: day and a weekly pattern. */
function visitorsCsv(days) {
  const rows = ["day,visitors"];
  for (let d = 0; d < days; d++) rows.push(`${d + 1},${(200 + 40 * Math.sin((2 * Math.PI * d) / 7) + 0.1 * d).toFixed(1)}`);
  return `${rows.join("\n")}\n`;
}

async function pickSeries(page, name, text) {
  await page.evaluate(() => (document.querySelector("[data-own-series]").open = true));
  await page.setInputFiles("[data-series-file]", { name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.waitForFunction((n) => document.querySelector("[data-series-status]")?.textContent.includes(n), name);
  return (await page.locator("[data-series-status]").textContent()).trim();
}

test("a picked CSV trains a new run, and a bad one is refused while the run goes on", async () => {
  const { page, errors } = await openPlayground(browser.context, QUERY);
  await waitForEpoch(page, 3);
  const runs = await runCount(page);

  const status = await pickSeries(page, "visitors.csv", visitorsCsv(1500));
  assert.equal(status, 'Training on visitors.csv: 1,500 values (column "visitors").');
  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, runs);
  await waitForEpoch(page, 5);
  assert.equal((await pageParams(page)).get("series"), "own");
  assert.equal(await page.locator("[data-series-share]").isVisible(), true, "the page says a link does not carry it");
  const title = await page.evaluate(() => document.querySelector("[data-loss-caption] [data-loss-label]")?.textContent);
  assert.equal(title, "MSE on your series, normalised");
  await waitForEpoch(page, 40);
  await screenshot(page, "own-series-run", { fullPage: true });

  // A text cell on line 1234: named, and nothing of the running series run is lost.
  const ownRuns = await runCount(page);
  const lines = visitorsCsv(1500).split("\n");
  lines[1233] = "1233,n/a";
  const refused = await pickSeries(page, "broken.csv", lines.join("\n"));
  assert.match(refused, /^broken\.csv was not used: line 1234, column "visitors": "n\/a" is not a number\. The current run goes on\.$/);
  const epoch = await waitForEpoch(page, 1);
  await waitForEpoch(page, epoch + 3);
  assert.equal(await runCount(page), ownRuns, "the run was not restarted");

  const short = await pickSeries(page, "short.csv", visitorsCsv(20));
  assert.match(short, /the series has 20 values; at least 50 are needed/);
  const binary = await pickSeries(page, "sheet.xlsx", "PK\u0003\u0004\u0000\u0000\u0014\u0000".repeat(200));
  assert.match(binary, /not a text file/);
  assert.equal(await runCount(page), ownRuns);

  // Back to the wave: a new run, and the mark leaves the address.
  await page.locator("[data-series-forget]").click();
  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, ownRuns);
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("series"));
  assert.deepEqual(errors, []);
  await page.close();
});

test("a shared link with series=own says the series stayed with its sender; pasted numbers must fit the sequence length", async () => {
  const { page, errors } = await openPlayground(browser.context, `${QUERY}&series=own`);
  await waitForEpoch(page, 2);
  const status = await page.locator("[data-series-status]").textContent();
  assert.match(status, /a link does not carry/);
  assert.equal((await pageParams(page)).has("series"), false, "the run is on the wave, and the address says so");

  // Pasted: 60 values are a series, but too few for sequences of 24 steps; 200 are enough.
  const runs = await runCount(page);
  const numbers = (n) => Array.from({ length: n }, (_, i) => Math.sin(i / 3).toFixed(3)).join(", ");
  await page.fill("[data-series-text]", numbers(60));
  await page.locator("[data-series-use]").click();
  await page.waitForFunction(() => document.querySelector("[data-series-status]")?.textContent.includes("was not used"));
  assert.match(await page.locator("[data-series-status]").textContent(), /60 values: too few for sequences of 24 steps.*lower the sequence length/);
  assert.equal(await runCount(page), runs, "the run goes on");
  await page.fill("[data-series-text]", numbers(200));
  await page.locator("[data-series-use]").click();
  await page.waitForFunction(() => document.querySelector("[data-series-status]")?.textContent.startsWith("Training on the pasted numbers: 200 values"));
  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, runs);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a figure's series attribute trains on the author's CSV; a missing file is a notice", async () => {
  const page = await browser.context.newPage();
  // The missing file's 404 is the point of the second figure; nothing else may fail.
  const errors = collectErrors(page, { allowConsole: [/status of 404 \(Not Found\)/] });
  await page.goto(`${server.origins[0]}/blog/post/own-series.html`);
  await page.waitForFunction(() => document.getElementById("own")?.state === "finished", null, { timeout: 60_000 });
  const label = await page.evaluate(() => document.getElementById("own").shadowRoot.querySelector("[data-figure]").getAttribute("aria-label"));
  assert.match(label, /your series \(600 values\) · LSTM 1×16/);
  await page.locator("#missing").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById("missing")?.state === "finished", null, { timeout: 60_000 });
  const notice = await page.evaluate(() => document.getElementById("missing").shadowRoot.querySelector("[data-notices]").textContent);
  assert.match(notice, /no-such-file\.csv did not load \(HTTP 404\); training on the built-in wave/);
  await screenshot(page, "own-series-figure", { fullPage: true });
  assert.deepEqual(errors.filter((e) => !e.includes("no-such-file.csv")), []);
  await page.close();
});
