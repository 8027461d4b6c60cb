// Sweep mode: a grid of hidden sizes x depths, each model trained for the same epoch
// budget by a pool of workers (one per core by default), plotted as loss against
// parameter count: the capacity curve, underfitting on the left, overfitting on the right.
//
// `mountSweep(container, {query, onQueryChange, storage})` builds everything inside
// `container`. Results are kept when a setting changes (they are marked as coming from the
// earlier settings until the next run) and, through `storage` (sessionStorage by default),
// across a visit to another mode in the same tab.

import { formatCount, formatLoss, isNumber, MISSING } from "./format.js";
import {
  cellOptions,
  createAlertBox,
  createNoticeBox,
  createRedraw,
  createSharedSettings,
  downloadText,
  el,
  formatMs,
  loadWasm,
  messageOf,
  throttle,
  withoutMode,
} from "./lab_common.js";
import { defaultPoolSize, runPool } from "./worker_pool.js";

const STORAGE_KEY = "rnn-playground:sweep";
const TABLE_INTERVAL_MS = 250;
// Element ids are prefixed per mount, so two sweeps on one page do not share ids.
let mounts = 0;

/** Keys that change how results are shown, not what was trained. */
const VIEW_KEYS = ["logy", "workers"];

/**
 * Mount sweep mode into `container`. Resolves to `{ destroy() }`.
 * `onQueryChange(canonicalQuery)` hears every change, for the address bar.
 */
