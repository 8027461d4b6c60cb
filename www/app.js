// Page entry point: wires the controls, the URL, the worker and the chart together.
// The numbers live in Rust; this file only moves messages and DOM events around.

import { ChartView, estimated_step_flops, parameter_table, parse_query, preset_query } from "./pkg/rnn_playground.js";
import { createChartLoop } from "./chart_loop.js";
import { loadPageWasm } from "./embed/page_wasm.js";
import { buildControls } from "./controls.js";
import { createReadouts } from "./readouts.js";
import { createTrainerClient, estimateStepMs } from "./trainer_client.js";
import { createTransport } from "./transport.js";
import { languageNotices, LANGUAGE_EVENT, tr, wordsIn } from "./i18n.js";
import { lessonNotices, lessonQuery, mountLessonCaption } from "./lesson_state.js";
import { mountFileTools } from "./downloads.js";
import { describeStoppedEarly, showNextStep, suggestNext } from "./next_step.js";
import { mountOwnSeries } from "./own_series.js";
import { queryFromValues, showNotices } from "./url_state.js";
import { createPageAddressWriter, readPageAddress, withoutPageKeys } from "./page_address.js";
import { createLiveSender } from "./live_sender.js";
import { mountViews } from "./views.js";
import { holdIfSlow, waitText, warnIfSlow } from "./slow_model.js";
import { settingsSummary } from "./settings_summary.js";

// Dragging a structural slider restarts training when the hand rests this long;
// releasing it (or a key press) restarts at once.
const RESTART_DEBOUNCE_MS = 200;
// Past this, Pause says how long the step in progress will still take.
const SLOW_STEP_MS = 500;

const $ = (id) => document.getElementById(id);
/** The message `key` in the page's language. */
const t = (key, values) => tr(document.documentElement, key, values);

const transport = createTransport($("transport"), $("alert"), {
  pause: () => pause(),
  resume: () => client.send({ type: "resume" }),
  step: () => client.send({ type: "step" }),
  reset: () => restart(),
  defaults: () => resetToDefaults(),
});
transport.setState("loading");
const readouts = createReadouts($("readouts"), $("live-summary"));
const liveSender = createLiveSender(() => client.send({ type: "live", query: runQuery }));
const addressWriter = createPageAddressWriter($("notices"), (error) => pageFailed(error));

// Start the worker before anything else: it loads its own copy of the wasm in parallel
// with the page's.
const client = createTrainerClient({
  ready: onWorkerReady,
  started: onStarted,
  epochs: onEpochs,
  progress: onProgress,
  status: onStatus,
  error: onWorkerError,
  view_data: (message) => viewsUi?.onViewData(message),
  export: (message) => files?.onMessage(message),
  weights_loaded: (message) => files?.onMessage(message),
  file_refused: (message) => files?.onMessage(message),
}, { keepSpare: true });

let table = []; // parameter_table()
let controls = null;
let chart = null;
let runQuery = ""; // canonical query of the current run's parameters
let logScale = false;
let viewNames = []; // open "inside the network" views
let viewsUi = null;
let files = null; // the Download menu and Load weights (downloads.js)
let ownSeries = null; // the reader's own series for the forecast task (own_series.js)
let pageReady = false;
let workerReady = false;
let started = false;
let restartTimer = 0;
let slowWarned = false; // this run's "trains slowly here" notice was shown
// The slowest step (estimated ms) the reader chose to start anyway: a change to a model no
// slower (a margin for the estimate) starts without asking again.
let slowAcceptedMs = 0;
let flopsPerStep = 0; // of the current run
let pageBroken = false; // the page's own failure alert (Reload) outranks the worker's
let runs = 0; // runs started, exposed as data-run-count for tests and curious readers
let lastRun = null; // the newest epoch's numbers, for the advice when the run ends
let lastStatus = null; // the run's last status message

main().catch((error) => pageFailed(error));

