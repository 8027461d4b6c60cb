// The benchmark page: starts one worker per engine and lets the runner (run.mjs, through
// Playwright) drive them via `window.bench`. Only one worker computes at a time, so the
// engines never compete for the machine's cores.

/** A worker answering `{ id, type, ... }` requests (see worker_common.mjs). */
class EngineWorker {
  constructor(url) {
    this.worker = new Worker(url, { type: "module" });
    this.pending = new Map();
    this.nextId = 1;
    this.worker.onmessage = ({ data }) => {
      const waiting = this.pending.get(data.id);
      if (!waiting) return;
      this.pending.delete(data.id);
      if ("error" in data) waiting.reject(new Error(data.error));
      else waiting.resolve(data.result);
    };
    // A worker that fails to load (bad URL, syntax error) fails every request.
    this.worker.onerror = (event) => {
      const error = new Error(`worker ${url}: ${event.message ?? "failed to load"}`);
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
  }

  request(type, args = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...args });
    });
  }
}

const WORKER_URLS = {
  ours: "./ours_worker.mjs",
  "tfjs-wasm": "./tfjs_worker.mjs?backend=wasm",
  "tfjs-cpu": "./tfjs_worker.mjs?backend=cpu",
};

const engines = new Map();

window.bench = {
  /** Start the named engines' workers; returns each engine's name and details. */
  async start(names, { tfjsHead = "dense" } = {}) {
    const described = {};
    for (const name of names) {
      const url = new URL(WORKER_URLS[name], import.meta.url);
      if (name.startsWith("tfjs")) url.searchParams.set("head", tfjsHead);
      const worker = new EngineWorker(url);
      engines.set(name, worker);
      described[name] = await worker.request("engine");
    }
    return described;
  },
  /** The reference configurations, as rnn-playground's wasm defines them. */
  async configs() {
    const { default: init, bench_configs } = await import("/pkg/rnn_playground_worker.js");
    await init();
    return bench_configs();
  },
  setup: (engine, config) => engines.get(engine).request("setup", { config }),
  run: (engine, budget) => engines.get(engine).request("run", { budget }),
  dispose: (engine) => engines.get(engine).request("dispose"),
  environment: () => ({ userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, crossOriginIsolated }),
};
window.benchReady = true;
