// The training worker: loads the wasm, runs a TrainerHandle in short time slices and posts
// epoch reports. Between slices it yields to its event loop, so pause, step, live changes
// and restarts from the page are answered within one slice (~15 ms).
// The message protocol is documented in protocol.md.

import { compileAsset } from "./load_failure.js";
import { createViewScheduler } from "./views_worker.js";

// Long enough to amortise the postMessage per slice, short enough to feel instant.
const SLICE_MS = 15;
// A slice that finished no epoch still says how far the epoch is, at most this often: the
// page's readouts move during long epochs, and its watchdog hears that the worker lives.
const PROGRESS_EVERY_MS = 100;

// The worker's own module: the trainer bindings without the page's chart code.
const glueUrl = new URL("./pkg/rnn_playground_worker.js", import.meta.url);
const wasmUrl = new URL("./pkg/rnn_playground_worker_bg.wasm", import.meta.url);

let wasm = null; // the loaded glue module (named exports)
let compiled = null; // WebAssembly.Module, kept to re-instantiate after a panic
let generation = 0; // how many times the module was instantiated
let loading = null; // Promise while (re)loading
// The page compiles the module once and posts it ({type: "wasm_module"}); null means the
// page could not, and this worker fetches it itself (and names the file if that fails).
let receiveModule;
const handedModule = new Promise((resolve) => (receiveModule = resolve));

let trainer = null;
let query = "";
let series = null; // the reader's own series (Float32Array) the run trains on, or null
let running = false; // the page wants training to advance
let stepping = false; // advancing only until the next epoch ends (the Step button)
let lastPosted = 0; // when the last slice message went out
let runState = "running"; // the trainer's own state: running | finished | diverged | failed
let loopScheduled = false;

const post = (message) => self.postMessage(message);

// The "inside the network" views: view data computed from the trainer (views_worker.js).
const views = createViewScheduler({
  post,
  compute(request) {
    if (!trainer || !wasm) return null;
    try {
      return trainer.view_data(request);
    } catch (error) {
      // A panic needs the usual recovery; any other failure only costs this update.
      if (error instanceof WebAssembly.RuntimeError) guarded("worker.action.inspecting", () => { throw error; });
      else post({ type: "view_data", data: null, error: messageOf(error) });
      return null;
    }
  },
});

// A zero-delay yield: setTimeout(0) is clamped to 4 ms when nested, MessageChannel is not.
const tick = new MessageChannel();
tick.port1.onmessage = () => {
  loopScheduled = false;
  runSlice();
};
function scheduleSlice() {
  if (!loopScheduled && running && trainer) {
    loopScheduled = true;
    tick.port2.postMessage(null);
  }
}


/** (Re)instantiate. A fresh import URL gives a fresh glue module, since the old one holds
 * the dead instance after a panic. */
async function loadWasm() {
  const url = generation === 0 ? glueUrl.href : `${glueUrl.href}?instance=${generation}`;
  generation += 1;
  const glue = await import(url);
  compiled ??= (await handedModule) ?? (await compileAsset(wasmUrl));
  await glue.default({ module_or_path: compiled });
  wasm = glue;
}

function ensureLoaded() {
  if (!loading) {
    loading = loadWasm().then(
      () => post({ type: "ready" }),
      (error) => {
        loading = null;
        post({ type: "error", key: "worker.load_failed", values: { error: messageOf(error) }, fatal: true, loadFailed: true });
        throw error;
      },
    );
  }
  return loading;
}

function messageOf(error) {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Every wasm call goes through here: errors become messages, panics a re-instantiation. */
/** Runs `fn`; `action` is the catalog key of what it does, for the crash message. */
function guarded(action, fn) {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    running = false;
    const panicked = error instanceof WebAssembly.RuntimeError;
    if (panicked) {
      // The instance is unusable after a panic: drop it (no free(), that would run wasm)
      // and load a fresh one for the next start.
      trainer = null;
      wasm = null;
      loading = null;
      ensureLoaded().catch(() => {});
      post({
        type: "error",
        key: "worker.crashed",
        values: { action, error: messageOf(error) },
        fatal: true,
      });
    } else {
      post({ type: "error", message: messageOf(error), words: error?.words, fatal: false });
    }
    return { ok: false };
  }
}

