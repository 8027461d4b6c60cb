// Page entry point: wires the controls, the URL, the worker and the chart together.
// The numbers live in Rust; this file only moves messages and DOM events around.

import { ChartView, parameter_table, parse_query, preset_query } from "./pkg/rnn_playground.js";
import { createChartLoop } from "./chart_loop.js";
import { loadPageWasm } from "./embed/page_wasm.js";
import { buildControls } from "./controls.js";
import { createReadouts } from "./readouts.js";
import { createTrainerClient } from "./trainer_client.js";
import { createTransport } from "./transport.js";
import { languageNotices, LANG_KEY, LANGUAGE_EVENT, tr } from "./i18n.js";
import { lessonNotices, lessonQuery, mountLessonCaption } from "./lesson_state.js";
import { mountFileTools } from "./downloads.js";
import { describeStoppedEarly, showNextStep, suggestNext } from "./next_step.js";
import { OWN_SERIES_MARK, mountOwnSeries } from "./own_series.js";
import { createUrlWriter, currentQuery, queryFromValues, showAddressNote, showNotices } from "./url_state.js";
import { formatViews, mountViews } from "./views.js";
import { LOG_SCALE_KEY, VIEWS_KEY, splitViewOptions } from "./view_options.js";
import { packAddress, unpackAddress } from "./address_pack.js";
import { warnIfSlow } from "./slow_model.js";
import { addressTheme, THEME_KEY } from "./theme.js";
import { settingsSummary } from "./settings_summary.js";

// Dragging a structural slider restarts training when the hand rests this long;
// releasing it (or a key press) restarts at once.
const RESTART_DEBOUNCE_MS = 200;
// Live changes (learning rate, dropout...) are cheap: send them often while dragging.
const LIVE_THROTTLE_MS = 80;
const SERIES_KEY = "series"; // series=own: the run trains on a series loaded in the page
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
const urlWriter = createUrlWriter();

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
});

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
let liveTimer = 0;
let lastLiveSent = 0;
let slowWarned = false; // this run's "trains slowly here" notice was shown
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
  const address = await unpackAddress(currentQuery());
  // The view options are split off by hand: re-encoding the rest through URLSearchParams
  // would hide malformed escapes from parse_query, whose notices should name them.
  const options = splitViewOptions(address.query);
  logScale = options.logScale;
  viewNames = options.views;
  const { runQuery: settingsQuery, seriesMarked } = splitPageKeys(options.runQuery);
  const parsed = parse_query(settingsQuery);
  ownSeries = mountOwnSeries($("own-series"), {
    glue,
    seqLen: () => Number(controls.values().len),
    onChange: () => {
      writeUrl();
      if (started) restart();
    },
  });
  if (seriesMarked) ownSeries.refuseMark();
  showParsed(parsed);
  const themeNotice = addressTheme().notice; // main.js applied the theme
  const optionNotices = [address.notice, themeNotice, ...options.notices].filter(Boolean);
  showNotices($("notices"), [...languageNotices(), ...lessonNotices(), ...parsed.notices, ...optionNotices]);
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

let addressWrites = 0; // packing is async: only the newest write lands
/**
 * `query` without the page's own keys, which are not run settings: the `series=` mark of a
 * series loaded in the page, `theme=` and `lang=` (main.js applied them). Says whether a
 * mark was there.
 */
function splitPageKeys(query) {
  const pageKeys = [SERIES_KEY, THEME_KEY, LANG_KEY];
  if (!pageKeys.some((key) => query.includes(key))) return { runQuery: query, seriesMarked: false };
  const segments = query.split("&");
  const keyOf = (segment) => segment.split("=", 1)[0];
  const run = segments.filter((segment) => !pageKeys.includes(keyOf(segment)));
  return { runQuery: run.join("&"), seriesMarked: segments.some((segment) => keyOf(segment) === SERIES_KEY) };
}

function writeUrl() {
  $("settings-summary").textContent = settingsSummary(table, controls.values());
  const views = viewNames.length ? `&${VIEWS_KEY}=${formatViews(viewNames)}` : "";
  const series = ownSeries?.series() ? `&${SERIES_KEY}=${OWN_SERIES_MARK}` : "";
  const query = (logScale ? `${runQuery}&${LOG_SCALE_KEY}=1` : runQuery) + views + series;
  const write = ++addressWrites;
  packAddress(query)
    .then(({ query: short, hash, left }) => {
      if (write !== addressWrites) return;
      urlWriter.write(short, hash);
      showAddressNote($("notices"), left);
    })
    .catch(pageFailed);
}

function maybeFirstStart() {
  if (pageReady && workerReady && !started) restart();
}

function restart() {
  window.clearTimeout(restartTimer);
  restartTimer = 0;
  started = true;
  transport.hideAlert();
  $("next-step").hidden = true;
  lastStatus = null;
  transport.setState("starting");
  // A worker inside a long step is replaced rather than waited for.
  client.start({ type: "start", query: runQuery, paused: false, series: ownSeries?.series() ?? null });
}

/** The worker pauses after the step in progress: say how long that is when it is long. */
function pause() {
  client.send({ type: "pause" });
  const wait = client.stepMs();
  if (wait > SLOW_STEP_MS) {
    transport.setState("pausing", t("status.pausing_for", { wait: formatWait(wait) }));
  }
}

function formatWait(ms) {
  if (ms < 60_000) return t("time.seconds", { count: Math.max(1, Math.round(ms / 1000)) });
  return t("time.minutes", { count: Math.round(ms / 60_000) });
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
    sendLive(committed);
  }
}

function sendLive(committed) {
  window.clearTimeout(liveTimer);
  const send = () => {
    lastLiveSent = performance.now();
    client.send({ type: "live", query: runQuery });
  };
  const wait = lastLiveSent + LIVE_THROTTLE_MS - performance.now();
  if (committed || wait <= 0) send();
  else liveTimer = window.setTimeout(send, wait);
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
  slowWarned = false;
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
    hidden: Number(controls.values().hidden),
    minHidden: table.find((spec) => spec.key === "hidden")?.min ?? 1,
    useHidden: (hidden) => {
      showParsed(parse_query(queryFromValues(table, { ...controls.values(), hidden })));
      restart();
    },
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
    const advice = status.words?.[document.documentElement.lang] ?? status.message;
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
  const parsed = parse_query(query.split("&").filter((s) => !["logy", "views", "mode", SERIES_KEY, THEME_KEY, LANG_KEY].includes(s.split("=")[0])).join("&"));
  showParsed(parsed);
  controls.refreshVisibility(parsed.config);
  restart();
}

function onWorkerError({ message, fatal, workerDied, loadFailed }) {
  // The page's own failure (its wasm, its modules) says what to do; the worker's follows from it.
  if (pageBroken) return;
  transport.setState("error");
  if (workerDied || loadFailed) {
    // Reset starts a fresh worker; if its files are still missing it ends here again.
    transport.showAlert("error", t("alert.worker_failed"), t("alert.worker_failed_hint", { message }), [
      { label: t("transport.reset"), run: () => restart() },
      { label: t("action.reload"), run: () => window.location.reload() },
    ]);
    return;
  }
  transport.showAlert("error", t(fatal ? "alert.stopped" : "alert.cannot_run"), message, [
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
