// The "inside the network" views: each draws, updates while training, follows the URL's
// views= list and the chooser, and shows pasted text as text (markup in it runs nothing).

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, pageParams, screenshot, useBrowser, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

/** Ink (share of non-background pixels), distinct colours and a pixel hash of a canvas. */
async function canvasState(page, selector) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    if (!canvas || !canvas.width || !canvas.height) return { ink: 0, colours: 0, hash: 0, draws: 0 };
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = new Map();
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
      hash = Math.imul(hash ^ key, 16777619) >>> 0;
    }
    const pixels = canvas.width * canvas.height;
    const background = Math.max(...counts.values());
    return { ink: (pixels - background) / pixels, colours: counts.size, hash, draws: Number(canvas.dataset.draws ?? 0) };
  }, selector);
}

/** The epoch a view's status line says its data is from (0 before any). */
async function viewEpoch(page, name) {
  const text = await page.locator(`[data-view="${name}"] [data-view-status]`).textContent();
  const match = /epoch (\d+)/.exec(text ?? "");
  return match ? Number(match[1]) : 0;
}

async function waitForViewEpoch(page, name, atLeast, timeout = 30_000) {
  await page.waitForFunction(
    ([view, n]) => {
      const text = document.querySelector(`[data-view="${view}"] [data-view-status]`)?.textContent ?? "";
      const match = /epoch (\d+)/.exec(text);
      return match && Number(match[1]) >= n;
    },
    [name, atLeast],
    { timeout },
  );
  return viewEpoch(page, name);
}

const nextFrames = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

test("predictions, activations and gate saturation draw and follow training", async () => {
  const { page, errors } = await openPlayground(browser.context, "views=predictions,heatmap,saturation");
  await waitForEpoch(page, 3);
  const canvases = ["predictions", "heatmap", "saturation"];
  const first = {};
  for (const name of canvases) {
    const epoch = await waitForViewEpoch(page, name, 1);
    await nextFrames(page);
    const state = await canvasState(page, `[data-view="${name}"] canvas`);
    assert.ok(state.ink > 0.02, `${name} has drawn pixels (${(state.ink * 100).toFixed(1)} %)`);
    assert.ok(state.colours > 8, `${name} uses several colours (${state.colours})`);
    first[name] = { epoch, ...state };
  }
  assert.equal((await page.locator('[data-view="samples"]').count()), 0, "samples is not open");
  assert.equal((await pageParams(page)).get("views"), "predictions,heatmap,saturation");

  // Training goes on: each view gets newer data and draws something different.
  for (const name of canvases) {
    const later = await waitForViewEpoch(page, name, first[name].epoch + 10);
    await nextFrames(page);
    const state = await canvasState(page, `[data-view="${name}"] canvas`);
    assert.ok(later > first[name].epoch, `${name} moved from epoch ${first[name].epoch} to ${later}`);
    assert.notEqual(state.hash, first[name].hash, `${name} changed its picture`);
    assert.ok(state.draws > first[name].draws, `${name} redrew`);
  }

  // Pointing at a heatmap row selects that unit and draws its trace.
  const heatmap = page.locator('[data-view="heatmap"] canvas');
  const box = await heatmap.boundingBox();
  await heatmap.hover({ position: { x: box.width * 0.5, y: box.height * 0.3 } });
  await page.waitForFunction(() => Number(document.querySelector('[data-view="heatmap"] canvas').dataset.selectedUnit) >= 0);
  // Move the pointer off the canvas first: focusing may scroll, and a scroll under a
  // resting pointer counts as pointing at another row.
  await page.mouse.move(0, 0);
  await heatmap.focus();
  const before = Number(await heatmap.getAttribute("data-selected-unit"));
  await page.keyboard.press("ArrowDown");
  assert.equal(Number(await heatmap.getAttribute("data-selected-unit")), before + 1, "arrow down moves to the next unit");

  for (const name of canvases) await screenshot(page.locator(`[data-view="${name}"]`), `views-${name}`);

  // The chooser closes a view and the address follows.
  await page.locator('[data-view-toggle="saturation"]').uncheck();
  assert.equal(await page.locator('[data-view="saturation"]').count(), 0);
  await page.waitForFunction(() => new URL(location.href).searchParams.get("views") === "predictions,heatmap");
  await closeCleanly(page, errors);
});