function freeTrainer() {
  if (trainer) {
    const old = trainer;
    trainer = null;
    guarded("worker.action.freeing", () => old.free());
  }
}

function postSlice(slice) {
  const progress = {
    epochSteps: slice.epoch_steps,
    epochStepsTotal: slice.epoch_steps_total,
    validating: Boolean(slice.validating),
  };
  const now = performance.now();
  if (slice.reports.length > 0) {
    lastPosted = now;
    post({
      type: "epochs",
      reports: slice.reports,
      stepsPerSec: slice.steps_per_sec,
      bestEpoch: slice.best_epoch ?? null,
      bestValLoss: slice.best_val_loss ?? null,
      ...progress,
    });
  } else if (now - lastPosted >= PROGRESS_EVERY_MS) {
    lastPosted = now;
    // steps_per_sec is 0 for a slice spent validating: no news about speed.
    post({ type: "progress", stepsPerSec: slice.steps_per_sec > 0 ? slice.steps_per_sec : null, ...progress });
  }
  const state = slice.status?.state ?? "running";
  if (state !== "running" && runState === "running") {
    running = false;
    runState = state;
    if (state === "failed") {
      // A bug inside the trainer, not a training problem: an error, without the
      // learning-rate advice a divergence gets.
      post({ type: "error", key: "view.internal", values: { error: slice.status.words ?? slice.status.message }, fatal: true });
    } else {
      post({ type: "status", status: slice.status });
    }
  }
}

function runSlice() {
  if (!running || !trainer || runState !== "running") return;
  const sliceStarted = performance.now();
  const result = guarded("worker.action.training", () => (stepping ? trainer.step_for(SLICE_MS) : trainer.run_for(SLICE_MS)));
  if (!result.ok) return;
  postSlice(result.value);
  if (stepping && result.value.reports.length > 0) {
    // The Step button's epoch is done: stay paused.
    stepping = false;
    running = false;
    views.now();
    if (runState === "running") postStatus();
    return;
  }
  if (runState === "running") views.afterSlice(result.value.reports.length, performance.now() - sliceStarted);
  else views.now();
  scheduleSlice();
}

function postStatus() {
  const state = runState !== "running" ? runState : running ? "running" : "paused";
  post({ type: "status", status: { state } });
}

async function start(newQuery, paused, newSeries, snapshot) {
  // A module that cannot load was reported by ensureLoaded; no second, vaguer error.
  if (!(await ensureLoaded().then(() => true, () => false))) return;
  freeTrainer();
  stepping = false;
  query = newQuery;
  series = newSeries ?? null;
  runState = "running";
  const resumed = snapshot ? resumeRun(snapshot) : null;
  if (resumed === false) return;
  if (!resumed) {
    const built = guarded("worker.action.building", () =>
      series ? wasm.TrainerHandle.with_series(query, series) : new wasm.TrainerHandle(query),
    );
    if (!built.ok) return;
    trainer = built.value;
  }
  const info = guarded("worker.action.describing", () => trainer.info());
  if (!info.ok) return;
  post({ type: "started", info: info.value, query, resumed });
  running = !paused;
  if (resumed && resumed.status.state !== "running") {
    runState = resumed.status.state;
    running = false;
    post({ type: "status", status: resumed.status });
  } else {
    postStatus();
  }
  scheduleSlice();
}

/**
 * Builds the trainer from a snapshot taken by another worker; returns the run so far
 * (`{reports, status, bestEpoch, bestValLoss, epochSteps, epochStepsTotal, validating,
 * restoreMs}`, every report), or null, leaving no trainer, when the
 * snapshot does not fit: the run then starts afresh, as it did before snapshots. False
 * after a panic (reported, the module reloading).
 */
function resumeRun(snapshot) {
  const began = performance.now();
  try {
    trainer = wasm.TrainerHandle.resume(snapshot, series ?? undefined);
    const run = trainer.so_far();
    return {
      reports: run.reports,
      status: run.status,
      bestEpoch: run.best_epoch ?? null,
      bestValLoss: run.best_val_loss ?? null,
      epochSteps: run.epoch_steps,
      epochStepsTotal: run.epoch_steps_total,
      validating: Boolean(run.validating),
      restoreMs: performance.now() - began,
    };
  } catch (error) {
    // A panic needs the usual recovery; a refused snapshot only costs the saved progress.
    if (error instanceof WebAssembly.RuntimeError) {
      guarded("worker.action.resuming", () => {
        throw error;
      });
      return false;
    }
    freeTrainer();
    return null;
  }
}

