// The URL is the run: garbage is clamped or defaulted with a visible notice, and a
// canonical URL reproduces the controls exactly.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, pageParams, screenshot, useBrowser, visibleText, visibleTextOf, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

test("garbage in the URL shows a notice and still trains", async () => {
  const { page, errors } = await openPlayground(browser.context, "?hidden=abc&layers=99&zzz=1");
  const text = await visibleTextOf(page, "#notices");
  for (const key of ["hidden", "layers", "zzz"]) assert.match(text, new RegExp(key), `notice mentions ${key}`);
  await waitForEpoch(page, 3);

  // The address now holds the repaired, complete configuration.
  await page.waitForFunction(() => new URL(location.href).searchParams.get("layers") !== "99");
  const params = await pageParams(page);
  assert.equal(params.get("zzz"), null, "unknown keys are dropped");
  assert.equal(params.get("layers"), "4", "layers clamped to its maximum");
  assert.match(params.get("hidden"), /^\d+$/, "hidden defaulted to a number");
  assert.equal(await page.locator("#out-layers").textContent(), "4");
  await screenshot(page, "url-notice");
  assert.doesNotMatch(await visibleText(page), /NaN/);

  await page.getByRole("button", { name: "Dismiss this notice" }).click();
  await page.locator("#notices").waitFor({ state: "hidden" });
  await closeCleanly(page, errors);
});

test("a URL reproduces its settings in the controls", async () => {
  const query = "task=forecast&cell=gru&hidden=7&layers=2&lr=0.003&seed=42&logy=1";
  const { page, errors } = await openPlayground(browser.context, query);
  await waitForEpoch(page, 2);
  assert.equal(await page.locator("#notices").isVisible(), false, "no notice for a valid URL");
  assert.equal(await page.locator("#out-hidden").textContent(), "7");
  assert.equal(await page.locator("#out-layers").textContent(), "2");
  assert.equal(await page.locator("#out-lr").textContent(), "0.003");
  assert.equal(await page.locator("#ctl-seed").inputValue(), "42");
  assert.equal(await page.locator("#ctl-cell-gru").isChecked(), true);
  assert.equal(await page.locator("#log-scale").isChecked(), true);
  const params = await pageParams(page);
  for (const [key, value] of new URLSearchParams(query)) {
    assert.equal(Number(params.get(key)) || params.get(key), Number(value) || value, `${key} kept`);
  }
  await closeCleanly(page, errors);
});
