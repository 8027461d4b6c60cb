// Fault injection: every file the playground loads answers 404 or arrives cut short, and a
// training worker closes itself mid-run. Each case must end in a message within a few
// seconds with a way out that works (Reload, or Reset once the file is back).

import assert from "node:assert/strict";
import { test } from "node:test";
import { collectErrors, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startHostingServer } from "./fixtures/hosting_server.mjs";

const server = useServer(startHostingServer);
const browser = useBrowser();

// The injected failures are expected to be logged; anything else is not.
const EXPECTED_CONSOLE = [/Failed to load|404|did not load|could not load|SyntaxError|Unexpected|CompileError|not a usable|stopped|failed to fetch|import/i];

// Small and fast, so a recovered page trains at once.
const QUERY = "?task=forecast&hidden=8&len=16&train=64&epochs=10000";

const FILES = {
  "page module app.js": { path: "/site/app.js", title: /could not load/, way: "Reload" },
  "page entry main.js": { path: "/site/main.js", title: /could not load/, way: "Reload" },
  "page glue": { path: "/site/pkg/rnn_playground.js", title: /could not load/, way: "Reload" },
  "page wasm": { path: "/site/pkg/rnn_playground_bg.wasm", title: /stopped working/, way: "Reload" },
  "worker script": { path: "/site/worker.js", title: /training worker could not run/, way: "Reset" },
  "worker glue": { path: "/site/pkg/rnn_playground_worker.js", title: /training worker could not run/, way: "Reset" },
  "worker wasm": { path: "/site/pkg/rnn_playground_worker_bg.wasm", title: /training worker could not run/, way: "Reset" },
};

async function alertShown(page) {
  await page.locator("#alert").waitFor({ state: "visible", timeout: 15_000 });
  return {
    title: await page.locator("[data-alert-title]").textContent(),
    message: await page.locator("[data-alert-message]").textContent(),
    actions: await page.locator("[data-alert-actions] button").allTextContents(),
  };
}

for (const [name, file] of Object.entries(FILES)) {
  for (const fault of ["fail", "truncate"]) {
    test(`${name} ${fault === "fail" ? "missing (404)" : "cut short"}: a message and a way out`, async () => {
      server.fail.clear();
      server.truncate.clear();
      server[fault].add(file.path);
      const page = await browser.context.newPage();
      const errors = collectErrors(page, { allowConsole: EXPECTED_CONSOLE, http: false });
      const opened = Date.now();
      await page.goto(`${server.origin}/site/${QUERY}`);
      const shown = await alertShown(page);
      const ms = Date.now() - opened;
      console.log(`${name} ${fault}: "${shown.title}" after ${ms} ms; actions ${shown.actions.join(", ")}`);
      await screenshot(page, `fault-${file.path.split("/").pop()}-${fault}`);
      assert.match(shown.title, file.title);
      assert.ok(shown.message.length > 20, "the message says what happened");
      assert.ok(shown.actions.includes(file.way), `offers ${file.way}: ${shown.actions}`);
      assert.ok(ms < 10_000, `message within the bound (${ms} ms)`);
      assert.notEqual((await page.locator("[data-status]").textContent()).trim(), "Loading…");

      // The file comes back: the way out works.
      server.fail.clear();
      server.truncate.clear();
      const recovered = Date.now();
      await page.locator("[data-alert-actions] button", { hasText: file.way }).click();
      await page.waitForFunction(
        // The reloading page may not have its readouts yet.
        () => Number(document.querySelector('[data-readout="epoch"]')?.textContent.replace(/,/g, "") ?? 0) >= 1,
        null,
        { timeout: 60_000 },
      );
      console.log(`${name} ${fault}: ${file.way} trained again after ${Date.now() - recovered} ms`);
      // A file cut short is a syntax error the browser reports itself: that is the fault.
      // (Which message depends on where the cut falls: "Unexpected end of input", "missing )".)
      const injected = (error) => fault === "truncate" && /^uncaught: .*(unexpected|invalid|missing|unterminated)/i.test(error);
      assert.deepEqual(errors.filter((error) => !injected(error)), []);
      await page.close();
    });
  }
}

test("a worker script still missing: Reset says so again instead of hanging on Starting…", async () => {
  server.fail.clear();
  server.truncate.clear();
  server.fail.add("/site/worker.js");
  const page = await browser.context.newPage();
  collectErrors(page, { allowConsole: EXPECTED_CONSOLE, http: false });
  await page.goto(`${server.origin}/site/${QUERY}`);
  await alertShown(page);
  await page.locator("[data-alert-actions] button", { hasText: "Reset" }).click();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Error", null, {
    timeout: 10_000,
  });
  assert.match(await page.locator("[data-alert-title]").textContent(), /training worker could not run/);
  server.fail.clear();
  await page.close();
});

test("a worker that closes itself mid-run is noticed, and Reset trains again", async () => {
  server.fail.clear();
  server.truncate.clear();
  const page = await browser.context.newPage();
  const errors = collectErrors(page, { allowConsole: EXPECTED_CONSOLE, http: false });
  await page.goto(`${server.origin}/site/${QUERY}`);
  await page.waitForFunction(
    () => Number(document.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, "")) >= 2,
    null,
    { timeout: 60_000 },
  );
  const [worker] = page.workers();
  const closed = Date.now();
  await worker.evaluate(() => self.close());
  const shown = await alertShown(page);
  const ms = Date.now() - closed;
  console.log(`closed worker: "${shown.title}" after ${ms} ms`);
  await screenshot(page, "fault-worker-closed");
  assert.match(shown.message, /stopped answering/);
  assert.ok(ms < 3000, `noticed within the bound, the issue's 3 s (${ms} ms)`);
  assert.equal((await page.locator("[data-status]").textContent()).trim(), "Error");
  await page.locator("[data-alert-actions] button", { hasText: "Reset" }).click();
  await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Training");
  await page.waitForFunction(
    () => Number(document.querySelector('[data-readout="epoch"]').textContent.replace(/,/g, "")) >= 1,
    null,
    { timeout: 60_000 },
  );
  assert.deepEqual(errors, []);
  await page.close();
});
