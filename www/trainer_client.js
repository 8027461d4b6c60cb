// The page's end of the worker protocol (see protocol.md): owns the Worker, forwards its
// messages to handlers, and turns a worker that dies into an ordinary error message.

import { tr } from "./i18n.js";
import { compileAsset } from "./load_failure.js";

/** The message `key` in the page's language. */
const t = (key, values) => tr(globalThis.document?.documentElement, key, values);

/**
 * The worker has no catalog: it names its messages by key (`key`, `values`, an `action`
 * being a key too); the page writes them in its words as `message`.
 */
function worded(message) {
  if (!message.key) return message;
  const values = { ...message.values };
  if (values.action) values.action = t(values.action);
  return { ...message, message: t(message.key, values) };
}

const WORKER_URL = new URL("./worker.js", import.meta.url);
const WASM_URL = new URL("./pkg/rnn_playground_worker_bg.wasm", import.meta.url);

let compiled = null; // Promise<WebAssembly.Module | null>, shared by every worker of the page

/**
 * The worker's wasm, fetched and compiled once per page and handed to each worker: seven
 * figures (or a sweep's pool) download and compile it once, not seven times. Null when the
 * page cannot get it: the worker then fetches it itself and reports what went wrong.
 */
function workerModule() {
  compiled ??= compileAsset(WASM_URL).catch(() => null);
  return compiled;
}

/**
 * Browsers start workers only from the page's own origin. When these files come from
 * another one (an embedded figure loaded from a CDN), a same-origin blob worker imports the
 * real worker.js, whose own URL still finds the wasm (the asset host must allow CORS).
 */
function startWorker() {
  // The offline file (offline_boot.js): from file:// only a classic blob worker starts.
  const offline = globalThis.rnnPlaygroundOffline;
  if (offline) return new Worker(offline.workerUrl, { name: "trainer" });
  const options = { type: "module", name: "trainer" };
  if (WORKER_URL.origin === self.location.origin) return new Worker(WORKER_URL, options);
  const shim = new Blob([`import ${JSON.stringify(WORKER_URL.href)};`], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(shim), options);
}

// The watchdog. A worker that is silent longer than its work explains is dead (closed,
// crashed, killed by the browser): it is reported like a worker that failed to load.
// Tight enough that a closed worker is reported within about 2 s (the bound is 3 s);
// a living worker answers a ping between slices, within milliseconds.
const WATCH_EVERY_MS = 250;
const PING_AFTER_MS = 400; // an idle worker is asked whether it lives after this silence
const DEAD_AFTER_MS = 1500; // ...and counts as dead after this much more than its work needs
const LOADING_ALLOWANCE_MS = 20_000; // loading the module and building a big network
// A worker that should be training but has said nothing this long is inside a long step:
// a new run replaces it instead of queueing behind that step.
const BUSY_AFTER_MS = 200;

/**
 * The measured training speed of this device in flops per millisecond, shared by every
 * worker of the page and remembered across visits, so the first step of a big model can be
 * estimated before it runs. Null until something was measured.
 */
const SPEED_KEY = "rnn-playground.flops-per-ms";
let flopsPerMs = readSpeed();

function readSpeed() {
  try {
    const value = Number(globalThis.localStorage?.getItem(SPEED_KEY));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null; // storage blocked (sandboxed iframe, privacy settings)
  }
}

// Storage writes are synchronous: the speed is written when it moved by a tenth, not at
// every message of every worker.
const REMEMBER_CHANGE = 0.1;
let storedFlopsPerMs = flopsPerMs;

function rememberSpeed(value) {
  flopsPerMs = value;
  if (storedFlopsPerMs && Math.abs(value - storedFlopsPerMs) < REMEMBER_CHANGE * storedFlopsPerMs) return;
  storedFlopsPerMs = value;
  try {
    globalThis.localStorage?.setItem(SPEED_KEY, String(Math.round(value)));
  } catch {
    // not remembered; this page still uses it
  }
}

// Before anything was measured on this device: a modest laptop's speed (a 2-core machine
// measured 13 GFLOP/s), so a first visit to a huge model is warned about before its first
// step ends; the first measurement replaces it.
const GUESSED_FLOPS_PER_MS = 5e6;

/** The expected milliseconds of one training step of `flops`, or null when unknown. */
export function estimateStepMs(flops) {
  return flops > 0 ? flops / (flopsPerMs ?? GUESSED_FLOPS_PER_MS) : null;
}

/** A worker, handed the page's compiled module as its first message. */
function launchWorker() {
  const worker = startWorker();
  // Always the first message the worker acts on (it waits for it before loading).
  workerModule().then((module) => worker.postMessage({ type: "wasm_module", module }));
  return worker;
}

/**
 * A worker started ahead of need: it loads its module while idle, and what it says (its
 * "ready", or a load failure) is held until a client adopts it.
 */
function prepareWorker() {
  const worker = launchWorker();
  const held = [];
  worker.onmessage = (event) => held.push(["message", event]);
  worker.onerror = (event) => {
    event.preventDefault();
    held.push(["error", event]);
  };
  return { worker, held };
}

/**
 * handlers: one per worker message type (see protocol.md), plus `error` for a worker that
 * died. Options: `keepSpare`: while the run's steps are long, keep a loaded worker ready,
 * so Reset and a structural change replace the busy one without waiting for a load.
 * Returns `{ send, start, respawn, terminate, stepMs }`.
 */
