// Shared set-up for the end-to-end tests: a fresh headless Chromium per test file, a page
// with console errors collected (any error fails the test), and small readers for the
// page's readouts and canvas.
//
// `cargo xtask test` builds the page, serves it and sets E2E_BASE_URL; to run by hand:
//   cargo xtask serve --port 8080 &   E2E_BASE_URL=http://127.0.0.1:8080/ npm test

import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "./chromium_flags.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

export const BASE_URL = process.env.E2E_BASE_URL ?? "";
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? path.resolve(here, "../../test-artifacts");
const CHROMIUM = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Launch Chromium with an empty profile. Returns { context, profile, close }. */
export async function launchBrowser({ viewport = DESKTOP } = {}) {
  if (!BASE_URL) {
    throw new Error("E2E_BASE_URL is not set: run `cargo xtask test --e2e`, or serve the page and set it");
  }
  const profile = await mkdtemp(path.join(tmpdir(), "rnn-playground-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
  });
  return {
    context,
    profile,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for every test of a file: launched before the first test, closed after the
 * last. Inside a test, `browser.context` is ready.
 */
export function useBrowser(options) {
  const browser = { context: null };
  let launched;
  before(async () => {
    launched = await launchBrowser(options);
    browser.context = launched.context;
  });
  after(async () => {
    await launched?.close();
  });
  return browser;
}

/**
 * One fixture server for every test of a file, started by `start` (a fixture module's
 * start function). Inside a test the handle has the server's fields (`origin`, ...).
 */
export function useServer(start) {
  const server = {};
  before(async () => {
    Object.assign(server, await start());
  });
  after(async () => {
    await server.close?.();
  });
  return server;
}

/**
 * Collect what went wrong on a page: console errors (those not matching `allowConsole`),
 * uncaught exceptions, its workers' console errors and, with `http`, failed requests and
 * HTTP errors. Tests assert the returned list stays empty.
 */
export function collectErrors(page, { allowConsole = [], http = true } = {}) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (allowConsole.some((pattern) => pattern.test(message.text()))) return;
    errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("worker", (worker) => {
    worker.on("console", (message) => {
      if (message.type() === "error") errors.push(`worker console: ${message.text()}`);
    });
  });
  if (http) {
    page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`));
    page.on("response", (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  }
  return errors;
}

/** A test's last step: nothing went wrong on the page (`errors` is empty), then close it. */
export async function closeCleanly(page, errors) {
  assert.deepEqual(errors, []);
  await page.close();
}

/**
 * Open the playground with a query string. `errors` collects console errors and uncaught
 * exceptions from the page and its worker; tests assert it stays empty.
 */
export async function openPlayground(context, query = "", { viewport, initScript } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  if (initScript) await page.addInitScript(initScript);
  const errors = collectErrors(page);
  const url = new URL(BASE_URL);
  url.search = query;
  await page.goto(url.href);
  return { page, errors };
}

/** The number shown in a readout, or NaN when it shows a dash. */
export async function readoutNumber(page, name) {
  const text = await page.locator(`[data-readout="${name}"]`).textContent();
  return Number(text.replace(/[,\s%]/g, "").replace(/\(.*$/, ""));
}

export async function readoutText(page, name) {
  return (await page.locator(`[data-readout="${name}"]`).textContent()).trim();
}

/** Wait until the epoch readout reaches `atLeast`. */
export async function waitForEpoch(page, atLeast, timeout = 30_000) {
  await page.waitForFunction(
    (n) => {
      const text = document.querySelector('[data-readout="epoch"]')?.textContent ?? "";
      const epoch = Number(text.replace(/,/g, ""));
      return Number.isFinite(epoch) && epoch >= n;
    },
    atLeast,
    { timeout },
  );
  return readoutNumber(page, "epoch");
}

export async function statusText(page) {
  return (await page.locator("[data-status]").textContent()).trim();
}

/** How many runs the page has started (a new run = a restart of training). */
export async function runCount(page) {
  return Number(await page.locator("#transport").getAttribute("data-run-count"));
}

/**
 * Fraction of the chart's pixels that differ from its most common colour (the
 * background), and the number of distinct colours: a blank or single-colour canvas
 * scores 0 and 1.
 */
export async function canvasInk(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById("chart");
    const { width, height } = canvas;
    if (!width || !height) return { ink: 0, colours: 0, width, height };
    const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const background = Math.max(...counts.values());
    const pixels = width * height;
    return { ink: (pixels - background) / pixels, colours: counts.size, width, height };
  });
}

/** The lab chart's (compare, sweep) canvas pixels within a few levels of each CSS colour ("rgb(r, g, b)"). */
export async function labChartInkByColour(page, colours) {
  return page.evaluate((wanted) => {
    const canvas = document.querySelector(".lab-chart");
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    const targets = wanted.map((css) => css.match(/\d+/g).map(Number));
    const counts = targets.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      targets.forEach(([r, g, b], k) => {
        if (Math.abs(data[i] - r) <= 6 && Math.abs(data[i + 1] - g) <= 6 && Math.abs(data[i + 2] - b) <= 6) counts[k] += 1;
      });
    }
    return counts;
  }, colours);
}

export async function screenshot(page, name, options = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** The text of the element `selector` matches, once it is visible (a notice, a note). */
export async function visibleTextOf(page, selector) {
  const element = page.locator(selector);
  await element.waitFor({ state: "visible" });
  return element.textContent();
}

/**
 * Scroll the element `selector` matches into view (`block` as scrollIntoView takes it; no
 * selector: the top of the page), let the layout settle, and take a screenshot.
 */
export async function screenshotAt(page, selector, name, block = "center") {
  if (selector) await page.locator(selector).evaluate((element, at) => element.scrollIntoView({ block: at }), block);
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  return screenshot(page, name);
}

/** Current query parameters of the page's address. */
export async function pageParams(page) {
  return new URL(page.url()).searchParams;
}

/** Text of the whole page as a user would read it (includes alerts and readouts). */
export async function visibleText(page) {
  return page.evaluate(() => document.body.innerText);
}

/**
 * Every embedded figure (`<rnn-playground>`) of the page: its id, status pill, epoch
 * readout (0 before the first), run count and turn log (empty until the element is defined).
 */
export function embeddedFigures(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("rnn-playground")].map((element) => ({
      id: element.id,
      pill: element.shadowRoot?.querySelector("[data-status]")?.textContent ?? "",
      epoch: Number((element.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "").replace(/,/g, "")) || 0,
      runs: element.runCount,
      log: element.turnLog ?? [],
    })),
  );
}
