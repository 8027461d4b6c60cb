// A crash inside the wasm trainer (a Rust panic surfaces as WebAssembly.RuntimeError)
// reaches the page as a readable message with Reset, and Reset trains again: the page
// never freezes. The crash is injected by serving the wasm glue with a patched run_for.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, screenshot, statusText, useBrowser, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

// Appended to the glue module: the worker's fifth slice throws as a panic would, once per
// worker (the re-imported glue after recovery must train normally).
const INJECT_PANIC = `
{
  const runFor = TrainerHandle.prototype.run_for;
  let calls = 0;
  TrainerHandle.prototype.run_for = function (budget) {
    calls += 1;
    if (calls === 5 && !globalThis.__injectedPanic) {
      globalThis.__injectedPanic = true;
      throw new WebAssembly.RuntimeError("unreachable (injected by the test)");
    }
    return runFor.call(this, budget);
  };
}
`;

test("a panic in the worker shows a message and Reset recovers", async () => {
  const context = browser.context;
  await context.route(/\/pkg\/rnn_playground_worker\.js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()) + INJECT_PANIC;
    await route.fulfill({ response, body });
  });
  try {
    const { page, errors } = await openPlayground(context);
    const alert = page.locator("#alert");
    await alert.waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await statusText(page), "Error");
    assert.match(await alert.textContent(), /crashed while training/);
    await screenshot(page, "worker-crash");

    // The page still responds, and Reset builds a new run on a fresh wasm instance.
    await alert.getByRole("button", { name: "Reset" }).click();
    await alert.waitFor({ state: "hidden" });
    await page.waitForFunction(() => document.querySelector("[data-status]").textContent === "Training");
    const before = Number((await page.locator('[data-readout="epoch"]').textContent()).replace(/\D/g, "")) || 0;
    await waitForEpoch(page, before + 3);
    await closeCleanly(page, errors);
  } finally {
    await context.unroute(/\/pkg\/rnn_playground_worker\.js(\?.*)?$/);
  }
});
