// Short shareable addresses: pasted text that would make the address tens of KB travels
// compressed in the fragment and comes back on reload; text too long even compressed is
// left out of the link with a note. The view options get notices like run parameters.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_URL, closeCleanly, collectErrors, screenshot, useBrowser } from "./harness.mjs";

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

/** The page's query with its #pack fragment unpacked (address_pack.js, in the page). */
function unpackedQuery(page) {
  return page.evaluate(async () => {
    const { unpackAddress } = await import("./address_pack.js");
    return (await unpackAddress(window.location.search.slice(1))).query;
  });
}

for (const mode of ["compare", "sweep"]) {
  test(`${mode}: an old long link loads, the address packs its text, and the packed link brings it back`, async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.route((url) => url.href.length > 7000, async (route) =>
      route.fulfill({ response: await page.request.fetch(BASE_URL) }),
    );
    await page.goto(`${BASE_URL}?mode=${mode}&task=text&text=${encodeURIComponent(english)}`);
    await page.waitForFunction(() => /#pack=/.test(window.location.hash), null, { timeout: 30_000 });
    const url = page.url();
    console.log(`${mode}: text of ${encodeURIComponent(english).length} characters encoded → address of ${url.length}`);
    assert.ok(url.length < MAX_ADDRESS, `address ${url.length} characters`);
    assert.equal(new URLSearchParams(await unpackedQuery(page)).get("text"), english);
    // Another mode's tab carries the fragment along, and the long address is gone from it
    // as soon as the page wrote its short one (no hover needed).
    const tab = await page.locator('.mode-tabs [data-mode="play"]').getAttribute("href");
    assert.ok(tab.length < MAX_ADDRESS && /#pack=/.test(tab), `tab link of ${tab.length} characters`);
    // Leaving the page would abort its workers' loads mid-way: close it once checked, and
    // load the packed link in a new page (a fragment-only change would not load it again).
    await closeCleanly(page, errors);

    const reloaded = await browser.context.newPage();
    const reloadErrors = collectErrors(reloaded);
    await reloaded.goto(url);
    await reloaded.waitForFunction(() => /#pack=/.test(window.location.hash), null, { timeout: 30_000 });
    assert.equal(new URLSearchParams(await unpackedQuery(reloaded)).get("text"), english, "the same text after reload");
    await closeCleanly(reloaded, reloadErrors);
  });
}

test("a lab page names a damaged fragment in its notices", async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${BASE_URL}?mode=compare&cells=lstm#pack=not-deflate`);
  await page.waitForFunction(() => /#pack.*damaged/.test(document.querySelector(".lab-root .notice")?.textContent ?? ""), null, {
    timeout: 30_000,
  });
  assert.deepEqual(errors, []);
  await page.close();
});

/** A page with one text figure given `text`; `link()` reads its "open in the playground" link. */
async function openTextFigure(text) {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  const figurePage = new URL("long-text-figure.html", BASE_URL).href;
  await page.route(figurePage, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><meta charset="utf-8"><script type="module" src="./rnn-playground.js"></script>
        <rnn-playground id="f" task="text" controls="none"></rnn-playground>`,
    }),
  );
  await page.goto(figurePage);
  await page.locator("#f").evaluate((element, value) => element.setAttribute("text", value), text);
  const link = () => page.evaluate(() => document.getElementById("f").shadowRoot?.querySelector("[data-open-link]")?.href ?? "");
  return { page, errors, link };
}

test("a figure's link to the full playground packs long text and stays short", async () => {
  const { page, errors, link } = await openTextFigure(english);
  await page.waitForFunction(() => /#pack=/.test(document.getElementById("f").shadowRoot?.querySelector("[data-open-link]")?.href ?? ""), null, {
    timeout: 30_000,
  });
  assert.equal(await page.locator("#f [data-open-link-note]").isHidden(), true, "nothing left out, no note");
  // Its run going (nothing of the figure still loading when the page is left).
  await page.waitForFunction(() => ["running", "paused"].includes(document.getElementById("f").state), null, { timeout: 60_000 });
  const href = await link();
  console.log(`figure: text of ${encodeURIComponent(english).length} characters encoded → link of ${href.length}`);
  assert.ok(href.length < MAX_ADDRESS, `link ${href.length} characters`);
  await page.goto(href);
  await page.waitForFunction(() => document.querySelector("[data-status]").dataset.state === "running", null, { timeout: 60_000 });
  assert.equal(await page.locator("#ctl-text").inputValue(), english, "the playground opens with the figure's text");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a figure's link leaves out text too long even compressed, and says so under the link", async () => {
  const { page, errors, link } = await openTextFigure(hangul);
  const note = page.locator("#f [data-open-link-note]");
  await note.waitFor({ state: "visible", timeout: 30_000 });
  assert.match(await note.textContent(), /playground link leaves out the pasted text/);
  const href = await link();
  console.log(`figure: hangul text of ${encodeURIComponent(hangul).length} characters encoded → link of ${href.length}, left out`);
  assert.ok(href.length < MAX_ADDRESS && !/text=/.test(href) && !/#pack=/.test(href), `link without the text: ${href.slice(0, 120)}`);
  await page.waitForFunction(() => ["running", "paused"].includes(document.getElementById("f").state), null, { timeout: 60_000 });
  await screenshot(page, "address-figure-link-left-out");
  assert.deepEqual(errors, []);
  await page.close();
});
