// TensorFlow.js's side: tfjs 4.22 in a module worker, on the backend named in the worker's
// URL (`?backend=wasm` or `?backend=cpu`), training the same shapes as rnn-playground:
// stacked tf.layers.lstm / gru / simpleRNN (sigmoid gates, glorotUniform kernels), a Dense
// head, the same loss and Adam, on synthetic data drawn from a fixed seed.

// The UMD bundles define globalThis.tf; the wasm backend registers itself on it.
import "/tfjs/tf.min.js";
import "/tfjs-wasm/tf-backend-wasm.min.js";
import { serveRequests, timeSteps } from "./worker_common.mjs";

const tf = globalThis.tf;
const backend = new URL(self.location.href).searchParams.get("backend") ?? "wasm";
const headStyle = new URL(self.location.href).searchParams.get("head") ?? "dense";

async function load() {
  if (backend === "wasm") tf.wasm.setWasmPaths("/tfjs-wasm/");
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend "${backend}" failed to initialise`);
  await tf.ready();
}

let current = null; // { model, x, y }

serveRequests(load(), {
  async engine() {
    const features =
      backend === "wasm"
        ? `simd ${await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")}, threads ${await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")}`
        : "plain JS kernels";
    return { name: `tfjs ${tf.version.tfjs} ${tf.getBackend()}`, detail: features };
  },

  async setup({ config }) {
    dispose();
    tf.setBackend(backend);
    const model = buildModel(config);
    const { x, y } = syntheticBatch(config, 1);
    current = { model, x, y };
    return { params: model.countParams(), tensors: tf.memory().numTensors };
  },

  async run({ budget }) {
    const { model, x, y } = current;
    let loss = NaN;
    // trainOnBatch resolves after the loss is read back, so each step has finished.
    const timed = await timeSteps(async () => {
      loss = await model.trainOnBatch(x, y);
    }, budget);
    return { ...timed, loss, tensors: tf.memory().numTensors };
  },

  dispose() {
    dispose();
    return null;
  },
});

function dispose() {
  if (!current) return;
  // model.dispose() leaves the optimizer's moment tensors alive.
  current.model.optimizer.dispose();
  current.model.dispose();
  current.x.dispose();
  current.y.dispose();
  current = null;
}

/** The recurrent stack and head of `config` (a description from rnn-playground's wasm). */
function buildModel(config) {
  const { spec, seq_len: steps } = config;
  const allSteps = spec.readout === "all_steps";
  const model = tf.sequential();
  for (let layer = 0; layer < spec.num_layers; layer++) {
    const options = {
      units: spec.hidden_size,
      returnSequences: allSteps || layer < spec.num_layers - 1,
      kernelInitializer: "glorotUniform",
      // tfjs's default (orthogonal) is slow to draw for 128x512 and irrelevant to speed.
      recurrentInitializer: "glorotUniform",
      ...(layer === 0 ? { inputShape: [steps, spec.input_size] } : {}),
    };
    switch (spec.cell) {
      case "lstm":
        model.add(tf.layers.lstm({ ...options, recurrentActivation: "sigmoid" }));
        break;
      case "gru":
        model.add(tf.layers.gru({ ...options, recurrentActivation: "sigmoid" }));
        break;
      case "rnn_tanh":
        model.add(tf.layers.simpleRNN({ ...options, activation: "tanh" }));
        break;
      case "rnn_relu":
        model.add(tf.layers.simpleRNN({ ...options, activation: "relu" }));
        break;
      default:
        throw new Error(`no tfjs layer for cell "${spec.cell}"`);
    }
  }
  const crossEntropy = spec.loss === "cross_entropy";
  const dense = tf.layers.dense({
    units: spec.output_size,
    activation: crossEntropy ? "softmax" : "linear",
    kernelInitializer: "glorotUniform",
  });
  // Per-step head: Dense applies to the last axis of [B, T, H] as one product; wrapping
  // it in timeDistributed (`?head=timedistributed`) runs it step by step instead.
  model.add(allSteps && headStyle === "timedistributed" ? tf.layers.timeDistributed({ layer: dense }) : dense);
  model.compile({
    optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-8),
    loss: crossEntropy ? "categoricalCrossentropy" : "meanSquaredError",
  });
  return model;
}

/** Inputs and targets as float tensors: one-hot [B, T, V] tokens and one-hot classes, or
 * normal values; drawn from a seeded generator so every run trains on the same numbers. */
function syntheticBatch(config, seed) {
  const { spec, batch, seq_len: steps } = config;
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const oneHot = (rows, width) => {
    const values = new Float32Array(rows * width);
    for (let row = 0; row < rows; row++) values[row * width + Math.floor(random() * width)] = 1;
    return values;
  };
  const x = config.tokens
    ? tf.tensor3d(oneHot(batch * steps, spec.input_size), [batch, steps, spec.input_size])
    : tf.tensor3d(Float32Array.from({ length: batch * steps * spec.input_size }, normal), [batch, steps, spec.input_size]);
  const outputShape = spec.readout === "all_steps" ? [batch, steps, spec.output_size] : [batch, spec.output_size];
  const positions = outputShape.slice(0, -1).reduce((a, b) => a * b, 1);
  const targets =
    spec.loss === "cross_entropy"
      ? oneHot(positions, spec.output_size)
      : Float32Array.from({ length: positions * spec.output_size }, normal);
  return { x, y: tf.tensor(targets, outputShape) };
}

/** A small seeded generator of uniform numbers in [0, 1). */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
