// <rnn-playground> with the playground's other features: "inside the network" views under
// the figure (views="predictions"), and the lab modes (mode="compare"). The page is made up
// here and served from the fixture server's origin, with the assets at /assets/.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, collectErrors, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startStaticServer } from "./fixtures/static_server.mjs";

const server = useServer(startStaticServer);
const browser = useBrowser();

/** A page holding `body`; `errors` collects console errors, page errors and HTTP failures. */
async function openPage(name, body) {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  const url = `${server.origins[0]}/blog/made-up/${name}.html`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
        <link rel="icon" href="data:,"><script type="module" src="/assets/rnn-playground.js"></script>
        <style>body { max-width: 1100px; margin: 1rem auto; font: 16px/1.5 Georgia, serif; }</style></head>
        <body>${body}</body></html>`,
    }),
  );
  await page.goto(url);
  return { page, errors };
}

/** Fraction of non-background pixels and distinct colours of a canvas in a shadow root. */
function shadowCanvasInk(page, id, selector) {
  return page.evaluate(
    ([id, selector]) => {
      const canvas = document.getElementById(id).shadowRoot.querySelector(selector);
      if (!canvas || !canvas.width || !canvas.height) return { ink: 0, colours: 0 };
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      const counts = new Map();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const pixels = canvas.width * canvas.height;
      return { ink: (pixels - Math.max(...counts.values())) / pixels, colours: counts.size };
    },
    [id, selector],
  );
}

function noticeOf(page, id) {
  return page.evaluate((id) => {
    const box = document.getElementById(id).shadowRoot.querySelector("[data-notices]");
    return box && !box.hidden ? box.textContent.replace(/\s+/g, " ").trim() : null;
  }, id);
}

test('views="predictions" draws the predictions under the figure; a bad view name gets a notice', async () => {
  const { page, errors } = await openPage(
    "views",
    `<rnn-playground id="v" task="forecast" hidden="8" epochs="40" views="predictions" autoplay></rnn-playground>
     <rnn-playground id="bad" task="forecast" hidden="4" epochs="5" views="predictions,insides"></rnn-playground>`,
  );
  // The predictions view says which epoch its data is from; wait for trained data.
  await page.waitForFunction(
    () => {
      const status = document.getElementById("v").shadowRoot?.querySelector('[data-view="predictions"] [data-view-status]');
      const match = /epoch (\d+)/.exec(status?.textContent ?? "");
      return match && Number(match[1]) >= 1;
    },
    null,
    { timeout: 30_000 },
  );
  // The draw loop draws on a later frame (later still while drawing is slow): poll.
  let drawn = await shadowCanvasInk(page, "v", '[data-view="predictions"] canvas');
  for (const end = Date.now() + 10_000; drawn.ink <= 0.02 && Date.now() < end; ) {
    await page.waitForTimeout(100);
    drawn = await shadowCanvasInk(page, "v", '[data-view="predictions"] canvas');
  }
  assert.ok(drawn.ink > 0.02, `the predictions canvas has drawn pixels (${(drawn.ink * 100).toFixed(1)} %)`);
  assert.ok(drawn.colours > 8, `it uses several colours (${drawn.colours})`);
  const openViews = await page.evaluate(() =>
    [...document.getElementById("v").shadowRoot.querySelectorAll("[data-view]")].map((view) => view.dataset.view),
  );
  assert.deepEqual(openViews, ["predictions"], "only the asked-for view is shown");
  assert.equal(await noticeOf(page, "v"), null, "a known view gives no notice");

  const notice = await noticeOf(page, "bad");
  assert.ok(notice?.includes("insides"), `the bad view name is named in the notice: ${notice}`);
  assert.ok(!notice.includes('"predictions"'), "the good view is not complained about");
  await page.locator("#v").screenshot({ path: await screenshotPath(page, "embed-views-predictions") });
  await closeCleanly(page, errors);
});

test('mode="compare" cells="rnn,gru" trains two runs in the element', async () => {
  const { page, errors } = await openPage(
    "compare",
    `<rnn-playground id="cmp" mode="compare" cells="rnn,gru" task="forecast" hidden="8" epochs="30"></rnn-playground>`,
  );
  // Both runs report epochs in the element's table.
  await page.waitForFunction(
    () => {
      const rows = document.getElementById("cmp").shadowRoot?.querySelectorAll(".lab-compare-table tbody tr") ?? [];
      return (
        rows.length === 2 &&
        [...rows].every((row) => Number(row.dataset.epochs ?? 0) >= 2)
      );
    },
    null,
    { timeout: 40_000 },
  );
  const cells = await page.evaluate(() =>
    [...document.getElementById("cmp").shadowRoot.querySelectorAll(".lab-compare-table tbody tr")].map((row) => row.dataset.cell),
  );
  assert.deepEqual(cells, ["rnn", "gru"], "one row per asked-for cell, in order");
  const element = await page.evaluate(() => {
    const element = document.getElementById("cmp");
    return { query: element.query, runs: element.runCount, hasFigureChart: !!element.shadowRoot.querySelector("[data-chart]") };
  });
  assert.match(element.query, /(^|&)cells=rnn,gru(&|$)/, `the lab's canonical query keeps the cells: ${element.query}`);
  assert.equal(element.runs, 1, "mounted once");
  assert.equal(element.hasFigureChart, false, "the one-run figure is not built");
  const chart = await shadowCanvasInk(page, "cmp", ".lab-chart");
  assert.ok(chart.ink > 0.02, `the compare chart has drawn pixels (${(chart.ink * 100).toFixed(1)} %)`);
  assert.equal(await noticeOf(page, "cmp"), null, "cells= is a setting in compare mode, not a stray attribute");
  await page.locator("#cmp").screenshot({ path: await screenshotPath(page, "embed-mode-compare") });

  // The mode attribute is live too: back to one run, the lab's workers are gone.
  await page.evaluate(() => document.getElementById("cmp").setAttribute("mode", "play"));
  // Without autoplay the figure builds its run and waits for Play.
  await page.waitForFunction(() => {
    const element = document.getElementById("cmp");
    return element.shadowRoot.querySelector("[data-chart]") && element.state === "paused" && element.runCount === 1;
  });
  const single = await page.evaluate(() => ({
    lab: !!document.getElementById("cmp").shadowRoot.querySelector(".lab-compare-table"),
    query: document.getElementById("cmp").query,
  }));
  assert.equal(single.lab, false, "the compare table left with its mode");
  assert.match(single.query, /(^|&)hidden=8(&|$)/, `the one-run figure keeps the shared settings: ${single.query}`);
  await closeCleanly(page, errors);
});

