// Korean and English: with lang=ko the page, each lab mode, the views, the Korean article
// and its figures speak Korean (the document and every figure root carry lang="ko", no
// visible text is an English catalog message, and every chart asked the Korean catalog
// for its words); a figure follows the page around it unless it has its own lang; the
// language switch keeps the run going and rewrites every text, the chart included.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { BASE_URL, closeCleanly, DESKTOP, openPlayground, PHONE, runCount, screenshot, screenshotAt, useBrowser, visibleTextOf, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();
const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../i18n/${lang}.json`, import.meta.url), "utf8"));
const english = catalog("en");
const korean = catalog("ko");

// English messages a Korean page must not show: those the Korean catalog words differently
// (model names such as "LSTM" or "MSE" are the same in both), without their blanks.
const englishOnly = Object.entries(english)
  .filter(([key, text]) => korean[key] !== text && key !== "language.name")
  .map(([, text]) => text)
  // Blanks, and a plural blank's syntax ({count, plural, one {# item} other {# items}}).
  .flatMap((text) => text.split(/\{[a-z_]+(?:, plural,)?\}?|\b(?:one|other) \{|[{}#]/))
  .map((part) => part.trim())
  .filter((part) => part.length >= 4 && /[A-Za-z]{3}/.test(part));

/**
 * The visible text nodes of the page and of every figure's shadow root that are, or
 * contain as a whole phrase of three words or more, an English catalog message.
 */
async function englishOnScreen(page) {
  const texts = await page.evaluate(() => {
    const found = [];
    const visit = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const holder = node.parentElement;
        if (!text || !holder || holder.closest("script, style, code, pre, [lang='en']")) continue;
        if (holder.checkVisibility?.() === false) continue;
        found.push(text);
      }
      for (const element of root.querySelectorAll("*")) if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(document.body);
    return found;
  });
  return texts.filter((text) =>
    englishOnly.some((message) => text === message || (message.split(" ").length >= 3 && text.includes(message))),
  );
}

/** The language each chart asked its words in (src/web/chart_labels.rs marks the canvas). */
async function chartLanguages(page) {
  return page.evaluate(() => {
    const langs = [];
    const visit = (root) => {
      for (const canvas of root.querySelectorAll("canvas[data-draws]")) langs.push(canvas.dataset.chartLang ?? "none");
      for (const element of root.querySelectorAll("*")) if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(document);
    return langs;
  });
}

async function assertKorean(page, what) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ko", `${what}: <html lang>`);
  assert.deepEqual(await englishOnScreen(page), [], `${what}: English on screen`);
  const langs = await chartLanguages(page);
  assert.ok(langs.length > 0, `${what}: a chart drew`);
  assert.deepEqual([...new Set(langs)], ["ko"], `${what}: the charts' words`);
}

test("?lang=ko: the playground and its views speak Korean, charts included", async () => {
  const { page, errors } = await openPlayground(browser.context, "?lang=ko&views=predictions,samples,heatmap,saturation");
  await waitForEpoch(page, 6);
  await page.locator(".rv-panel [data-view-status]").first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll("[data-view-status]")].some((s) => s.textContent));
  await assertKorean(page, "playground");
  assert.match(await page.locator("[data-readout='epoch']").locator("xpath=..").textContent(), /에포크/);
  await screenshotAt(page, null, "i18n-ko-playground");
  await screenshotAt(page, "#views", "i18n-ko-views", "start");
  await closeCleanly(page, errors);
});

test("?lang=ko in compare and sweep mode: the lab pages speak Korean", async () => {
  for (const mode of ["compare", "sweep"]) {
    const { page, errors } = await openPlayground(browser.context, `?lang=ko&mode=${mode}&epochs=4&sweep_hidden=2,4&sweep_layers=1`);
    await page.locator(".lab-chart[data-draws]").waitFor();
    if (mode === "sweep") await page.locator(".lab-sweep button.primary").click();
    await page.waitForFunction(() => document.querySelector(".lab")?.dataset.state === "finished", null, { timeout: 60_000 });
    await assertKorean(page, mode);
    await screenshotAt(page, null, `i18n-ko-${mode}`);
    await closeCleanly(page, errors);
  }
});