async function main() {
  const { glue } = await loadPageWasm(); // the one init of the glue, shared with main.js
  table = parameter_table(document.documentElement.lang);
  controls = buildControls(table, {
    top: $("top-controls"),
    headline: $("headline-controls"),
    groups: $("settings-groups"),
    onChange: onControlChange,
  });
  chart = createChartLoop(new ChartView($("chart")), $("chart"), pageFailed);
  files = mountFileTools($("file-tools"), {
    send: (message) => client.send(message),
    chart,
    chartCanvas: $("chart"),
    settings: () => runQuery,
    dropZone: document.querySelector(".chart-card"),
    onLoaded: (score) => readouts.showLoadedWeights(score),
  });

  // Long values (pasted text) may travel compressed in the fragment (address_pack.js).
  const address = await readPageAddress();
  logScale = address.logScale;
  viewNames = address.views;
  const parsed = parse_query(address.settingsQuery);
  ownSeries = mountOwnSeries($("own-series"), {
    glue,
    seqLen: () => Number(controls.values().len),
    onChange: () => {
      writeUrl();
      if (started) restart();
    },
  });
  if (address.seriesMarked) ownSeries.refuseMark();
  showParsed(parsed);
  showNotices($("notices"), [...languageNotices(), ...lessonNotices(), ...parsed.notices, ...address.notices]);
  mountLessonCaption($("transport"));
  $("notices-dismiss").addEventListener("click", () => ($("notices").hidden = true));

  const logBox = $("log-scale");
  logBox.checked = logScale;
  chart.setLogScale(logScale);
  logBox.addEventListener("change", () => {
    logScale = logBox.checked;
    chart.setLogScale(logScale);
    writeUrl();
  });

  if ($("views")) {
    viewsUi = mountViews($("views"), {
      views: viewNames,
      send: (message) => client.send(message),
      onViewsChange: (names) => {
        viewNames = names;
        writeUrl();
      },
      onError: pageFailed,
    });
  }

  pageReady = true;
  maybeFirstStart();
}

/** Put a parsed config into the controls, the URL and the pending run query. */
function showParsed(parsed) {
  controls.setAll(parsed.config);
  ownSeries?.setTask(String(parsed.config.task));
  runQuery = parsed.query;
  writeUrl();
}

function writeUrl() {
  $("settings-summary").textContent = settingsSummary(table, controls.values());
  addressWriter.write({ runQuery, logScale, views: viewNames, ownSeries: Boolean(ownSeries?.series()) });
}

function maybeFirstStart() {
  if (pageReady && workerReady && !started) restart();
}

function restart() {
  window.clearTimeout(restartTimer);
  restartTimer = 0;
  const hadRun = started;
  started = true;
  $("next-step").hidden = true;
  lastStatus = null;
  if (holdSlowStart(hadRun)) return;
  transport.hideAlert();
  transport.setState("starting");
  // A worker inside a long step is replaced rather than waited for.
  client.start({ type: "start", query: runQuery, paused: false, series: ownSeries?.series() ?? null });
}

/**
 * Before starting a model whose steps would take seconds here (the estimate from its flop
 * count and this device's measured speed), say so and wait for the reader's choice. A run
 * in progress is ended: its settings are gone from the controls. True when held.
 */
/** The current hidden size, its minimum, and how to restart with a smaller one (slow_model.js). */
function smallerSizeChoice() {
  return {
    hidden: Number(controls.values().hidden),
    minHidden: table.find((spec) => spec.key === "hidden")?.min ?? 1,
    useHidden: (hidden) => {
      showParsed(parse_query(queryFromValues(table, { ...controls.values(), hidden })));
      restart();
    },
  };
}

function holdSlowStart(hadRun) {
  const flops = estimated_step_flops(runQuery);
  const stepMs = estimateStepMs(flops);
  if (stepMs <= 1.25 * slowAcceptedMs) return false;
  const held = holdIfSlow(transport, {
    stepMs,
    flopsPerStep: flops,
    ...smallerSizeChoice(),
    startAnyway: () => {
      slowAcceptedMs = stepMs;
      restart();
    },
  });
  if (held && hadRun) client.terminate();
  return held;
}

/** The worker pauses after the step in progress: say how long that is when it is long. */
function pause() {
  client.send({ type: "pause" });
  const wait = client.stepMs();
  if (wait > SLOW_STEP_MS) {
    transport.setState("pausing", t("status.pausing_for", { wait: waitText(wait, t) }));
  }
}

function onControlChange(key, value, committed) {
  const spec = table.find((s) => s.key === key);
  let parsed;
  if (key === "task") {
    // A task comes with its own sensible sizes and learning rate.
    parsed = parse_query(preset_query(String(value)));
  } else {
    parsed = parse_query(queryFromValues(table, controls.values()));
  }
  runQuery = parsed.query;
  controls.refreshVisibility(parsed.config);
  if (key === "task") controls.setAll(parsed.config);
  ownSeries?.setTask(String(parsed.config.task));
  writeUrl();
  if (!started) return;

  // A stopped run cannot take a live change: any change starts a new run.
  const stopped = !["running", "pausing", "paused", "starting"].includes(transport.state);
  if (spec?.structural || stopped) {
    window.clearTimeout(restartTimer);
    if (committed) restart();
    else restartTimer = window.setTimeout(restart, RESTART_DEBOUNCE_MS);
  } else {
    liveSender.request(committed);
  }
}

// ---- worker messages -----------------------------------------------------------------

function onWorkerReady() {
  workerReady = true;
  maybeFirstStart();
}

function onStarted({ info }) {
  if (!pageReady) return;
  runs += 1;
  lastRun = null;
  $("transport").dataset.runCount = String(runs);
  guardPage(() => chart.reset(info));
  readouts.startRun(info);
  files?.onStarted(info);
  viewsUi?.onStarted(info);
  flopsPerStep = Number(info.flops_per_step) || 0;
  // Said before the start already when the reader chose to start it anyway.
  slowWarned = slowAcceptedMs > 0;
  warnSlowOnce(); // from the speed measured before, if any
}