test('mode="sweep" trains its grid in the element; views there get a notice', async () => {
  const { page, errors } = await openPage(
    "sweep",
    `<rnn-playground id="sw" mode="sweep" sweep_hidden="2,6" sweep_layers="1" workers="2" task="forecast" epochs="4" views="predictions"></rnn-playground>`,
  );
  await page.waitForFunction(
    () => document.getElementById("sw").shadowRoot?.querySelectorAll('.lab-sweep-table tbody tr[data-state="finished"]').length === 2,
    null,
    { timeout: 40_000 },
  );
  const grid = await page.evaluate(() =>
    [...document.getElementById("sw").shadowRoot.querySelectorAll(".lab-sweep-table tbody tr")].map((row) => Number(row.dataset.hidden)),
  );
  assert.deepEqual([...grid].sort((a, b) => a - b), [2, 6], "the grid is the asked-for sizes");
  const notice = await noticeOf(page, "sw");
  assert.ok(notice?.includes("views"), `views are not drawn in sweep mode, and the notice says so: ${notice}`);
  await closeCleanly(page, errors);
});

/** The artifacts path for a named screenshot (harness's screenshot() makes the folder). */
async function screenshotPath(page, name) {
  const file = await screenshot(page, `${name}-page`);
  return file.replace(/-page\.png$/, ".png");
}
