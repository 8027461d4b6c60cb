// Seeded fuzzing of everything the page reads from outside: 1,200 generated addresses go
// through the page's own readers (parse_query, the view options, parse_lab_query, a figure's
// attributes) inside one page load, timed one per task; then a smaller number of real
// navigations and figures show the notices, capped, with zero page errors. Every value
// drawn from the bad pool must be named by a notice.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE_URL, collectErrors, screenshot, useBrowser } from "./harness.mjs";

const browser = useBrowser();
const SEED = Number(process.env.FUZZ_SEED ?? 17);
const ADDRESSES = 1200;
const NAVIGATIONS = 25;

/** A small seeded generator (mulberry32), so a failure can be replayed with FUZZ_SEED. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

// Numeric run parameters and values no such parameter accepts.
const NUMERIC_KEYS = ["hidden", "layers", "lr", "len", "batch", "train", "epochs", "dropout", "seed", "clip"];
const BAD_NUMBERS = ["abc", "NaN", "1e999", "-1e999", "", "0x10", "１２", "%ZZ", "<script>", "1..2", "9".repeat(400)];
const GOOD = { hidden: "16", layers: "2", lr: "0.01", len: "20", epochs: "50", seed: "3" };
const NOISE = ["%", "%E0%A4%A", "😀", "\u202e", "&&&", "==", "a=b=c", "%00", "+", "ㅎ".repeat(50)];

/** One address and the keys whose bad values must be noticed. */
function makeAddress(rng) {
  const segments = [];
  const bad = new Set();
  const count = 1 + rng.int(8);
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    if (roll < 0.35) {
      const key = rng.pick(NUMERIC_KEYS);
      const value = rng.pick(BAD_NUMBERS);
      segments.push(`${key}=${value === "%ZZ" ? value : encodeURIComponent(value)}`);
      bad.add(key);
    } else if (roll < 0.55) {
      const key = `zz${rng.int(1000)}`;
      segments.push(`${key}=${rng.int(9)}`);
      bad.add(key);
    } else if (roll < 0.75) {
      const key = rng.pick(Object.keys(GOOD));
      segments.push(`${key}=${GOOD[key]}`);
    } else if (roll < 0.85) {
      segments.push(rng.pick(NOISE));
    } else if (roll < 0.92) {
      segments.push(`logy=${rng.pick(["0", "1", "2", "yes", ""])}`);
    } else {
      // A long list: the lab readers and the notice caps meet thousands of values.
      const key = rng.pick(["sweep_hidden", "cells", "views", "hidden"]);
      segments.push(`${key}=${Array.from({ length: 200 + rng.int(3000) }, () => rng.pick(["2", "x", "lstm", "-1"])).join(",")}`);
    }
  }
  // A key given twice carries its first value's fate into doubt: judge single keys only.
  const keys = segments.map((s) => s.split("=")[0]);
  for (const key of [...bad]) if (keys.filter((k) => k === key).length > 1) bad.delete(key);
  return { query: segments.join("&"), bad: [...bad] };
}