test("pasted markup shows as text in the samples and runs nothing", async () => {
  // Each 111-character window of this text holds a whole <script> and a whole <img onerror>.
  const unit = '<script>window.__xss=1</script> <img src=x onerror="window.__xss2=1"> ';
  const query = new URLSearchParams({
    task: "text",
    len: "110",
    train: "24",
    val: "8",
    hidden: "24",
    layers: "2",
    batch: "8",
    epochs: "400",
    text: unit.repeat(6),
    views: "samples,heatmap,saturation",
  });
  const { page, errors } = await openPlayground(browser.context, query.toString());
  const firstEpoch = await waitForViewEpoch(page, "samples", 1);
  const train = page.locator('[data-snippet="train"]');
  const val = page.locator('[data-snippet="val"]');
  for (const snippet of [train, val]) {
    const text = await snippet.textContent();
    assert.ok(text.includes("<script>"), `the snippet shows the literal <script>: ${text}`);
    assert.ok(text.includes("<img src=x onerror="), `the snippet shows the literal <img onerror>: ${text}`);
    // One span per predicted character, each shaded by its loss.
    assert.equal(await snippet.locator(".rv-char").count(), 110);
  }
  const firstSample = await page.locator("[data-sample-generated]").textContent();
  assert.ok(firstSample.length > 100, "the model wrote something");

  // Whatever the data or the model writes, no element is made from it and nothing ran.
  const injected = await page.evaluate(() => ({
    xss: window.__xss,
    xss2: window.__xss2,
    elements: document.querySelectorAll("#views script, #views img, #views b").length,
  }));
  assert.deepEqual(injected, { xss: undefined, xss2: undefined, elements: 0 });

  // Samples refresh while training, and at temperature 0 the model writes greedily.
  await waitForViewEpoch(page, "samples", firstEpoch + 10);
  const slider = page.locator("[data-temperature]");
  await slider.fill("0");
  await page.waitForFunction(() => document.querySelector("[data-sample-generated]")?.dataset.sampleTemperature === "0");

  // Two layers: the heatmap can show either; an LSTM offers its cell state.
  await page.locator("[data-heatmap-layer]").selectOption("1");
  await page.waitForFunction(() => document.querySelector('[data-view="heatmap"] canvas').dataset.layer === "1");
  await page.locator("[data-heatmap-cell]").check();
  await nextFrames(page);
  const heat = await canvasState(page, '[data-view="heatmap"] canvas');
  assert.ok(heat.ink > 0.05 && heat.colours > 8, `the heatmap is drawn (${heat.ink}, ${heat.colours} colours)`);

  // Every control of the views is labelled and described.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("#views input, #views select")]
      .filter((input) => !input.labels?.length || (input.type !== "checkbox" && input.closest(".rv-chooser") === null &&
        !document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent.trim()))
      .map((input) => input.outerHTML),
  );
  assert.deepEqual(unlabelled, []);

  await screenshot(page.locator('[data-view="samples"]'), "views-samples");
  await screenshot(page.locator('[data-view="heatmap"]'), "views-heatmap-text");
  const afterAll = await page.evaluate(() => [window.__xss, window.__xss2]);
  assert.deepEqual(afterAll, [undefined, undefined]);
  await closeCleanly(page, errors);
});

test("a view that does not fit the run says why", async () => {
  const { page, errors } = await openPlayground(browser.context, "task=forecast&cell=rnn&hidden=8&views=samples,saturation");
  await page.waitForFunction(() => document.querySelector('[data-view="saturation"] [data-view-note]')?.textContent);
  const saturation = await page.locator('[data-view="saturation"] [data-view-note]').textContent();
  const samples = await page.locator('[data-view="samples"] [data-view-note]').textContent();
  assert.match(saturation, /no gates/);
  assert.match(samples, /text task/);
  assert.ok(await page.locator('[data-view="saturation"] canvas').isHidden());
  await closeCleanly(page, errors);
});
