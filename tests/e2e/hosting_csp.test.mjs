// Strict hosting: the built site served with the Content-Security-Policy the README
// recommends (no inline script or style, no eval) runs the playground, a lab mode and an
// embedded figure without a single `securitypolicyviolation`; opened as a file, the pages
// say at once what to do instead of loading forever.

import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { closeCleanly, collectErrors, screenshot, useBrowser, useServer } from "./harness.mjs";
import { SITE_DIR, startHostingServer } from "./fixtures/hosting_server.mjs";

const server = useServer(startHostingServer);
const browser = useBrowser();

/** Open `url` with CSP violations and console errors (page and workers) collected. */
async function openStrict(url) {
  const page = await browser.context.newPage();
  const errors = collectErrors(page, { http: false });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  await page.goto(url);
  return { page, errors };
}

/** Violations seen by the page, plus any CSP complaint that only reached the console. */
async function violationsOf(page, errors) {
  const events = await page.evaluate(() => window.__violations);
  return [...events, ...errors.filter((e) => /Content Security Policy/i.test(e))];
}

test("the playground trains and opens a view under the strict CSP with no violation", async () => {
  const { page, errors } = await openStrict(`${server.origin}/site/index.html`);
  await page.waitForFunction(() => Number(document.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, "")) >= 3, null, {
    timeout: 60_000,
  });
  await page.locator('[data-view-toggle="predictions"]').check();
  await page.waitForSelector('[data-view="predictions"]:not([hidden])');
  // The views' stylesheet is adopted, not injected: their grid layout applies.
  const display = await page.evaluate(() => getComputedStyle(document.querySelector(".rv-panels")).display);
  assert.equal(display, "grid", "the views' styles apply under the CSP");
  await page.waitForTimeout(1000);
  assert.deepEqual(await violationsOf(page, errors), []);
  await closeCleanly(page, errors);
});

test("compare mode trains with coloured swatches and no violation", async () => {
  const { page, errors } = await openStrict(`${server.origin}/site/index.html?mode=compare&cells=rnn,gru&task=forecast&hidden=4&epochs=20`);
  await page.waitForFunction(() => document.querySelectorAll(".lab-compare-table tbody tr").length >= 2, null, { timeout: 60_000 });
  await page.waitForFunction(() => [...document.querySelectorAll("[data-status]")].some((s) => s.dataset.state !== "loading"), null, {
    timeout: 60_000,
  });
  // A style= attribute would be blocked and leave the swatch transparent.
  const swatches = await page.evaluate(() =>
    [...document.querySelectorAll(".lab-swatch")].map((s) => getComputedStyle(s).backgroundColor),
  );
  assert.ok(swatches.length >= 2, "the compare table has swatches");
  for (const colour of swatches) assert.notEqual(colour, "rgba(0, 0, 0, 0)", "each swatch has its colour");
  await page.waitForTimeout(1500);
  assert.deepEqual(await violationsOf(page, errors), []);
  await closeCleanly(page, errors);
});

test("the article's live figures train under the strict CSP with no violation", async () => {
  const { page, errors } = await openStrict(`${server.origin}/site/article.html`);
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("rnn-playground")].some((fig) => {
        const epoch = fig.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
        return Number(epoch.replace(/,/g, "")) >= 2;
      }),
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(1000);
  assert.deepEqual(await violationsOf(page, errors), []);
  await closeCleanly(page, errors);
});

test("an embedded figure with a view trains under the strict CSP with no violation", async () => {
  const { page, errors } = await openStrict(`${server.origin}/pages/figure.html`);
  await page
    .waitForFunction(
      () => {
        const epoch = document.getElementById("fig").shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
        return Number(epoch.replace(/,/g, "")) >= 3;
      },
      null,
      { timeout: 60_000 },
    )
    .catch((error) => {
      throw new Error(`${error.message}; errors: ${errors.join(" | ")}`);
    });
  const styled = await page.evaluate(() => {
    const shadow = document.getElementById("fig").shadowRoot;
    return shadow.adoptedStyleSheets.length;
  });
  assert.ok(styled >= 2, `the figure adopted its stylesheet and the views' (${styled})`);
  await page.waitForTimeout(1000);
  assert.deepEqual(await violationsOf(page, errors), []);
  await closeCleanly(page, errors);
});

for (const file of ["index.html", "article.html", "embed.html"]) {
  test(`${file} opened as a file explains within two seconds what to do`, async () => {
    const page = await browser.context.newPage();
    const opened = Date.now();
    await page.goto(pathToFileURL(path.join(SITE_DIR, file)).href);
    const notice = page.getByRole("alert").filter({ hasText: "opened as a file" });
    await notice.waitFor({ timeout: 2000 });
    const text = await notice.innerText();
    assert.ok(Date.now() - opened < 2000, "the explanation came within two seconds");
    assert.match(text, /rnn-playground-offline\.html/, "it names the offline file");
    assert.match(text, /serve this folder/, "it says to serve the folder");
    if (file === "index.html") {
      assert.equal((await page.locator("[data-status]").innerText()).trim(), "Cannot start", "no Loading… forever");
      await screenshot(page, "hosting-file-url");
    }
    await page.close();
  });
}