function onProgress(message) {
  if (!pageReady) return;
  readouts.showProgress(message);
  warnSlowOnce();
}

function warnSlowOnce() {
  if (slowWarned) return;
  slowWarned = warnIfSlow(transport, {
    stepMs: client.stepMs(),
    flopsPerStep,
    ...smallerSizeChoice(),
  });
}

function onEpochs(message) {
  if (!pageReady) return;
  guardPage(() => chart.push(message.reports));
  readouts.showEpochs(message);
  warnSlowOnce();
  const last = message.reports[message.reports.length - 1];
  if (last) {
    lastRun = { epoch: last.epoch, train: last.train_loss, val: last.val_loss, bestVal: message.bestValLoss };
  }
}

// A language switch says the run's last status again in the new words.
window.addEventListener(LANGUAGE_EVENT, () => {
  if (controls) $("settings-summary").textContent = settingsSummary(table, controls.values());
  if (lastStatus && ["finished", "stopped_early", "diverged"].includes(lastStatus.state)) onStatus({ status: lastStatus });
});

function onStatus({ status }) {
  lastStatus = status;
  transport.setState(status.state);
  if (status.state === "diverged") {
    const lr = table.find((s) => s.key === "lr");
    const lower = lr
      ? [{ label: t("action.lower_lr"), run: () => lowerLearningRate(lr) }]
      : [];
    const advice = wordsIn(document, status.words, status.message);
    transport.showAlert("diverged", t("alert.diverged"), advice || t("alert.diverged_default"), [
      ...lower,
      { label: t("transport.reset"), run: () => restart() },
    ]);
    readouts.announce(t("announce.diverged", { message: advice ?? "" }));
  } else if (status.state === "finished") {
    readouts.announce(t("announce.finished"));
    showAdvice([]);
  } else if (status.state === "stopped_early") {
    const text = describeStoppedEarly(status, lastRun?.epoch, Number(controls.values().patience));
    guardPage(() => chart.setStopped(lastRun?.epoch));
    readouts.announce(text);
    showAdvice([text]);
  }
}

/** Say what the run showed and what to try next (next_step.js). */
function showAdvice(lines) {
  const values = controls.values();
  showNextStep($("next-step"), {
    lines,
    advice: lastRun ? suggestNext(lastRun, values, table) : null,
    apply: (changes) => {
      showParsed(parse_query(queryFromValues(table, { ...values, ...changes })));
      restart();
    },
    reset: () => resetToDefaults(),
  });
}

/** Every setting back to the lesson's (when one is loaded) or the task's preset. */
function resetToDefaults() {
  const query = lessonQuery() ?? preset_query(String(controls.values().task));
  // The lesson's query may hold view keys and a mode; parse_query reads the run's keys.
  const { runQuery: settings } = withoutPageKeys(query.split("&").filter((s) => !["logy", "views", "mode"].includes(s.split("=")[0])).join("&"));
  const parsed = parse_query(settings);
  showParsed(parsed);
  controls.refreshVisibility(parsed.config);
  restart();
}

function onWorkerError({ message: english, words, fatal, workerDied, loadFailed }) {
  // The page's own failure (its wasm, its modules) says what to do; the worker's follows from it.
  if (pageBroken) return;
  transport.setState("error");
  if (workerDied || loadFailed) {
    // Reset starts a fresh worker; if its files are still missing it ends here again.
    transport.showAlert("error", t("alert.worker_failed"), t("alert.worker_failed_hint", { message: english }), [
      { label: t("transport.reset"), run: () => restart() },
      { label: t("action.reload"), run: () => window.location.reload() },
    ]);
    return;
  }
  transport.showAlert("error", t(fatal ? "alert.stopped" : "alert.cannot_run"), wordsIn(document, words, english), [
    { label: t("transport.reset"), run: () => restart() },
  ]);
}

function lowerLearningRate(spec) {
  const values = controls.values();
  const lowered = Math.max(spec.min ?? 0, Number(values.lr) / 10);
  const parsed = parse_query(queryFromValues(table, { ...values, lr: lowered }));
  showParsed(parsed);
  restart();
}

// ---- failures on the page side -------------------------------------------------------

function guardPage(fn) {
  try {
    fn();
  } catch (error) {
    pageFailed(error);
  }
}

function pageFailed(error) {
  console.error(error);
  pageBroken = true;
  transport.setState("error");
  const message = error instanceof Error ? error.message : String(error);
  transport.showAlert("error", t("alert.page_failed"), t("alert.reload_hint", { message }), [
    { label: t("action.reload"), run: () => window.location.reload() },
  ]);
}