test("the Korean article: every figure follows <html lang=ko>; a figure with lang=en speaks English", async () => {
  const page = await browser.context.newPage();
  const url = new URL("ko/article.html", BASE_URL);
  await page.goto(url.href);
  const figure = page.locator("rnn-playground[lesson='overfit']");
  await figure.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const root = document.querySelector("rnn-playground[lesson='overfit']")?.shadowRoot;
    return root?.querySelector("canvas[data-draws]") && root.querySelector("[lang]")?.getAttribute("lang") === "ko";
  });
  await assertKorean(page, "article");
  await screenshotAt(page, "rnn-playground[lesson='overfit']", "i18n-ko-article");

  await page.evaluate(() => {
    const english = document.createElement("rnn-playground");
    english.setAttribute("lang", "en");
    english.setAttribute("hidden", "4");
    english.setAttribute("autoplay", "");
    english.id = "english-figure";
    document.querySelector("main").prepend(english);
    english.scrollIntoView();
  });
  await page.waitForFunction(() => document.getElementById("english-figure").shadowRoot?.querySelector("canvas[data-draws]"));
  const englishRoot = await page.evaluate(() => {
    const root = document.getElementById("english-figure").shadowRoot;
    return { lang: root.querySelector("[lang]").getAttribute("lang"), chart: root.querySelector("canvas[data-draws]").dataset.chartLang };
  });
  assert.deepEqual(englishRoot, { lang: "en", chart: "en" });
  await page.close();
});

test("switching to Korean keeps the run going and rewrites every text, the chart within one redraw", async () => {
  const { page, errors } = await openPlayground(browser.context, "?lang=en&epochs=10000&views=predictions");
  await waitForEpoch(page, 3);
  await page.waitForFunction(() => document.querySelector('[data-view="predictions"] canvas')?.getAttribute("aria-label")?.includes("epoch"));
  const runs = await runCount(page);
  const draws = Number(await page.locator("#chart").getAttribute("data-draws"));
  await page.locator(".language-switch button[data-lang='ko']").click();
  await page.waitForFunction((before) => {
    const chart = document.getElementById("chart");
    return Number(chart.dataset.draws) > before && chart.dataset.chartLang === "ko";
  }, draws);
  assert.equal(await runCount(page), runs, "no restart");
  assert.equal(new URL(page.url()).searchParams.get("lang"), "ko", "the choice is in the address");
  await assertKorean(page, "after the switch");
  // Attributes a screen reader speaks follow too: a slider's value keeps no English unit.
  const spoken = await page.locator("#ctl-hidden").getAttribute("aria-valuetext");
  const shown = (await page.locator("#out-hidden").textContent()).trim();
  assert.ok(spoken.includes(korean["param.hidden.unit"]) && !spoken.includes(english["param.hidden.unit"]), `hidden units, spoken: ${spoken}`);
  assert.ok(spoken.startsWith(shown), `the value is still said (${shown}): ${spoken}`);
  const labelled = await page.locator("[aria-label]").evaluateAll((all) => all.map((e) => e.getAttribute("aria-label")));
  const englishLabels = labelled.filter((label) => englishOnly.includes(label));
  assert.deepEqual(englishLabels, [], "aria-labels after the switch");
  await page.locator("[data-action='play-pause']").first().click(); // paused: no update relabels the view
  await page.locator(".language-switch button[data-lang='en']").click();
  await page.locator(".language-switch button[data-lang='ko']").click();
  const described = await page.locator('[data-view="predictions"] canvas').getAttribute("aria-label");
  assert.match(described, /[\uac00-\ud7a3]/, `the view's description follows the switch: ${described}`);
  assert.doesNotMatch(described, /epoch/, described);
  assert.match(described, /\d\.\d{3}/, `the errors are still described, not only named: ${described}`);
  await page.locator("[data-action='play-pause']").first().click();
  const epoch = Number(await page.locator("[data-readout='epoch']").textContent());
  await waitForEpoch(page, epoch + 2);
  await closeCleanly(page, errors);
});

test("an unknown lang gets a notice and English; the browser's languages choose without one", async () => {
  const { page, errors } = await openPlayground(browser.context, "?lang=xx");
  await page.locator("#notices").waitFor({ state: "visible" });
  assert.match(await page.locator("#notices").textContent(), /no language 'xx'/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await closeCleanly(page, errors);

  const korean = await openPlayground(browser.context, "", {
    initScript: () => Object.defineProperty(navigator, "languages", { get: () => ["ko-KR", "en"] }),
  });
  await waitForEpoch(korean.page, 1);
  assert.equal(await korean.page.evaluate(() => document.documentElement.lang), "ko");
  await closeCleanly(korean.page, korean.errors);
});

test("Korean on a phone: playground, compare and the article", async () => {
  for (const [query, name] of [["?lang=ko", "playground"], ["?lang=ko&mode=compare&epochs=4", "compare"]]) {
    const { page, errors } = await openPlayground(browser.context, query, { viewport: PHONE });
    await page.locator("canvas[data-draws]").first().waitFor();
    await page.waitForTimeout(1500);
    await screenshotAt(page, null, `i18n-ko-phone-${name}`);
    await closeCleanly(page, errors);
  }
  const page = await browser.context.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(new URL("ko/article.html", BASE_URL).href);
  await screenshotAt(page, "rnn-playground[lesson='underfit']", "i18n-ko-phone-article");
  await page.close();
});

/** The catalog message `key` of `words` with the blanks given filled, up to its first other blank. */
const opening = (words, key, blanks) =>
  Object.entries(blanks).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), words[key]).split("{")[0];

