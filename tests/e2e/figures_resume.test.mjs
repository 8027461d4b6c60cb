// Figures that take turns on one core keep their runs: a figure whose turn is over saves
// its run and gives its worker back, and on its next turn continues from the same epoch
// (never from 1 again), so runs that need several turns still finish. Live workers never
// exceed the cap. Prints epochs per turn and what a snapshot costs (size, time to take
// and to restore).

import assert from "node:assert/strict";
import { test } from "node:test";
import { collectErrors, embeddedFigures, screenshot, useBrowser, useServer } from "./harness.mjs";
import { startHostingServer } from "./fixtures/hosting_server.mjs";

const server = useServer(startHostingServer);
const browser = useBrowser({ viewport: { width: 1280, height: 900 } });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

test("figures taking turns on one core resume where they were and all finish", async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  // Two cores reported: one for the page, one training slot; three figures take turns.
  await page.addInitScript(() => Object.defineProperty(navigator, "hardwareConcurrency", { get: () => 2 }));
  await page.goto(`${server.origin}/pages/turns.html`);
  const slots = await page.evaluate(async () => (await import("/site/embed/figure_slots.js")).TRAINING_SLOTS);
  assert.equal(slots, 1);

  let mostWorkers = 0;
  const backwards = [];
  const highest = new Map(); // id → the highest epoch seen
  const deadline = Date.now() + 240_000;
  let now = await embeddedFigures(page);
  let shotWaiting = false;
  while (Date.now() < deadline && !now.every((f) => f.pill === "Finished")) {
    await page.waitForTimeout(250);
    mostWorkers = Math.max(mostWorkers, page.workers().length);
    now = await embeddedFigures(page);
    for (const f of now) {
      // The readout says 0 for a moment while a resumed run's history comes back.
      if (f.epoch > 0 && f.epoch < (highest.get(f.id) ?? 0)) backwards.push(`${f.id}: ${highest.get(f.id)} → ${f.epoch}`);
      highest.set(f.id, Math.max(highest.get(f.id) ?? 0, f.epoch));
    }
    // A figure that gave its run back waits with its chart and readouts kept.
    if (!shotWaiting && now.some((f) => f.log.length > 0 && /Waiting/.test(f.pill))) {
      shotWaiting = true;
      await screenshot(page, "figures-resume-waiting", { clip: { x: 0, y: 0, width: 980, height: 540 } });
    }
  }
  await screenshot(page, "figures-resume-finished");

  const log = now.flatMap((f) => f.log.map((entry) => ({ ...entry, id: f.id })));
  const snapshots = log.filter((e) => e.kind === "snapshot");
  const resumes = log.filter((e) => e.kind === "resume");
  // Epochs trained per turn: from one resume (or the start) to the next snapshot.
  const perTurn = now.flatMap((f) => {
    let from = 0;
    const turns = [];
    for (const entry of f.log) {
      if (entry.kind === "snapshot") turns.push(entry.epoch - from);
      else from = entry.epoch;
    }
    return turns;
  });
  console.log(
    `three figures, ${slots} slot: ${snapshots.length} snapshots, ${resumes.length} resumes; ` +
      `epochs per turn ${perTurn.join(", ")}; ` +
      `snapshot ${Math.min(...snapshots.map((s) => s.bytes))}-${Math.max(...snapshots.map((s) => s.bytes))} bytes as JSON, ` +
      `taken in ${median(snapshots.map((s) => s.takeMs)).toFixed(2)} ms (median, max ${Math.max(...snapshots.map((s) => s.takeMs)).toFixed(2)}), ` +
      `restored in ${median(resumes.map((s) => s.restoreMs)).toFixed(2)} ms (median, max ${Math.max(...resumes.map((s) => s.restoreMs)).toFixed(2)}); ` +
      `at most ${mostWorkers} live worker(s)`,
  );
  console.log(`final: ${now.map((f) => `${f.id} ${f.pill} at epoch ${f.epoch} (${f.runs} run)`).join("; ")}`);

  assert.ok(now.every((f) => f.pill === "Finished" && f.epoch === 1000), "every run finished its 1000 epochs");
  assert.ok(now.every((f) => f.runs === 1), "each figure kept its one run: none started again");
  assert.ok(resumes.length >= 2, `runs resumed on later turns (${resumes.length})`);
  // A resumed run continues at the epoch its snapshot had.
  for (const f of now) {
    for (const [i, entry] of f.log.entries()) {
      if (entry.kind !== "resume") continue;
      const saved = f.log.slice(0, i).findLast((e) => e.kind === "snapshot");
      assert.ok(saved && entry.epoch >= saved.epoch && entry.epoch > 0, `${f.id} resumed at ${entry.epoch} after saving at ${saved?.epoch}`);
    }
  }
  assert.deepEqual(backwards, [], "no figure's epoch went back");
  assert.ok(mostWorkers <= slots, `at most ${slots} live worker(s), saw ${mostWorkers}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("new settings on a figure waiting with a saved run start a new run from epoch 0", async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.addInitScript(() => Object.defineProperty(navigator, "hardwareConcurrency", { get: () => 2 }));
  await page.goto(`${server.origin}/pages/turns.html`);
  const t0 = async () => (await embeddedFigures(page))[0];
  const savedAt = async () => (await t0()).log.filter((e) => e.kind === "snapshot").at(-1)?.epoch ?? 0;
  await page.waitForFunction(
    () => document.querySelector("#t0")?.turnLog?.some((e) => e.kind === "snapshot" && e.epoch > 5),
    null,
    { timeout: 60_000 },
  );
  const saved = await savedAt();
  const resumesBefore = (await t0()).log.filter((e) => e.kind === "resume").length;
  await page.locator("#t0").evaluate((element) => element.setAttribute("hidden", "12"));
  // Its next turn builds the new model: a second run, not the saved one resumed.
  await page.waitForFunction(() => document.querySelector("#t0")?.runCount === 2, null, { timeout: 60_000 });
  await page.waitForFunction(
    () => /1×12/.test(document.querySelector("#t0")?.shadowRoot?.querySelector("[data-figure]")?.getAttribute("aria-label") ?? ""),
    null,
    { timeout: 30_000 },
  );
  const after = await t0();
  console.log(`t0 saved at epoch ${saved}, then new settings: run ${after.runs} at epoch ${after.epoch}`);
  assert.equal(after.log.filter((e) => e.kind === "resume").length, resumesBefore, "the saved run was not resumed");
  assert.ok(after.epoch < saved, `the new run starts from the beginning (epoch ${after.epoch}, saved ${saved})`);
  await screenshot(page, "figures-resume-new-settings", { clip: { x: 0, y: 0, width: 980, height: 540 } });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a worker that does not hand its run over within 2 s, or is dead, is ended and the run starts again", async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.origin}/pages/turns.html`);
  const outcome = await page.evaluate(async () => {
    const { createTurnKeeper } = await import("/site/embed/figure_turns.js");
    const fakeWorker = (dead) => ({ dead, sent: [], ended: false, send(m) { this.sent.push(m.type); }, terminate() { this.ended = true; } });
    const turns = createTurnKeeper();
    const silent = fakeWorker(false);
    const began = performance.now();
    await turns.giveBack(silent, { query: "task=forecast", epoch: 12 });
    const waitedMs = performance.now() - began;
    const afterSilent = await turns.take();
    const dead = fakeWorker(true);
    await turns.giveBack(dead, { query: "task=forecast", epoch: 3 });
    return { waitedMs, silent, afterSilent, dead, afterDead: await turns.take(), log: turns.log };
  });
  console.log(`a silent worker was ended after ${outcome.waitedMs.toFixed(0)} ms`);
  assert.deepEqual(outcome.silent.sent, ["snapshot"]);
  assert.ok(outcome.silent.ended && outcome.waitedMs >= 1900 && outcome.waitedMs < 10_000, `${outcome.waitedMs} ms`);
  assert.equal(outcome.afterSilent, null, "nothing saved: the next turn starts the run again");
  assert.deepEqual(outcome.dead.sent, [], "a dead worker is not asked");
  assert.ok(outcome.dead.ended);
  assert.equal(outcome.afterDead, null);
  assert.deepEqual(outcome.log, []);
  assert.deepEqual(errors, []);
  await page.close();
});
