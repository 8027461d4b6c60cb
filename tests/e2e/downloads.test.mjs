// The Download menu and Load weights, end to end in headless Chromium: the menu works from
// the keyboard, every file downloads and parses (the PNG decodes at twice the chart's CSS
// size), weights loaded back continue the run, and every bad file is refused with the
// run's weights and history kept.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ARTIFACTS, BASE_URL, collectErrors, openPlayground, readoutNumber, screenshot, useBrowser, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();
// Small and quick: 8 LSTM units on short forecast sequences.
const QUERY = "task=forecast&len=32&train=64&val=16&hidden=8&batch=8&epochs=10000";

/** Chooses `what` in the Download menu and returns the saved file's bytes. */
async function download(page, what) {
  await page.locator("[data-download-menu]").click();
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-download="${what}"]`).click()]);
  assert.equal(file.suggestedFilename(), what);
  const saved = path.join(ARTIFACTS, "downloads", what);
  await file.saveAs(saved);
  return readFile(saved);
}

const csvRows = (text) => text.split("\n").filter((line) => line && !line.startsWith("#"));

async function pause(page) {
  await page.locator('[data-action="play-pause"]').click();
  await page.locator('[data-status][data-state="paused"]').waitFor();
}

test("the Download menu opens from the keyboard and every file parses", async () => {
  const { page, errors } = await openPlayground(browser.context, QUERY);
  await waitForEpoch(page, 5);
  await pause(page);
  const epoch = await readoutNumber(page, "epoch");

  // Keyboard: focus the button, ArrowDown opens on the first item, arrows move, Escape closes.
  await page.locator("[data-download-menu]").focus();
  await page.keyboard.press("ArrowDown");
  const focused = () => page.evaluate(() => document.activeElement?.dataset.download ?? document.activeElement?.dataset.downloadMenu);
  assert.equal(await focused(), "model.json");
  await page.keyboard.press("ArrowDown");
  assert.equal(await focused(), "model.py");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await focused(), "dataset.csv", "ArrowUp wraps to the last item");
  await screenshot(page, "downloads-menu", { clip: await menuClip(page) });
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("[data-menu]").isHidden(), true);
  assert.equal(await page.locator("[data-download-menu]").getAttribute("aria-expanded"), "false");

  const model = JSON.parse(await download(page, "model.json"));
  assert.deepEqual(Object.keys(model), [
    "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "head.weight", "head.bias",
  ]);
  assert.equal(model["rnn.weight_ih_l0"].length, 32);
  assert.equal(model["rnn.weight_hh_l0"][0].length, 8);

  const python = path.join(ARTIFACTS, "downloads", "model.py");
  await download(page, "model.py");
  execFileSync("python3", ["-m", "py_compile", python]); // throws on a syntax error

  const history = csvRows(String(await download(page, "history.csv")));
  assert.equal(history[0], "epoch,train_loss,val_loss,grad_norm,wall_ms");
  assert.equal(history.length - 1, epoch, "one row per epoch shown");
  for (const row of history.slice(1)) {
    assert.ok(row.split(",").every((cell) => Number.isFinite(Number(cell))), row);
  }

  const dataset = csvRows(String(await download(page, "dataset.csv")));
  assert.equal(dataset[0], "set,sequence,step,x0,y0");
  assert.equal(dataset.length - 1, (64 + 16) * 32);

  const png = await download(page, "chart.png");
  const chart = await page.locator("#chart").boundingBox();
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)]; // the IHDR chunk
  assert.equal(width, Math.round(chart.width * 2));
  assert.equal(height, Math.round(chart.height * 2));
  const decoded = await page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: "image/png" }));
    return [bitmap.width, bitmap.height];
  }, [...png]);
  assert.deepEqual(decoded, [width, height], "the browser decodes the PNG");
  assert.deepEqual(errors, []);
  await page.close();
});

test("weights load back and the run continues; bad files are refused and change nothing", async () => {
  const { page, errors } = await openPlayground(browser.context, QUERY);
  await waitForEpoch(page, 3);
  await pause(page);
  // Pausing may stop inside an epoch; one step ends on an epoch's last mini-batch, so the
  // weights are those that epoch's validation loss was computed on.
  const earlyEpoch = (await readoutNumber(page, "epoch")) + 1;
  await page.locator('[data-action="step"]').click();
  await waitForEpoch(page, earlyEpoch);
  const early = await download(page, "model.json");
  const earlyVal = Number(csvRows(String(await download(page, "history.csv")))[earlyEpoch].split(",")[2]);

  await page.locator('[data-action="play-pause"]').click();
  await waitForEpoch(page, earlyEpoch + 10);
  await pause(page);
  const weights = String(await download(page, "model.json"));
  const history = String(await download(page, "history.csv"));
  const epoch = await readoutNumber(page, "epoch");
  const status = page.locator("[data-file-status]");
  const model = JSON.parse(weights);

  const scratch = await mkdtemp(path.join(tmpdir(), "rnn-playground-weights-"));
  const huge = path.join(scratch, "huge.json");
  await writeFile(huge, Buffer.alloc(50_000_000, " "));
  const { ["rnn.weight_hh_l0"]: _dropped, ...missing } = model;
  const cases = [
    ["missing.json", JSON.stringify(missing), /"rnn\.weight_hh_l0".*expected shape \[32, 8\]/],
    ["extra.json", JSON.stringify({ ...model, "rnn.weight_ih_l1": [] }), /"rnn\.weight_ih_l1", which this model does not have/],
    ["shape.json", JSON.stringify({ ...model, "head.bias": [0, 0] }), /"head\.bias" should have shape \[1\] but has shape \[2\]/],
    ["nan.json", weights.replace(/"head\.bias": \[[^\]]*\]/, '"head.bias": [NaN]'), /not valid/],
    ["null.json", JSON.stringify({ ...model, "head.bias": [null] }), /"head\.bias" at index \[0\] is null/],
    ["notes.txt", "epoch,loss\n1,0.5\n", /not valid/],
  ];
  for (const [name, text, expected] of cases) {
    await page.setInputFiles("[data-weights-file]", { name, mimeType: "application/json", buffer: Buffer.from(text) });
    await page.waitForFunction((n) => document.querySelector("[data-file-status]")?.textContent.includes(n), name);
    const message = await status.textContent();
    assert.match(message, expected, name);
    assert.match(message, /was not loaded: .*The run is unchanged\./, name);
  }
  await page.setInputFiles("[data-weights-file]", huge);
  await page.waitForFunction(() => document.querySelector("[data-file-status]")?.textContent.includes("huge.json"));
  assert.match(await status.textContent(), /50\.0 MB, but a state_dict of this model \(\d+ parameters\) is at most/);
  await rm(scratch, { recursive: true, force: true });

  assert.equal(await readoutNumber(page, "epoch"), epoch, "no epoch lost");
  assert.equal(String(await download(page, "model.json")), weights, "weights kept");
  assert.equal(String(await download(page, "history.csv")), history, "history kept");

  // The early weights go back in: their validation loss shows at once, training goes on.
  await page.setInputFiles("[data-weights-file]", { name: "early.json", mimeType: "application/json", buffer: early });
  await page.waitForFunction(() => document.querySelector("[data-file-status]")?.textContent.startsWith("Loaded early.json"));
  const shown = await readoutNumber(page, "val");
  assert.ok(Math.abs(shown - earlyVal) <= 1e-4 * Math.max(1, earlyVal), `validation ${shown} vs epoch ${earlyEpoch}'s ${earlyVal}`);
  assert.equal(String(await download(page, "model.json")), String(early), "the loaded weights are the run's");

  // Dropped on the chart instead of picked: the later weights come back.
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "dropped.json", { type: "application/json" }));
    const card = document.querySelector(".chart-card");
    for (const type of ["dragover", "drop"]) card.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, weights);
  await page.waitForFunction(() => document.querySelector("[data-file-status]")?.textContent.startsWith("Loaded dropped.json"));
  assert.equal(String(await download(page, "model.json")), weights, "the dropped weights are the run's");
  await screenshot(page, "downloads-loaded-weights", { fullPage: true });
  await page.locator('[data-action="step"]').click();
  await waitForEpoch(page, epoch + 1);
  assert.deepEqual(errors, []);
  await page.close();
});

