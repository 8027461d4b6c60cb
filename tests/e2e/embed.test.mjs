// <rnn-playground> on pages that are not the playground: fixture pages of a pretend blog
// at /blog/post/ load the figure from /assets/ (another path, or another origin), so
// every asset must resolve from the script's own URL. Figures on one page are
// independent, train only while visible, and a mistyped attribute stays a local notice.

import assert from "node:assert/strict";
import { test } from "node:test";
import { closeCleanly, collectErrors, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startStaticServer } from "./fixtures/static_server.mjs";

const server = useServer(startStaticServer);
const browser = useBrowser();

// A page's collected errors, so a wait that times out can say what went wrong.
const pageErrors = new WeakMap();

/** Open a fixture page; `errors` collects console errors, page errors and HTTP failures. */
async function openFixture(url, { allowConsole = [] } = {}) {
  const page = await browser.context.newPage();
  const errors = collectErrors(page, { allowConsole });
  pageErrors.set(page, errors);
  const workers = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  await page.goto(url);
  return { page, errors, workers };
}

/** What a figure shows: its state, runs, readouts and settings. */
function figure(page, id) {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    const shadow = element.shadowRoot;
    const text = (selector) => shadow.querySelector(selector)?.textContent.trim() ?? null;
    const number = (name) => Number(text(`[data-readout="${name}"]`).replace(/[,\s]/g, "").replace(/\(.*$/, ""));
    return {
      state: element.state,
      runs: element.runCount,
      query: element.query,
      epoch: number("epoch"),
      train: number("train"),
      val: number("val"),
      params: number("params"),
      hiddenShown: text("#out-hidden"),
      notice: shadow.querySelector("[data-notices]")?.hidden === false ? text("[data-notices]") : null,
      link: shadow.querySelector("[data-open-link]")?.href ?? null,
      height: element.getBoundingClientRect().height,
    };
  }, id);
}

function waitForFigure(page, id, predicate, arg, timeout = 30_000) {
  return page.waitForFunction(
    ({ id, source, arg }) => {
      const element = document.getElementById(id);
      const epochText = element?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
      const epoch = Number(epochText.replace(/,/g, ""));
      return new Function("element", "epoch", "arg", `return (${source})(element, epoch, arg);`)(element, epoch, arg);
    },
    { id, source: predicate.toString(), arg },
    { timeout },
  ).catch((error) => {
    throw new Error(`${error.message}\n(figure #${id}; page errors so far: ${JSON.stringify(pageErrors.get(page) ?? [])})`);
  });
}

const epochAtLeast = (element, epoch, n) => Number.isFinite(epoch) && epoch >= n;

/** Fraction of pixels that differ between two figures' canvases (same size expected). */
function canvasDifference(page, idA, idB) {
  return page.evaluate(
    ([a, b]) => {
      const pixels = (id) => {
        const canvas = document.getElementById(id).shadowRoot.querySelector("canvas");
        return { w: canvas.width, h: canvas.height, data: canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data };
      };
      const pa = pixels(a);
      const pb = pixels(b);
      if (pa.w !== pb.w || pa.h !== pb.h) return { sameSize: false, difference: 1 };
      let differing = 0;
      for (let i = 0; i < pa.data.length; i += 4) {
        if (pa.data[i] !== pb.data[i] || pa.data[i + 1] !== pb.data[i + 1] || pa.data[i + 2] !== pb.data[i + 2]) differing++;
      }
      return { sameSize: true, difference: differing / (pa.w * pa.h) };
    },
    [idA, idB],
  );
}

