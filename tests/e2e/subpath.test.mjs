// `cargo xtask dist` output works from a sub-path of another site: every URL in the page
// is relative. `cargo xtask test` serves a dist build under /nested/playground/.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, waitForEpoch } from "./harness.mjs";

const SUBPATH_URL = process.env.E2E_SUBPATH_URL;

let browser;
before(async () => {
  if (SUBPATH_URL) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("the dist build trains when served from a sub-path", { skip: !SUBPATH_URL && "E2E_SUBPATH_URL not set" }, async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
  await page.goto(`${SUBPATH_URL}?hidden=8`);
  await waitForEpoch(page, 3);
  assert.ok(new URL(page.url()).pathname.startsWith(new URL(SUBPATH_URL).pathname), "stays under the sub-path");
  assert.equal(new URL(page.url()).searchParams.get("hidden"), "8");
  assert.deepEqual(errors, []);
  await page.close();
});
