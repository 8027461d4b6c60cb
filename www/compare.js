// Compare mode: up to four runs (by default a vanilla RNN, an LSTM and a GRU) trained at
// once on the same data and seed, each in its own worker, their curves overlaid on one
// chart and summarised in a table beside it.
//
// `mountCompare(container, {query, onQueryChange})` builds everything inside `container`,
// so the mode can live on the playground page (lab_page.js) or in any other element.

import { createDrawLoop } from "./draw_loop.js";
import { formatCount, formatLoss, isNumber, MISSING } from "./format.js";
import {
  bindLogScale,
  cellOptions,
  createAlertBox,
  createNoticeBox,
  createSharedSettings,
  el,
  labTable,
  numberCell,
  formatMs,
  loadWasm,
  messageOf,
  placeSettings,
  throttle,
  withoutMode,
} from "./lab_common.js";
import { createTrainerClient } from "./trainer_client.js";
import { createTransport } from "./transport.js";
import { redrawOnThemeChange } from "./theme.js";

// A slider being dragged restarts the runs once the hand rests this long.
const RESTART_DEBOUNCE_MS = 250;
// Colours of the runs (Theme::series in src/chart/theme.rs): a fifth run would repeat one.
const SERIES_COUNT = 4;
// The table follows the training at this pace (it is text, not animation).
const TABLE_INTERVAL_MS = 200;

/**
 * Mount compare mode into `container`. `query` is a lab query (the page's URL query);
 * `onQueryChange(canonicalQuery)` hears every change, for the address bar.
 * Resolves to `{ destroy() }`.
 */
