// One embedded figure: its own worker, chart, readouts and chosen controls, driven by the
// playground's modules (transport.js, readouts.js, controls.js, chart_loop.js,
// trainer_client.js). It trains only while the reader can see it.

import { createChartLoop } from "../chart_loop.js";
import { mountFileTools } from "../downloads.js";
import { buildControls } from "../controls.js";
import { createReadouts } from "../readouts.js";
import { describeStoppedEarly } from "../next_step.js";
import { createTrainerClient } from "../trainer_client.js";
import { createTransport } from "../transport.js";
import { queryFromValues, showNotices } from "../url_state.js";
import { renderFigure } from "./figure_dom.js";
import { tr, wordsFor } from "../i18n.js";
import { createSeriesSource } from "./figure_series.js";
import { playgroundLink, readAttributes, resolveOptions } from "./settings.js";
import { createEmbedViews } from "./views_mount.js";
import { watchVisibility } from "./visibility.js";
import { createSlotTicket } from "./figure_slots.js";
import { settingsSummary } from "../settings_summary.js";
import { createLiveSender } from "../live_sender.js";

// The same feel as the playground: a dragged structural slider restarts when the hand
// rests, live changes (learning rate, dropout...) go out often while dragging.
const RESTART_DEBOUNCE_MS = 200;
// Worker states in which the run can still be paused, resumed or changed live.
const LIVE_STATES = ["running", "paused", "starting"];
// A run in these states needs no core; its figure leaves the line for training slots.
const ENDED_STATES = ["finished", "stopped_early", "diverged", "error"];
// A figure off screen this long gives its worker back; seen again, it starts a fresh run.
const OFFSCREEN_RELEASE_MS = 5000;

export class Figure {
  #host;
  #wasm;
  #dom;
  #transport;
  #readouts;
  #chart;
  #lastEpoch = null; // the newest epoch shown, where early stopping ended the run
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
  #runs = 0;
  #visible = false;
  #wantsRun = false; // autoplay or the reader pressed Play; visibility decides the rest
  #visibility = null;
  #restartTimer = 0;
  #liveSender = createLiveSender(() => this.#client?.send({ type: "live", query: this.#runQuery }));
  #slot = createSlotTicket(() => this.#onSlot());
  #releaseTimer = 0;
  #ended = false; // the run ended and its worker was given back: nothing to resume