export async function mountSweep(container, { query = "", onQueryChange = () => {}, storage = safeSessionStorage() } = {}) {
  const api = await loadWasm();
  // Short cell names as the parameter table declares them ("RNN", "LSTM"...).
  const cellNames = Object.fromEntries(cellOptions(api).map((option) => [option.value, option.short]));
  mounts += 1;
  const ids = (name) => `sweep${mounts}-${name}`;

  const notices = createNoticeBox();
  const alertBox = createAlertBox();
  const canvas = el("canvas", {
    class: "lab-chart",
    role: "img",
    "aria-label": "Capacity chart: best and final validation loss and final training loss of each model against its parameter count, one colour per depth. The numbers are in the results table.",
  });
  const runButton = el("button", { type: "button", class: "primary" }, "Run sweep");
  const cancelButton = el("button", { type: "button", disabled: true }, "Cancel");
  const csvButton = el("button", { type: "button", disabled: true }, "Download CSV");
  const pill = el("span", { class: "status-pill", "data-state": "loading" }, "Loading…");
  const logBox = el("input", { type: "checkbox", class: "lab-log-scale" });
  const progress = el("progress", { max: 1, value: 0, "aria-label": "Sweep progress" });
  const progressText = el("span", { class: "lab-progress-text" });
  // Said once when a sweep ends (the progress text changes too often to be read aloud).
  const announcement = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const staleNote = el("p", { class: "lab-stale", hidden: true });
  const hiddenChips = el("div", { class: "lab-chips" });
  const layerChips = el("div", { class: "lab-chips" });
  const workersInput = el("input", { type: "number", min: 1, step: 1, inputmode: "numeric", id: ids("workers") });
  const gridSummary = el("p", { class: "help" });
  const tableBody = el("tbody");
  const columns = api.sweep_csv_columns();
  const settingsSlot = el("div");
  const root = el(
    "div",
    { class: "lab lab-sweep", "data-state": "idle" },
    notices.root,
    alertBox,
    el(
      "section",
      { class: "lab-stage", "aria-label": "Capacity sweep" },
      el(
        "div",
        { class: "card lab-chart-card" },
        el(
          "div",
          { class: "transport" },
          el("div", { class: "buttons" }, runButton, cancelButton, csvButton),
          pill,
          el("label", { class: "inline-check" }, logBox, " Log scale"),
        ),
        el("div", { class: "lab-progress" }, progress, progressText, announcement),
        staleNote,
        canvas,
        el(
          "p",
          { class: "lab-caption" },
          "Each dot is one trained model. Small models sit high on the left: even their training loss is high (underfitting). " +
            "Big ones open a gap between training and validation loss on the right (overfitting).",
        ),
      ),
      el(
        "div",
        { class: "card lab-side" },
        el("h2", { class: "card-title" }, "Grid"),
        el("fieldset", { class: "lab-fieldset" }, el("legend", {}, "Hidden units"), hiddenChips),
        el("fieldset", { class: "lab-fieldset" }, el("legend", {}, "Layers"), layerChips),
        el(
          "div",
          { class: "lab-workers" },
          el("label", { for: ids("workers") }, "Workers"),
          workersInput,
          el("span", { class: "help" }, `training in parallel (this device has ${navigator.hardwareConcurrency || "?"} logical cores)`),
        ),
        gridSummary,
      ),
    ),
    el(
      "section",
      { class: "card lab-results", "aria-labelledby": ids("results-title") },
      el("h2", { class: "card-title", id: ids("results-title") }, "Results"),
      el(
        "div",
        { class: "lab-table-wrap" },
        el(
          "table",
          { class: "lab-table lab-sweep-table" },
          el("caption", { class: "visually-hidden" }, "Each model of the sweep: size, parameters, losses, time and status"),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col" }, "Model (layers × units)"),
              el("th", { scope: "col", class: "num" }, "Parameters"),
              el("th", { scope: "col", class: "num" }, "Best validation"),
              el("th", { scope: "col", class: "num" }, "Best epoch"),
              el("th", { scope: "col", class: "num" }, "Final validation"),
              el("th", { scope: "col", class: "num" }, "Final training"),
              el("th", { scope: "col", class: "num" }, "ms per epoch"),
              el("th", { scope: "col" }, "Status"),
            ),
          ),
          tableBody,
        ),
      ),
      el(
        "details",
        { class: "lab-csv-columns" },
        el("summary", {}, "What the CSV columns mean"),
        el("dl", {}, ...columns.flatMap((c) => [el("dt", {}, el("code", {}, c.name)), el("dd", {}, c.meaning)])),
      ),
    ),
    settingsSlot,
  );
  container.replaceChildren(root);

  const view = new api.CapacityChartView(canvas);
  let broken = false;
  const fail = (error) => {
    broken = true;
    console.error(error);
    setState("error");
    showAlert("The sweep stopped working", `${messageOf(error)}. Reloading the page starts over.`, [
      { label: "Reload", run: () => window.location.reload() },
    ]);
  };
  const redraw = createRedraw(() => view.draw(), canvas, fail);

  let lab = api.parse_lab_query(`mode=sweep&${withoutMode(query)}`);
  notices.show(lab.notices);
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
  let chartLabels = { title: "", yLabel: "loss", baseline: null, baselineLabel: "" };

  const settings = createSharedSettings(api, {
    omit: ["hidden", "layers"],
    title: "Shared settings",
    note: "Every model of the grid trains with these settings: the same task, data, cell, optimiser, seed and epoch budget. Changing one keeps the results on screen until the next run.",
    onChange(sharedQuery) {
      applyQuery(compose({ shared: sharedQuery }));
    },
  });
  settingsSlot.replaceWith(settings.root);
  settings.setAll(sharedConfig);

  logBox.checked = logScale;
  view.set_log_scale(logScale);
  logBox.addEventListener("change", () => {
    logScale = logBox.checked;
    view.set_log_scale(logScale);
    redraw.request();
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

  /** What decides the numbers: the canonical query without view-only keys. */
  function trainingKey(canonical) {
    const params = new URLSearchParams(canonical);
    for (const key of VIEW_KEYS) params.delete(key);
    return params.toString();
  }

  function poolSize() {
    return lab.workers ?? defaultPoolSize(lab.limits.max_workers);
  }

  function setState(next) {
    state = next;
    root.dataset.state = next;
    const text = { idle: "Ready", running: "Training", finished: "Finished", cancelled: "Cancelled", error: "Error" };
    pill.textContent = text[next] ?? next;
    pill.dataset.state = { running: "running", finished: "finished", cancelled: "paused", error: "error" }[next] ?? "idle";
    runButton.disabled = next === "running" || broken;
    runButton.textContent = resultsKey ? "Run again" : "Run sweep";
    cancelButton.disabled = next !== "running";
    csvButton.disabled = view.row_count() === 0;
  }

  function showAlert(title, message, actions = []) {
    alertBox.dataset.kind = "error";
    alertBox.querySelector("[data-alert-title]").textContent = title;
    alertBox.querySelector("[data-alert-message]").textContent = message;
    alertBox.querySelector("[data-alert-actions]").replaceChildren(
      ...actions.map(({ label, run: action }) => el("button", { type: "button", onclick: action }, label)),
    );
    alertBox.hidden = false;
  }

  function title() {
    const cell = cellNames[sharedConfig.cell] ?? String(sharedConfig.cell);
    return `Capacity · ${sharedConfig.task} · ${cell} · ${sharedConfig.epochs} epochs`;
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
      view.reset(title(), "loss", undefined, "", Uint32Array.from(lab.grid.layers));
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
          chartLabels = {
            title: title(),
            yLabel: info.loss_label ?? "loss",
            baseline: typeof info.baseline === "number" ? info.baseline : null,
            baselineLabel: info.baseline_label ?? "",
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
      renderStale();
      showProgress();
      announcement.textContent = `${progressText.textContent}. ${describeBest()}`;
      renderTable();
      save();
    });
  }

  function showLabels() {
    const { title: text, yLabel, baseline, baselineLabel } = chartLabels;
    view.set_labels(text, yLabel, baseline ?? undefined, baselineLabel);
  }

  function cancel() {
    pool?.cancel();
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
      progressText.textContent = view.row_count() ? `${view.row_count()} models` : "Not run yet";
      return;
    }
    const done = entries.filter((e) => ["finished", "diverged", "failed"].includes(e.state)).length;
    const training = entries.filter((e) => e.state === "training");
    const partial = training.reduce((sum, e) => sum + Math.min(1, e.epoch / Math.max(1, maxEpochsShown)), 0);
    progress.value = total ? (done + partial) / total : 0;
    const seconds = ((state === "running" ? performance.now() - startedAt : elapsedMs) / 1000).toFixed(1);
    let text = `${done} of ${total} models done`;
    if (state === "running") text += ` · ${training.length} training on ${pool?.workers ?? 0} worker${pool?.workers === 1 ? "" : "s"} · ${seconds} s`;
    else if (state === "finished") text += ` in ${seconds} s`;
    else if (state === "cancelled") text += ` · cancelled after ${seconds} s`;
    progressText.textContent = text;
  }

  /** The model with the lowest best validation loss, in words. */
  function describeBest() {
    const rows = view.rows().filter((r) => isNumber(r.best_val_loss));
    if (rows.length === 0) return "";
    const best = rows.reduce((a, b) => (b.best_val_loss < a.best_val_loss ? b : a));
    const name = `${cellNames[best.cell] ?? best.cell} ${best.layers}×${best.hidden}`;
    return `Lowest validation loss: ${formatLoss(best.best_val_loss)}, by ${name} (${formatCount(best.params)} parameters).`;
  }

  function renderTable() {
    const rows = view.rows();
    const byKey = new Map(rows.map((r) => [key(r), r]));
    const keys = new Set([...byKey.keys(), ...jobs.keys()]);
    const ordered = [...keys]
      .map((k) => byKey.get(k) ?? jobs.get(k))
      .sort((a, b) => a.layers - b.layers || a.hidden - b.hidden);
    tableBody.replaceChildren(
      ...ordered.map((item) => {
        const row = byKey.get(key(item));
        const job = jobs.get(key(item));
        const status = statusText(row, job);
        const cell = (name, raw, text) => el("td", { class: "num", "data-col": name, "data-value": isNumber(raw) ? raw : "" }, text);
        return el(
          "tr",
          { "data-hidden": item.hidden, "data-layers": item.layers, "data-state": row?.status ?? job?.state ?? "" },
          el("th", { scope: "row" }, `${cellNames[item.cell] ?? ""} ${item.layers}×${item.hidden}`.trim()),
          cell("params", row?.params || job?.params, formatCount(row?.params || job?.params)),
          cell("best", row?.best_val_loss, formatLoss(row?.best_val_loss)),
          cell("best-epoch", row?.best_epoch, formatCount(row?.best_epoch)),
          cell("final-val", row?.final_val_loss, formatLoss(row?.final_val_loss)),
          cell("final-train", row?.final_train_loss, formatLoss(row?.final_train_loss)),
          cell("ms", row?.ms_per_epoch, formatMs(row?.ms_per_epoch)),
          el("td", { class: "lab-status", title: job?.message ?? "" }, status),
        );
      }),
    );
  }

  function statusText(row, job) {
    if (job?.state === "training") return `epoch ${job.epoch} of ${maxEpochsShown}`;
    if (job?.state === "queued") return "queued";
    if (job?.state === "cancelled") return "cancelled";
    if (row) return row.status === "finished" ? "done" : row.status;
    return MISSING;
  }

  function renderGrid() {
    const chips = (container, choices, selected, name, onToggle) => {
      const values = [...new Set([...choices, ...selected])].sort((a, b) => a - b);
      container.replaceChildren(
        ...values.map((value) => {
          const id = ids(`${name}-${value}`);
          const box = el("input", { type: "checkbox", id, checked: selected.includes(value), value });
          box.addEventListener("change", () => onToggle(value, box.checked));
          return el("span", { class: "lab-chip" }, box, el("label", { for: id }, String(value)));
        }),
      );
    };
    const toggle = (list, value, on) => (on ? [...list, value] : list.filter((v) => v !== value));
    chips(hiddenChips, lab.limits.hidden_choices, lab.grid.hidden, "hidden", (value, on) => {
      const next = toggle(lab.grid.hidden, value, on);
      // An empty list would fall back to the default grid; keep at least the one left.
      applyQuery(compose({ hidden: next.length ? next : lab.grid.hidden }));
    });
    chips(layerChips, lab.limits.layer_choices, lab.grid.layers, "layers", (value, on) => {
      const next = toggle(lab.grid.layers, value, on);
      applyQuery(compose({ layers: next.length ? next : lab.grid.layers }));
    });
    workersInput.max = String(lab.limits.max_workers);
    workersInput.value = String(poolSize());
    const models = lab.grid.hidden.length * lab.grid.layers.length;
    gridSummary.textContent =
      `${models} models × ${formatCount(sharedConfig.epochs)} epochs each (the epoch budget is in the shared settings below); ` +
      "the biggest train first.";
  }

  function renderStale() {
    const stale = resultsKey !== null && resultsKey !== trainingKey(lab.query);
    staleNote.hidden = !stale;
    root.dataset.stale = String(stale);
    if (!stale) return;
    if (state === "running") {
      staleNote.replaceChildren("Settings changed: the running sweep keeps the settings it started with.");
    } else {
      staleNote.replaceChildren(
        "These results come from earlier settings. ",
        el("button", { type: "button", class: "link-button", onclick: () => run() }, "Run the sweep with the current settings"),
      );
    }
  }

  /** Keeps the results for this tab, so a visit to another mode does not lose them. */
  function save() {
    if (!storage) return;
    try {
      storage.setItem(
        STORAGE_KEY,
        JSON.stringify({
          key: resultsKey,
          complete: resultsComplete,
          labels: chartLabels,
          depths: lab.grid.layers,
          rows: view.rows(),
          elapsedMs,
          epochs: maxEpochsShown,
        }),
      );
    } catch {
      // Storage full or forbidden (private mode, sandboxed iframe): results stay on screen only.
    }
  }

  function restore() {
    if (!storage) return false;
    let saved;
    try {
      saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null");
    } catch {
      return false;
    }
    if (!saved || !Array.isArray(saved.rows) || saved.rows.length === 0) return false;
    try {
      chartLabels = { ...chartLabels, ...saved.labels };
      view.reset("", "loss", undefined, "", Uint32Array.from(saved.depths ?? []));
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
      pool?.cancel();
      window.clearInterval(tick);
      redraw.dispose();
      view.free();
      root.remove();
    },
  };
}

function safeSessionStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
