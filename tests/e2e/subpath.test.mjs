// `cargo xtask dist` output works from a sub-path of another site: every URL in the page
// is relative. `cargo xtask test` serves a dist build under /nested/playground/.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, collectErrors, useBrowser, waitForEpoch } from "./harness.mjs";

const SUBPATH_URL = process.env.E2E_SUBPATH_URL;

const browser = useBrowser();

test("the dist build trains when served from a sub-path", { skip: !SUBPATH_URL && "E2E_SUBPATH_URL not set" }, async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${SUBPATH_URL}?hidden=8`);
  await waitForEpoch(page, 3);
  assert.ok(new URL(page.url()).pathname.startsWith(new URL(SUBPATH_URL).pathname), "stays under the sub-path");
  assert.equal(new URL(page.url()).searchParams.get("hidden"), "8");
  await closeCleanly(page, errors);
});
