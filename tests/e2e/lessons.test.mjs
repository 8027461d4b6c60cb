// Named lessons (`?lesson=NAME`, a figure's `lesson` attribute), early stopping on the page,
// the advice after a run and "Reset to defaults". The lessons' claims themselves are
// checked with numbers by tests/lessons.rs; here: the page loads and shows them.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_URL, closeCleanly, openPlayground, pageParams, screenshot, useBrowser, visibleTextOf, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

test("?lesson=overfit loads 64 hidden units, captions the chart and keeps the short address until a change", async () => {
  const { page, errors } = await openPlayground(browser.context, "?lesson=overfit");
  await waitForEpoch(page, 2);
  assert.equal(await page.locator("#out-hidden").textContent(), "64");
  const caption = page.locator("[data-lesson-caption]");
  assert.match(await caption.textContent(), /64 units memorise the training noise/);
  assert.equal(await caption.isVisible(), true);
  assert.equal(await page.locator("#notices").isVisible(), false);
  await page.waitForTimeout(300); // the address is written at most every 150 ms
  assert.equal(new URL(page.url()).search, "?lesson=overfit", "an untouched lesson stays a short link");

  await page.locator("#ctl-seed").fill("5");
  await page.locator("#ctl-seed").press("Enter");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("seed") === "5");
  const params = await pageParams(page);
  assert.equal(params.get("lesson"), null, "a changed lesson is written as full settings");
  assert.equal(params.get("hidden"), "64");
  await caption.waitFor({ state: "hidden" });
  await closeCleanly(page, errors);
});

test("?lesson=capacity opens the sweep with eight hidden sizes", async () => {
  const { page, errors } = await openPlayground(browser.context, "?lesson=capacity");
  await page.locator(".lab-sweep").waitFor();
  await page.waitForFunction(() => document.querySelectorAll(".lab-sweep-table tr[data-hidden]").length === 8);
  const sizes = await page.locator(".lab-sweep-table tr[data-hidden]").evaluateAll((rows) => rows.map((r) => Number(r.dataset.hidden)));
  assert.deepEqual(sizes, [1, 2, 4, 8, 16, 32, 64, 128]);
  assert.match(await page.locator("[data-lesson-caption]").textContent(), /U: too small underfits/);
  await screenshot(page, "lesson-capacity");
  await closeCleanly(page, errors);
});

test("an unknown lesson is a notice that lists the lessons", async () => {
  const { page, errors } = await openPlayground(browser.context, "?lesson=nope");
  const text = await visibleTextOf(page, "#notices");
  assert.match(text, /there is no lesson .nope./);
  for (const name of ["underfit", "overfit", "capacity", "early-stopping", "forget-bias"]) assert.match(text, new RegExp(name));
  await waitForEpoch(page, 1);
  await closeCleanly(page, errors);
});

test("a figure with lesson=\"dropout\" runs the dropout lesson", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  await page.goto(new URL("article.html", BASE_URL).href);
  const figure = page.locator('rnn-playground[lesson="dropout"]');
  await figure.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await page.waitForFunction(() => {
    const element = document.querySelector('rnn-playground[lesson="dropout"]');
    const epoch = element.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
    return Number(epoch.replace(/,/g, "")) >= 2;
  });
  const state = await figure.evaluate((element) => ({
    query: element.query,
    notice: element.shadowRoot.querySelector("[data-notices]")?.hidden === false,
  }));
  const settings = new URLSearchParams(state.query);
  assert.equal(settings.get("hidden"), "64");
  assert.equal(settings.get("dropout"), "0.3");
  assert.equal(state.notice, false);
  await closeCleanly(page, errors);
});

test("early stopping: the readout says where it stopped and which weights it kept", async () => {
  const { page, errors } = await openPlayground(browser.context, "?task=forecast&hidden=2&patience=3&epochs=200");
  await page.locator('[data-status][data-state="stopped_early"]').waitFor({ timeout: 60_000 });
  const text = await page.locator("#next-step").textContent();
  assert.match(text, /Stopped early at epoch \d+: validation had not improved for 3 epochs; keeping the weights of epoch \d+ \(validation [\d.]+\)/);
  await screenshot(page, "stopped-early");
  await closeCleanly(page, errors);
});

test("after a short run the page suggests what to try next, and Reset to defaults restores the preset", async () => {
  const preset = await openPlayground(browser.context, "?task=forecast");
  await waitForEpoch(preset.page, 1);
  const presetHidden = await preset.page.locator("#out-hidden").textContent();
  const presetLr = await preset.page.locator("#out-lr").textContent();
  await preset.page.close();

  const { page, errors } = await openPlayground(browser.context, "?task=forecast&hidden=7&lr=0.003&epochs=3");
  const next = page.locator("#next-step");
  await next.waitFor({ state: "visible", timeout: 30_000 });
  assert.match(await next.textContent(), /Overfitting|too small|good fit/i);
  await screenshot(page, "next-step");
  const runs = Number(await page.locator("#transport").getAttribute("data-run-count"));
  await page.locator('#transport [data-action="defaults"]').click();
  await page.waitForFunction((n) => Number(document.getElementById("transport").dataset.runCount) > n, runs);
  assert.equal(await page.locator("#out-hidden").textContent(), presetHidden);
  assert.equal(await page.locator("#out-lr").textContent(), presetLr);
  await closeCleanly(page, errors);
});

test("a figure with an unknown lesson gets a notice listing the lessons", async () => {
  const page = await browser.context.newPage();
  await page.goto(new URL("article.html", BASE_URL).href);
  await page.evaluate(() => {
    const element = document.createElement("rnn-playground");
    element.id = "unknown-lesson";
    element.setAttribute("lesson", "nope");
    document.querySelector("main").prepend(element);
  });
  await page.waitForFunction(() => document.getElementById("unknown-lesson").shadowRoot?.querySelector("[data-notices]")?.hidden === false);
  const text = await page.evaluate(() => document.getElementById("unknown-lesson").shadowRoot.querySelector("[data-notices]").textContent);
  assert.match(text, /there is no lesson .nope.; the lessons are underfit, overfit/);
  await page.close();
});