const handlers = {
  async start(message) {
    await start(message.query, Boolean(message.paused), message.series, message.snapshot);
  },
  // The page is about to end this worker and keeps the run's state for the next one.
  snapshot() {
    running = false;
    stepping = false;
    if (!trainer) return post({ type: "snapshot", snapshot: null });
    const began = performance.now();
    const taken = guarded("worker.action.saving", () => trainer.snapshot());
    if (!taken.ok) return;
    const takeMs = performance.now() - began;
    post({ type: "snapshot", snapshot: taken.value, takeMs, bytes: JSON.stringify(taken.value).length });
  },
  pause() {
    running = false;
    stepping = false;
    if (trainer) postStatus();
  },
  resume() {
    if (!trainer || runState !== "running") return;
    running = true;
    stepping = false;
    postStatus();
    scheduleSlice();
  },
  step() {
    if (!trainer || runState !== "running") return;
    // In slices like training, so Pause and Reset are answered during a long epoch.
    running = true;
    stepping = true;
    scheduleSlice();
  },
  views(message) {
    views.setRequest(message);
    views.now();
  },
  // Downloads and loaded weights (downloads.js). A refused file is an answer, not an
  // error: the run goes on untouched.
  export(message) {
    answerFileRequest(message, () => ({ type: "export", what: message.what, text: trainer.export_file(message.what) }));
  },
  load_weights(message) {
    const loaded = answerFileRequest(message, () => ({ type: "weights_loaded", score: trainer.load_state_dict(message.text) }));
    if (loaded) views.now();
  },
  async live(message) {
    if (!trainer) return;
    const applied = guarded("worker.action.applying", () => trainer.apply_live(message.query));
    if (!applied.ok) return;
    if (applied.value) {
      query = message.query;
    } else {
      // A structural difference: the contract says rebuild, which is a reset.
      await start(message.query, !running, series);
    }
  },
};

/** Posts `answer()` with the request's id, or `{type: "file_refused", id, message}`. */
function answerFileRequest(message, answer) {
  if (!trainer) {
    post({ type: "file_refused", id: message.id, key: "worker.no_run" });
    return false;
  }
  try {
    post({ ...answer(), id: message.id });
    return true;
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) guarded("worker.action.reading", () => { throw error; });
    else post({ type: "file_refused", id: message.id, message: messageOf(error), words: error?.words });
    return false;
  }
}

// Messages are handled strictly in order, even when one of them awaits the module load.
// They are collected first and handled one tick later, so a burst (a slider held down with
// the arrow key) collapses: a later start replaces the run, so anything queued before it
// is dropped instead of building networks nobody will see.
const inbox = [];
let draining = false;
const drainTick = new MessageChannel();
drainTick.port1.onmessage = () => drain();

self.onmessage = (event) => {
  // Not queued: queued messages wait for the load, and the load waits for this one.
  if (event.data?.type === "wasm_module") return receiveModule(event.data.module ?? null);
  // The page's watchdog asks whether this worker still lives; answered between slices.
  if (event.data?.type === "ping") return post({ type: "pong" });
  // Pause stops the next slice even if its tick comes before the drain's: within one step.
  // (Queued too, so it still applies after a start waiting in the inbox.)
  if (event.data?.type === "pause") running = false;
  inbox.push(event.data ?? {});
  if (!draining) {
    draining = true;
    drainTick.port2.postMessage(null);
  }
};

async function drain() {
  try {
    while (inbox.length > 0) {
      const lastStart = inbox.findLastIndex((message) => message.type === "start");
      if (lastStart > 0) inbox.splice(0, lastStart);
      const message = inbox.shift();
      const handler = handlers[message.type];
      if (!handler) {
        post({ type: "error", message: `unknown message type "${message.type}"`, fatal: false });
        continue;
      }
      try {
        await handler(message);
      } catch (error) {
        post({ type: "error", message: messageOf(error), fatal: false });
      }
    }
  } finally {
    draining = false;
  }
}

ensureLoaded().catch(() => {});
