// Short shareable addresses: pasted text that would make the address tens of KB travels
// compressed in the fragment and comes back on reload; text too long even compressed is
// left out of the link with a note. The view options get notices like run parameters.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_URL, collectErrors, screenshot, useBrowser } from "./harness.mjs";

const browser = useBrowser();
const MAX_ADDRESS = 8192;

/** A page whose long request lines are answered (the dev server refuses them, as many do). */
async function openLong(query) {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.route((url) => url.href.length > 7000, async (route) =>
    route.fulfill({ response: await page.request.fetch(BASE_URL) }),
  );
  await page.goto(`${BASE_URL}?${query}`);
  await page.waitForFunction(() => document.querySelector("[data-status]").dataset.state === "running", null, {
    timeout: 60_000,
  });
  await page.waitForTimeout(400); // the address is written after a short coalescing delay
  return { page, errors };
}

const english = "the quick brown fox jumps over the lazy dog. ".repeat(400);
// Hangul syllables in a scattered order: nine bytes a character percent-encoded, and hardly compressible.
const hangul = Array.from({ length: 15_000 }, (_, i) => String.fromCodePoint(0xac00 + ((i * 7919) % 11172))).join("");

test("long pasted text travels compressed in the fragment and comes back on reload", async () => {
  const { page, errors } = await openLong(`task=text&text=${encodeURIComponent(english)}`);
  const url = page.url();
  console.log(`english text: ${encodeURIComponent(english).length} characters encoded → address of ${url.length}`);
  assert.ok(url.length < MAX_ADDRESS, `address ${url.length} characters`);
  assert.match(new URL(url).hash, /^#pack=/);
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("[data-status]").dataset.state === "running");
  assert.equal(await page.locator("#ctl-text").inputValue(), english, "the same text after reload");
  assert.deepEqual(errors, []);
  await page.close();
});

test("text too long even compressed is left out of the link, with a note", async () => {
  const { page, errors } = await openLong(`task=text&text=${encodeURIComponent(hangul)}`);
  const url = page.url();
  console.log(`hangul text: ${encodeURIComponent(hangul).length} characters encoded → address of ${url.length}`);
  assert.ok(url.length < MAX_ADDRESS);
  assert.match(await page.locator("#address-note").textContent(), /leaves out the pasted text/);
  assert.equal(Array.from(await page.locator("#ctl-text").inputValue()).length, 15_000, "the run keeps its text");
  await screenshot(page, "address-text-left-out");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a damaged fragment is named in a notice; the rest of the address loads", async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${BASE_URL}?hidden=12#pack=not-deflate`);
  await page.waitForFunction(() => document.querySelector("[data-status]").dataset.state === "running");
  assert.match(await page.locator("#notices").textContent(), /#pack.*damaged/);
  assert.equal(new URL(page.url()).searchParams.get("hidden"), "12");
  assert.deepEqual(errors, []);
  await page.close();
});

test("bad view options get notices: logy not 0 or 1, repeated logy, unknown view names", async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${BASE_URL}?logy=2&logy=1&views=heatmap,nosuchview`);
  await page.waitForFunction(() => document.querySelector("[data-status]").dataset.state === "running");
  const text = await page.locator("#notices").textContent();
  assert.match(text, /logy.*"2" is not 0 or 1/);
  assert.match(text, /logy.*given 2 times/);
  assert.match(text, /no view is called "nosuchview"/);
  assert.equal(await page.locator("#log-scale").isChecked(), true, "the last usable logy counts");
  // The Compare tab does not carry the playground's views.
  await page.locator('.mode-tabs [data-mode="compare"]').hover();
  const href = await page.locator('.mode-tabs [data-mode="compare"]').getAttribute("href");
  assert.ok(!/views=/.test(href), href);
  assert.deepEqual(errors, []);
  await page.close();
});
