// Sweep mode: a grid of hidden sizes x depths, each model trained for the same epoch
// budget by a pool of workers (one per core by default), plotted as loss against
// parameter count: the capacity curve, underfitting on the left, overfitting on the right.
//
// `mountSweep(container, {query, onQueryChange, storage})` builds everything inside
// `container`. Results are kept when a setting changes (they are marked as coming from the
// earlier settings until the next run) and, through `storage` (sessionStorage by default),
// across a visit to another mode in the same tab.

import { createDrawLoop } from "./draw_loop.js";
import { formatCount } from "./format.js";
import { say, translate, tr } from "./i18n.js";
import { onLanguageChange, titledWords } from "./lab_words.js";
import { alertIfNoneTrained, bindLogScale, cellOptions, createSharedSettings, downloadText, el } from "./lab_common.js";
import { loadWasm, messageOf, placeSettings, showErrorAlert, throttle, withoutMode } from "./lab_common.js";
import { bestModelText, buildSweepDom, fillChips, resultRows } from "./sweep_dom.js";
import { loadResults, safeSessionStorage, saveResults, trainingKey } from "./sweep_storage.js";
import { defaultPoolSize, runPool } from "./worker_pool.js";

const TABLE_INTERVAL_MS = 250;
// Element ids are prefixed per mount, so two sweeps on one page do not share ids.
let mounts = 0;

/**
 * Mount sweep mode into `container`. Resolves to `{ destroy() }`.
 * `onQueryChange(canonicalQuery)` hears every change, for the address bar; `addressNotices`
 * (a damaged #pack fragment) lead the notices.
 */
