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
import { translate, tr, wordsIn } from "./i18n.js";
import { editorRows } from "./compare_editor.js";
import { onLanguageChange, titledWords } from "./lab_words.js";
import { redrawOnThemeChange } from "./theme.js";

// A slider being dragged restarts the runs once the hand rests this long.
const RESTART_DEBOUNCE_MS = 250;
// Colours of the runs (Theme::series in src/chart/theme.rs): a fifth run would repeat one.
const SERIES_COUNT = 4;
// The table follows the training at this pace (it is text, not animation).
const TABLE_INTERVAL_MS = 200;

/**
 * Mount compare mode into `container`. `query` is a lab query (the page's URL query);
 * `onQueryChange(canonicalQuery)` hears every change, for the address bar; `addressNotices`
 * (a damaged #pack fragment) lead the notices. Resolves to `{ destroy() }`.
 */
export async function mountCompare(container, { query = "", onQueryChange = () => {}, layout = "open", addressNotices = [] } = {}) {
  const api = await loadWasm();
  const cells = cellOptions(api);

  const notices = createNoticeBox();
  const alertBox = createAlertBox();
  const canvas = el("canvas", {
    class: "lab-chart",
    role: "img",
    "data-i18n-attr": "aria-label:compare.chart_label",
  });
  const logBox = el("input", { type: "checkbox", class: "lab-log-scale" });
  const transportRoot = el(
    "div",
    { class: "transport" },
    el(
      "div",
      { class: "buttons" },
      el("button", { type: "button", class: "primary", "data-action": "play-pause", disabled: true, "data-i18n": "transport.play" }),
      el("button", { type: "button", "data-action": "step", disabled: true, "data-i18n": "transport.step" }),
      el("button", { type: "button", "data-action": "reset", disabled: true, "data-i18n": "compare.restart" }),
    ),
    el("span", { class: "status-pill", "data-status": true, "data-state": "loading", "data-i18n": "status.loading" }),
    el("label", { class: "inline-check" }, logBox, " ", el("span", { "data-i18n": "page.log_scale" })),
  );
  const tableBody = el("tbody");
  const table = labTable(
    "lab-compare-table",
    el("span", { "data-i18n": "compare.table_caption" }),
    [
      [el("abbr", { "data-i18n-attr": "title:compare.col.run_title", "data-i18n": "compare.col.run" }), false],
      [el("span", { "data-i18n": "compare.col.params" }), true],
      [el("span", { "data-i18n": "compare.col.best" }), true],
      [el("span", { "data-i18n": "compare.col.train" }), true],
      [el("abbr", { "data-i18n-attr": "title:compare.col.ms_title", "data-i18n": "compare.col.ms" }), true],
    ],
    tableBody,
  );
  const editor = el("div", { class: "lab-run-editor" });
  const addButton = el("button", { type: "button", class: "lab-add", "data-i18n": "compare.add" });
  const liveSummary = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const settingsSlot = el("div");
  const root = el(
    "div",
    { class: "lab lab-compare", "data-state": "loading", "data-layout": layout },
    notices.root,
    alertBox,
    el(
      "section",
      { class: "lab-stage", "data-i18n-attr": "aria-label:compare.stage" },
      el(
        "div",
        { class: "card lab-chart-card" },
        transportRoot,
        canvas,
        el("p", { class: "lab-caption", "data-i18n": "compare.caption" }),
      ),
      el(
        "div",
        { class: "card lab-side" },
        el("h2", { class: "card-title", "data-i18n": "compare.runs" }),
        el("div", { class: "lab-table-wrap" }, table),
        el("h3", { class: "lab-subtitle", "data-i18n": "compare.editor" }),
        editor,
        addButton,
        liveSummary,
      ),
    ),
    settingsSlot,
  );
  container.replaceChildren(root);
  translate(root);
  const t = (key, values) => tr(root, key, values);

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
    transport.showAlert("error", t("compare.failed"), t("alert.reload_hint", { message: messageOf(error) }), [
      { label: t("action.reload"), run: () => window.location.reload() },
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
  notices.show([...addressNotices, ...lab.notices]);
  let sharedConfig = api.parse_query(lab.shared_query).config;
  let logScale = lab.log_y;
  let runs = []; // per run: {cell, hidden, layers, label, query, state, info, epoch, message}
  const clients = [];
  let restartTimer = 0;

  const settings = createSharedSettings(api, {
    omit: ["cell", "hidden", "layers"],
    title: "lab.shared",
    note: "compare.shared_note",
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
  translate(settings.root);
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

  /** The chart's words: each language's task name in the comparison's own title. */
  const compareLabels = (info) => {
    const title = (said, task) => said.t("compare.title", { task, runs: runs.length, seed: sharedConfig.seed });
    return { ...info, words: titledWords(api, info.words ?? {}, title) };
  };

  const legend = (run) => t("compare.legend", { run: run.label, params: formatCount(run.info.param_count) });

  // A language switch renames the legend and rewrites the tables; the runs go on.
  const relabel = () => {
    runs.forEach((run, index) => {
      if (!run.info) return;
      view.rename_run(index, legend(run));
      view.set_labels(compareLabels(run.info));
    });
    renderEditor();
    renderTable();
    redraw.request();
  };
  const stopRelabelling = onLanguageChange(relabel);

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
        view.restart_run(index, legend(run));
        view.set_labels(compareLabels(info));
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
        if (status.state === "diverged") run.message = wordsIn(root, status.words, status.message) ?? t("status.diverged");
        if (status.state === "stopped_early") run.keptEpoch = status.best_epoch;
        // A run that ended needs no worker: give its memory and core back.
        if (["finished", "stopped_early", "diverged"].includes(status.state)) clients[index].terminate();
        updateState();
        tableSoon();
      }),
      error: guard((run, message) => {
        run.state = "error";
        // The worker's words are in every language; the message is the English fallback.
        run.message = wordsIn(root, message.words, message.message);
        if (message.workerDied) clients[index].respawn();
        transport.showAlert("error", t("compare.run_stopped", { run: run.label }), run.message, [
          { label: t("compare.restart_all"), run: () => restart() },
        ]);
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
      liveSummary.textContent = t("compare.all_finished", { best: describeBest() });
    }
  }

  function describeBest() {
    const summaries = view.summaries();
    return runs
      .map((run, i) => t("compare.run_best", { run: run.label, loss: formatLoss(summaries[i]?.best_val_loss) }))
      .join("; ");
  }

  const tableSoon = throttle(() => renderTable(), TABLE_INTERVAL_MS);

  function renderTable() {
    const summaries = view.summaries();
    const maxEpochs = sharedConfig.epochs;
    tableBody.replaceChildren(
      ...runs.map((run, i) => {
        const s = summaries[i] ?? {};
        let progress = s.epochs
          ? t("sweep.status.training", { epoch: s.epochs, epochs: maxEpochs })
          : run.state === "starting"
            ? t("status.starting")
            : MISSING;
        // Early stopping ended it before the last epoch, keeping its best weights.
        if (run.state === "stopped_early") progress = t("compare.stopped_early", { epoch: s.epochs ?? MISSING, kept: run.keptEpoch });
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
            isNumber(s.best_epoch) ? t("compare.at_epoch", { epoch: s.best_epoch }) : null,
          ),
          numberCell("train", s.final_train_loss, formatLoss(s.final_train_loss)),
          numberCell("ms", s.ms_per_epoch, formatMs(s.ms_per_epoch)),
        );
      }),
    );
    canvas.dataset.points = view.point_counts().join(",");
  }

  function renderEditor() {
    const rows = editorRows(runs, { cells, limits: lab.limits, seriesCount: SERIES_COUNT, t, editRun, removeRun });
    editor.replaceChildren(...rows);
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
      stopRelabelling();
      for (const client of clients.splice(0)) client.terminate();
      redraw.dispose();
      view.free();
      root.remove();
    },
  };
}