test("the core's errors speak Korean: lab lists, own series, refused weights, the heatmap's unit", async () => {
  for (const [viewport, size] of [[DESKTOP, "desktop"], [PHONE, "phone"]]) {
    // A bad cells= list: each notice from the Korean catalog, with the entry quoted.
    const lab = await openPlayground(browser.context, "?lang=ko&mode=compare&epochs=3&cells=gru,foo,lstm:9999,gru", { viewport });
    const notices = await visibleTextOf(lab.page, ".lab-compare .notice");
    for (const [key, blanks] of [["lab.cells.not_cell", { entry: "'foo'" }], ["lab.cells.repeated", { run: "" }]]) {
      assert.ok(notices.includes(opening(korean, key, blanks).trim()), `${key} in Korean: ${notices}`);
    }
    assert.doesNotMatch(notices, /is not a cell|listed more than once|is outside/, "no English notice");
    await screenshotAt(lab.page, ".lab-compare .notice", `i18n-ko-${size}-compare-notices`, "start");
    await closeCleanly(lab.page, lab.errors);

    // A text cell in a pasted series: its line in Korean, in English after a switch.
    const { page, errors } = await openPlayground(browser.context, "?lang=ko&epochs=10000", { viewport });
    await waitForEpoch(page, 1);
    await page.locator("[data-own-series] summary").click();
    await page.fill("[data-series-text]", "1\n2\nabc\n4");
    await page.locator("[data-series-use]").click();
    const status = page.locator("[data-series-status]");
    const cell = { line: "3", column: "1", text: "abc" };
    await page.waitForFunction(() => document.querySelector("[data-series-status]")?.textContent.length > 0);
    assert.ok((await status.textContent()).includes(opening(korean, "series.error.not_a_number", cell)), await status.textContent());
    await screenshotAt(page, "[data-own-series]", `i18n-ko-${size}-own-series-error`);

    // A state_dict with a key this model lacks: refused in Korean, naming the key.
    await page.setInputFiles("[data-weights-file]", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"bogus": [1]}') });
    await page.waitForFunction(() => document.querySelector("[data-file-status]")?.textContent.includes("bad.json"));
    const refused = await page.locator("[data-file-status]").textContent();
    assert.ok(refused.includes(opening(korean, "nn.error.unexpected_key", { key: "bogus" })), refused);
    await screenshotAt(page, "[data-file-status]", `i18n-ko-${size}-weights-refused`);

    if (size === "desktop") {
      // Both messages are said again in the new words, the file's line and key kept.
      await page.locator(".language-switch button[data-lang='en']").click();
      assert.ok((await status.textContent()).includes(opening(english, "series.error.not_a_number", cell)), await status.textContent());
      assert.ok((await page.locator("[data-file-status]").textContent()).includes(opening(english, "nn.error.unexpected_key", { key: "bogus" })));
    }
    await closeCleanly(page, errors);

    // The heatmap's spoken sentence about the selected unit.
    const views = await openPlayground(browser.context, "?lang=ko&task=text&views=heatmap&epochs=10000", { viewport });
    const heatmap = views.page.locator('[data-view="heatmap"] canvas');
    await views.page.waitForFunction(() => Number(document.querySelector('[data-view="heatmap"] canvas')?.dataset.units) > 0, null, { timeout: 60_000 });
    await heatmap.focus();
    await views.page.keyboard.press("ArrowDown");
    const said = views.page.locator('[data-view="heatmap"] p.rv-visually-hidden[aria-live]');
    await views.page.waitForFunction(() => document.querySelector('[data-view="heatmap"] p.rv-visually-hidden[aria-live]')?.textContent.length > 0);
    assert.ok((await said.textContent()).startsWith(opening(korean, "views.heatmap.selected", { unit: "0" })), await said.textContent());
    await screenshot(views.page.locator('[data-view="heatmap"]'), `i18n-ko-${size}-heatmap`);
    await closeCleanly(views.page, views.errors);
  }
});
