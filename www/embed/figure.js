// One embedded figure: its own worker, chart, readouts and chosen controls, driven by the
// playground's modules (transport.js, readouts.js, controls.js, chart_loop.js,
// trainer_client.js). It trains only while the reader can see it.

import { createChartLoop } from "../chart_loop.js";
import { mountFileTools } from "../downloads.js";
import { createReadouts } from "../readouts.js";
import { createTransport } from "../transport.js";
import { queryFromValues, showNotices } from "../url_state.js";
import { buildDetachedControls, renderFigure } from "./figure_dom.js";
import { tr } from "../i18n.js";
import { createSeriesSource } from "./figure_series.js";
import { createPlaygroundLink, readAttributes, resolveOptions } from "./settings.js";
import { createEmbedViews } from "./views_mount.js";
import { watchVisibility } from "./visibility.js";
import { createSlotTicket } from "./figure_slots.js";
import { createTurnKeeper } from "./figure_turns.js";
import { createRunDisplay } from "./figure_run.js";
import { showRunStatus, showWorkerError } from "./figure_status.js";
import { settingsSummary } from "../settings_summary.js";
import { createLiveSender } from "../live_sender.js";

// The same feel as the playground: a dragged structural slider restarts when the hand
// rests, live changes (learning rate, dropout...) go out often while dragging.
const RESTART_DEBOUNCE_MS = 200;
// Worker states in which the run can still be paused, resumed or changed live.
const LIVE_STATES = ["running", "paused", "starting"];
// A run in these states needs no core; its figure leaves the line for training slots.
const ENDED_STATES = ["finished", "stopped_early", "diverged", "error"];
// A figure off screen this long gives its worker back (at once when another waits for it);
// seen again, it starts a fresh run.
const OFFSCREEN_RELEASE_MS = 5000;

export class Figure {
  #host;
  #wasm;
  #dom;
  #transport;
  #readouts;
  #chart;
  #run; // what the figure shows of its run (figure_run.js)
  #controls;
  #controlRoots = new Map(); // key → the control's element, shown or not
  #views;
  #files; // the Download menu (downloads.js)
  #series; // the `series` attribute's data (figure_series.js)
  #notices = []; // the settings' notices
  #seriesNotice = null; // the series' problem, if it has one
  #options = null;
  #rawViews = null; // the views option as written, passed on to the full playground
  #runQuery = "";
  #client = null;
  #started = false; // a start was sent to the current worker
  #visible = false;
  #wantsRun = false; // autoplay or the reader pressed Play; visibility decides the rest
  #visibility = null;
  #restartTimer = 0;
  #liveSender = createLiveSender(() => this.#client?.send({ type: "live", query: this.#runQuery }));
  #slot = createSlotTicket(() => this.#onSlot());
  #turns = createTurnKeeper(); // the run saved while the figure waits for its next turn
  #releaseTimer = 0;
  #linkTo; // keeps the playground link on the run (settings.js)
  #ended = false; // the run ended and its worker was given back: nothing to resume
  #shownOnce = false; // a run was built (a figure that does not autoplay shows its first)
  #stepPending = false; // Step was pressed while the figure had no worker

