// rnn-playground's side: its wasm (the same build the playground's worker loads, from
// www/pkg) in a module worker, training one reference configuration at a time.

import init, { BenchCase } from "/pkg/rnn_playground_worker.js";
import { serveRequests, timeSteps } from "./worker_common.mjs";

let current = null; // the BenchCase being timed

serveRequests(init(), {
  engine: () => ({ name: "rnn-playground wasm", detail: "single thread, simd128" }),

  setup({ config }) {
    current?.free();
    current = new BenchCase(config.name);
    return { flopsPerStep: current.flops_per_step(), described: current.describe() };
  },

  async run({ budget }) {
    const timed = await timeSteps(() => current.step(1), budget);
    return { ...timed, loss: current.last_loss() };
  },

  dispose() {
    current?.free();
    current = null;
    return null;
  },
});