test(`${ADDRESSES} generated addresses through the page's readers: every bad value noticed, no task over 100 ms`, async () => {
  const rng = generator(SEED);
  const cases = Array.from({ length: ADDRESSES }, () => makeAddress(rng));
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${BASE_URL}?epochs=1`);
  await page.waitForFunction(() => document.querySelector("[data-status]").dataset.state !== "loading");
  const result = await page.evaluate(async (cases) => {
    const { loadPageWasm } = await import("./embed/page_wasm.js");
    const { splitViewOptions } = await import("./view_options.js");
    const { readAttributes } = await import("./embed/settings.js");
    const wasm = await loadPageWasm();
    const missed = [];
    let slowest = { ms: 0, query: "" };
    for (const { query, bad } of cases) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // one address per task
      const started = performance.now();
      const options = splitViewOptions(query);
      const parsed = wasm.parse_query(options.runQuery);
      wasm.glue.parse_lab_query(query);
      const attributes = query.split("&").slice(0, 20).map((segment) => {
        const [name, ...rest] = segment.split("=");
        return [name.toLowerCase(), rest.join("=")];
      });
      const figure = readAttributes(attributes.filter(([name]) => /^[a-z][a-z0-9_-]*$/.test(name)), wasm);
      if (figure.query) wasm.parse_query(figure.query);
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms, query: query.slice(0, 80) };
      const noticed = new Set([...parsed.notices, ...options.notices].map((notice) => notice.key));
      for (const key of bad) if (!noticed.has(key)) missed.push({ key, query: query.slice(0, 200) });
    }
    // The largest addresses anyone will paste: 1 MB of list values, of one key repeated,
    // of unknown keys. Each is read by the playground's and the labs' readers.
    const huge = [
      `sweep_hidden=${"2,".repeat(500_000)}`,
      "hidden=2&".repeat(110_000),
      Array.from({ length: 100_000 }, (_, i) => `k${i}=1`).join("&"),
      `views=${"x,".repeat(500_000)}&logy=${"2".repeat(1000)}`,
    ];
    let hugeMs = 0;
    let labMs = 0;
    for (const query of huge) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const started = performance.now();
      wasm.parse_query(splitViewOptions(query).runQuery);
      hugeMs = Math.max(hugeMs, performance.now() - started);
      const labStarted = performance.now();
      wasm.glue.parse_lab_query(`mode=sweep&${query}`);
      labMs = Math.max(labMs, performance.now() - labStarted);
    }
    return { missed, slowest, hugeMs, labMs };
  }, cases);
  const badCount = cases.reduce((n, c) => n + c.bad.length, 0);
  console.log(
    `fuzz (seed ${SEED}): ${ADDRESSES} addresses, ${badCount} bad values, ${result.missed.length} missed; ` +
      `slowest address ${result.slowest.ms.toFixed(1)} ms; 1 MB addresses, slowest: playground reader ${result.hugeMs.toFixed(1)} ms, ` +
      `parse_lab_query ${result.labMs.toFixed(1)} ms`,
  );
  assert.deepEqual(result.missed.slice(0, 5), [], "every bad value is noticed");
  assert.ok(result.slowest.ms < 100, `slowest address ${result.slowest.ms.toFixed(1)} ms: ${result.slowest.query}`);
  assert.ok(result.hugeMs < 100 && result.labMs < 100, "a 1 MB address parses within 100 ms");
  assert.deepEqual(errors, []);
  await page.close();
});

test(`${NAVIGATIONS} real navigations: notices capped at 10 and "N more", no page error, training starts`, async () => {
  const rng = generator(SEED + 1);
  let longest = 0;
  for (let i = 0; i < NAVIGATIONS; i++) {
    const { query } = makeAddress(rng);
    // Every few pages, 600 unknown keys (the dev server refuses request lines over ~8 KB).
    const heavy = i % 5 === 0 ? `&${Array.from({ length: 600 }, (_, k) => `q${k}=1`).join("&")}` : "";
    const mode = i % 7 === 3 ? "mode=sweep&" : "";
    const page = await browser.context.newPage();
    const errors = collectErrors(page, { http: false });
    await page.goto(`${BASE_URL}?${mode}${query}${heavy}`.slice(0, 7000));
    // The playground trains (or has settled on a message); a lab mode shows its page.
    await page.waitForFunction(
      () =>
        ["running", "finished", "error"].includes(document.querySelector("[data-status]")?.dataset.state) ||
        document.querySelector("#lab-root > *") !== null,
      null,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(200);
    const items = await page.evaluate(() => Math.max(...[...document.querySelectorAll("#notices ul, .notice ul")].map((list) => list.children.length), 0));
    const longTask = await page.evaluate(() => new Promise((resolve) => {
      let max = 0;
      new PerformanceObserver((list) => { for (const entry of list.getEntries()) max = Math.max(max, entry.duration); }).observe({ type: "longtask", buffered: true });
      setTimeout(() => resolve(max), 50);
    }));
    longest = Math.max(longest, longTask);
    if (i === 0) await screenshot(page, "fuzz-capped-notices");
    assert.ok(items <= 11, `at most 10 notices and one "more" line, got ${items}`);
    assert.deepEqual(errors, [], `address ${i}`);
    await page.close();
  }
  console.log(`fuzz navigations: ${NAVIGATIONS} pages, longest main-thread task ${longest.toFixed(0)} ms (load included)`);
});
