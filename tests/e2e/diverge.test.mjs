// A learning rate far too high must end in a clear "diverged" message, never a NaN.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, screenshot, statusText, useBrowser, visibleText } from "./harness.mjs";

const browser = useBrowser();

test("learning rate 10 without clipping shows the divergence message and no NaN", async () => {
  const { page, errors } = await openPlayground(browser.context, "?opt=sgd&lr=10&clip=0");
  const alert = page.locator("#alert");
  await alert.waitFor({ state: "visible", timeout: 60_000 });
  assert.equal(await statusText(page), "Diverged");
  assert.match(await alert.textContent(), /diverged/i);
  const text = await visibleText(page);
  assert.doesNotMatch(text, /NaN|Infinity/);
  // Nothing in the DOM (readouts, attributes) carries a NaN either.
  const html = await page.evaluate(() => document.body.outerHTML);
  assert.doesNotMatch(html, /NaN/);
  assert.equal(await page.locator('[data-action="play-pause"]').isDisabled(), true, "cannot resume a diverged run");
  await screenshot(page, "diverged");

  // The offered fix restarts with a smaller learning rate.
  await page.getByRole("button", { name: /divide the learning rate/i }).click();
  await page.waitForFunction(() => Number(new URL(location.href).searchParams.get("lr")) === 1);
  await closeCleanly(page, errors);
});