test("two figures train independently, from another path; a third waits until scrolled into view", async () => {
  const origin = server.origins[0];
  const { page, errors, workers } = await openFixture(`${origin}/blog/post/two-figures.html`);
  await waitForFigure(page, "a", epochAtLeast, 5);
  await waitForFigure(page, "b", epochAtLeast, 5);
  const a = await figure(page, "a");
  const b = await figure(page, "b");
  assert.match(a.query, /(^|&)hidden=4(&|$)/);
  assert.match(b.query, /(^|&)cell=gru(&|$)/);
  assert.match(b.query, /(^|&)hidden=12(&|$)/);
  assert.notEqual(a.params, b.params, "different models");
  assert.ok(a.params > 0 && b.params > 0);
  assert.ok(a.val !== b.val || a.train !== b.train, `different losses (${a.train}/${a.val} vs ${b.train}/${b.val})`);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const drawn = await canvasDifference(page, "a", "b");
  assert.ok(drawn.sameSize, "both charts get the same width in the two-column layout");
  assert.ok(drawn.difference > 0.02, `the two charts differ (${(drawn.difference * 100).toFixed(1)} % of pixels)`);

  // The page's loud CSS (red 30px buttons, green canvas borders) stays out of the figure.
  const styles = await page.evaluate(() => {
    const shadow = document.getElementById("a").shadowRoot;
    const button = getComputedStyle(shadow.querySelector("button"));
    return { background: button.backgroundColor, fontSize: button.fontSize, canvasBorder: getComputedStyle(shadow.querySelector("canvas")).borderTopWidth };
  });
  assert.notEqual(styles.background, "rgb(255, 0, 0)");
  assert.notEqual(styles.fontSize, "30px");
  assert.equal(styles.canvasBorder, "0px");

  // The third figure is far below the fold: no worker, no run, no epochs.
  const below = await figure(page, "c");
  assert.equal(below.runs, 0, "nothing started below the fold");
  assert.ok(Number.isNaN(below.epoch), "no epoch shown below the fold");
  assert.equal(workers.length, 2, `one worker per visible figure (${workers.length})`);
  assert.ok(workers.every((url) => url === `${origin}/assets/worker.js`), `workers come from the script's folder: ${workers}`);

  // A control in one figure restarts that figure only.
  const bRunsBefore = b.runs;
  const bQueryBefore = b.query;
  const slider = page.locator("#a").getByLabel("Hidden units", { exact: true });
  await slider.focus();
  await slider.press("ArrowRight");
  await slider.press("ArrowRight");
  await waitForFigure(page, "a", (element) => element.runCount >= 2 && /(^|&)hidden=6(&|$)/.test(element.query));
  await waitForFigure(page, "a", epochAtLeast, 2);
  const aChanged = await figure(page, "a");
  const bAfter = await figure(page, "b");
  assert.equal(aChanged.hiddenShown, "6");
  assert.ok(aChanged.params > a.params, `more units, more parameters (${a.params} → ${aChanged.params})`);
  assert.equal(bAfter.runs, bRunsBefore, "the other figure did not restart");
  assert.equal(bAfter.query, bQueryBefore, "the other figure kept its settings");
  assert.equal(bAfter.hiddenShown, "12");
  assert.equal(bAfter.params, b.params);
  // The way out carries the figure's current settings, next to the script, not the page.
  const link = new URL(aChanged.link);
  assert.equal(`${link.origin}${link.pathname}`, `${origin}/assets/index.html`);
  assert.equal(link.searchParams.get("hidden"), "6");
  assert.equal(link.searchParams.get("task"), "forecast");

  // Scrolled into view, the third figure starts; the first two leave the screen and pause.
  await page.locator("#c").scrollIntoViewIfNeeded();
  await waitForFigure(page, "c", epochAtLeast, 3);
  // Every live worker holds a training slot: figures that gave theirs back start a new one.
  const slots = await page.evaluate(async () => (await import("/assets/embed/figure_slots.js")).TRAINING_SLOTS);
  assert.ok(workers.length >= 3, `the third figure got its own worker (${workers.length} started)`);
  assert.ok(page.workers().length <= slots, `${page.workers().length} live workers, ${slots} slots`);
  await waitForFigure(page, "a", (element) => ["paused", "finished"].includes(element.state));
  const aAway = await figure(page, "a");
  await page.waitForTimeout(600);
  assert.equal((await figure(page, "a")).epoch, aAway.epoch, "a figure out of view does not train");
  const noControls = await page.evaluate(() => document.getElementById("c").shadowRoot.querySelector("[data-controls]").hidden);
  assert.equal(noControls, true, 'controls="none" shows no controls');
  await screenshot(page, "embed-two-figures-scrolled");

  // Without autoplay the figure builds its run when seen, then waits for Play.
  await page.locator("#d").scrollIntoViewIfNeeded();
  await waitForFigure(page, "d", (element) => element.state === "paused");
  await page.waitForTimeout(400);
  const waiting = await figure(page, "d");
  assert.equal(waiting.runs, 1);
  assert.equal(waiting.epoch, 0, "no epoch before Play (the readout counts from 0, its steps beside it)");
  assert.ok(waiting.params > 0, "the network is built and counted");
  await page.locator("#d").getByRole("button", { name: "Resume training" }).click();
  await waitForFigure(page, "d", epochAtLeast, 3);
  // Its link carries the log scale and the views it cannot draw yet.
  const dLink = new URL((await figure(page, "d")).link);
  assert.equal(dLink.searchParams.get("logy"), "1");
  assert.equal(dLink.searchParams.get("views"), "predictions");
  await closeCleanly(page, errors);
});

test("the figure trains when its script comes from another origin (a CDN with CORS)", async () => {
  const [pageOrigin, assetOrigin] = server.origins;
  const { page, errors, workers } = await openFixture(`${pageOrigin}/blog/post/cross-origin.html?assets=${assetOrigin}/assets/`);
  await waitForFigure(page, "remote", epochAtLeast, 3);
  const remote = await figure(page, "remote");
  assert.match(remote.query, /(^|&)hidden=3(&|$)/);
  assert.ok(remote.params > 0);
  // Workers must be same-origin with the page: a blob worker imports the remote worker.js.
  assert.equal(workers.length, 1);
  assert.match(workers[0], new RegExp(`^blob:${pageOrigin}/`));
  assert.equal(new URL(remote.link).origin, assetOrigin, "the playground link points at the asset host");
  await closeCleanly(page, errors);
});