export async function mountCompare(container, { query = "", onQueryChange = () => {}, layout = "open" } = {}) {
  const api = await loadWasm();
  const cells = cellOptions(api);

  const notices = createNoticeBox();
  const alertBox = createAlertBox();
  const canvas = el("canvas", {
    class: "lab-chart",
    role: "img",
    "aria-label": "Line chart of each run's training (dashed) and validation (solid) loss by epoch. The numbers are in the table beside it.",
  });
  const logBox = el("input", { type: "checkbox", class: "lab-log-scale" });
  const transportRoot = el(
    "div",
    { class: "transport" },
    el(
      "div",
      { class: "buttons" },
      el("button", { type: "button", class: "primary", "data-action": "play-pause", disabled: true }, "Play"),
      el("button", { type: "button", "data-action": "step", disabled: true }, "Step"),
      el("button", { type: "button", "data-action": "reset", disabled: true }, "Restart"),
    ),
    el("span", { class: "status-pill", "data-status": true, "data-state": "loading" }, "Loading…"),
    el("label", { class: "inline-check" }, logBox, " Log scale"),
  );
  const tableBody = el("tbody");
  const table = labTable(
    "lab-compare-table",
    "Each run's size, progress, best validation loss, last training loss and time per epoch",
    [
      [el("abbr", { title: "Cell and size, layers × units: LSTM 1×64 is 1 layer of 64 units" }, "Run (layers × units)"), false],
      ["Params", true],
      ["Best val", true],
      ["Final train", true],
      [el("abbr", { title: "milliseconds per epoch (wall time)" }, "ms per epoch"), true],
    ],
    tableBody,
  );
  const editor = el("div", { class: "lab-run-editor" });
  const addButton = el("button", { type: "button", class: "lab-add" }, "+ Add run");
  const liveSummary = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const settingsSlot = el("div");
  const root = el(
    "div",
    { class: "lab lab-compare", "data-state": "loading", "data-layout": layout },
    notices.root,
    alertBox,
    el(
      "section",
      { class: "lab-stage", "aria-label": "Comparison" },
      el(
        "div",
        { class: "card lab-chart-card" },
        transportRoot,
        canvas,
        el("p", { class: "lab-caption" }, "Solid lines: validation loss. Dashed: training loss. Every run trains on the same data with the same seed."),
      ),
      el(
        "div",
        { class: "card lab-side" },
        el("h2", { class: "card-title" }, "Runs"),
        el("div", { class: "lab-table-wrap" }, table),
        el("h3", { class: "lab-subtitle" }, "Cells and sizes"),
        editor,
        addButton,
        liveSummary,
      ),
    ),
    settingsSlot,
  );
  container.replaceChildren(root);
  const view = new api.CompareChartView(canvas);
  // The swatches take the colours the chart draws with, in the page's theme.
  const paintSwatches = () =>
    view.series_colours().forEach((colour, i) => root.style.setProperty(`--series-${i}`, colour));
  paintSwatches();
  redrawOnThemeChange(canvas, paintSwatches);
  let failed = false;
  const fail = (error) => {
    failed = true;
    console.error(error);
    transport.setState("error");
    transport.showAlert("error", "The comparison stopped working", `${messageOf(error)}. Reloading the page starts over.`, [
      { label: "Reload", run: () => window.location.reload() },
    ]);
  };
  const redraw = createDrawLoop(canvas, () => view.draw(), fail);
  const transport = createTransport(transportRoot, alertBox, {
    pause: () => broadcast({ type: "pause" }),
    resume: () => broadcast({ type: "resume" }),
    step: () => broadcast({ type: "step" }),
    reset: () => restart(),
  });
  transport.setState("loading");

  let lab = api.parse_lab_query(`mode=compare&${withoutMode(query)}`);
  notices.show(lab.notices);
  let sharedConfig = api.parse_query(lab.shared_query).config;
  let logScale = lab.log_y;
  let runs = []; // per run: {cell, hidden, layers, label, query, state, info, epoch, message}
  const clients = [];
  let restartTimer = 0;

  const settings = createSharedSettings(api, {
    omit: ["cell", "hidden", "layers"],
    title: "Shared settings",
    note: "Every run uses these settings: the same task, data, optimiser, seed and epoch budget. Changing one restarts all runs.",
    onChange(sharedQuery, key, committed) {
      const next = api.parse_query(sharedQuery).config;
      // Runs at the old default size follow a new task's default size.
      const editable = runs.map((run) =>
        run.hidden === sharedConfig.hidden && run.layers === sharedConfig.layers && key === "task"
          ? { ...run, hidden: next.hidden, layers: next.layers }
          : run,
      );
      applyQuery(compose(sharedQuery, editable), committed);
    },
  });
  placeSettings(settingsSlot, settings.root, layout);
  settings.setAll(sharedConfig);

  bindLogScale(logBox, view, redraw, logScale, (on) => {
    logScale = on;
    lab = api.parse_lab_query(compose(lab.shared_query, runs));
    onQueryChange(lab.query);
  });
  addButton.addEventListener("click", () => {
    const used = new Set(runs.map((r) => r.cell));
    const cell = cells.map((c) => c.value).find((c) => !used.has(c)) ?? "lstm";
    // A new run differs from the others (the reader drops exact repeats).
    let hidden = sharedConfig.hidden;
    while (runs.some((r) => r.cell === cell && r.hidden === hidden && r.layers === sharedConfig.layers)) hidden *= 2;
    applyQuery(compose(lab.shared_query, [...runs, { cell, hidden: Math.min(hidden, lab.limits.hidden[1]), layers: sharedConfig.layers }]), true);
  });

  function compose(sharedQuery, list) {
    const cells = list.map((r) => `${r.cell}:${r.layers}x${r.hidden}`).join(","); // layers × units
    return `mode=compare&${sharedQuery}&cells=${cells}${logScale ? "&logy=1" : ""}`;
  }

  /** A new lab query from the controls: canonical form, notices, and a restart. */
  function applyQuery(nextQuery, committed) {
    lab = api.parse_lab_query(nextQuery);
    notices.show(lab.notices);
    sharedConfig = api.parse_query(lab.shared_query).config;
    onQueryChange(lab.query);
    window.clearTimeout(restartTimer);
    if (committed) restart();
    else restartTimer = window.setTimeout(restart, RESTART_DEBOUNCE_MS);
  }

  function broadcast(message) {
    for (const client of clients) client.send(message);
  }

  function restart() {
    if (failed) return;
    window.clearTimeout(restartTimer);
    transport.hideAlert();
    runs = lab.runs.map((run) => ({ ...run, state: "starting", info: null, epoch: 0, message: null }));
    while (clients.length > runs.length) clients.pop().terminate();
    while (clients.length < runs.length) clients.push(createTrainerClient(handlersFor(clients.length)));
    try {
      view.reset({}, runs.map((r) => r.label));
    } catch (error) {
      fail(error);
      return;
    }
    renderEditor();
    renderTable();
    updateState();
    redraw.request();
    // start() brings back a worker that ended with its finished run (or died).
    runs.forEach((run, i) => clients[i].start({ type: "start", query: run.query, paused: false }));
  }

  function handlersFor(index) {
    const guard = (fn) => (message) => {
      const run = runs[index];
      if (!run || failed) return;
      try {
        fn(run, message);
      } catch (error) {
        fail(error);
      }
    };
    return {
      ready() {},
      started: guard((run, { info }) => {
        run.info = info;
        run.state = "running";
        run.epoch = 0;
        run.message = null;
        view.restart_run(index, `${run.label} · ${formatCount(info.param_count)} params`);
        view.set_labels({ ...info, title: `${info.task} · ${runs.length} runs · seed ${sharedConfig.seed}` });
        redraw.request();
        tableSoon();
      }),
      epochs: guard((run, message) => {
        view.push_reports(index, message.reports);
        const last = message.reports[message.reports.length - 1];
        if (last) run.epoch = last.epoch;
        redraw.request();
        tableSoon();
      }),
      status: guard((run, { status }) => {
        run.state = status.state;
        if (status.state === "diverged") run.message = status.message ?? "diverged";
        if (status.state === "stopped_early") run.keptEpoch = status.best_epoch;
        // A run that ended needs no worker: give its memory and core back.
        if (["finished", "stopped_early", "diverged"].includes(status.state)) clients[index].terminate();
        updateState();
        tableSoon();
      }),
      error: guard((run, message) => {
        run.state = "error";
        run.message = message.message;
        transport.showAlert("error", `${run.label} stopped`, message.message, [{ label: "Restart all runs", run: () => restart() }]);
        updateState();
        tableSoon();
      }),
    };
  }

  /** The transport shows the runs as one: training while any trains. */
  function updateState() {
    const states = runs.map((r) => r.state);
    let state = "finished";
    if (states.includes("starting")) state = "starting";
    else if (states.includes("running")) state = "running";
    else if (states.includes("paused")) state = "paused";
    else if (states.length && states.every((s) => s === "error")) state = "error";
    transport.setState(state);
    root.dataset.state = state;
    if (state === "finished") {
      liveSummary.textContent = `All runs finished. ${describeBest()}`;
    }
  }

  function describeBest() {
    const summaries = view.summaries();
    return runs
      .map((run, i) => `${run.label}: best validation loss ${formatLoss(summaries[i]?.best_val_loss)}`)
      .join("; ");
  }

  const tableSoon = throttle(() => renderTable(), TABLE_INTERVAL_MS);

  function renderTable() {
    const summaries = view.summaries();
    const maxEpochs = sharedConfig.epochs;
    tableBody.replaceChildren(
      ...runs.map((run, i) => {
        const s = summaries[i] ?? {};
        let progress = s.epochs ? `epoch ${s.epochs} of ${maxEpochs}` : run.state === "starting" ? "starting…" : MISSING;
        // Early stopping ended it before the last epoch, keeping its best weights.
        if (run.state === "stopped_early") progress = `stopped early at epoch ${s.epochs ?? MISSING}, weights of epoch ${run.keptEpoch}`;
        const problem = run.state === "diverged" || run.state === "error" ? (run.message ?? run.state) : null;
        return el(
          "tr",
          { "data-run": i, "data-cell": run.cell, "data-state": run.state, "data-epochs": s.epochs ?? 0 },
          el(
            "th",
            { scope: "row" },
            el("span", { class: "lab-swatch", style: `background:var(--series-${i % SERIES_COUNT})`, "aria-hidden": "true" }),
            run.label,
            el("span", { class: "lab-detail" }, progress),
            problem ? el("span", { class: "lab-run-note" }, problem) : null,
          ),
          numberCell("params", run.info?.param_count, formatCount(run.info?.param_count)),
          numberCell(
            "best",
            s.best_val_loss,
            isNumber(s.best_val_loss) ? formatLoss(s.best_val_loss) : MISSING,
            isNumber(s.best_epoch) ? `epoch ${s.best_epoch}` : null,
          ),
          numberCell("train", s.final_train_loss, formatLoss(s.final_train_loss)),
          numberCell("ms", s.ms_per_epoch, formatMs(s.ms_per_epoch)),
        );
      }),
    );
    canvas.dataset.points = view.point_counts().join(",");
  }

  function renderEditor() {
    const cellSelect = (run, i) => {
      const select = el(
        "select",
        { "aria-label": `Cell of run ${i + 1}` },
        ...cells.map(({ value, short }) => el("option", { value, selected: value === run.cell }, short)),
      );
      select.addEventListener("change", () => editRun(i, { cell: select.value }));
      return select;
    };
    const numberInput = (run, i, key, [min, max], label) => {
      const input = el("input", { type: "number", min, max, step: 1, value: run[key], inputmode: "numeric", "aria-label": `${label} of run ${i + 1}` });
      input.addEventListener("change", () => {
        const value = Number(input.value);
        if (input.value.trim() === "" || !Number.isFinite(value)) return;
        // Out-of-range values are the wasm's to clamp and explain, as on the playground.
        editRun(i, { [key]: Math.round(value) });
      });
      return input;
    };
    editor.replaceChildren(
      el(
        "div",
        { class: "lab-run-row lab-run-head", "aria-hidden": "true" },
        el("span"),
        el("span", {}, "Cell"),
        el("span", {}, "Units"),
        el("span", {}, "Layers"),
        el("span"),
      ),
      ...runs.map((run, i) =>
        el(
          "div",
          { class: "lab-run-row" },
          el("span", { class: "lab-swatch", style: `background:var(--series-${i % SERIES_COUNT})`, "aria-hidden": "true" }),
          cellSelect(run, i),
          numberInput(run, i, "hidden", lab.limits.hidden, "Hidden units"),
          numberInput(run, i, "layers", lab.limits.layers, "Layers"),
          el(
            "button",
            { type: "button", class: "dismiss", "aria-label": `Remove run ${i + 1}`, disabled: runs.length <= 1, onclick: () => removeRun(i) },
            "×",
          ),
        ),
      ),
    );
    addButton.disabled = runs.length >= lab.limits.max_runs;
  }

  function editRun(index, change) {
    const next = runs.map((run, i) => (i === index ? { ...run, ...change } : run));
    applyQuery(compose(lab.shared_query, next), true);
  }

  function removeRun(index) {
    applyQuery(compose(lab.shared_query, runs.filter((_, i) => i !== index)), true);
  }

  onQueryChange(lab.query);
  restart();

  return {
    root,
    destroy() {
      window.clearTimeout(restartTimer);
      for (const client of clients.splice(0)) client.terminate();
      redraw.dispose();
      view.free();
      root.remove();
    },
  };
}