/** The chart card around the open menu, for a screenshot worth looking at. */
async function menuClip(page) {
  const card = await page.locator(".chart-card").boundingBox();
  const menu = await page.locator("[data-menu]").boundingBox();
  const top = Math.min(card.y, menu.y) - 8;
  return { x: card.x - 8, y: top, width: card.width + 16, height: card.y + card.height - top + 8 };
}

test("an embedded figure has the Download menu too", async () => {
  const url = new URL("embed.html", BASE_URL);
  url.search = "task=forecast&hidden=8&len=16&train=16&val=16&epochs=30&controls=none&autoplay=1";
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(url.href);
  await page.waitForFunction(() => document.querySelector("rnn-playground")?.state === "finished", null, { timeout: 30_000 });
  const history = csvRows(String(await download(page, "history.csv")));
  assert.equal(history.length - 1, 30, "one row per epoch of the figure's run");
  assert.ok(history[1].startsWith("1,"), history[1]);
  const png = await download(page, "chart.png");
  const chart = await page.locator("rnn-playground canvas[data-chart]").boundingBox();
  assert.equal(png.readUInt32BE(16), Math.round(chart.width * 2));
  assert.equal(await page.locator("rnn-playground [data-load-weights]").count(), 0, "figures only download");
  await screenshot(page, "downloads-figure", { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