export function createTrainerClient(handlers, { keepSpare = false } = {}) {
  let worker = null;
  let dead = false; // the current worker failed or stopped answering
  let phase = "loading"; // loading | starting | running | idle: what silence to expect
  let lastHeard = 0;
  let pinged = false;
  let flopsPerStep = 0;
  let measuredStepMs = null;

  const stepMs = () => measuredStepMs ?? estimateStepMs(flopsPerStep);
  const allowance = () => {
    if (phase === "loading" || phase === "starting") return LOADING_ALLOWANCE_MS;
    // Training: a step, or a validation chunk, may be long; both are bounded by a few steps.
    const work = phase === "running" ? 3 * (stepMs() ?? 1000) : 0;
    return work + DEAD_AFTER_MS;
  };

  const died = (message) => {
    if (dead) return;
    dead = true;
    phase = "idle";
    handlers.error({ type: "error", message, fatal: true, workerDied: true });
  };

  const heard = (message) => {
    lastHeard = performance.now();
    pinged = false;
    if (message.type === "started") {
      flopsPerStep = Number(message.info?.flops_per_step) || 0;
      measuredStepMs = null;
    } else if (message.type === "status") {
      phase = message.status?.state === "running" ? "running" : "idle";
    } else if (message.type === "error") {
      phase = "idle";
      // A module that failed to import stays failed in this worker: the next start needs a new one.
      if (message.loadFailed) dead = true;
    } else if (message.type === "ready" && phase === "loading") {
      phase = "idle";
    }
    const perSec = Number(message.stepsPerSec);
    if ((message.type === "epochs" || message.type === "progress") && perSec > 0) {
      measuredStepMs = 1000 / perSec;
      if (flopsPerStep > 0) rememberSpeed(flopsPerStep / measuredStepMs);
    }
  };

  let spare = null; // a prepared worker (keepSpare), or null
  const spareIfSlow = () => {
    if (keepSpare && !spare && watchdog && (stepMs() ?? 0) > BUSY_AFTER_MS) spare = prepareWorker();
  };

  /** Take a prepared worker (`prepared`), or start one. */
  const spawn = (prepared = null) => {
    watchdog ||= setInterval(watch, WATCH_EVERY_MS);
    worker = prepared?.worker ?? launchWorker();
    dead = false;
    phase = "loading";
    lastHeard = performance.now();
    pinged = false;
    const mine = worker;
    worker.onmessage = (event) => {
      if (mine !== worker) return;
      const message = worded(event.data ?? {});
      heard(message);
      if (["started", "epochs", "progress"].includes(message.type)) spareIfSlow();
      const handler = handlers[message.type];
      if (handler) handler(message);
    };
    worker.onerror = (event) => {
      // Module workers that fail to load report an ErrorEvent with no message.
      event.preventDefault();
      if (mine !== worker) return;
      const detail = event.message ? `: ${event.message}` : t("worker.not_loaded", { file: WORKER_URL.pathname });
      died(t("worker.stopped", { detail }));
    };
    worker.onmessageerror = () => {
      handlers.error({ type: "error", message: t("worker.unreadable"), fatal: false });
    };
    // What a prepared worker said while it waited, in order.
    for (const [kind, event] of prepared?.held ?? []) (kind === "error" ? worker.onerror : worker.onmessage)(event);
  };

  let lastTick = performance.now();
  const watch = () => {
    const now = performance.now();
    // A late tick means this page was stalled (or its tab hidden): the worker's messages
    // may be waiting in the queue. Ask again rather than judge on a stale clock.
    if (now - lastTick > 3 * WATCH_EVERY_MS) lastHeard = Math.max(lastHeard, now - PING_AFTER_MS);
    lastTick = now;
    if (!worker || dead) return;
    const silent = now - lastHeard;
    if (silent > allowance() && pinged) {
      died(t("worker.silent", { seconds: Math.round(silent / 1000) }));
    } else if (silent > PING_AFTER_MS && !pinged) {
      pinged = true;
      worker.postMessage({ type: "ping" });
    }
  };
  let watchdog = 0;

  const replace = () => {
    worker?.terminate();
    const prepared = spare;
    spare = null;
    spawn(prepared);
  };

  spawn();

  return {
    send(message) {
      if (message.type === "start") phase = "starting";
      worker.postMessage(message);
    },
    /**
     * Start a run (`{type: "start", ...}`) at once: a worker that is dead, or busy inside a
     * long step, is replaced by a fresh one (its run is being discarded anyway).
     */
    start(message) {
      // Silent for a while, or training a model whose steps are long (the worker is then
      // nearly always inside one, even just after it spoke).
      const working = ["running", "starting"].includes(phase);
      const busy = working && (performance.now() - lastHeard > BUSY_AFTER_MS || (stepMs() ?? 0) > BUSY_AFTER_MS);
      if (dead || busy) replace();
      phase = "starting";
      worker.postMessage(message);
    },
    /** Replace a dead worker with a fresh one; its "ready" message follows. */
    respawn: replace,
    /** End the worker (a finished lab run, a lab mode cancelling or unmounting); a later
     * start() brings up a fresh one. */
    terminate() {
      clearInterval(watchdog);
      watchdog = 0;
      dead = true;
      worker.terminate();
      spare?.worker.terminate();
      spare = null;
    },
    /** The expected milliseconds of one step of the current run (measured, else estimated), or null. */
    stepMs,
    get dead() {
      return dead;
    },
  };
}
