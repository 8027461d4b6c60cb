// The worker's side of the "inside the network" views (see protocol.md, "Views"): it keeps
// the page's request and decides when to compute view data, so that looking costs at most
// a few percent of training time.
//
// View data is computed
// - at once when the page changes its request (views opened, temperature, layer), when a
//   run starts (the untrained network), after a Step, and when a run finishes;
// - while training, every `every` epochs, but only once the training time since the last
//   computation is at least (1 - BUDGET) / BUDGET times what that computation took, and
//   never more often than MIN_INTERVAL_MS.

// At most this fraction of the worker's time goes to views while training.
const BUDGET = 0.05;
// Two updates a second look live; more would only cost the page drawing time.
const MIN_INTERVAL_MS = 500;
const DEFAULT_EVERY = 5;

export function createViewScheduler({ compute, post }) {
  let request = { views: [], every: DEFAULT_EVERY, temperature: 1, layer: 0, sampleChars: 200 };
  let epochsSince = 0;
  let trainMsSince = 0;
  let lastCostMs = 0;
  let lastAt = -Infinity;

  const wanted = () => request.views.length > 0;

  function run() {
    if (!wanted()) return;
    const started = performance.now();
    const data = compute({
      views: request.views,
      temperature: request.temperature,
      layer: request.layer,
      sample_chars: request.sampleChars,
    });
    const finished = performance.now();
    lastCostMs = finished - started;
    lastAt = finished;
    epochsSince = 0;
    trainMsSince = 0;
    if (data) post({ type: "view_data", data, costMs: lastCostMs });
  }

  return {
    /** A `views` message from the page. Unknown fields keep their previous values. */
    setRequest(message) {
      const number = (value, fallback) => (Number.isFinite(Number(value)) ? Number(value) : fallback);
      request = {
        views: Array.isArray(message.views) ? message.views.map(String) : request.views,
        every: Math.max(1, Math.round(number(message.every, request.every))),
        temperature: number(message.temperature, request.temperature),
        layer: Math.max(0, Math.round(number(message.layer, request.layer))),
        sampleChars: Math.max(1, Math.round(number(message.sampleChars, request.sampleChars))),
      };
    },
    /** Compute now (a new request, a new run, a step, the end of a run). */
    now: run,
    /** After a training slice that finished `epochs` epochs in `trainMs` milliseconds. */
    afterSlice(epochs, trainMs) {
      if (!wanted()) return;
      epochsSince += epochs;
      trainMsSince += trainMs;
      const due = epochsSince >= request.every;
      const affordable = trainMsSince >= lastCostMs * ((1 - BUDGET) / BUDGET);
      const spaced = performance.now() - lastAt >= MIN_INTERVAL_MS;
      if (due && affordable && spaced) run();
    },
  };
}
