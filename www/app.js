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
import { describeStoppedEarly, showNextStep, suggestNext } from "./next_step.js";
import { createUrlWriter, currentQuery, queryFromValues, showNotices } from "./url_state.js";
import { formatViews, mountViews, parseViews } from "./views.js";

// Dragging a structural slider restarts training when the hand rests this long;
// releasing it (or a key press) restarts at once.
const RESTART_DEBOUNCE_MS = 200;
// Live changes (learning rate, dropout...) are cheap: send them often while dragging.
const LIVE_THROTTLE_MS = 80;
// View options that are in the URL but are not run parameters (parse_query never sees them).
const LOG_SCALE_KEY = "logy";
const VIEWS_KEY = "views"; // views=predictions,saturation opens those "inside the network" views
// A worker that keeps dying (e.g. its files are missing) is not respawned forever.
const MAX_RESPAWNS = 3;

const $ = (id) => document.getElementById(id);
/** The message `key` in the page's language. */
const t = (key, values) => tr(document.documentElement, key, values);

const transport = createTransport($("transport"), $("alert"), {
  pause: () => client.send({ type: "pause" }),
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
  status: onStatus,
  error: onWorkerError,
  view_data: (message) => viewsUi?.onViewData(message),
});

let table = []; // parameter_table()
let controls = null;
let chart = null;
let runQuery = ""; // canonical query of the current run's parameters
let logScale = false;
let viewNames = []; // open "inside the network" views
let viewsUi = null;
let pageReady = false;
let workerReady = false;
let started = false;
let restartTimer = 0;
let liveTimer = 0;
let lastLiveSent = 0;
let respawns = 0;
let runs = 0; // runs started, exposed as data-run-count for tests and curious readers
let lastRun = null; // the newest epoch's numbers, for the advice when the run ends
let lastStatus = null; // the run's last status message

main().catch((error) => pageFailed(error));

async function main() {
  await loadPageWasm(); // the one init of the glue, shared with main.js
  table = parameter_table(document.documentElement.lang);
  controls = buildControls(table, {
    top: $("top-controls"),
    headline: $("headline-controls"),
    groups: $("settings-groups"),
    onChange: onControlChange,
  });
  chart = createChartLoop(new ChartView($("chart")), $("chart"), pageFailed);

  // Split off the view option by hand: re-encoding the rest through URLSearchParams would
  // hide malformed escapes from parse_query, whose notices should name them.
  const segments = currentQuery().split("&");
  const isLogScale = (segment) => segment.split("=")[0] === LOG_SCALE_KEY;
  logScale = segments.some((segment) => segment === `${LOG_SCALE_KEY}=1`);
  const isViews = (segment) => segment.split("=")[0] === VIEWS_KEY;
  viewNames = parseViews(segments.filter(isViews).map((segment) => segment.slice(VIEWS_KEY.length + 1)).join(","));
  const isLanguage = (segment) => segment.split("=")[0] === LANG_KEY;
  const parsed = parse_query(segments.filter((s) => !isLogScale(s) && !isViews(s) && !isLanguage(s)).join("&"));
  showParsed(parsed);
  showNotices($("notices"), [...languageNotices(), ...lessonNotices(), ...parsed.notices]);
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
  runQuery = parsed.query;
  writeUrl();
}

function writeUrl() {
  const views = viewNames.length ? `&${VIEWS_KEY}=${formatViews(viewNames)}` : "";
  urlWriter.write((logScale ? `${runQuery}&${LOG_SCALE_KEY}=1` : runQuery) + views);
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
  client.send({ type: "start", query: runQuery, paused: false });
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
  writeUrl();
  if (!started) return;

  // A stopped run cannot take a live change: any change starts a new run.
  const stopped = !["running", "paused", "starting"].includes(transport.state);
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
  viewsUi?.onStarted(info);
}

function onEpochs(message) {
  if (!pageReady) return;
  guardPage(() => chart.push(message.reports));
  readouts.showEpochs(message);
  const last = message.reports[message.reports.length - 1];
  if (last) {
    lastRun = { epoch: last.epoch, train: last.train_loss, val: last.val_loss, bestVal: message.bestValLoss };
  }
}

// A language switch says the run's last status again in the new words.
window.addEventListener(LANGUAGE_EVENT, () => {
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
  const parsed = parse_query(query.split("&").filter((s) => !["logy", "views", "mode"].includes(s.split("=")[0])).join("&"));
  showParsed(parsed);
  controls.refreshVisibility(parsed.config);
  restart();
}

function onWorkerError({ message, fatal, workerDied }) {
  if (workerDied && respawns < MAX_RESPAWNS) {
    // The worker itself is gone (failed to load or crashed hard): start a fresh one, which
    // waits for Reset like any other error.
    respawns += 1;
    workerReady = false;
    client.respawn();
  }
  transport.setState("error");
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
  transport.setState("error");
  const message = error instanceof Error ? error.message : String(error);
  transport.showAlert("error", t("alert.page_failed"), t("alert.reload_hint", { message }), [
    { label: t("action.reload"), run: () => window.location.reload() },
  ]);
}