export async function mountSweep(container, { query = "", onQueryChange = () => {}, storage = safeSessionStorage(), layout = "open", addressNotices = [] } = {}) {
  const api = await loadWasm();
  // Short cell names as the parameter table declares them ("RNN", "LSTM"...).
  const cellNames = Object.fromEntries(cellOptions(api).map((option) => [option.value, option.short]));
  mounts += 1;
  const ids = (name) => `sweep${mounts}-${name}`;

  const {
    notices,
    alertBox,
    canvas,
    runButton,
    cancelButton,
    csvButton,
    pill,
    logBox,
    progress,
    progressText,
    announcement,
    staleNote,
    hiddenChips,
    layerChips,
    workersInput,
    gridSummary,
    tableBody,
    settingsSlot,
    root,
  } = buildSweepDom(ids, api.sweep_csv_columns());
  root.dataset.layout = layout;
  container.replaceChildren(root);
  translate(root);
  const t = (key, values) => tr(root, key, values);

  const view = new api.CapacityChartView(canvas);
  let broken = false;
  const fail = (error) => {
    broken = true;
    console.error(error);
    setState("error");
    showErrorAlert(alertBox, t("sweep.failed"), t("alert.reload_hint", { message: messageOf(error) }), [
      { label: t("action.reload"), run: () => window.location.reload() },
    ]);
  };
  const redraw = createDrawLoop(canvas, () => view.draw(), fail);

  let lab = api.parse_lab_query(`mode=sweep&${withoutMode(query)}`);
  notices.show([...addressNotices, ...lab.notices]);
  let sharedConfig = api.parse_query(lab.shared_query).config;
  let logScale = lab.log_y;
  let pool = null; // the running pool
  let jobs = new Map(); // "h x l" -> {hidden, layers, state, epoch, message}
  let resultsKey = null; // training key of the results shown
  let resultsComplete = false;
  let startedAt = 0;
  let elapsedMs = 0;
  let tick = 0;
  let state = "idle";
  let maxEpochsShown = sharedConfig.epochs; // the epoch budget of the results shown
  let chartLabels = { title: "", yLabel: "", baseline: null, baselineLabel: "", words: {} };

  const settings = createSharedSettings(api, {
    omit: ["hidden", "layers"],
    title: "lab.shared",
    note: "sweep.shared_note",
    onChange(sharedQuery) {
      applyQuery(compose({ shared: sharedQuery }));
    },
  });
  placeSettings(settingsSlot, settings.root, layout);
  translate(settings.root);
  settings.setAll(sharedConfig);

  bindLogScale(logBox, view, redraw, logScale, (on) => {
    logScale = on;
    applyQuery(compose({}));
  });
  workersInput.addEventListener("change", () => {
    const value = Number(workersInput.value);
    if (workersInput.value.trim() === "" || !Number.isFinite(value)) return;
    applyQuery(compose({ workers: Math.round(value) }));
  });
  runButton.addEventListener("click", () => run());
  cancelButton.addEventListener("click", () => cancel());
  csvButton.addEventListener("click", () => {
    const name = `capacity-sweep-${sharedConfig.task}-${sharedConfig.cell}.csv`;
    downloadText(name, view.csv());
  });

  /** The lab query for the current controls with some parts replaced. */
  function compose({ shared = lab.shared_query, hidden = lab.grid.hidden, layers = lab.grid.layers, workers = lab.workers }) {
    let text = `mode=sweep&${shared}&sweep_hidden=${hidden.join(",")}&sweep_layers=${layers.join(",")}`;
    if (workers !== null && workers !== undefined) text += `&workers=${workers}`;
    if (logScale) text += "&logy=1";
    return text;
  }

  function applyQuery(nextQuery) {
    lab = api.parse_lab_query(nextQuery);
    notices.show(lab.notices);
    sharedConfig = api.parse_query(lab.shared_query).config;
    onQueryChange(lab.query);
    renderGrid();
    renderStale();
  }

  // A language switch rewrites the texts this mode writes itself; the sweep goes on.
  const stopRewriting = onLanguageChange(() => [renderGrid, renderStale, renderTable, showProgress].forEach((f) => f()));

  function poolSize() {
    return lab.workers ?? defaultPoolSize(lab.limits.max_workers);
  }

  function setState(next) {
    state = next;
    root.dataset.state = next;
    say(pill, `sweep.state.${next}`);
    pill.dataset.state = { running: "running", finished: "finished", cancelled: "paused", error: "error" }[next] ?? "idle";
    runButton.disabled = next === "running" || broken;
    say(runButton, resultsKey ? "sweep.run_again" : "sweep.run");
    cancelButton.disabled = next !== "running";
    csvButton.disabled = view.row_count() === 0;
  }

  /** The chart's title in `lang`; `task` is the task's name in that language. */
  function title(said, task) {
    const cell = cellNames[sharedConfig.cell] ?? String(sharedConfig.cell);
    return said.t("sweep.title", { task, cell, epochs: sharedConfig.epochs });
  }

  function run() {
    if (broken || state === "running") return;
    alertBox.hidden = true;
    const cell = sharedConfig.cell;
    const list = lab.points.map((p) => ({ ...p, cell }));
    jobs = new Map(list.map((job) => [key(job), { ...job, state: "queued", epoch: 0, message: null }]));
    resultsKey = trainingKey(lab.query);
    resultsComplete = false;
    maxEpochsShown = sharedConfig.epochs;
    try {
      view.reset({ words: titledWords(api, null, title, sharedConfig.task) }, Uint32Array.from(lab.grid.layers));
    } catch (error) {
      fail(error);
      return;
    }
    let labelled = false;
    startedAt = performance.now();
    elapsedMs = 0;
    delete root.dataset.elapsedMs;
    setState("running");
    renderStale();
    pool = runPool(list, poolSize(), {
      started(job, info) {
        const entry = jobs.get(key(job));
        entry.state = "training";
        entry.params = info.param_count;
        if (!labelled) {
          labelled = true;
          const words = titledWords(api, info.words ?? {}, title);
          chartLabels = {
            title: words.en?.title ?? "",
            yLabel: info.loss_label ?? "",
            baseline: typeof info.baseline === "number" ? info.baseline : null,
            baselineLabel: info.baseline_label ?? "",
            words,
          };
          guard(() => showLabels());
          redraw.request();
        }
        tableSoon();
      },
      epochs(job, message) {
        const last = message.reports[message.reports.length - 1];
        if (last) jobs.get(key(job)).epoch = last.epoch;
        progressSoon();
      },
      done(job, result) {
        const entry = jobs.get(key(job));
        entry.state = result.status;
        entry.message = result.message;
        // A worker that died: say so at once; a fresh worker goes on with the other models.
        if (result.status === "failed") {
          const words = t("sweep.model_failed", { layers: job.layers, hidden: job.hidden });
          showErrorAlert(alertBox, words, result.message ?? "", [{ label: t("sweep.run_again"), run: rerun }]);
        }
        const params = result.info?.param_count ?? 0;
        guard(() => view.add_row(job.cell, job.hidden, job.layers, params, result.reports, result.status));
        afterRowsChanged();
      },
    });
    root.dataset.workers = String(pool.workers);
    progressSoon();
    tick = window.setInterval(() => showProgress(), 500);
    const current = pool;
    current.finished.then(({ cancelled }) => {
      if (pool !== current) return;
      pool = null;
      window.clearInterval(tick);
      elapsedMs = performance.now() - startedAt;
      root.dataset.elapsedMs = String(Math.round(elapsedMs));
      resultsComplete = !cancelled;
      if (cancelled) {
        for (const entry of jobs.values()) if (entry.state === "queued" || entry.state === "training") entry.state = "cancelled";
      }
      setState(cancelled ? "cancelled" : "finished");
      if (!cancelled) alertIfNoneTrained(alertBox, [...jobs.values()], t("sweep.none_trained"), { label: t("sweep.run_again"), run });
      renderStale();
      showProgress();
      announcement.textContent = t("sweep.announce", { progress: progressText.textContent, best: describeBest() });
      renderTable();
      save();
    });
  }

  function showLabels() {
    const { title: text, yLabel, baseline, baselineLabel, words } = chartLabels;
    view.set_labels({ title: text, loss_label: yLabel, baseline, baseline_label: baselineLabel, words });
  }

  function cancel() {
    pool?.cancel();
  }

  /** Start over now, even mid-run: the pool in progress is cancelled first. */
  function rerun() {
    const current = pool;
    cancel();
    (current?.finished ?? Promise.resolve()).then(() => setTimeout(run, 0));
  }

  function guard(fn) {
    try {
      fn();
    } catch (error) {
      fail(error);
    }
  }

  function afterRowsChanged() {
    canvas.dataset.points = view.metric_counts().join(",");
    csvButton.disabled = view.row_count() === 0;
    redraw.request();
    progressSoon();
    tableSoon();
  }

  const key = (p) => `${p.hidden}x${p.layers}`;
  const tableSoon = throttle(() => renderTable(), TABLE_INTERVAL_MS);
  const progressSoon = throttle(() => showProgress(), TABLE_INTERVAL_MS);

  function showProgress() {
    const entries = [...jobs.values()];
    const total = entries.length;
    if (total === 0) {
      progress.value = 0;
      progressText.textContent = view.row_count() ? t("sweep.models", { count: view.row_count() }) : t("sweep.not_run");
      return;
    }
    const done = entries.filter((e) => ["finished", "stopped_early", "diverged", "failed"].includes(e.state)).length;
    const training = entries.filter((e) => e.state === "training");
    const partial = training.reduce((sum, e) => sum + Math.min(1, e.epoch / Math.max(1, maxEpochsShown)), 0);
    progress.value = total ? (done + partial) / total : 0;
    const seconds = ((state === "running" ? performance.now() - startedAt : elapsedMs) / 1000).toFixed(1);
    let text = t("sweep.done_of", { done, total });
    if (state === "running") text += t("sweep.running_on", { training: training.length, workers: pool?.workers ?? 0, seconds });
    else if (state === "finished") text += t("sweep.finished_in", { seconds });
    else if (state === "cancelled") text += t("sweep.cancelled_after", { seconds });
    progressText.textContent = text;
  }

  /** The model with the lowest best validation loss, in words. */
  function describeBest() {
    return bestModelText(view.rows(), cellNames, root);
  }

  function renderTable() {
    tableBody.replaceChildren(...resultRows(view.rows(), jobs, cellNames, maxEpochsShown, root));
  }

  function renderGrid() {
    // The chips offer the declared choices (lab.limits) plus whatever the URL chose.
    const toggle = (list, value, on) => (on ? [...list, value] : list.filter((v) => v !== value));
    fillChips(hiddenChips, lab.limits.hidden_choices, lab.grid.hidden, (value) => ids(`hidden-${value}`), (value, on) => {
      const next = toggle(lab.grid.hidden, value, on);
      // An empty list would fall back to the default grid; keep at least the one left.
      applyQuery(compose({ hidden: next.length ? next : lab.grid.hidden }));
    });
    fillChips(layerChips, lab.limits.layer_choices, lab.grid.layers, (value) => ids(`layers-${value}`), (value, on) => {
      const next = toggle(lab.grid.layers, value, on);
      applyQuery(compose({ layers: next.length ? next : lab.grid.layers }));
    });
    workersInput.max = String(lab.limits.max_workers);
    workersInput.value = String(poolSize());
    const models = lab.grid.hidden.length * lab.grid.layers.length;
    gridSummary.textContent = t("sweep.grid_summary", { models, epochs: formatCount(sharedConfig.epochs) });
  }

  function renderStale() {
    const stale = resultsKey !== null && resultsKey !== trainingKey(lab.query);
    staleNote.hidden = !stale;
    root.dataset.stale = String(stale);
    if (!stale) return;
    if (state === "running") {
      staleNote.replaceChildren(t("sweep.stale_running"));
    } else {
      staleNote.replaceChildren(
        t("sweep.stale"),
        " ",
        el("button", { type: "button", class: "link-button", onclick: () => run() }, t("sweep.stale_run")),
      );
    }
  }

  /** Keeps the results for this tab, so a visit to another mode does not lose them. */
  function save() {
    saveResults(storage, {
      key: resultsKey,
      complete: resultsComplete,
      labels: chartLabels,
      depths: lab.grid.layers,
      rows: view.rows(),
      elapsedMs,
      epochs: maxEpochsShown,
    });
  }

  function restore() {
    const saved = loadResults(storage);
    if (!saved) return false;
    try {
      chartLabels = { ...chartLabels, ...saved.labels };
      view.reset({}, Uint32Array.from(saved.depths ?? []));
      showLabels();
      view.restore_rows(saved.rows);
    } catch {
      return false;
    }
    resultsKey = saved.key ?? null;
    resultsComplete = Boolean(saved.complete);
    elapsedMs = Number(saved.elapsedMs) || 0;
    maxEpochsShown = Number(saved.epochs) || sharedConfig.epochs;
    return true;
  }

  renderGrid();
  onQueryChange(lab.query);
  const restored = restore();
  if (restored) {
    setState(resultsComplete ? "finished" : "cancelled");
    afterRowsChanged();
    renderStale();
    showProgress();
    renderTable();
  } else {
    setState("idle");
    renderTable();
    run();
  }
  redraw.request();

  return {
    root,
    destroy() {
      stopRewriting();
      pool?.cancel();
      window.clearInterval(tick);
      redraw.dispose();
      view.free();
      root.remove();
    },
  };
}
