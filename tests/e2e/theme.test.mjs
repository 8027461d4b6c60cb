// Light and dark: the page, a lab mode and figures follow `theme` (the address key, the
// figure attribute) or the reader's prefers-color-scheme; every text colour has a contrast
// of at least 4.5:1 on its background in both themes, and the charts are drawn in the
// theme's colours. Screenshots: test-artifacts/theme-*.png.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_URL, collectErrors, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startStaticServer } from "./fixtures/static_server.mjs";

const server = useServer(startStaticServer);
const browser = useBrowser();

const MIN_CONTRAST = 4.5;
// Theme::LIGHT.background and Theme::DARK.background (src/chart/theme.rs).
const CHART_BACKGROUND = { light: [255, 255, 255], dark: [24, 26, 31] };

/**
 * Every visible piece of text (in the document and in figures' shadow roots) whose colour
 * has less than `min` contrast on the background behind it. Disabled controls are exempt,
 * as WCAG exempts them.
 */
function lowContrastText(min) {
  const parse = (css) => {
    const m = css.match(/rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:,?\s*\/?\s*([\d.]+))?\)/);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const luminance = ([r, g, b]) => {
    const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const parentOf = (el) => el.parentElement ?? el.getRootNode().host ?? null;
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = parentOf(node)) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] === 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const failures = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
      if (!text) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || style.visibility !== "visible" || Number(style.opacity) === 0) continue;
      if (el.closest(":disabled") || el.closest("label")?.control?.disabled || el.closest("[aria-disabled=true]")) continue;
      const back = background(el);
      const fore = over(parse(style.color), back);
      const [a, b] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < min) failures.push(`${ratio.toFixed(2)}: "${text.slice(0, 30)}" ${style.color} on rgb(${back.slice(0, 3).map(Math.round)})`);
    }
  };
  visit(document);
  return failures;
}

/** The colour of a canvas' top-left pixel (the chart's background). */
function cornerPixel(canvas) {
  return [...canvas.getContext("2d").getImageData(2, 2, 1, 1).data.slice(0, 3)];
}

async function open(url, { colorScheme = "light", viewport } = {}) {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  if (viewport) await page.setViewportSize(viewport);
  const errors = collectErrors(page);
  await page.goto(url);
  return { page, errors };
}

function playground(query) {
  const url = new URL(BASE_URL);
  url.search = query;
  return url.href;
}

for (const [name, query, colorScheme, theme] of [
  ["light", "", "light", "light"],
  ["dark", "theme=dark", "light", "dark"],
  ["auto-dark", "", "dark", "dark"],
  ["light-wins", "theme=light", "dark", "light"],
  ["dark text task", "theme=dark&task=text&epochs=4", "light", "dark"],
]) {
  test(`the playground page, ${name}: ${theme} colours with readable text`, async () => {
    const { page, errors } = await open(playground(`${query}&views=predictions,heatmap,samples`), { colorScheme });
    await page.waitForFunction(() => Number(document.querySelector('[data-readout="epoch"]')?.textContent) >= 3, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    assert.deepEqual(await page.evaluate(cornerPixel, await page.$("#chart")), CHART_BACKGROUND[theme], "chart background");
    assert.deepEqual(await page.evaluate(lowContrastText, MIN_CONTRAST), [], "text contrast");
    // The address keeps the theme it was given.
    assert.equal(new URL(page.url()).searchParams.get("theme"), query.startsWith("theme=") ? theme : null);
    if (name === "dark") await screenshot(page, "theme-page-dark", { fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("a lab mode in the dark theme: readable, chart and swatches in the dark colours", async () => {
  const { page, errors } = await open(playground("mode=compare&theme=dark&epochs=3&cells=rnn,gru"));
  await page.waitForSelector(".lab-compare[data-state=finished]", { timeout: 60_000 });
  assert.deepEqual(await page.evaluate(cornerPixel, await page.$("canvas.lab-chart")), CHART_BACKGROUND.dark);
  // Theme::DARK.series[0]: the first run's swatch matches the line it names.
  const swatch = await page.evaluate(() => getComputedStyle(document.querySelector(".lab-table .lab-swatch")).backgroundColor);
  assert.equal(swatch, "rgb(86, 160, 222)");
  assert.deepEqual(await page.evaluate(lowContrastText, MIN_CONTRAST), []);
  await screenshot(page, "theme-compare-dark", { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("figures on a dark blog page: theme attribute and auto, readable, recoloured live", async () => {
  const { page, errors } = await open(`${server.origins[0]}/blog/post/dark.html`, { colorScheme: "dark" });
  const state = (id) => page.evaluate((id) => document.getElementById(id).state, id);
  await page.waitForFunction(() => ![undefined, "loading"].includes(document.getElementById("one").state), null, { timeout: 30_000 });
  await page.locator("#compare").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById("compare").state === "finished", null, { timeout: 60_000 });
  assert.notEqual(await state("one"), "error");
  const chartCorner = (id) =>
    page.evaluate((id) => {
      const canvas = document.getElementById(id).shadowRoot.querySelector("canvas");
      return [...canvas.getContext("2d").getImageData(2, 2, 1, 1).data.slice(0, 3)];
    }, id);
  assert.deepEqual(await chartCorner("one"), CHART_BACKGROUND.dark);
  assert.deepEqual(await chartCorner("compare"), CHART_BACKGROUND.dark, "auto follows the dark preference");
  assert.deepEqual(await page.evaluate(lowContrastText, MIN_CONTRAST), []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "theme-dark-blog", { fullPage: true });
  // The reader switches to light: the auto figure follows at once, the dark one stays.
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForFunction(() => document.getElementById("compare").dataset.theme === "light");
  assert.deepEqual(await chartCorner("compare"), CHART_BACKGROUND.light);
  assert.deepEqual(await chartCorner("one"), CHART_BACKGROUND.dark);
  const openLink = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector("[data-open-link]").href, id);
  assert.match(await openLink("one"), /[?&]theme=dark(&|$)/, "the playground link keeps the figure's theme");
  // A new theme attribute recolours without restarting the run.
  const runs = await page.evaluate(() => document.getElementById("one").runCount);
  await page.evaluate(() => document.getElementById("one").setAttribute("theme", "light"));
  await page.waitForFunction(() => document.getElementById("one").dataset.theme === "light");
  assert.deepEqual(await chartCorner("one"), CHART_BACKGROUND.light);
  assert.equal(await page.evaluate(() => document.getElementById("one").runCount), runs);
  assert.match(await openLink("one"), /[?&]theme=light(&|$)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an unknown theme is a notice and the page follows the reader", async () => {
  const { page, errors } = await open(playground("theme=purple"), { colorScheme: "dark" });
  await page.waitForSelector("#notices:not([hidden])");
  assert.match(await page.locator("#notices").textContent(), /theme: "purple" is not one of auto, light, dark; using auto/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a lesson link keeps its theme and stays the lesson's short address", async () => {
  const { page, errors } = await open(playground("lesson=overfit&theme=dark"));
  await page.waitForFunction(() => Number(document.querySelector('[data-readout="epoch"]')?.textContent) >= 1, null, { timeout: 30_000 });
  await page.waitForFunction(() => location.search === "?lesson=overfit&theme=dark");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  // Reset to defaults returns to the lesson's settings without calling the theme a setting.
  await page.locator('[data-action="defaults"]').click();
  await page.waitForTimeout(300);
  assert.equal(await page.locator("#notices").isHidden(), true);
  assert.deepEqual(errors, []);
  await page.close();
});
