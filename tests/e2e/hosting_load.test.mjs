// Loading on a blog: seven figures on one page fetch and compile each wasm module once (the
// page hands the compiled worker module to every worker) and still train independently;
// the content written inside <rnn-playground> shows until the figure starts; a figure whose
// wasm is missing says which file and why.

import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { ARTIFACTS, closeCleanly, useBrowser, useServer } from "./harness.mjs";
import { startHostingServer } from "./fixtures/hosting_server.mjs";

const server = useServer(startHostingServer);
const browser = useBrowser({ viewport: { width: 1280, height: 2400 } });

const PAGE_WASM = "/site/pkg/rnn_playground_bg.wasm";
const WORKER_WASM = "/site/pkg/rnn_playground_worker_bg.wasm";

/** Each figure's epoch and parameter count, read from its shadow root. */
function figures(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("rnn-playground")].map((element) => {
      const read = (name) =>
        Number((element.shadowRoot?.querySelector(`[data-readout="${name}"]`)?.textContent ?? "").replace(/[,\s]/g, ""));
      return { id: element.id, state: element.state, epoch: read("epoch"), params: read("params") };
    }),
  );
}

test("seven figures: each wasm fetched once, the worker's compiled once, every figure trains", async () => {
  server.requests.clear();
  const page = await browser.context.newPage();
  const errors = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  const workers = [];
  page.on("worker", (worker) => workers.push(worker));
  // Count compilations in the page (workers only compile when the page could not).
  await page.addInitScript(() => {
    window.__compiles = 0;
    for (const name of ["compile", "compileStreaming", "instantiate", "instantiateStreaming"]) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        if (!(args[0] instanceof WebAssembly.Module)) window.__compiles += 1;
        return original.apply(this, args);
      };
    }
  });
  const opened = Date.now();
  await page.goto(`${server.origin}/pages/seven.html`);
  await page.waitForFunction(
    () => [...document.querySelectorAll("rnn-playground")].every((element) => {
      const text = element.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
      return Number(text.replace(/,/g, "")) >= 1;
    }),
    null,
    { timeout: 120_000 },
  );
  console.log(`seven figures: every one plotted an epoch after ${Date.now() - opened} ms`);
  const first = await figures(page);
  await page.waitForTimeout(1500);
  const later = await figures(page);

  assert.equal(server.requests.get(PAGE_WASM), 1, "the page's wasm is fetched once");
  assert.equal(server.requests.get(WORKER_WASM), 1, "the worker's wasm is fetched once for seven workers");
  assert.equal(await page.evaluate(() => window.__compiles), 2, "two compilations: the page's module and the worker's");
  assert.equal(workers.length, 7, "one worker per figure");
  assert.equal(new Set(later.map((f) => f.params)).size, 7, "seven different networks (hidden 2..8)");
  for (const [i, figure] of later.entries()) {
    assert.ok(figure.epoch > first[i].epoch || figure.state === "finished", `${figure.id} keeps training on its own`);
  }
  await closeCleanly(page, errors);
});

test("the fallback content shows until the figure starts, then gives way", async () => {
  const page = await browser.context.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  // Hold the page's wasm back: the figure cannot start until it arrives.
  await page.route(`**${PAGE_WASM}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.origin}/pages/figure.html`);
  const fallback = page.locator("[data-fallback]");
  await fallback.waitFor({ state: "visible", timeout: 10_000 });
  release();
  // `state` is undefined until the element is defined (its modules load after the page).
  await page.waitForFunction(() => ![undefined, "loading"].includes(document.getElementById("fig").state), null, { timeout: 60_000 });
  assert.equal(await fallback.isVisible(), false, "the figure replaced the fallback");
  await page.close();
});

for (const [file, where] of [
  [WORKER_WASM, "the worker's wasm"],
  [PAGE_WASM, "the page's wasm"],
]) {
  test(`a figure names the file and the cause when ${where} is missing`, async () => {
    server.fail.add(file);
    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.origin}/pages/figure.html`);
      const name = file.split("/").pop();
      const text = await page.waitForFunction(
        (name) => {
          const text = document.getElementById("fig").shadowRoot?.textContent ?? "";
          return text.includes(name) ? text : false;
        },
        name,
        { timeout: 30_000 },
      );
      const shown = await text.jsonValue();
      assert.match(shown, /HTTP 404/, "it gives the status");
      assert.match(shown, /missing/, "it says the likely cause");
      if (file === PAGE_WASM) {
        assert.equal(await page.locator("[data-fallback]").isVisible(), true, "the fallback content stays under the message");
      }
      await mkdir(ARTIFACTS, { recursive: true });
      await page.locator("#fig").screenshot({ path: path.join(ARTIFACTS, `hosting-missing-${name}.png`) });
    } finally {
      server.fail.delete(file);
      await page.close();
    }
  });
}