  constructor(host, shadow, wasm) {
    this.#host = host;
    this.#wasm = wasm;
    this.#dom = renderFigure(shadow);
    const dom = this.#dom;

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

    // Every control is built (so values() covers the whole config); only the chosen
    // ones are attached to the figure.
    const detached = document.createElement("div");
    this.#controls = buildControls(wasm.table, {
      top: detached,
      headline: detached,
      groups: detached,
      onChange: (key, value, committed) => this.#onControlChange(key, value, committed),
    });
    // Built away from the figure, so in its words explicitly (the root carries its lang).
    wordsFor(dom.root).apply(detached);
    for (const element of detached.querySelectorAll("[data-key]")) {
      this.#controlRoots.set(element.dataset.key, element);
    }
    dom.dismiss.addEventListener("click", () => (dom.notices.hidden = true));
    this.#series = createSeriesSource(wasm.glue, (notice) => {
      this.#seriesNotice = notice;
      this.#renderNotices();
    });
    this.#files = mountFileTools(dom.fileTools, {
      send: (message) => this.#client?.send(message),
      chart: this.#chart,
      chartCanvas: dom.chart,
      settings: () => this.#runQuery,
    });
    this.#views = createEmbedViews(dom.views, {
      send: (message) => this.#client?.send(message),
      onError: (error) => this.#failed(error),
    });
  }

  /** The message `key` in the figure's language. */
  #t = (key, values) => tr(this.#dom.root, key, values);

  /** The worker's run state: loading, starting, running, paused, finished, diverged, error. */
  get state() {
    return this.#transport.state;
  }

  /** Runs started since the figure connected (a restart is a new run). */
  get runCount() {
    return this.#runs;
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
    if ((changed || seriesChanged) && this.#started) this.#restart();
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
    this.#started = false;
    this.#visible = false;
    this.#transport.hideAlert();
    this.#transport.setState("loading");
  }

  // ---- running only while visible --------------------------------------------------

  #shouldRun() {
    return this.#wantsRun && this.#visible && this.#slot.granted;
  }

  #onVisibility(visible) {
    this.#visible = visible;
    window.clearTimeout(this.#releaseTimer);
    this.#updateSlot();
    // A figure that will not autoplay still builds its run when seen, to show it.
    if (visible && !this.#client && !this.#ended && (this.#slot.granted || !this.#wantsRun)) this.#spawnWorker();
    else this.#syncRunning();
    if (!visible && this.#client) this.#releaseTimer = window.setTimeout(() => this.#release(), OFFSCREEN_RELEASE_MS);
  }

  /** Join or leave the line for a training slot: wanted while visible, wanted and not ended. */
  #updateSlot() {
    const ended = ENDED_STATES.includes(this.state) || this.#ended;
    this.#slot.want(this.#wantsRun && this.#visible && !ended);
    this.#showWaiting();
  }

  #onSlot() {
    if (this.#slot.granted && !this.#client && this.#visible && !this.#ended) this.#spawnWorker();
    else this.#syncRunning();
    this.#showWaiting();
  }

  #showWaiting() {
    if (this.#slot.waiting) this.#transport.setState(this.state, this.#t("status.waiting_core"));
  }

  /** Off screen for a while: end the worker. A run in progress starts afresh when seen. */
  #release() {
    if (this.#visible || !this.#client) return;
    this.#ended = ENDED_STATES.includes(this.state) && this.state !== "error";
    this.#client.terminate();
    this.#client = null;
    this.#started = false;
    if (!this.#ended) this.#transport.setState("paused", this.#t("status.paused_off_screen"));
  }

  /** Pause or resume the worker to match wantsRun, visibility and the training slot. */
  #syncRunning() {
    if (!this.#client || !this.#started || !LIVE_STATES.includes(this.state)) return;
    this.#client.send({ type: this.#shouldRun() ? "resume" : "pause" });
  }

  #play() {
    this.#wantsRun = true;
    this.#updateSlot();
    if (!this.#client && this.#visible && this.#slot.granted) this.#spawnWorker();
    this.#syncRunning();
  }

  #pause() {
    this.#wantsRun = false;
    this.#updateSlot();
    this.#client?.send({ type: "pause" });
  }

  #step() {
    this.#wantsRun = false;
    this.#updateSlot();
    this.#client?.send({ type: "step" });
  }

  #spawnWorker() {
    this.#client = createTrainerClient({
      ready: () => {
        if (!this.#started) this.#restart();
      },
      started: (message) => this.#onStarted(message),
      epochs: (message) => this.#onEpochs(message),
      progress: (message) => this.#readouts.showProgress(message),
      status: (message) => this.#onStatus(message),
      error: (message) => this.#onWorkerError(message),
      view_data: (message) => this.#views.onViewData(message),
      export: (message) => this.#files.onMessage(message),
      file_refused: (message) => this.#files.onMessage(message),
    });
  }

  #restart() {
    window.clearTimeout(this.#restartTimer);
    this.#restartTimer = 0;
    this.#ended = false;
    this.#updateSlot();
    if (!this.#client) {
      // Given back off screen or never started: a fresh worker restarts once ready.
      if (this.#visible) this.#spawnWorker();
      return;
    }
    this.#started = true;
    this.#transport.hideAlert();
    this.#transport.setState("starting");
    // A series attribute still loading: the first run waits for it rather than showing the wave.
    this.#series.ready().then(() => {
      const settings = new URLSearchParams(this.#runQuery);
      const series = this.#series.valuesFor(settings.get("task"), Number(settings.get("len")));
      // A worker that is dead, or busy inside a long step, is replaced (trainer_client.js).
      this.#client?.start({ type: "start", query: this.#runQuery, paused: !this.#shouldRun(), series });
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
    if (!this.#started) return;

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
    this.#dom.openLink.href = playgroundLink(this.#runQuery, this.#options, this.#rawViews);
  }

  // ---- worker messages ---------------------------------------------------------------

  /** The run's early-stopping patience, read from its query. */
  #patience() {
    const value = new URLSearchParams(this.#runQuery).get("patience");
    return value === null ? null : Number(value);
  }

  #onStarted({ info }) {
    this.#runs += 1;
    this.#lastEpoch = null;
    this.#guard(() => this.#chart.reset(info));
    this.#readouts.startRun(info);
    this.#files.onStarted(info);
    this.#views.onStarted(info);
    const title = info.words?.[this.#dom.root.lang]?.title ?? info.title;
    this.#dom.root.setAttribute("aria-label", this.#t("figure.label_of", { title }));
    this.#dom.chart.setAttribute(
      "aria-label",
      this.#t("figure.chart_label_of", { title }),
    );
  }

  #onEpochs(message) {
    this.#lastEpoch = message.reports.at(-1)?.epoch ?? this.#lastEpoch;
    this.#guard(() => this.#chart.push(message.reports));
    this.#readouts.showEpochs(message);
  }

  #onStatus({ status }) {
    this.#transport.setState(status.state);
    this.#updateSlot();
    if (status.state === "diverged") {
      this.#transport.showAlert(
        "diverged",
        this.#t("alert.diverged"),
        status.words?.[this.#dom.root.lang] ?? status.message ?? this.#t("alert.diverged_default"),
        [{ label: this.#t("transport.reset"), run: () => this.#restart() }],
      );
      this.#readouts.announce(this.#t("announce.diverged", { message: status.words?.[this.#dom.root.lang] ?? status.message ?? "" }));
    } else if (status.state === "finished") {
      this.#readouts.announce(this.#t("announce.finished"));
    } else if (status.state === "stopped_early") {
      // Say where it stopped and which weights it kept, on the chart and in words.
      const text = describeStoppedEarly(status, this.#lastEpoch, this.#patience());
      this.#guard(() => this.#chart.setStopped(this.#lastEpoch));
      this.#transport.showAlert("info", this.#t("status.stopped_early"), text);
      this.#readouts.announce(text);
    } else if (status.state === "running" && !this.#shouldRun()) {
      // Scrolled away (or paused) while the run was starting.
      this.#syncRunning();
    }
  }

  #onWorkerError({ message, fatal, workerDied, loadFailed }) {
    this.#transport.setState("error");
    // Reset starts a fresh worker when this one died or could not load its module.
    const title = workerDied || loadFailed ? "alert.worker_failed" : fatal ? "alert.stopped" : "alert.cannot_run";
    this.#transport.showAlert("error", this.#t(title), message, [{ label: this.#t("transport.reset"), run: () => this.#restart() }]);
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