test("bad attributes give that figure a notice; it and its neighbour still train", async () => {
  const { page, errors } = await openFixture(`${server.origins[0]}/blog/post/bad-attributes.html`);
  await waitForFigure(page, "bad", epochAtLeast, 3);
  await waitForFigure(page, "good", epochAtLeast, 3);
  const bad = await figure(page, "bad");
  const good = await figure(page, "good");
  assert.ok(bad.notice, "the bad figure shows a notice");
  for (const word of ["hidden", "layers", "hiden", "bogus", "nonsense", "mode", "aspect"]) {
    assert.ok(bad.notice.includes(word), `the notice names ${word}: ${bad.notice}`);
  }
  for (const word of ["class", "data-note", "autoplay", "epochs"]) {
    assert.ok(!bad.notice.includes(word), `the notice leaves ${word} alone`);
  }
  assert.equal(good.notice, null, "the neighbour has no notice");
  assert.match(bad.query, /(^|&)layers=1(&|$)/, "layers clamped to 1");
  assert.match(bad.query, /(^|&)hidden=64(&|$)/, "hidden units fell back to the preset");
  // `hidden` is a setting here, not the HTML attribute that hides elements.
  assert.ok(bad.height > 200 && good.height > 200, `figures are shown (${bad.height}, ${good.height})`);
  await screenshot(page, "embed-bad-attributes");

  // Attributes are live: fixing one restarts the figure with it, and its notice goes.
  await page.evaluate(() => document.getElementById("bad").setAttribute("hidden", "5"));
  await waitForFigure(page, "bad", (element) => element.runCount >= 2 && /(^|&)hidden=5(&|$)/.test(element.query));
  const fixed = await figure(page, "bad");
  assert.ok(!/hidden:/.test(fixed.notice ?? ""), `no notice about hidden any more: ${fixed.notice}`);
  assert.ok(fixed.notice.includes("hiden"), "the other problems are still listed");
  assert.equal((await figure(page, "good")).runs, good.runs, "the neighbour did not restart");
  await closeCleanly(page, errors);
});

test("iframe embeds post their height to * or to parent_origin only, and train", async () => {
  const [pageOrigin, assetOrigin] = server.origins;
  // The frames come from another origin, as on a blog host that only allows iframes.
  const { page, errors } = await openFixture(`${pageOrigin}/blog/post/iframes.html?assets=${assetOrigin}/assets/`, {
    // Chromium logs the delivery it refused: that is the point of parent_origin.
    allowConsole: [/target origin provided \('https:\/\/elsewhere\.example'\) does not match/],
  });
  await page.waitForFunction(() => ["plain", "right"].every((id) => window.heightMessages.some((m) => m.frame === id)));
  const plainFrame = page.frameLocator("#plain");
  await plainFrame.locator("rnn-playground").waitFor();
  await page.frame({ url: /id=plain/ }).waitForFunction(() => {
    const text = document.querySelector("rnn-playground")?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
    return Number(text) >= 3;
  });
  await page.waitForTimeout(800); // let late layout changes post their heights
  const result = await page.evaluate(() => {
    const last = (frame) => window.heightMessages.filter((m) => m.frame === frame).at(-1);
    return {
      plain: last("plain"),
      right: last("right"),
      wrong: last("wrong"),
      plainHeight: document.getElementById("plain").getBoundingClientRect().height,
    };
  });
  assert.equal(result.plain.id, "plain", "the message echoes the frame's id");
  assert.equal(result.right.id, "right");
  assert.equal(result.wrong, undefined, "a frame told to post to another origin never reaches this page");
  assert.ok(result.plain.height > 250, `a figure's height, not the iframe's default 150 (${result.plain.height})`);
  assert.equal(Math.round(result.plainHeight), result.plain.height, "the parent snippet sized the iframe");
  const inner = await page.frame({ url: /id=plain/ }).evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  assert.equal(inner, result.plain.height, "the posted height is the embed document's height");
  await screenshot(page, "embed-iframes");
  await closeCleanly(page, errors);
});

// `cargo xtask test` also serves a `cargo xtask dist` build under /nested/playground/ on
// another port: its embed.html must work from there (the dist copies every embed file).
const SUBPATH_URL = process.env.E2E_SUBPATH_URL;

test("the dist build's embed.html trains in an iframe from its sub-path", { skip: !SUBPATH_URL && "E2E_SUBPATH_URL not set" }, async () => {
  const { page, errors } = await openFixture(`${server.origins[0]}/blog/post/iframes.html?assets=${encodeURIComponent(SUBPATH_URL)}`, {
    allowConsole: [/target origin provided \('https:\/\/elsewhere\.example'\) does not match/],
  });
  await page.waitForFunction(() => window.heightMessages.some((m) => m.frame === "plain" && m.height > 250));
  const inner = page.frame({ url: /id=plain/ });
  assert.ok(inner.url().startsWith(SUBPATH_URL), `the frame comes from the dist build: ${inner.url()}`);
  await inner.waitForFunction(() => {
    const text = document.querySelector("rnn-playground")?.shadowRoot?.querySelector('[data-readout="epoch"]')?.textContent ?? "";
    return Number(text) >= 3;
  });
  await closeCleanly(page, errors);
});