  constructor(host, shadow, wasm) {
    this.#host = host;
    this.#wasm = wasm;
    this.#dom = renderFigure(shadow);
    const dom = this.#dom;
    this.#linkTo = createPlaygroundLink(dom.openLink, dom.openLinkNote);

    this.#transport = createTransport(dom.transport, dom.alert, {
      pause: () => this.#pause(),
      resume: () => this.#play(),
      step: () => this.#step(),
      reset: () => {
        this.#wantsRun = true;
        this.#restart();
      },
    });
    this.#transport.setState("loading");
    this.#readouts = createReadouts(dom.readouts, dom.summary, shadow);
    this.#chart = createChartLoop(new wasm.ChartView(dom.chart), dom.chart, (error) => this.#failed(error));

    this.#controls = buildDetachedControls(wasm.table, dom.root, this.#controlRoots, (key, value, committed) =>
      this.#onControlChange(key, value, committed),
    );
    dom.dismiss.addEventListener("click", () => (dom.notices.hidden = true));
    this.#series = createSeriesSource(wasm.glue, (notice) => {
      this.#seriesNotice = notice;
      this.#renderNotices();
    });
    this.#files = mountFileTools(dom.fileTools, {
      // Without a worker (given back, its turn over) there is no model to export.
      send: (message) =>
        this.#client ? this.#client.send(message) : this.#files.onMessage({ type: "file_refused", id: message.id, message: this.#t("worker.no_run") }),
      chart: this.#chart,
      chartCanvas: dom.chart,
      settings: () => this.#runQuery,
    });
    this.#views = createEmbedViews(dom.views, {
      send: (message) => this.#client?.send(message),
      onError: (error) => this.#failed(error),
    });
    const parts = { chart: this.#chart, readouts: this.#readouts, files: this.#files, views: this.#views, dom, t: this.#t };
    this.#run = createRunDisplay({ ...parts, guard: (fn) => this.#guard(fn) });
  }

  /** The message `key` in the figure's language. */
  #t = (key, values) => tr(this.#dom.root, key, values);

  /** The worker's run state: loading, starting, running, paused, finished, diverged, error. */
  get state() {
    return this.#transport.state;
  }

  /** Runs started since the figure connected (a restart is a new run, a resumed one is not). */
  get runCount() {
    return this.#run.runs;
  }

  /** What its turns cost: snapshots taken `{epoch, bytes, takeMs}`, runs resumed `{epoch, restoreMs}`. */
  get turnLog() {
    return this.#turns.log;
  }

  /** Canonical query of the figure's current settings. */
  get query() {
    return this.#runQuery;
  }

  /** (Re)read the host's attributes. A changed run restarts; options apply at once. */
  configure(attributes) {
    const { parse_query } = this.#wasm;
    const raw = readAttributes(attributes, this.#wasm);
    const firstTime = this.#options === null;
    const options = resolveOptions(raw.options, this.#wasm);
    const parsed = parse_query(raw.query);
    const language = this.#dom.languageNotice ? [this.#dom.languageNotice] : [];
    this.#notices = [...language, ...raw.notices, ...options.notices, ...parsed.notices];
    this.#renderNotices();
    const seriesChanged = this.#series.set(raw.options.series);

    if (options.autoplay && (firstTime || !this.#options.autoplay)) this.#wantsRun = true;
    this.#options = options;
    this.#rawViews = raw.options.views;
    this.#views.setViews(options.views);
    this.#controls.setAll(parsed.config);
    this.#dom.controls.replaceChildren(...options.controls.map((key) => this.#controlRoots.get(key)));
    this.#dom.controls.hidden = options.controls.length === 0;
    if (options.aspect === null) this.#dom.root.style.removeProperty("--figure-aspect");
    else this.#dom.root.style.setProperty("--figure-aspect", String(options.aspect));
    this.#chart.setLogScale(options.logScale);

    const changed = parsed.query !== this.#runQuery;
    this.#runQuery = parsed.query;
    this.#updateLink();
    if ((changed || seriesChanged) && (this.#started || this.#shownOnce)) this.#restart();
  }

  /** The host joined a document: watch visibility; the worker starts when first seen. */
  attach() {
    this.#visibility ??= watchVisibility(this.#host, (visible) => this.#onVisibility(visible));
  }

  /** The host left the document: stop watching and end the worker (and its run). */
  detach() {
    this.#slot.want(false);
    window.clearTimeout(this.#releaseTimer);
    this.#visibility?.disconnect();
    this.#visibility = null;
    window.clearTimeout(this.#restartTimer);
    this.#liveSender.cancel();
    this.#client?.terminate();
    this.#client = null;
    this.#turns.discard();
    this.#started = false;
    this.#visible = false;
    this.#transport.hideAlert();
    this.#transport.setState("loading");
  }

  // ---- running only while visible, and with a slot -------------------------------

  #shouldRun() {
    return this.#wantsRun && this.#visible && this.#slot.granted;
  }

  /** The reader wants this figure to train (or to take one step), and could watch it. */
  #wantsTraining() {
    const ended = ENDED_STATES.includes(this.state) || this.#ended;
    return (this.#wantsRun || this.#stepPending) && this.#visible && !ended;
  }

  #onVisibility(visible) {
    this.#visible = visible;
    window.clearTimeout(this.#releaseTimer);
    this.#updateSlot();
    this.#syncRunning();
    if (!visible && this.#client) this.#releaseTimer = window.setTimeout(() => this.#release(), OFFSCREEN_RELEASE_MS);
  }

  /**
   * A slot is a live worker: held while the figure has one, wanted while it should train
   * or show its first run. A worker not training makes way for a waiting figure at once.
   */
  #updateSlot() {
    const firstLook = this.#visible && !this.#shownOnce && !this.#ended;
    this.#slot.want(Boolean(this.#client) || this.#wantsTraining() || firstLook);
    this.#slot.setIdle(!this.#wantsTraining() && !firstLook);
    this.#showWaiting();
  }

  #onSlot() {
    if (this.#slot.granted) {
      if (!this.#client && this.#visible && !this.#ended) this.#spawnWorker();
      else this.#syncRunning();
    } else if (this.#client) {
      // Its turn is over: the worker goes, the chart stays, and it waits for the next turn.
      this.#giveBack();
      this.#updateSlot();
    }
    this.#showWaiting();
  }

  #showWaiting() {
    if (this.#slot.waiting) this.#transport.setState(this.state, this.#t("status.waiting_core"));
  }

  /** Off screen for a while: end the worker. A run in progress resumes when seen. */
  #release() {
    if (this.#visible || !this.#client) return;
    this.#giveBack();
    this.#updateSlot();
  }

  /** End the worker, keeping what the figure shows; an unfinished run is saved first and resumes on its next turn. */
  #giveBack() {
    this.#ended = ENDED_STATES.includes(this.state) && this.state !== "error";
    // An unfinished run's worker lives on (its core taken) until it has handed over the run.
    const run = this.#started && LIVE_STATES.includes(this.state) && { query: this.#runQuery, epoch: this.#run.lastEpoch ?? 0 };
    this.#slot.ending(this.#turns.giveBack(this.#client, run));
    this.#client = null;
    this.#started = false;
    const label = this.#visible ? "status.waiting_core" : "status.paused_off_screen";
    if (LIVE_STATES.includes(this.state)) this.#transport.setState("paused", this.#t(label));
  }

  /** Pause or resume the worker to match wantsRun, visibility and the training slot. */
  #syncRunning() {
    if (!this.#client || !this.#started || !LIVE_STATES.includes(this.state)) return;
    this.#client.send({ type: this.#shouldRun() ? "resume" : "pause" });
  }

  #play() {
    this.#wantsRun = true;
    this.#updateSlot();
    this.#syncRunning();
  }

  #pause() {
    this.#wantsRun = false;
    this.#updateSlot();
    if (this.#client) this.#client.send({ type: "pause" });
    else if (LIVE_STATES.includes(this.state)) this.#transport.setState("paused"); // no longer waiting
  }

  #step() {
    this.#wantsRun = false;
    if (this.#client) this.#client.send({ type: "step" });
    else this.#stepPending = true; // sent after the fresh worker's start (#restart)
    this.#updateSlot();
  }

  #spawnWorker() {
    const handlers = {
      ready: () => this.#started || this.#startRun(),
      started: (message) => {
        this.#shownOnce = true;
        this.#run.started(message);
      },
      epochs: (message) => this.#run.epochs(message),
      progress: (message) => this.#readouts.showProgress(message),
      status: (message) => this.#onStatus(message),
      error: (message) => this.#onWorkerError(message),
      view_data: (message) => this.#views.onViewData(message),
      export: (message) => this.#files.onMessage(message),
      file_refused: (message) => this.#files.onMessage(message),
    };
    this.#client = this.#turns.spawn(handlers, (client) => client === this.#client);
  }

  /** New settings or Reset: a new run from epoch 0 (a saved one is dropped). */
  #restart() {
    this.#turns.discard();
    this.#startRun();
  }

  /** Start the figure's run: the saved one where it was, if any, else from epoch 0. */
  #startRun() {
    window.clearTimeout(this.#restartTimer);
    this.#restartTimer = 0;
    this.#ended = false;
    this.#transport.hideAlert();
    this.#transport.setState("starting");
    this.#updateSlot();
    // Given back or never started: a fresh worker restarts once ready, when it has a slot.
    if (!this.#client) return;
    this.#started = true;
    // A series attribute still loading: the first run waits for it rather than showing the wave.
    Promise.all([this.#turns.take(), this.#series.ready()]).then(([saved]) => {
      const settings = new URLSearchParams(this.#runQuery);
      const series = this.#series.valuesFor(settings.get("task"), Number(settings.get("len")));
      if (this.#client) this.#turns.start(this.#client, saved, { query: this.#runQuery, paused: !this.#shouldRun(), series });
      else this.#turns.putBack(saved);
      if (this.#stepPending && this.#client) this.#client.send({ type: "step" });
      this.#stepPending = false;
    });
  }

  /** The settings' notices, plus the series' own when it has one. */
  #renderNotices() {
    showNotices(this.#dom.notices, this.#seriesNotice ? [...this.#notices, this.#seriesNotice] : this.#notices);
  }

  // ---- controls ----------------------------------------------------------------------

  #onControlChange(key, value, committed) {
    const { table, parse_query, preset_query } = this.#wasm;
    const spec = table.find((s) => s.key === key);
    const parsed =
      key === "task"
        ? parse_query(preset_query(String(value))) // a task comes with its own preset
        : parse_query(queryFromValues(table, this.#controls.values()));
    this.#runQuery = parsed.query;
    this.#controls.refreshVisibility(parsed.config);
    if (key === "task") this.#controls.setAll(parsed.config);
    this.#updateLink();
    if (!this.#started && !this.#shownOnce) return; // the first start takes the new settings

    // A stopped run cannot take a live change: any change starts a new run.
    if (spec?.structural || !LIVE_STATES.includes(this.state)) {
      this.#wantsRun = true; // the reader changed the model: show it training
      window.clearTimeout(this.#restartTimer);
      if (committed) this.#restart();
      else this.#restartTimer = window.setTimeout(() => this.#restart(), RESTART_DEBOUNCE_MS);
    } else {
      this.#liveSender.request(committed);
    }
  }

  #updateLink() {
    this.#dom.settingsSummary.textContent = settingsSummary(this.#wasm.table, this.#controls.values(), this.#dom.root);
    this.#linkTo(this.#runQuery, this.#options, this.#rawViews);
  }

  // ---- worker messages ---------------------------------------------------------------

  #onStatus({ status }) {
    this.#transport.setState(status.state);
    this.#updateSlot();
    showRunStatus(status, {
      transport: this.#transport,
      readouts: this.#readouts,
      t: this.#t,
      lang: this.#dom.root.lang,
      lastEpoch: this.#run.lastEpoch,
      query: this.#runQuery,
      markStopped: (epoch) => this.#guard(() => this.#chart.setStopped(epoch)),
      restart: () => this.#restart(),
    });
    // Scrolled away (or paused) while the run was starting.
    if (status.state === "running" && !this.#shouldRun()) this.#syncRunning();
  }

  #onWorkerError(message) {
    showWorkerError(message, { transport: this.#transport, t: this.#t, restart: () => this.#restart() });
    this.#updateSlot();
  }

  // ---- failures on the page side -----------------------------------------------------

  #guard(fn) {
    try {
      fn();
    } catch (error) {
      this.#failed(error);
    }
  }

  #failed(error) {
    console.error(error);
    this.#transport.setState("error");
    const message = error instanceof Error ? error.message : String(error);
    this.#transport.showAlert("error", this.#t("alert.figure_failed"), this.#t("alert.reload_hint", { message }));
  }
}
