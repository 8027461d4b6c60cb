// Every control is labelled, described and reachable from the keyboard.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, openPlayground, useBrowser, waitForEpoch } from "./harness.mjs";

const browser = useBrowser();

test("every control has a label and help text", async () => {
  const { page, errors } = await openPlayground(browser.context, "task=text");
  await waitForEpoch(page, 1, 60_000);
  const problems = await page.evaluate(() => {
    const found = [];
    for (const input of document.querySelectorAll("main input, main select, main textarea")) {
      const name = input.id || input.name;
      const labelled = input.labels?.length > 0 || input.getAttribute("aria-label");
      if (!labelled) found.push(`${name}: no label`);
      const describedHost = input.type === "radio" ? input.closest("fieldset") : input;
      if (input.type === "checkbox") continue;
      const describedBy = describedHost?.getAttribute("aria-describedby");
      if (!describedBy || !document.getElementById(describedBy)?.textContent.trim()) {
        found.push(`${name}: no help text`);
      }
    }
    return found;
  });
  assert.deepEqual(problems, []);
  assert.equal(await page.locator("[aria-live=polite]").count(), 1, "one polite live region");
  await closeCleanly(page, errors);
});

test("the summary for screen readers speaks the losses", async () => {
  const { page, errors } = await openPlayground(browser.context);
  await page.waitForFunction(() => /validation loss/.test(document.getElementById("live-summary").textContent), null, {
    timeout: 15_000,
  });
  const summary = await page.locator("#live-summary").textContent();
  assert.match(summary, /^Epoch \d+: training loss [\d.e+-]+, validation loss [\d.e+-]+\./);
  await closeCleanly(page, errors);
});

test("the transport and headline sliders are reachable with Tab", async () => {
  const { page, errors } = await openPlayground(browser.context);
  await waitForEpoch(page, 1);
  const reached = new Set();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.action || ""));
  }
  for (const id of ["play-pause", "step", "reset", "log-scale", "ctl-hidden", "ctl-layers"]) {
    assert.ok(reached.has(id), `Tab reaches ${id} (reached: ${[...reached].join(", ")})`);
  }
  await closeCleanly(page, errors);
});
